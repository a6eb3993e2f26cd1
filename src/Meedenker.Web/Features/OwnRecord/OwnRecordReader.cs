using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Features.Cases;
using Meedenker.Web.Features.Hulpvraag;
using Meedenker.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.OwnRecord;

/// <summary>
/// Everything recorded about one resident, in plain words, for their own view and their export (HTML and
/// JSON). The same tree feeds all three, so the export holds every part the page shows and more is never
/// shown than exported.
/// </summary>
public sealed record OwnRecordView(
    DateTimeOffset MadeAt,
    OwnRecordView.PersonPart Person,
    IReadOnlyList<OwnRecordView.RequestPart> Requests,
    IReadOnlyList<OwnRecordView.CasePart> Cases,
    IReadOnlyList<OwnRecordView.AccessPart> WhoLooked,
    IReadOnlyList<OwnRecordView.PrivacyRequestPart> PrivacyRequests)
{
    public sealed record PersonPart(string? FirstName, string? LastName, string? Email, string? Phone, string? Address, int? BirthYear, string Municipality, string? Neighbourhood, DateTimeOffset Since);

    public sealed record RequestPart(string ReferenceCode, DateTimeOffset ReceivedAt, string Status, bool IsOpen, IReadOnlyList<string> LifeDomains, string? Question,
        string HowToContact, string? ContactTimes, string? Language, bool NeedsInterpreter, bool EasyLanguage, string? AccessibilityNeeds, string? AskedBy,
        string? ReferredBy, IReadOnlyList<StatusChangePart> History);

    public sealed record StatusChangePart(DateTimeOffset At, string Status);

    public sealed record CasePart(string ReferenceCode, string Organization, string? Meedenker, string Status, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt,
        string? Summary, DateTimeOffset? SummaryAt, IReadOnlyList<QuestionPart> Questions, IReadOnlyList<string> Roles, IReadOnlyList<GoalPart> Plan,
        IReadOnlyList<NetworkPart> Network, IReadOnlyList<ContactPart> Contacts, IReadOnlyList<ScorePart> SelfReliance, IReadOnlyList<ConsentPart> Consents,
        IReadOnlyList<HandoverPart> Handovers, IReadOnlyList<KompasPart> Kompas, IReadOnlyList<DateOnly> FollowUps, IReadOnlyList<ExperiencePart> Experiences);

    public sealed record QuestionPart(string LifeDomain, IReadOnlyList<string> Laws, string Text, DateTimeOffset At);

    public sealed record GoalPart(string LifeDomain, string Text, IReadOnlyList<ActionPart> Actions);

    public sealed record ActionPart(string Text, string Owner, DateOnly? DueOn, string Status);

    public sealed record NetworkPart(string Name, string Relation, string? WhatTheyDo);

    public sealed record ContactPart(DateTimeOffset At, string Mode, int Minutes, string? Note);

    public sealed record ScorePart(string LifeDomain, string Moment, int Score, DateTimeOffset At);

    public sealed record ConsentPart(Guid Id, string SharedWith, IReadOnlyList<string> Parts, IReadOnlyList<string> LifeDomains, string GivenBy, string How,
        DateTimeOffset GivenAt, DateTimeOffset? WithdrawnAt, bool WithdrawnByYou);

    public sealed record HandoverPart(string Direction, bool Partial, DateOnly PlannedOn, string Status, string? Reason, string? PassedOn, string? Decision);

    public sealed record KompasPart(DateTimeOffset At, string Question, string Answer);

    public sealed record ExperiencePart(DateTimeOffset At, int Heard, int Helped, int Manages, string? Comment);

    public sealed record AccessPart(DateTimeOffset At, string Who, string? Organization, string What, string Why, bool Allowed);

    public sealed record PrivacyRequestPart(string Kind, string? Text, DateTimeOffset At, DateOnly DueOn, string Status, string? Answer);
}

public sealed class OwnRecordReader(AppDbContext db, ReferenceData reference, TimeProvider time)
{
    /// <summary>At most this many access-log lines are shown on the page (the export holds them all).</summary>
    public const int PageAccessLines = 200;

