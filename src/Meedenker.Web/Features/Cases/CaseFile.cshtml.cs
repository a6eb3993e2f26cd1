using System.Globalization;
using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Features.Shared;
using Meedenker.Web.Features.Verwijzen;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Cases;

/// <summary>
/// The case file: the question(s) per life domain and law, the roles used, contacts, self-reliance scores,
/// handovers, and closing with a waakvlam check-in and the resident's experience. Every read and change passes
/// the access check; what a partner sees is limited to what the resident agreed to share; a save over someone
/// else's newer change is refused with the input kept.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class CaseFileModel(AppDbContext db, AccessCheck access, ReferenceData referenceData, TimeProvider time, ReferrerNotifier notifier)
    : CasePageModel(db, access, time)
{
    public sealed record View(DateTimeOffset OpenedAt, DateTimeOffset? FirstContactAt, string? LastName, string? Phone, string? Email, string? Question,
        IReadOnlyList<string> RequestLifeDomains, IReadOnlyList<string> Roles, DateTimeOffset? ClosedAt, CloseReason? CloseReason);

    public sealed record ContactRow(DateTimeOffset At, ContactMode Mode, int Minutes, string? Note, bool Outreach);

    public sealed record ScoreRow(string LifeDomain, SelfRelianceMoment Moment, int Score, DateTimeOffset At);

    public sealed record QuestionRow(string LifeDomain, IReadOnlyList<string> Laws, string Text, DateTimeOffset At);

    public sealed record HandoverRow(Guid Id, HandoverDirection Direction, bool Partial, IReadOnlyList<string> Scope, string? From, string To, HandoverStatus Status,
        DateOnly PlannedOn, DateTimeOffset CreatedAt, DateTimeOffset? DecidedAt, string? DecisionReason);

    public sealed record ParticipantRow(string Name, SupporterKind? Kind, IReadOnlyList<string> LifeDomains, DateTimeOffset Since, Guid Id = default, Guid SupporterId = default);

    /// <summary>The part to finish (a <see cref="CaseParticipant"/>).</summary>
    [BindProperty]
    public Guid? PartId { get; set; }

    /// <summary>Whether the viewer may finish this part: their own, or any when they run the case.</summary>
    public bool MayFinish(ParticipantRow part) =>
        part is not null && Header?.Status == CaseStatus.Open && (Decision.MayRun || part.SupporterId == StaffClaims.UserIdOf(User));

    public sealed class ContactInput
    {
        public string? Date { get; set; }
        public string? Time { get; set; }
        public ContactMode? Mode { get; set; }
        public int? Minutes { get; set; }
        public string? Note { get; set; }
    }

    public sealed class ScoreInput
    {
        public string? LifeDomain { get; set; }
        public SelfRelianceMoment? Moment { get; set; }
        public int? Score { get; set; }
    }

    public sealed class CloseInput
    {
        public CloseReason? Reason { get; set; }
        public int? FinalScore { get; set; }
        public string? FollowUpOn { get; set; }
        public int? Heard { get; set; }
        public int? Helped { get; set; }
        public int? Manages { get; set; }
        public string? Comment { get; set; }
    }

    public sealed class QuestionInput
    {
        public string? LifeDomain { get; set; }
        public List<string> Laws { get; set; } = [];
        public string? Text { get; set; }
    }

    [BindProperty]
    public CloseInput Closing { get; set; } = new();

    [BindProperty]
    public ContactInput Contact { get; set; } = new();

    [BindProperty]
    public ScoreInput Score { get; set; } = new();

    [BindProperty]
    public QuestionInput NewQuestion { get; set; } = new();

    [BindProperty]
    public List<string> Roles { get; set; } = [];

    public View? Item { get; private set; }
    public IReadOnlyList<ContactRow> Contacts { get; private set; } = [];
    public IReadOnlyList<ScoreRow> Scores { get; private set; } = [];
    public IReadOnlyList<QuestionRow> Questions { get; private set; } = [];
    public IReadOnlyList<HandoverRow> Handovers { get; private set; } = [];
    public IReadOnlyList<ParticipantRow> Participants { get; private set; } = [];
    public ReferenceSnapshot Reference { get; private set; } = null!;
    /// <summary>How many contacts and scores are not shown because the resident did not agree to share them.</summary>
    public int HiddenItems { get; private set; }
    public int HiddenContacts { get; private set; }
    public int HiddenQuestions { get; private set; }
    public int HiddenScores { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await CheckAsync(id, AccessAction.View, "case-file", _ => true, cancellationToken) is { } refused)
        {
            return refused;
        }
        await LoadAsync(id, cancellationToken);
        Contact.Date = Time.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Closing.FollowUpOn = Time.GetUtcNow().Add(Case.DefaultFollowUp).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Contact.Minutes = 30;
        return Page();
    }

    public async Task<IActionResult> OnPostContactAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await CheckAsync(id, AccessAction.Change, "case-contacts", d => d.MayWork, cancellationToken) is { } refused)
        {
            return refused;
        }
        ModelState.Clear();
        DateTimeOffset? at = DateOnly.TryParseExact(Contact.Date?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? new DateTimeOffset(date.ToDateTime(TimeOnly.TryParse(Contact.Time, CultureInfo.InvariantCulture, out var t) ? t : new TimeOnly(12, 0)), TimeSpan.Zero)
            : null;
        if (at is null)
        {
            ModelState.AddModelError("Contact.Date", Lang.Pick("Vul een datum in zoals 2026-11-25.", "Enter a date like 2026-11-25."));
        }
        if (Contact.Mode is null || !Enum.IsDefined(Contact.Mode.Value))
        {
            ModelState.AddModelError("Contact.Mode", Lang.Pick("Kies de contactvorm.", "Choose the kind of contact."));
        }
        if (Contact.Minutes is null)
        {
            ModelState.AddModelError("Contact.Minutes", Lang.Pick("Vul de duur in minuten in.", "Enter the duration in minutes."));
        }
        if (!ModelState.IsValid)
        {
            return await RefusedAsync(id, () => LoadAsync(id, cancellationToken), cancellationToken);
        }
        return await SaveWithRequestAsync(id, (@case, request, now) =>
        {
            var contact = @case.RecordContact(request, at!.Value, Contact.Mode!.Value, Contact.Minutes!.Value, InputText.Clean(Contact.Note, multiline: true), UserId, now);
            Db.Contacts.Add(contact);
            return Lang.Pick("Het contact is vastgelegd.", "The contact is recorded.");
        }, "Contact.Note", cancellationToken);
    }

    public async Task<IActionResult> OnPostScoreAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await CheckAsync(id, AccessAction.Change, "case-self-reliance", d => d.MayWork, cancellationToken) is { } refused)
        {
            return refused;
        }
        ModelState.Clear();
        Reference = await referenceData.GetAsync(cancellationToken);
        if (!Reference.HasTerm(TaxonomyKind.LifeDomain, Score.LifeDomain))
        {
            ModelState.AddModelError("Score.LifeDomain", Lang.Pick("Kies een leefgebied.", "Choose a life domain."));
        }
        else if (Decision.Relation == CaseRelation.Participant && !Visibility.ScopeLifeDomains.Contains(Score.LifeDomain!))
        {
            ModelState.AddModelError("Score.LifeDomain", Lang.Pick("Je werkt niet aan dit leefgebied in deze casus.", "You do not work on this life domain in this case."));
        }
        if (Score.Moment is null || !Enum.IsDefined(Score.Moment.Value))
        {
            ModelState.AddModelError("Score.Moment", Lang.Pick("Kies het moment.", "Choose the moment."));
        }
        if (Score.Score is null)
        {
            ModelState.AddModelError("Score.Score", Lang.Pick("Kies een score van 1 tot en met 5.", "Choose a score from 1 to 5."));
        }
        if (!ModelState.IsValid)
        {
            return await RefusedAsync(id, () => LoadAsync(id, cancellationToken), cancellationToken);
        }
        return await SaveAsync(id, (@case, now) =>
        {
            Db.SelfRelianceScores.Add(@case.RecordSelfReliance(Score.LifeDomain!, Score.Moment!.Value, Score.Score!.Value, UserId, now));
            return Task.FromResult(Lang.Pick("De score is vastgelegd.", "The score is recorded."));
        }, "Score.Score", () => LoadAsync(id, cancellationToken), cancellationToken);
    }

    public async Task<IActionResult> OnPostQuestionAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await CheckAsync(id, AccessAction.Change, "case-questions", d => d.MayRun, cancellationToken) is { } refused)
        {
            return refused;
        }
        ModelState.Clear();
        Reference = await referenceData.GetAsync(cancellationToken);
        if (!Reference.HasTerm(TaxonomyKind.LifeDomain, NewQuestion.LifeDomain))
        {
            ModelState.AddModelError("NewQuestion.LifeDomain", Lang.Pick("Kies een leefgebied.", "Choose a life domain."));
        }
        if (NewQuestion.Laws.Any(l => !Reference.HasTerm(TaxonomyKind.Law, l)))
        {
            ModelState.AddModelError("NewQuestion.Laws", Lang.Pick("Kies wetten uit de lijst.", "Choose laws from the list."));
        }
        if (!ModelState.IsValid)
        {
            return await RefusedAsync(id, () => LoadAsync(id, cancellationToken), cancellationToken);
        }
        return await SaveAsync(id, (@case, now) =>
        {
            Db.CaseQuestions.Add(@case.AddQuestion(NewQuestion.LifeDomain!, NewQuestion.Laws, InputText.Clean(NewQuestion.Text, multiline: true) ?? "", UserId, now));
            return Task.FromResult(Lang.Pick("De vraag is vastgelegd.", "The question is recorded."));
        }, "NewQuestion.Text", () => LoadAsync(id, cancellationToken), cancellationToken);
    }

    public async Task<IActionResult> OnPostRolesAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await CheckAsync(id, AccessAction.Change, "case-roles", d => d.MayRun, cancellationToken) is { } refused)
        {
            return refused;
        }
        ModelState.Clear();
        Reference = await referenceData.GetAsync(cancellationToken);
        if (Roles.Any(r => !Reference.HasTerm(TaxonomyKind.SupporterRole, r)))
        {
            ModelState.AddModelError("Roles", Lang.Pick("Kies rollen uit de lijst.", "Choose roles from the list."));
            return await RefusedAsync(id, () => LoadAsync(id, cancellationToken), cancellationToken);
        }
        return await SaveAsync(id, (@case, _) =>
        {
            @case.SetRoles(Roles);
            return Task.FromResult(Lang.Pick("De rollen zijn opgeslagen.", "The roles are saved."));
        }, "Roles", () => LoadAsync(id, cancellationToken), cancellationToken);
    }

    public async Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await CheckAsync(id, AccessAction.Change, "case-close", d => d.MayRun, cancellationToken) is { } refused)
        {
            return refused;
        }
        ModelState.Clear();
        if (Closing.Reason is null || !Enum.IsDefined(Closing.Reason.Value))
        {
            ModelState.AddModelError("Closing.Reason", Lang.Pick("Kies waarom je afsluit.", "Choose why you close."));
        }
        if (!DateOnly.TryParseExact(Closing.FollowUpOn?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var followUpOn))
        {
            ModelState.AddModelError("Closing.FollowUpOn", Lang.Pick("Vul de datum van het waakvlamcontact in, zoals 2027-02-25.", "Enter the date of the follow-up check-in, like 2027-02-25."));
        }
        var answered = new[] { Closing.Heard, Closing.Helped, Closing.Manages }.Count(a => a is not null);
        if (answered is > 0 and < 3)
        {
            ModelState.AddModelError("Closing.Heard", Lang.Pick("Beantwoord de drie vragen over de ervaring, of geen.", "Answer the three experience questions, or none."));
        }
        if (!ModelState.IsValid)
        {
            return await RefusedAsync(id, () => LoadAsync(id, cancellationToken), cancellationToken);
        }
        // Another meedenker's accepted part would vanish without notice: refused, with their names (decision 0090).
        var openParts = await Db.CaseParticipants.AsNoTracking().Where(p => p.CaseId == id && p.EndedAt == null)
            .Join(Db.Users, p => p.SupporterId, u => u.Id, (p, u) => u.DisplayName).ToListAsync(cancellationToken);
        return await SaveWithRequestAsync(id, (@case, request, now) =>
        {
            if (answered == 3)
            {
                Db.ResidentExperiences.Add(ResidentExperience.Record(@case.Id, Closing.Heard!.Value, Closing.Helped!.Value, Closing.Manages!.Value,
                    InputText.Clean(Closing.Comment, multiline: true), viaStatusLink: false, now));
            }
            Db.FollowUps.Add(@case.Close(request, Closing.Reason!.Value, Closing.FinalScore, followUpOn, openParts, now));
            return Lang.Pick($"De casus is afgesloten. Het waakvlamcontact staat op {followUpOn:d MMMM yyyy}.", $"The case is closed. The follow-up check-in is planned for {followUpOn:d MMMM yyyy}.");
        }, "Closing.FollowUpOn", cancellationToken);
    }

    /// <summary>The meedenker on a part (or whoever runs the case) finishes that part; then the case can be closed.</summary>
    public async Task<IActionResult> OnPostFinishPartAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await CheckAsync(id, AccessAction.Change, "case-part", d => d.MayWork, cancellationToken) is { } refused)
        {
            return refused;
        }
        var userId = StaffClaims.UserIdOf(User);
        var part = await Db.CaseParticipants.SingleOrDefaultAsync(p => p.Id == PartId && p.CaseId == id, cancellationToken);
        if (part is null || !(Decision.MayRun || part.SupporterId == userId))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        return await SaveAsync(id, (@case, now) =>
        {
            @case.FinishPart(part, now);
            return Task.FromResult(Lang.Pick("Het deel is afgerond. De verantwoordelijke meedenker kan de casus nu afsluiten.", "The part is finished. The responsible supporter can now close the case."));
        }, string.Empty, () => LoadAsync(id, cancellationToken), cancellationToken);
    }

    public static string ReasonName(CloseReason reason) => reason switch
    {
        CloseReason.QuestionAnswered => Lang.Pick("De vraag is beantwoord", "The question is answered"),
        CloseReason.ReferredToLongTermSupport => Lang.Pick("Doorverwezen naar langdurige begeleiding", "Referred to long-term support"),
        CloseReason.ResidentStopped => Lang.Pick("De inwoner wil stoppen", "The resident wants to stop"),
        CloseReason.Moved => Lang.Pick("Verhuisd", "Moved"),
        _ => Lang.Pick("Niet bereikbaar", "Unreachable"),
    };

    /// <summary>A change that can move the request's status; the referrer hears of it (status only, never content).</summary>
    private async Task<IActionResult> SaveWithRequestAsync(Guid id, Func<Case, HelpRequest, DateTimeOffset, string> change, string errorField, CancellationToken cancellationToken)
    {
        HelpRequest? request = null;
        HelpRequestStatus? before = null;
        var result = await SaveAsync(id, async (@case, now) =>
        {
            request = await Db.HelpRequests.Include(h => h.StatusChanges).SingleAsync(h => h.Id == @case.HelpRequestId, cancellationToken);
            before = request.Status;
            return change(@case, request, now);
        }, errorField, () => LoadAsync(id, cancellationToken), cancellationToken);
        if (result is RedirectToPageResult && request is not null && request.Status != before)
        {
            await notifier.NotifyAsync(request.Id, cancellationToken);
        }
        return result;
    }

    private async Task LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        Reference = await referenceData.GetAsync(cancellationToken);
        await LoadHeaderAsync(id, cancellationToken);
        Item = await Db.Cases.AsNoTracking().Where(c => c.Id == id)
            .Join(Db.HelpRequests, c => c.HelpRequestId, h => h.Id, (c, h) => new { c, h })
            .Join(Db.Residents, x => x.c.ResidentId, r => r.Id, (x, r) => new View(x.c.OpenedAt, x.c.FirstContactAt, r.LastName, r.Phone, r.Email, x.h.Question,
                x.h.LifeDomains.Select(d => d.Code).ToList(), x.c.RoleCodes, x.c.ClosedAt, x.c.CloseReason))
            .SingleAsync(cancellationToken);
        Roles = Item.Roles.ToList();
        var contacts = (await Db.Contacts.AsNoTracking().Where(k => k.CaseId == id).Select(k => new ContactRow(k.At, k.Mode, k.DurationMinutes, k.Note, k.IsOutreach)).ToListAsync(cancellationToken))
            .OrderByDescending(k => k.At).ToList();
        Contacts = contacts.Where(k => Visibility.Sees(SharedParts.ContactsAndNotes, null, k.At)).ToList();
        var scores = (await Db.SelfRelianceScores.AsNoTracking().Where(s => s.CaseId == id).Select(s => new ScoreRow(s.LifeDomainCode, s.Moment, s.Score, s.At)).ToListAsync(cancellationToken))
            .OrderBy(s => s.At).ToList();
        Scores = scores.Where(s => Visibility.Sees(SharedParts.SelfReliance, s.LifeDomain, s.At)).ToList();
        var questions = (await Db.CaseQuestions.AsNoTracking().Where(q => q.CaseId == id).Select(q => new QuestionRow(q.LifeDomainCode, q.LawCodes, q.Text, q.CreatedAt)).ToListAsync(cancellationToken))
            .OrderBy(q => q.At).ToList();
        Questions = questions.Where(q => Visibility.Sees(SharedParts.Question, q.LifeDomain, q.At)).ToList();
        HiddenContacts = contacts.Count - Contacts.Count;
        HiddenQuestions = questions.Count - Questions.Count;
        HiddenScores = scores.Count - Scores.Count;
        HiddenItems = HiddenContacts + HiddenScores + HiddenQuestions;
        var names = await Db.Users.AsNoTracking()
            .Where(u => Db.Handovers.Any(h => h.CaseId == id && (h.ToSupporterId == u.Id || h.FromSupporterId == u.Id)))
            .Select(u => new { u.Id, u.DisplayName, u.SupporterKind }).ToDictionaryAsync(u => u.Id, cancellationToken);
        Handovers = (await Db.Handovers.AsNoTracking().Where(h => h.CaseId == id).ToListAsync(cancellationToken))
            .OrderByDescending(h => h.CreatedAt)
            .Select(h => new HandoverRow(h.Id, h.Direction, h.Partial, h.ScopeLifeDomains.Select(d => Reference.TermName(TaxonomyKind.LifeDomain, d)).ToList(),
                h.FromSupporterId is { } from && names.TryGetValue(from, out var f) ? f.DisplayName : null,
                names.TryGetValue(h.ToSupporterId, out var to) ? to.DisplayName : "–", h.Status, h.PlannedOn, h.CreatedAt, h.DecidedAt, h.DecisionReason))
            .ToList();
        Participants = await Db.CaseParticipants.AsNoTracking().Where(p => p.CaseId == id && p.EndedAt == null)
            .Join(Db.Users, p => p.SupporterId, u => u.Id, (p, u) => new ParticipantRow(u.DisplayName, u.SupporterKind, p.LifeDomainCodes, p.Since, p.Id, p.SupporterId))
            .ToListAsync(cancellationToken);
    }

    public static string ModeName(ContactMode mode) => mode switch
    {
        ContactMode.Phone => Lang.Pick("telefoon", "phone"),
        ContactMode.Video => Lang.Pick("beeldbellen", "video call"),
        ContactMode.HomeVisit => Lang.Pick("huisbezoek", "home visit"),
        ContactMode.OnSite => Lang.Pick("op locatie", "on site"),
        ContactMode.Walk => Lang.Pick("wandelafspraak", "walk"),
        _ => Lang.Pick("e-mail of chat", "e-mail or chat"),
    };

    public static string MomentName(SelfRelianceMoment moment) => moment switch
    {
        SelfRelianceMoment.Start => Lang.Pick("begin", "start"),
        SelfRelianceMoment.During => Lang.Pick("tussendoor", "during"),
        _ => Lang.Pick("afsluiting", "close"),
    };

    public static string DirectionName(HandoverDirection direction) => direction switch
    {
        HandoverDirection.NetworkToSupporter => Lang.Pick("van het netwerk naar een meedenker", "from the network to a supporter"),
        HandoverDirection.InformalToFormal => Lang.Pick("opschalen: van informeel naar formeel", "scaling up: from informal to formal"),
        _ => Lang.Pick("afschalen: van formeel naar informeel", "scaling down: from formal to informal"),
    };

    public static string HandoverStatusName(HandoverStatus status) => status switch
    {
        HandoverStatus.Proposed => Lang.Pick("wacht op de ontvanger", "waiting for the receiver"),
        HandoverStatus.Accepted => Lang.Pick("geaccepteerd", "accepted"),
        HandoverStatus.Declined => Lang.Pick("afgewezen", "declined"),
        _ => Lang.Pick("ingetrokken", "withdrawn"),
    };
}
