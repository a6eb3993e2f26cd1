using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Features.Shared;
using Meedenker.Web.Features.Verwijzen;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Cases;

/// <summary>One request from the intake queue, read through the access check, with the decline action.</summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class RequestDetailModel(AppDbContext db, AccessCheck access, ReferenceData referenceData, TimeProvider time, ReferrerNotifier notifier, Matching matching, ILogger<RequestDetailModel> logger) : FormPageModel
{
    public sealed record OfferRow(string Supporter, CaseStatus Status, DateTimeOffset? OfferedAt, string? DeclineReason);

    public IReadOnlyList<MatchCandidate> Candidates { get; private set; } = [];
    public IReadOnlyList<OfferRow> Offers { get; private set; } = [];
    public bool HasOpenOffer => Offers.Any(o => o.Status == CaseStatus.Offered);

    [BindProperty]
    public Guid? SupporterId { get; set; }

    /// <summary>The second submit's "offer anyway" for a supporter who is full (works without JavaScript): that supporter's id, so it confirms only them.</summary>
    [BindProperty]
    public Guid? ConfirmOverCapacity { get; set; }

    /// <summary>Set when the chosen supporter is full and the coordinator has not confirmed yet: the form then asks.</summary>
    public MatchCandidate? NeedsConfirmation { get; private set; }

    public sealed record View(
        Guid Id, string ReferenceCode, DateTimeOffset ReceivedAt, HelpRequestStatus Status, RequestChannel Channel, string? RelativeName,
        string? FirstName, string? LastName, string? Phone, string? Email, string? Address, string Municipality, string? Neighbourhood, string? Postcode,
        IReadOnlyList<string> LifeDomains, string? Question, ContactPreferences Preferences, ContactTimes Times, string? TimeNote,
        string? LanguageCode, bool NeedsInterpreter, bool EasyLanguage, string? AccessibilityNeeds, string? SourceCode,
        string? DuplicateOf, string? ReferrerName, string? ReferrerOrganization, ConsentMethod? ConsentMethod, ConsentGivenBy? ConsentGivenBy, DateTimeOffset? ConsentGivenAt,
        bool Urgent, bool SafetyConcern);

    public View? Item { get; private set; }
    public ReferenceSnapshot Reference { get; private set; } = null!;

    [BindProperty]
    public string? DeclineReason { get; set; }

    [BindProperty]
    public bool Urgent { get; set; }

    [BindProperty]
    public bool SafetyConcern { get; set; }

    public async Task<IActionResult> OnPostTriageAsync(Guid id, CancellationToken cancellationToken)
    {
        var (decision, _) = await access.ForHelpRequestAsync(id, AccessAction.Change, "help-request", "intake-triage", cancellationToken);
        if (!decision.Allowed || !User.IsInRole(StaffRoles.Coordinator))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        var request = await db.HelpRequests.SingleAsync(h => h.Id == id, cancellationToken);
        try
        {
            request.Triage(Urgent, SafetyConcern, time.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            TempData["Message"] = Lang.Pick("De triage is opgeslagen.", "The triage is saved.");
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(nameof(Urgent), Lang.Pick(e.Dutch, e.English));
            await LoadAsync(id, cancellationToken);
            return Page();
        }
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var (decision, _) = await access.ForHelpRequestAsync(id, AccessAction.View, "help-request", "intake-triage", cancellationToken);
        if (!decision.Allowed)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostDeclineAsync(Guid id, CancellationToken cancellationToken)
    {
        var (decision, _) = await access.ForHelpRequestAsync(id, AccessAction.Change, "help-request", "intake-decline", cancellationToken);
        if (!decision.Allowed || !User.IsInRole(StaffRoles.Coordinator))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        var reason = InputText.Clean(DeclineReason, multiline: true);
        if (reason is null || reason.Length > 500)
        {
            ModelState.AddModelError(nameof(DeclineReason), Lang.Pick("Geef een reden van hoogstens 500 tekens. De inwoner en de verwijzer zien deze reden.",
                "Give a reason of at most 500 characters. The resident and the referrer see this reason."));
            await LoadAsync(id, cancellationToken);
            return Page();
        }
        var request = await db.HelpRequests.Include(h => h.StatusChanges).SingleAsync(h => h.Id == id, cancellationToken);
        try
        {
            request.Decline(reason, time.GetUtcNow());
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(nameof(DeclineReason), Lang.Pick(e.Dutch, e.English));
            await LoadAsync(id, cancellationToken);
            return Page();
        }
        await db.SaveChangesAsync(cancellationToken);
        await notifier.NotifyAsync(id, cancellationToken);
        TempData["Message"] = Lang.Pick($"Vraag {request.ReferenceCode} is afgewezen.", $"Request {request.ReferenceCode} was declined.");
        return RedirectToPage("/Cases/Queue");
    }

    public async Task<IActionResult> OnPostOfferAsync(Guid id, CancellationToken cancellationToken)
    {
        var (decision, _) = await access.ForHelpRequestAsync(id, AccessAction.Change, "help-request", "intake-assign", cancellationToken);
        if (!decision.Allowed || !User.IsInRole(StaffRoles.Coordinator))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        var organizationId = StaffClaims.OrganizationOf(User)!.Value;
        var request = await db.HelpRequests.Include(h => h.LifeDomains).SingleAsync(h => h.Id == id, cancellationToken);
        var candidates = await matching.RankAsync(request, organizationId, cancellationToken);
        if (SupporterId is null || candidates.All(c => c.UserId != SupporterId))
        {
            ModelState.AddModelError(nameof(SupporterId), Lang.Pick("Kies een meedenker uit de lijst.", "Choose a supporter from the list."));
            await LoadAsync(id, cancellationToken);
            return Page();
        }
        var chosen = candidates.Single(c => c.UserId == SupporterId);
        if (chosen.Full && ConfirmOverCapacity != chosen.UserId)
        {
            ModelState.AddModelError(nameof(SupporterId), Lang.Pick(
                $"{chosen.Name} is vol: {chosen.OpenCases} van {chosen.Capacity} casussen. Wil je de vraag toch aan {chosen.Name} aanbieden? Vink dan 'Toch aanbieden' aan en klik nog een keer op Aanbieden. Er is nog niets aangeboden.",
                $"{chosen.Name} is full: {chosen.OpenCases} of {chosen.Capacity} cases. Do you still want to offer the request to {chosen.Name}? Then tick 'Offer anyway' and click Offer again. Nothing has been offered yet."));
            await LoadAsync(id, cancellationToken);
            NeedsConfirmation = chosen;
            return Page();
        }
        if (await db.Cases.AnyAsync(c => c.HelpRequestId == id && c.Status == CaseStatus.Offered, cancellationToken))
        {
            ModelState.AddModelError(nameof(SupporterId), Lang.Pick("Deze vraag is al aangeboden. Wacht op het antwoord van de meedenker.", "This request has already been offered. Wait for the supporter's answer."));
            await LoadAsync(id, cancellationToken);
            return Page();
        }
        try
        {
            db.Cases.Add(Case.Offer(request, organizationId, SupporterId.Value, time.GetUtcNow()));
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(nameof(SupporterId), Lang.Pick(e.Dutch, e.English));
            await LoadAsync(id, cancellationToken);
            return Page();
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            if (!await HasOpenOfferAfterFailedSaveAsync(id, cancellationToken))
            {
                throw;
            }
            // Another coordinator offered it between our check and our save; the unique index stopped the second
            // offer. Handled: information, not an error.
            logger.LogInformation("Offer for help request {ReferenceCode} lost a race with another coordinator's offer", request.ReferenceCode);
            ModelState.AddModelError(nameof(SupporterId), Lang.Pick(
                "Een andere coördinator heeft deze vraag net aangeboden. Er is niets veranderd. Wacht op het antwoord van de meedenker.",
                "Another coordinator has just offered this request. Nothing was changed. Wait for the supporter's answer."));
            await LoadAsync(id, cancellationToken);
            return Page();
        }
        var name = chosen.Name;
        TempData["Message"] = Lang.Pick($"Vraag {request.ReferenceCode} is aangeboden aan {name}.", $"Request {request.ReferenceCode} was offered to {name}.");
        return RedirectToPage("/Cases/Queue");
    }

    private async Task<bool> HasOpenOfferAfterFailedSaveAsync(Guid id, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        return await db.Cases.AnyAsync(c => c.HelpRequestId == id && c.Status == CaseStatus.Offered, cancellationToken);
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        Reference = await referenceData.GetAsync(cancellationToken);
        Offers = await db.Cases.AsNoTracking().Where(c => c.HelpRequestId == id)
            .Join(db.Users, c => c.SupporterId, u => u.Id, (c, u) => new OfferRow(u.DisplayName, c.Status, c.OfferedAt, c.OfferDeclineReason))
            .ToListAsync(cancellationToken);
        if (User.IsInRole(StaffRoles.Coordinator) && StaffClaims.OrganizationOf(User) is { } organizationId
            && await db.HelpRequests.Include(h => h.LifeDomains).AsNoTracking().SingleOrDefaultAsync(h => h.Id == id, cancellationToken) is { Status: HelpRequestStatus.Received } request)
        {
            Candidates = await matching.RankAsync(request, organizationId, cancellationToken);
        }
        var referral = await db.Referrals.AsNoTracking().Where(f => f.HelpRequestId == id)
            .Select(f => new { f.ReferrerName, f.ReferrerOrganizationName, f.ConsentMethod, f.ConsentGivenBy, f.ConsentGivenAt })
            .SingleOrDefaultAsync(cancellationToken);
        Item = await db.HelpRequests.AsNoTracking().Where(h => h.Id == id)
            .Join(db.Residents, h => h.ResidentId, r => r.Id, (h, r) => new { h, r })
            .Select(x => new View(
                x.h.Id, x.h.ReferenceCode, x.h.ReceivedAt, x.h.Status, x.h.Channel, x.h.RelativeName,
                x.r.FirstName, x.r.LastName, x.r.Phone, x.r.Email, x.r.Address,
                db.Municipalities.Where(m => m.Id == x.h.MunicipalityId).Select(m => m.Name).Single(),
                db.Neighbourhoods.Where(n => n.Id == x.h.NeighbourhoodId).Select(n => n.Name).FirstOrDefault(),
                x.h.Postcode, x.h.LifeDomains.Select(d => d.Code).ToList(), x.h.Question, x.h.ContactPreferences, x.h.ContactTimes, x.h.ContactTimeNote,
                x.h.LanguageCode, x.h.NeedsInterpreter, x.h.EasyLanguage, x.h.AccessibilityNeeds, x.h.SourceCode,
                db.HelpRequests.Where(o => o.Id == x.h.PossibleDuplicateOfId).Select(o => o.ReferenceCode).FirstOrDefault(),
                null, null, null, null, null, x.h.Urgent, x.h.SafetyConcern))
            .SingleOrDefaultAsync(cancellationToken);
        Urgent = Item?.Urgent ?? false;
        SafetyConcern = Item?.SafetyConcern ?? false;
        if (Item is not null && referral is not null)
        {
            Item = Item with
            {
                ReferrerName = referral.ReferrerName,
                ReferrerOrganization = referral.ReferrerOrganizationName,
                ConsentMethod = referral.ConsentMethod,
                ConsentGivenBy = referral.ConsentGivenBy,
                ConsentGivenAt = referral.ConsentGivenAt,
            };
        }
        return Item is not null;
    }

    public static string Preferences(ContactPreferences preferences) => string.Join(", ", new[]
    {
        (ContactPreferences.Phone, Lang.Pick("bellen", "phone")),
        (ContactPreferences.CallBack, Lang.Pick("terugbellen", "call back")),
        (ContactPreferences.Email, Lang.Pick("e-mail", "e-mail")),
        (ContactPreferences.Letter, Lang.Pick("brief", "letter")),
        (ContactPreferences.HomeVisit, Lang.Pick("huisbezoek", "home visit")),
    }.Where(p => preferences.HasFlag(p.Item1)).Select(p => p.Item2));

    public static string Times(ContactTimes times) => string.Join(", ", new[]
    {
        (ContactTimes.Morning, Lang.Pick("ochtend", "morning")),
        (ContactTimes.Afternoon, Lang.Pick("middag", "afternoon")),
        (ContactTimes.Evening, Lang.Pick("avond", "evening")),
    }.Where(p => times.HasFlag(p.Item1)).Select(p => p.Item2));
}
