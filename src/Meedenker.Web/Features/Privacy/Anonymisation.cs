using Meedenker.Data;
using Meedenker.Domain;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Privacy;

/// <summary>
/// Applies the entities' own anonymisation rules to a help request with everything hanging from it (its
/// referral, the content of its cases and their contacts), and to a resident once none of their requests keeps
/// personal data. Used by the retention job; an erasure request can call <see cref="EraseResidentAsync"/>. Each
/// step leaves an access-log entry (the fact, never the content).
/// </summary>
public sealed class Anonymisation(AppDbContext db)
{
    public const string SystemUser = "system:retention";

    /// <summary>
    /// Anonymises these requests, then each of their residents with nothing personal left. Saves. When another
    /// run (the nightly job and "run now" at once, or a second instance) got there first, it starts again on
    /// what is left: every step is idempotent.
    /// </summary>
    public async Task<(int Requests, int Cases, int Residents)> AnonymiseRequestsAsync(IReadOnlyCollection<Guid> requestIds, DateTimeOffset now, string purpose, CancellationToken cancellationToken)
    {
        try
        {
            return await AnonymiseOnceAsync(requestIds, now, purpose, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await AnonymiseOnceAsync(requestIds, now, purpose, cancellationToken);
        }
    }

    private async Task<(int Requests, int Cases, int Residents)> AnonymiseOnceAsync(IReadOnlyCollection<Guid> requestIds, DateTimeOffset now, string purpose, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requestIds);
        var requests = await db.HelpRequests.Include(h => h.StatusChanges).Where(h => requestIds.Contains(h.Id) && h.AnonymisedAt == null).ToListAsync(cancellationToken);
        var ids = requests.Select(r => r.Id).ToList();
        var referrals = await db.Referrals.Where(r => ids.Contains(r.HelpRequestId)).ToListAsync(cancellationToken);
        var cases = await db.Cases.Where(c => ids.Contains(c.HelpRequestId)).ToListAsync(cancellationToken);
        var caseIds = cases.Select(c => c.Id).ToList();
        var contacts = await db.Contacts.Where(c => caseIds.Contains(c.CaseId)).ToListAsync(cancellationToken);
        foreach (var request in requests)
        {
            request.Anonymise(now);
            Log(now, request.ResidentId, null, "help-request", purpose);
        }
        foreach (var referral in referrals)
        {
            referral.Anonymise();
        }
        var contactsByCase = contacts.ToLookup(c => c.CaseId);
        var erased = 0;
        foreach (var @case in cases.Where(c => c.ContentErasedAt is null))
        {
            @case.EraseContent(contactsByCase[@case.Id], now);
            Log(now, @case.ResidentId, @case.Id, "case", purpose);
            erased++;
        }
        await EraseCaseWorkAsync(caseIds, cancellationToken);
        db.OwnViewAccesses.RemoveRange(await db.OwnViewAccesses.Where(a => ids.Contains(a.HelpRequestId)).ToListAsync(cancellationToken));
        await db.SaveChangesAsync(cancellationToken);

        var residentIds = requests.Select(r => r.ResidentId).Distinct().ToList();
        var done = await ResidentsWithNothingLeftAsync(residentIds, [], cancellationToken);
        var residents = await db.Residents.Where(r => done.Contains(r.Id) && r.AnonymisedAt == null).ToListAsync(cancellationToken);
        foreach (var resident in residents)
        {
            resident.Anonymise(now);
            Log(now, resident.Id, null, "resident", purpose);
        }
        await ErasePrivacyRequestsAsync(residents.Select(r => r.Id).ToList(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return (requests.Count, erased, residents.Count);
    }

    /// <summary>
    /// The free text of the case work (questions, network, plan, kompas, the resident's comment, consent givers,
    /// handover reasons): the words go, the codes, dates and scores the monitoring counts on stay.
    /// </summary>
    private async Task EraseCaseWorkAsync(List<Guid> caseIds, CancellationToken cancellationToken)
    {
        foreach (var question in await db.CaseQuestions.Where(q => caseIds.Contains(q.CaseId)).ToListAsync(cancellationToken))
        {
            question.Erase();
        }
        foreach (var member in await db.NetworkMembers.Where(m => caseIds.Contains(m.CaseId)).ToListAsync(cancellationToken))
        {
            member.Erase();
        }
        foreach (var goal in await db.PlanGoals.Where(g => caseIds.Contains(g.CaseId)).ToListAsync(cancellationToken))
        {
            goal.Erase();
        }
        foreach (var action in await db.PlanActions.Where(a => caseIds.Contains(a.CaseId)).ToListAsync(cancellationToken))
        {
            action.Erase();
        }
        var reflections = await db.KompasReflections.Include(r => r.Answers).Where(r => caseIds.Contains(r.CaseId)).ToListAsync(cancellationToken);
        foreach (var answer in reflections.SelectMany(r => r.Answers))
        {
            answer.Erase();
        }
        foreach (var experience in await db.ResidentExperiences.Where(x => caseIds.Contains(x.CaseId)).ToListAsync(cancellationToken))
        {
            experience.EraseComment();
        }
        foreach (var consent in await db.CaseConsents.Where(c => caseIds.Contains(c.CaseId)).ToListAsync(cancellationToken))
        {
            consent.EraseGivenBy();
        }
        foreach (var handover in await db.Handovers.Where(h => caseIds.Contains(h.CaseId)).ToListAsync(cancellationToken))
        {
            handover.EraseText();
        }
    }

    private async Task ErasePrivacyRequestsAsync(List<Guid> residentIds, CancellationToken cancellationToken)
    {
        foreach (var request in await db.PrivacyRequests.Where(p => residentIds.Contains(p.ResidentId)).ToListAsync(cancellationToken))
        {
            request.EraseText();
        }
    }

    /// <summary>An erasure request: every request of the resident and then the resident, whatever the terms say.</summary>
    public async Task EraseResidentAsync(Guid residentId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var requestIds = await db.HelpRequests.Where(h => h.ResidentId == residentId).Select(h => h.Id).ToListAsync(cancellationToken);
        await AnonymiseRequestsAsync(requestIds, now, "erasure-request", cancellationToken);
        var resident = await db.Residents.SingleOrDefaultAsync(r => r.Id == residentId, cancellationToken);
        if (resident is { AnonymisedAt: null })
        {
            resident.Anonymise(now);
            Log(now, resident.Id, null, "resident", "erasure-request");
        }
        await ErasePrivacyRequestsAsync([residentId], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Of these residents, those whose every request is anonymised or about to be (<paramref name="goingNow"/>)
    /// and who have no open or offered case.
    /// </summary>
    public async Task<List<Guid>> ResidentsWithNothingLeftAsync(IReadOnlyCollection<Guid> residentIds, IReadOnlyCollection<Guid> goingNow, CancellationToken cancellationToken) =>
        await db.Residents
            .Where(r => residentIds.Contains(r.Id) && r.AnonymisedAt == null)
            .Where(r => !db.HelpRequests.Any(h => h.ResidentId == r.Id && h.AnonymisedAt == null && !goingNow.Contains(h.Id)))
            .Where(r => !db.Cases.Any(c => c.ResidentId == r.Id && (c.Status == CaseStatus.Open || c.Status == CaseStatus.Offered)))
            .Select(r => r.Id)
            .ToListAsync(cancellationToken);

    private void Log(DateTimeOffset now, Guid residentId, Guid? caseId, string resource, string purpose) =>
        db.AccessLog.Add(AccessLogEntry.Record(now, null, SystemUser, "System", null, residentId, caseId, AccessAction.Delete, resource, purpose,
            AccessOutcome.Allowed, purpose == "retention" ? "retention-term-passed" : purpose, null));
}