    public async Task<OwnRecordView?> ReadAsync(Guid residentId, int? accessLines, CancellationToken cancellationToken)
    {
        var terms = await reference.GetAsync(cancellationToken);
        string Domain(string? code) => terms.TermName(TaxonomyKind.LifeDomain, code);
        var person = await db.Residents.AsNoTracking().Where(r => r.Id == residentId && r.AnonymisedAt == null)
            .Select(r => new OwnRecordView.PersonPart(r.FirstName, r.LastName, r.Email, r.Phone, r.Address, r.BirthYear,
                db.Municipalities.Where(m => m.Id == r.MunicipalityId).Select(m => m.Name).FirstOrDefault() ?? "",
                db.Neighbourhoods.Where(n => n.Id == r.NeighbourhoodId).Select(n => n.Name).FirstOrDefault(), r.CreatedAt))
            .SingleOrDefaultAsync(cancellationToken);
        if (person is null)
        {
            return null;
        }

        var requestRows = await db.HelpRequests.AsNoTracking().Include(h => h.StatusChanges).Include(h => h.LifeDomains)
            .Where(h => h.ResidentId == residentId && h.AnonymisedAt == null).OrderByDescending(h => h.ReceivedAt).ToListAsync(cancellationToken);
        var requestIds = requestRows.Select(h => h.Id).ToList();
        var referrals = await db.Referrals.AsNoTracking().Where(r => requestIds.Contains(r.HelpRequestId))
            .Select(r => new { r.HelpRequestId, Organization = db.Organizations.Where(o => o.Id == r.ReferrerOrganizationId).Select(o => o.Name).FirstOrDefault(), r.ReferrerName })
            .ToListAsync(cancellationToken);
        var requests = requestRows.Select(h => new OwnRecordView.RequestPart(
            h.ReferenceCode, h.ReceivedAt, RequestStatusName(h.Status), h.IsOpen,
            h.LifeDomains.Select(d => Domain(d.Code)).ToList(), h.Question,
            ContactName(h.ContactPreferences), TimesName(h.ContactTimes, h.ContactTimeNote),
            h.LanguageCode is null ? null : terms.TermName(TaxonomyKind.Language, h.LanguageCode), h.NeedsInterpreter, h.EasyLanguage, h.AccessibilityNeeds,
            h.Channel == RequestChannel.Relative ? h.RelativeName ?? Lang.Pick("iemand uit je omgeving", "someone close to you") : null,
            referrals.Where(r => r.HelpRequestId == h.Id).Select(r => string.Join(", ", new[] { r.Organization, r.ReferrerName }.Where(x => !string.IsNullOrWhiteSpace(x)))).FirstOrDefault(),
            h.StatusChanges.OrderBy(c => c.At).Select(c => new OwnRecordView.StatusChangePart(c.At, RequestStatusName(c.Status))).ToList())).ToList();

        var cases = await ReadCasesAsync(residentId, terms, cancellationToken);

        var log = db.AccessLog.AsNoTracking().Where(a => a.ResidentId == residentId).OrderByDescending(a => a.Id)
            .Select(a => new { a.At, a.Role, a.UserName, Organization = db.Organizations.Where(o => o.Id == a.OrganizationId).Select(o => o.Name).FirstOrDefault(), a.Action, a.Purpose, a.Outcome });
        var accessRows = accessLines is { } lines ? await log.Take(lines).ToListAsync(cancellationToken) : await log.ToListAsync(cancellationToken);
        var accesses = accessRows.Select(a => new OwnRecordView.AccessPart(a.At,
            a.Role == AccessCheck.ResidentRole && a.Outcome == AccessOutcome.Denied ? Lang.Pick("iemand zonder de juiste code", "someone without the right code") : WhoName(a.Role, a.UserName), a.Organization, ActionName(a.Action), PurposeName(a.Purpose), a.Outcome == AccessOutcome.Allowed)).ToList();

        var privacy = (await db.PrivacyRequests.AsNoTracking().Where(p => p.ResidentId == residentId).ToListAsync(cancellationToken))
            .OrderByDescending(p => p.CreatedAt)
            .Select(p => new OwnRecordView.PrivacyRequestPart(
                p.Kind == PrivacyRequestKind.Erasure ? Lang.Pick("gegevens wissen", "erase my data") : Lang.Pick("gegevens verbeteren", "correct my data"),
                p.Text, p.CreatedAt, p.DueOn,
                p.Outcome switch
                {
                    PrivacyRequestOutcome.Done => Lang.Pick("uitgevoerd", "carried out"),
                    PrivacyRequestOutcome.Refused => Lang.Pick("niet uitgevoerd", "not carried out"),
                    _ => Lang.Pick("in behandeling", "being handled"),
                }, p.Response)).ToList();

        return new OwnRecordView(time.GetUtcNow(), person, requests, cases, accesses, privacy);
    }

