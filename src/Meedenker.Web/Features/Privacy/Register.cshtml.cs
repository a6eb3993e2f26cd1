using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Meedenker.Web.Features.Privacy;

/// <summary>The processing register (AVG art. 30), public, generated from the configuration.</summary>
[AllowAnonymous]
public sealed class RegisterModel(IOptions<PrivacySettings> privacy, IOptions<RetentionSettings> retention) : PageModel
{
    public PrivacySettings Privacy => privacy.Value;
    public IReadOnlyList<(string Kind, string Term)> Terms => PrivacyStatementModel.RetentionTerms(retention.Value);

    /// <summary>One register entry per controller; with none configured, one for "the organisation of your meedenker".</summary>
    public IReadOnlyList<ProcessingController> Controllers => Privacy.Controllers.Count > 0 ? Privacy.Controllers : [new ProcessingController()];

    public IReadOnlyList<ProcessingPurpose> PurposesOf(ProcessingController controller) =>
        controller?.Purposes is { Count: > 0 } own ? own : Privacy.Purposes;

    public IReadOnlyList<BilingualText> RecipientsOf(ProcessingController controller) =>
        controller?.Recipients is { Count: > 0 } own ? own : Privacy.Recipients;
}
