using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Features.Verwijzen;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Cases;

/// <summary>A supporter's own work: requests offered to them (accept or decline) and their open cases.</summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class MyCasesModel(AppDbContext db, ReferenceData referenceData, TimeProvider time, ReferrerNotifier notifier, AccessCheck access) : PageModel
{
    public sealed record HandoverRow(Guid Id, Guid CaseId, string ReferenceCode, HandoverDirection Direction, bool Partial, IReadOnlyList<string> Scope,
        string From, DateOnly PlannedOn, bool ResidentPresent, string? PassedOn);

    public sealed record PartRow(Guid CaseId, string ReferenceCode, IReadOnlyList<string> LifeDomains, DateTimeOffset Since);

    /// <summary>Handovers waiting for this meedenker to accept or decline.</summary>
    public IReadOnlyList<HandoverRow> Handovers { get; private set; } = [];

    /// <summary>Cases where this meedenker works on a part.</summary>
    public IReadOnlyList<PartRow> Parts { get; private set; } = [];

    public async Task<IActionResult> OnPostAcceptHandoverAsync(Guid id, CancellationToken cancellationToken)
    {
        var handover = await db.Handovers.SingleOrDefaultAsync(h => h.Id == id, cancellationToken);
        if (handover is null || !(await access.ForCaseAsync(handover.CaseId, AccessAction.Change, "case-handover-decision", "case-work", cancellationToken)).Allowed)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        var @case = await db.Cases.SingleAsync(c => c.Id == handover.CaseId, cancellationToken);
        var actions = await db.PlanActions.Where(a => a.CaseId == @case.Id && handover.ScopeActionIds.Contains(a.Id)).ToListAsync(cancellationToken);
        try
        {
            var participant = @case.AcceptHandover(handover, StaffClaims.UserIdOf(User) ?? Guid.Empty, actions, time.GetUtcNow());
            if (participant is not null)
            {
                db.CaseParticipants.Add(participant);
            }
            await db.SaveChangesAsync(cancellationToken);
            Message = Lang.Pick("Je hebt de overdracht geaccepteerd.", "You accepted the handover.");
        }
        catch (DomainException e)
        {
            Message = Lang.Pick(e.Dutch, e.English);
            return RedirectToPage();
        }
        catch (DbUpdateConcurrencyException)
        {
            Message = Lang.Pick("De casus is net gewijzigd. Probeer het nog eens.", "The case has just been changed. Please try again.");
            return RedirectToPage();
        }
        return RedirectToPage("/Cases/CaseFile", new { id = @case.Id });
    }

    public async Task<IActionResult> OnPostDeclineHandoverAsync(Guid id, CancellationToken cancellationToken)
    {
        var handover = await db.Handovers.SingleOrDefaultAsync(h => h.Id == id, cancellationToken);
        if (handover is null || !(await access.ForCaseAsync(handover.CaseId, AccessAction.Change, "case-handover-decision", "case-work", cancellationToken)).Allowed)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        var consent = await db.CaseConsents.FirstOrDefaultAsync(c => c.HandoverId == id && c.WithdrawnAt == null, cancellationToken);
        try
        {
            handover.Decline(StaffClaims.UserIdOf(User) ?? Guid.Empty, InputText.Clean(Reason, multiline: true), time.GetUtcNow(), consent);
            await db.SaveChangesAsync(cancellationToken);
            Message = Lang.Pick("Je hebt de overdracht afgewezen. De huidige meedenker blijft verantwoordelijk.", "You declined the handover. The current supporter stays responsible.");
        }
        catch (DomainException e)
        {
            Message = Lang.Pick(e.Dutch, e.English);
        }
        return RedirectToPage();
    }

    public sealed record OfferRow(Guid CaseId, string ReferenceCode, DateTimeOffset ReceivedAt, string Municipality, IReadOnlyList<string> LifeDomains, bool Urgent = false, bool SafetyConcern = false);

    public sealed record CaseRow(Guid CaseId, string ReferenceCode, DateTimeOffset OpenedAt, DateTimeOffset? FirstContactAt, DateTimeOffset? LastContactAt);

    public IReadOnlyList<OfferRow> Offers { get; private set; } = [];
    public IReadOnlyList<CaseRow> Cases { get; private set; } = [];

    public sealed record FollowUpRow(Guid Id, Guid CaseId, string ReferenceCode, DateOnly DueOn);

    public IReadOnlyList<FollowUpRow> FollowUps { get; private set; } = [];

    public async Task<IActionResult> OnPostFollowUpDoneAsync(Guid id, CancellationToken cancellationToken)
    {
        var userId = StaffClaims.UserIdOf(User);
        var followUp = await db.FollowUps.SingleOrDefaultAsync(f => f.Id == id && f.SupporterId == userId, cancellationToken);
        if (followUp is null)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        try
        {
            followUp.MarkDone(time.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            Message = Lang.Pick("Het waakvlamcontact is gedaan.", "The follow-up check-in is done.");
        }
        catch (DomainException e)
        {
            Message = Lang.Pick(e.Dutch, e.English);
        }
        return RedirectToPage();
    }

    [BindProperty]
    public string? Reason { get; set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAcceptAsync(Guid id, CancellationToken cancellationToken)
    {
        var @case = await OwnOfferAsync(id, cancellationToken);
        if (@case is null)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        var request = await db.HelpRequests.Include(h => h.StatusChanges).SingleAsync(h => h.Id == @case.HelpRequestId, cancellationToken);
        try
        {
            @case.Accept(request, time.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DomainException e)
        {
            Message = Lang.Pick(e.Dutch, e.English);
            return RedirectToPage();
        }
        await notifier.NotifyAsync(request.Id, cancellationToken);
        return RedirectToPage("/Cases/CaseFile", new { id = @case.Id });
    }

    public async Task<IActionResult> OnPostDeclineAsync(Guid id, CancellationToken cancellationToken)
    {
        var @case = await OwnOfferAsync(id, cancellationToken);
        if (@case is null)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        try
        {
            @case.DeclineOffer(InputText.Clean(Reason, multiline: true) ?? "", time.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            Message = Lang.Pick("Je hebt het aanbod afgewezen. De coördinator zoekt iemand anders.", "You declined the offer. The coordinator will find someone else.");
        }
        catch (DomainException e)
        {
            Message = Lang.Pick(e.Dutch, e.English);
        }
        return RedirectToPage();
    }

    private Task<Case?> OwnOfferAsync(Guid id, CancellationToken cancellationToken)
    {
        var userId = StaffClaims.UserIdOf(User);
        return db.Cases.SingleOrDefaultAsync(c => c.Id == id && c.SupporterId == userId, cancellationToken);
    }

    private sealed record Inbox(bool Offers, bool FollowUps, bool Handovers, bool Parts);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var reference = await referenceData.GetAsync(cancellationToken);
        var userId = StaffClaims.UserIdOf(User);
        // Offers, check-ins, handovers and parts are usually empty: one statement says which lists have rows, and
        // only those are read, so a typical view costs two round trips instead of five.
        var inbox = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new Inbox(
                db.Cases.Any(c => c.SupporterId == userId && c.Status == CaseStatus.Offered),
                db.FollowUps.Any(f => f.SupporterId == userId && f.TaskCreatedAt != null && f.DoneAt == null),
                db.Handovers.Any(h => h.ToSupporterId == userId && h.Status == HandoverStatus.Proposed),
                db.CaseParticipants.Any(p => p.SupporterId == userId && p.EndedAt == null)))
            .SingleOrDefaultAsync(cancellationToken) ?? new Inbox(false, false, false, false);
        var offers = !inbox.Offers ? [] : await db.Cases.AsNoTracking().Where(c => c.SupporterId == userId && c.Status == CaseStatus.Offered)
            .Join(db.HelpRequests, c => c.HelpRequestId, h => h.Id, (c, h) => new { c.Id, h.ReferenceCode, h.ReceivedAt, h.MunicipalityId, h.Urgent, h.SafetyConcern, Domains = h.LifeDomains.Select(d => d.Code).ToList() })
            .ToListAsync(cancellationToken);
        Offers = offers.Select(o => new OfferRow(o.Id, o.ReferenceCode, o.ReceivedAt, reference.Municipalities.FirstOrDefault(m => m.Id == o.MunicipalityId)?.Name ?? "",
            o.Domains.Select(d => reference.TermName(TaxonomyKind.LifeDomain, d)).ToList(), o.Urgent, o.SafetyConcern)).ToList();
        FollowUps = !inbox.FollowUps ? [] : await db.FollowUps.AsNoTracking().Where(f => f.SupporterId == userId && f.TaskCreatedAt != null && f.DoneAt == null)
            .Join(db.Cases, f => f.CaseId, c => c.Id, (f, c) => new { f, c })
            .Join(db.HelpRequests, x => x.c.HelpRequestId, h => h.Id, (x, h) => new FollowUpRow(x.f.Id, x.c.Id, h.ReferenceCode, x.f.DueOn))
            .ToListAsync(cancellationToken);
        var handovers = !inbox.Handovers ? [] : await db.Handovers.AsNoTracking().Where(h => h.ToSupporterId == userId && h.Status == HandoverStatus.Proposed)
            .Join(db.Cases, h => h.CaseId, c => c.Id, (h, c) => new { h, c.HelpRequestId })
            .Join(db.HelpRequests, x => x.HelpRequestId, r => r.Id, (x, r) => new
            {
                x.h,
                r.ReferenceCode,
                From = db.Users.Where(u => u.Id == x.h.FromSupporterId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        Handovers = handovers.Select(x => new HandoverRow(x.h.Id, x.h.CaseId, x.ReferenceCode, x.h.Direction, x.h.Partial,
            x.h.ScopeLifeDomains.Select(d => reference.TermName(TaxonomyKind.LifeDomain, d)).ToList(),
            x.From ?? "–", x.h.PlannedOn, x.h.ResidentPresent, x.h.PassedOn)).ToList();
        var parts = !inbox.Parts ? [] : await db.CaseParticipants.AsNoTracking().Where(p => p.SupporterId == userId && p.EndedAt == null)
            .Join(db.Cases, p => p.CaseId, c => c.Id, (p, c) => new { p, c.HelpRequestId, c.Status })
            .Where(x => x.Status == CaseStatus.Open)
            .Join(db.HelpRequests, x => x.HelpRequestId, r => r.Id, (x, r) => new { x.p.CaseId, r.ReferenceCode, x.p.LifeDomainCodes, x.p.Since })
            .ToListAsync(cancellationToken);
        Parts = parts.Select(p => new PartRow(p.CaseId, p.ReferenceCode, p.LifeDomainCodes.Select(d => reference.TermName(TaxonomyKind.LifeDomain, d)).ToList(), p.Since)).ToList();
        Cases = await db.Cases.AsNoTracking().Where(c => c.SupporterId == userId && c.Status == CaseStatus.Open)
            .OrderBy(c => c.OpenedAt)
            .Join(db.HelpRequests, c => c.HelpRequestId, h => h.Id, (c, h) => new CaseRow(c.Id, h.ReferenceCode, c.OpenedAt, c.FirstContactAt,
                db.Contacts.Where(k => k.CaseId == c.Id).OrderByDescending(k => k.At).Select(k => (DateTimeOffset?)k.At).FirstOrDefault()))
            .Take(200)
            .ToListAsync(cancellationToken);
    }
}