    private async Task<List<OwnRecordView.CasePart>> ReadCasesAsync(Guid residentId, ReferenceSnapshot terms, CancellationToken cancellationToken)
    {
        string Domain(string? code) => terms.TermName(TaxonomyKind.LifeDomain, code);
        var caseRows = await db.Cases.AsNoTracking().Where(c => c.ResidentId == residentId && c.Status != CaseStatus.OfferDeclined)
            .Join(db.HelpRequests, c => c.HelpRequestId, h => h.Id, (c, h) => new { c, h.ReferenceCode })
            .Select(x => new
            {
                x.c,
                x.ReferenceCode,
                Organization = db.Organizations.Where(o => o.Id == x.c.OrganizationId).Select(o => o.Name).FirstOrDefault() ?? "",
                Supporter = db.Users.Where(u => u.Id == x.c.SupporterId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var caseIds = caseRows.Select(x => x.c.Id).ToList();
        var questions = (await db.CaseQuestions.AsNoTracking().Where(q => caseIds.Contains(q.CaseId)).ToListAsync(cancellationToken)).ToLookup(q => q.CaseId);
        var goals = (await db.PlanGoals.AsNoTracking().Where(g => caseIds.Contains(g.CaseId)).ToListAsync(cancellationToken)).ToLookup(g => g.CaseId);
        var actions = (await db.PlanActions.AsNoTracking().Where(a => caseIds.Contains(a.CaseId)).ToListAsync(cancellationToken)).ToLookup(a => a.GoalId);
        var network = (await db.NetworkMembers.AsNoTracking().Where(m => caseIds.Contains(m.CaseId) && m.RemovedAt == null).ToListAsync(cancellationToken)).ToLookup(m => m.CaseId);
        var contacts = (await db.Contacts.AsNoTracking().Where(k => caseIds.Contains(k.CaseId)).ToListAsync(cancellationToken)).ToLookup(k => k.CaseId);
        var scores = (await db.SelfRelianceScores.AsNoTracking().Where(s => caseIds.Contains(s.CaseId)).ToListAsync(cancellationToken)).ToLookup(s => s.CaseId);
        var consents = (await db.CaseConsents.AsNoTracking().Where(c => caseIds.Contains(c.CaseId)).ToListAsync(cancellationToken)).ToLookup(c => c.CaseId);
        var handovers = (await db.Handovers.AsNoTracking().Where(h => caseIds.Contains(h.CaseId)).ToListAsync(cancellationToken)).ToLookup(h => h.CaseId);
        var kompas = (await db.KompasReflections.AsNoTracking().Include(r => r.Answers).Where(r => caseIds.Contains(r.CaseId)).ToListAsync(cancellationToken)).ToLookup(r => r.CaseId);
        var followUps = (await db.FollowUps.AsNoTracking().Where(f => caseIds.Contains(f.CaseId)).ToListAsync(cancellationToken)).ToLookup(f => f.CaseId);
        var experiences = (await db.ResidentExperiences.AsNoTracking().Where(x => caseIds.Contains(x.CaseId)).ToListAsync(cancellationToken)).ToLookup(x => x.CaseId);
        var organizationIds = consents.SelectMany(g => g).Select(c => c.GranteeOrganizationId).Distinct().ToList();
        var supporterIds = consents.SelectMany(g => g).Select(c => c.GranteeSupporterId).OfType<Guid>().Distinct().ToList();
        var organizations = await db.Organizations.AsNoTracking().Where(o => organizationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        var supporters = await db.Users.AsNoTracking().Where(u => supporterIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);

        return caseRows.OrderByDescending(x => x.c.OpenedAt).Select(x =>
        {
            var id = x.c.Id;
            return new OwnRecordView.CasePart(
                x.ReferenceCode, x.Organization, x.Supporter is null ? null : StatusModel.FirstName(x.Supporter), CaseStatusName(x.c.Status), x.c.OpenedAt, x.c.ClosedAt,
                x.c.SummaryForResident, x.c.SummaryForResidentAt,
                questions[id].OrderBy(q => q.CreatedAt).Select(q => new OwnRecordView.QuestionPart(Domain(q.LifeDomainCode),
                    q.LawCodes.Select(l => terms.TermName(TaxonomyKind.Law, l)).ToList(), q.Text, q.CreatedAt)).ToList(),
                x.c.RoleCodes.Select(r => terms.TermName(TaxonomyKind.SupporterRole, r)).ToList(),
                goals[id].OrderBy(g => g.CreatedAt).Select(g => new OwnRecordView.GoalPart(Domain(g.LifeDomainCode), g.Text,
                    actions[g.Id].OrderBy(a => a.CreatedAt).Select(a => new OwnRecordView.ActionPart(a.Text,
                        a.OwnerName is { Length: > 0 } ? $"{CasePlanModel.OwnerName(a.Owner)} ({a.OwnerName})" : CasePlanModel.OwnerName(a.Owner),
                        a.DueOn, CasePlanModel.StatusName(a.Status))).ToList())).ToList(),
                network[id].OrderBy(m => m.CreatedAt).Select(m => new OwnRecordView.NetworkPart(m.Name, m.Relation, m.WhatTheyDo)).ToList(),
                contacts[id].OrderByDescending(k => k.At).Select(k => new OwnRecordView.ContactPart(k.At, CaseFileModel.ModeName(k.Mode), k.DurationMinutes, k.Note)).ToList(),
                scores[id].OrderBy(s => s.At).Select(s => new OwnRecordView.ScorePart(Domain(s.LifeDomainCode), CaseFileModel.MomentName(s.Moment), s.Score, s.At)).ToList(),
                consents[id].OrderByDescending(c => c.GivenAt).Select(c => new OwnRecordView.ConsentPart(c.Id,
                    c.GranteeSupporterId is { } s && supporters.TryGetValue(s, out var name)
                        ? $"{StatusModel.FirstName(name)} ({(organizations.TryGetValue(c.GranteeOrganizationId, out var o1) ? o1 : "")})"
                        : Lang.Pick("alle meedenkers van ", "all meedenkers of ") + (organizations.TryGetValue(c.GranteeOrganizationId, out var o2) ? o2 : ""),
                    PartNames(c.Parts), c.LifeDomainCodes.Count == 0 ? [Lang.Pick("alle levensgebieden", "all life domains")] : c.LifeDomainCodes.Select(Domain).ToList(),
                    c.GivenBy, CaseConsentsModel.HowName(c.How), c.GivenAt, c.WithdrawnAt, c.WithdrawnBy == CaseConsent.ByResident)).ToList(),
                handovers[id].OrderBy(h => h.CreatedAt).Select(h => new OwnRecordView.HandoverPart(CaseFileModel.DirectionName(h.Direction), h.Partial, h.PlannedOn,
                    CaseFileModel.HandoverStatusName(h.Status), h.Reason, h.PassedOn, h.DecisionReason)).ToList(),
                kompas[id].OrderBy(r => r.At).SelectMany(r => r.Answers.Where(a => a.Answer.Length > 0)
                    .Select(a => new OwnRecordView.KompasPart(r.At, Kompas.Questions.FirstOrDefault(q => q.Code == a.QuestionCode) is { } q ? Lang.Pick(q.Nl, q.En) : a.QuestionCode, a.Answer))).ToList(),
                followUps[id].Where(f => f.DoneAt == null).Select(f => f.DueOn).ToList(),
                experiences[id].OrderBy(e => e.At).Select(e => new OwnRecordView.ExperiencePart(e.At, e.Heard, e.Helped, e.Manages, e.Comment)).ToList());
        }).ToList();
    }

    public static IReadOnlyList<string> PartNames(SharedParts parts) =>
        Enum.GetValues<SharedParts>().Where(p => p is not (SharedParts.None or SharedParts.All) && (parts & p) == p).Select(CasePageModel.PartName).ToList();

    public static string RequestStatusName(HelpRequestStatus status) => status switch
    {
        HelpRequestStatus.Received => Lang.Pick("ontvangen", "received"),
        HelpRequestStatus.Matched => Lang.Pick("meedenker gevonden", "meedenker found"),
        HelpRequestStatus.InContact => Lang.Pick("in contact", "in contact"),
        HelpRequestStatus.Closed => Lang.Pick("afgerond", "closed"),
        HelpRequestStatus.Withdrawn => Lang.Pick("je hebt geen hulp meer nodig", "you no longer need help"),
        HelpRequestStatus.Declined => Lang.Pick("niet opgepakt", "not taken up"),
        _ => status.ToString(),
    };

    public static string CaseStatusName(CaseStatus status) => status switch
    {
        CaseStatus.Open => Lang.Pick("loopt", "ongoing"),
        CaseStatus.Closed => Lang.Pick("afgerond", "closed"),
        CaseStatus.Offered => Lang.Pick("meedenker gevraagd", "meedenker asked"),
        _ => status.ToString(),
    };

    private static string ContactName(ContactPreferences preferences)
    {
        var names = new List<string>();
        if (preferences.HasFlag(ContactPreferences.Phone)) { names.Add(Lang.Pick("telefoon", "phone")); }
        if (preferences.HasFlag(ContactPreferences.Email)) { names.Add(Lang.Pick("e-mail", "e-mail")); }
        if (preferences.HasFlag(ContactPreferences.Letter)) { names.Add(Lang.Pick("brief", "letter")); }
        if (preferences.HasFlag(ContactPreferences.HomeVisit)) { names.Add(Lang.Pick("huisbezoek", "home visit")); }
        if (preferences.HasFlag(ContactPreferences.CallBack)) { names.Add(Lang.Pick("terugbellen", "call back")); }
        return string.Join(", ", names);
    }

    private static string? TimesName(ContactTimes times, string? note)
    {
        var names = new List<string>();
        if (times.HasFlag(ContactTimes.Morning)) { names.Add(Lang.Pick("ochtend", "morning")); }
        if (times.HasFlag(ContactTimes.Afternoon)) { names.Add(Lang.Pick("middag", "afternoon")); }
        if (times.HasFlag(ContactTimes.Evening)) { names.Add(Lang.Pick("avond", "evening")); }
        if (!string.IsNullOrWhiteSpace(note)) { names.Add(note); }
        return names.Count == 0 ? null : string.Join(", ", names);
    }

    /// <summary>Who looked, in plain words: the role, never a staff member's name.</summary>
    public static string WhoName(string role, string userName) => role switch
    {
        StaffRoles.Coordinator => Lang.Pick("een coördinator", "a coordinator"),
        StaffRoles.Supporter => Lang.Pick("een meedenker", "a meedenker"),
        StaffRoles.Admin => Lang.Pick("een beheerder", "an administrator"),
        StaffRoles.Referrer => Lang.Pick("een verwijzer", "a referrer"),
        StaffRoles.MunicipalityAnalyst => Lang.Pick("een medewerker van de gemeente", "a municipal officer"),
        AccessCheck.ResidentRole => Lang.Pick("jijzelf", "you"),
        "System" => Lang.Pick("het systeem (automatisch)", "the system (automatic)"),
        _ => userName == "anonymous" ? Lang.Pick("iemand die niet was ingelogd", "someone who was not signed in") : Lang.Pick("iemand anders", "someone else"),
    };

    public static string ActionName(AccessAction action) => action switch
    {
        AccessAction.View => Lang.Pick("bekeken", "looked at"),
        AccessAction.Create => Lang.Pick("iets nieuws vastgelegd", "recorded something new"),
        AccessAction.Change => Lang.Pick("iets veranderd", "changed something"),
        AccessAction.Export => Lang.Pick("gedownload", "downloaded"),
        _ => Lang.Pick("gewist", "erased"),
    };

    public static string PurposeName(string purpose) => purpose switch
    {
        "case-work" => Lang.Pick("om je te helpen met je vraag", "to help you with your question"),
        "intake-triage" or "intake-assign" or "intake-decline" => Lang.Pick("om je vraag bij de juiste meedenker te krijgen", "to get your request to the right meedenker"),
        "outreach" => Lang.Pick("om je te bellen en te vragen hoe het gaat", "to call you and ask how you are"),
        "own-record" => Lang.Pick("je eigen gegevens inzien", "looking at your own data"),
        "audit" => Lang.Pick("controle van wie er in je dossier keek", "checking who looked at your file"),
        "retention" => Lang.Pick("de bewaartermijn was voorbij", "the retention period had passed"),
        "erasure-request" => Lang.Pick("jouw verzoek om te wissen", "your request for erasure"),
        "privacy-request" => Lang.Pick("jouw verzoek over je gegevens", "your request about your data"),
        "reference-code-search" => Lang.Pick("om je vraag te vinden met je referentiecode", "to find your request by its reference code"),
        _ => purpose,
    };
}
