using System.Text.Json;
using System.Text.Json.Serialization;
using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.OwnRecord;

/// <summary>
/// The resident's export: everything recorded about them as a readable HTML document (to keep or print) and as
/// JSON (to take elsewhere). Needs the same proof as the own view; every download is logged as an export.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.PublicForms)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class MyDataDownloadModel(OwnViewSession session, OwnRecordReader reader) : PageModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public OwnRecordView? Record { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        Record = await ReadAsync(token, "own-record-html", cancellationToken);
        if (Record is null)
        {
            return Redirect($"/status/{Uri.EscapeDataString(token)}/mijn-gegevens");
        }
        Response.Headers.ContentDisposition = $"attachment; filename=\"meedenker-mijn-gegevens-{Record.MadeAt:yyyy-MM-dd}.html\"";
        return Page();
    }

    public async Task<IActionResult> OnGetJsonAsync(string token, CancellationToken cancellationToken)
    {
        var record = await ReadAsync(token, "own-record-json", cancellationToken);
        if (record is null)
        {
            return Redirect($"/status/{Uri.EscapeDataString(token)}/mijn-gegevens");
        }
        Response.Headers.ContentDisposition = $"attachment; filename=\"meedenker-mijn-gegevens-{record.MadeAt:yyyy-MM-dd}.json\"";
        return new ContentResult { Content = JsonSerializer.Serialize(record, Json), ContentType = "application/json; charset=utf-8" };
    }

    private async Task<OwnRecordView?> ReadAsync(string token, string resource, CancellationToken cancellationToken)
    {
        var proof = await session.ResidentAsync(HttpContext, token, AccessAction.Export, resource, cancellationToken);
        return proof is null ? null : await reader.ReadAsync(proof.ResidentId, null, cancellationToken);
    }
}
