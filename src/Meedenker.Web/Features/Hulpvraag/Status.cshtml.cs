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
public sealed class StatusModel(AppDbContext db, TimeProvider time, MailSender mail, ILogger<StatusModel> logger) : PageModel
{
    /// <summary>Whether the resident can still tell how the help was (a closed case without their own answer yet).</summary>
    public bool CanGiveExperience { get; private set; }

    [BindProperty]
    public int? Heard { get; set; }

    [BindProperty]
    public int? Helped { get; set; }

    [BindProperty]
    public int? Manages { get; set; }

    [BindProperty]
    public string? Comment { get; set; }

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

    /// <summary>
    /// "I need help again": the last case reopens with the same meedenker when they are still active (they get a
    /// mail); otherwise the request goes back to the intake queue.
    /// </summary>
    public async Task<IActionResult> OnPostHelpAgainAsync(string token, CancellationToken cancellationToken)
    {
        var request = await FindAsync(token, cancellationToken);
        if (request is null)
        {
            return NotFoundPage();
        }
        var now = time.GetUtcNow();
        try
        {
            request.RequestHelpAgain(now);
            var @case = await db.Cases.Where(c => c.HelpRequestId == request.Id && c.Status == CaseStatus.Closed).OrderByDescending(c => c.ClosedAt).FirstOrDefaultAsync(cancellationToken);
            var supporter = @case?.SupporterId is { } supporterId
                ? await db.Users.Where(u => u.Id == supporterId && !u.IsDisabled).Select(u => new { u.Email, u.DisplayName }).SingleOrDefaultAsync(cancellationToken)
                : null;
            if (@case is not null && supporter is not null)
            {
                @case.Reopen(request, now);
                Message = Lang.Pick($"Je vraag staat weer open bij {FirstName(supporter.DisplayName)}, je meedenker van eerder. Die neemt contact met je op.",
                    $"Your request is open again with {FirstName(supporter.DisplayName)}, your meedenker from before. They will contact you.");
            }
            else
            {
                Message = Lang.Pick("We hebben je vraag weer opengezet. Een meedenker neemt contact met je op.", "We have reopened your request. A meedenker will contact you.");
            }
            await db.SaveChangesAsync(cancellationToken);
            if (@case is not null && supporter?.Email is not null)
            {
                try
                {
                    await mail.SendAsync(supporter.Email, $"Casus {request.ReferenceCode} is weer open",
                        $"Beste {supporter.DisplayName},\n\nDe inwoner van casus {request.ReferenceCode} heeft weer hulp nodig. De casus staat weer open bij Mijn casussen.\n\nMeedenker", cancellationToken);
                }
                catch (Exception e) when (e is IOException or InvalidOperationException or MailKit.Net.Smtp.SmtpCommandException or MailKit.ServiceNotConnectedException)
                {
                    // The reopening stands; the meedenker sees it on their work page.
                    logger.LogWarning(e, "Could not mail the supporter about reopened request {Reference}", request.ReferenceCode);
                }
            }
        }
        catch (DomainException e)
        {
            Message = Lang.Pick(e.Dutch, e.English);
        }
        await LoadAsync(token, cancellationToken);
        return Page();
    }

    /// <summary>The resident's own experience after closing (three questions, 1 to 5), once per case.</summary>
    public async Task<IActionResult> OnPostExperienceAsync(string token, CancellationToken cancellationToken)
    {
        var request = await FindAsync(token, cancellationToken);
        if (request is null)
        {
            return NotFoundPage();
        }
        var @case = await db.Cases.Where(c => c.HelpRequestId == request.Id && c.Status == CaseStatus.Closed).OrderByDescending(c => c.ClosedAt).FirstOrDefaultAsync(cancellationToken);
        if (@case is null || await db.ResidentExperiences.AnyAsync(x => x.CaseId == @case.Id && x.ViaStatusLink, cancellationToken))
        {
            Message = Lang.Pick("Je kunt hier nu geen ervaring geven.", "You cannot give your experience here now.");
        }
        else if (Heard is null || Helped is null || Manages is null)
        {
            Message = Lang.Pick("Kies bij elke vraag een cijfer van 1 tot en met 5.", "Choose a number from 1 to 5 for every question.");
        }
        else
        {
            try
            {
                db.ResidentExperiences.Add(ResidentExperience.Record(@case.Id, Heard.Value, Helped.Value, Manages.Value, InputText.Clean(Comment, multiline: true), viaStatusLink: true, time.GetUtcNow()));
                await db.SaveChangesAsync(cancellationToken);
                Message = Lang.Pick("Dank je wel! Je antwoorden helpen ons beter te worden.", "Thank you! Your answers help us get better.");
            }
            catch (DomainException e)
            {
                Message = Lang.Pick(e.Dutch, e.English);
            }
        }
        await LoadAsync(token, cancellationToken);
        return Page();
    }

    private async Task<HelpRequest?> FindAsync(string token, CancellationToken cancellationToken) =>
        SecretToken.IsWellFormed(token)
            ? await db.HelpRequests.Include(h => h.StatusChanges).SingleOrDefaultAsync(h => h.StatusTokenHash == SecretToken.Hash(token), cancellationToken)
            : null;

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
        if (Item?.Status == HelpRequestStatus.Closed)
        {
            var caseId = await db.HelpRequests.Where(h => h.StatusTokenHash == hash)
                .Join(db.Cases, h => h.Id, c => c.HelpRequestId, (h, c) => c).Where(c => c.Status == CaseStatus.Closed)
                .OrderByDescending(c => c.ClosedAt).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken);
            CanGiveExperience = caseId is not null && !await db.ResidentExperiences.AnyAsync(x => x.CaseId == caseId && x.ViaStatusLink, cancellationToken);
        }
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
