using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Hulpvraag;

/// <summary>
/// The resident's status page, reached only with the secret link. It shows where the request stands and who
/// helps, never the case content.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.PublicForms)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class StatusModel(AppDbContext db, TimeProvider time) : PageModel
{
    public sealed record View(
        string ReferenceCode,
        DateTimeOffset ReceivedAt,
        HelpRequestStatus Status,
        DateTimeOffset? MatchedAt,
        DateTimeOffset? FirstContactAt,
        DateTimeOffset? ClosedAt,
        string? DeclineReason,
        string? Organization,
        string? OrganizationPhone,
        string? OrganizationEmail,
        string? SupporterName);

    public View? Item { get; private set; }
    public string? Message { get; private set; }
    public string Token { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken) =>
        await LoadAsync(token, cancellationToken) ? Page() : NotFoundPage();

    public Task<IActionResult> OnPostNoLongerNeededAsync(string token, CancellationToken cancellationToken) =>
        ChangeAsync(token, r => r.Withdraw(time.GetUtcNow()),
            Lang.Pick("We hebben genoteerd dat je geen hulp meer nodig hebt. Heb je later toch weer hulp nodig? Dan kun je dat hier laten weten.",
                "We have noted that you no longer need help. Need help again later? You can tell us here."), cancellationToken);

    public Task<IActionResult> OnPostHelpAgainAsync(string token, CancellationToken cancellationToken) =>
        ChangeAsync(token, r => r.RequestHelpAgain(time.GetUtcNow()),
            Lang.Pick("We hebben je vraag weer opengezet. Een meedenker neemt contact met je op.",
                "We have reopened your request. A meedenker will contact you."), cancellationToken);

    private async Task<IActionResult> ChangeAsync(string token, Action<HelpRequest> change, string done, CancellationToken cancellationToken)
    {
        var request = SecretToken.IsWellFormed(token)
            ? await db.HelpRequests.Include(h => h.StatusChanges).SingleOrDefaultAsync(h => h.StatusTokenHash == SecretToken.Hash(token), cancellationToken)
            : null;
        if (request is null)
        {
            return NotFoundPage();
        }
        try
        {
            change(request);
            await db.SaveChangesAsync(cancellationToken);
            Message = done;
        }
        catch (DomainException e)
        {
            Message = Lang.Pick(e.Dutch, e.English);
        }
        await LoadAsync(token, cancellationToken);
        return Page();
    }

    private async Task<bool> LoadAsync(string token, CancellationToken cancellationToken)
    {
        if (!SecretToken.IsWellFormed(token))
        {
            return false;
        }
        Token = token;
        var hash = SecretToken.Hash(token);
        Item = await db.HelpRequests.AsNoTracking()
            .Where(h => h.StatusTokenHash == hash)
            .Select(h => new View(
                h.ReferenceCode,
                h.ReceivedAt,
                h.Status,
                h.MatchedAt,
                h.FirstContactAt,
                h.ClosedAt,
                h.DeclineReason,
                db.Organizations.Where(o => o.Id == h.MatchedOrganizationId).Select(o => o.Name).FirstOrDefault(),
                db.Organizations.Where(o => o.Id == h.MatchedOrganizationId).Select(o => o.Phone).FirstOrDefault(),
                db.Organizations.Where(o => o.Id == h.MatchedOrganizationId).Select(o => o.Email).FirstOrDefault(),
                db.Users.Where(u => u.Id == h.MatchedSupporterId).Select(u => u.DisplayName).FirstOrDefault()))
            .SingleOrDefaultAsync(cancellationToken);
        return Item is not null;
    }

    /// <summary>One neutral answer for a wrong, old or guessed link: it does not tell whether a request exists.</summary>
    private PageResult NotFoundPage()
    {
        Item = null;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    public static string FirstName(string? displayName) =>
        string.IsNullOrWhiteSpace(displayName) ? "" : displayName.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
}
