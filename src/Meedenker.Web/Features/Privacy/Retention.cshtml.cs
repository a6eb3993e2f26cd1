using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Meedenker.Web.Features.Privacy;

/// <summary>
/// The retention terms for the administrator, with a dry run (what the nightly job would anonymise now, in
/// counts — no personal data) and a button to run it now.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class RetentionModel(RetentionJob job, IOptions<RetentionSettings> settings, TimeProvider time) : PageModel
{
    public RetentionSettings Terms => settings.Value;
    public RetentionReport Report { get; private set; } = null!;

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Report = await job.RunAsync(time.GetUtcNow(), dryRun: true, cancellationToken);

    public async Task<IActionResult> OnPostRunAsync(CancellationToken cancellationToken)
    {
        var done = await job.RunAsync(time.GetUtcNow(), dryRun: false, cancellationToken);
        var requests = done.ClosedRequests + done.UnmatchedRequests;
        Message = Lang.Pick(
            $"Klaar: {requests} hulpvragen, {done.Cases} casussen en {done.Residents} inwoners zijn geanonimiseerd.",
            $"Done: {requests} help requests, {done.Cases} cases and {done.Residents} residents were anonymised.");
        return RedirectToPage();
    }
}
