using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Meedenker.Web.Infrastructure;

/// <summary>
/// Reads a JSON body ourselves, so malformed JSON or a wrong type gets a message that names the place in the
/// body, in the caller's language, instead of a bare 400.
/// </summary>
public static class JsonBody
{
    public const int MaxBytes = 64 * 1024;

    public static async Task<(T? Value, Dictionary<string, string[]>? Errors)> ReadAsync<T>(HttpContext context, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.ContentLength > MaxBytes)
        {
            return (null, Error(Lang.Pick($"De inhoud is te groot (meer dan {MaxBytes / 1024} kB).", $"The body is too large (over {MaxBytes / 1024} kB).")));
        }
        if (!context.Request.HasJsonContentType())
        {
            return (null, Error(Lang.Pick("Stuur de inhoud als JSON (Content-Type: application/json).", "Send the body as JSON (Content-Type: application/json).")));
        }
        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            using var limited = new MemoryStream();
            var buffer = new byte[8192];
            int read;
            while ((read = await context.Request.Body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (limited.Length + read > MaxBytes)
                {
                    return (null, Error(Lang.Pick($"De inhoud is te groot (meer dan {MaxBytes / 1024} kB).", $"The body is too large (over {MaxBytes / 1024} kB).")));
                }
                limited.Write(buffer, 0, read);
            }
            limited.Position = 0;
            var value = await JsonSerializer.DeserializeAsync<T>(limited, options, cancellationToken);
            return value is null
                ? (null, Error(Lang.Pick("Stuur een JSON-object.", "Send a JSON object.")))
                : (value, null);
        }
        catch (JsonException e)
        {
            var where = string.IsNullOrEmpty(e.Path) ? "" : $" ({e.Path})";
            return (null, Error(Lang.Pick($"De JSON klopt niet{where}: controleer haakjes, aanhalingstekens en of elk veld het juiste type heeft.",
                $"The JSON is not valid{where}: check brackets, quotes and that each field has the right type.")));
        }
    }

    private static Dictionary<string, string[]> Error(string message) => new() { ["body"] = [message] };
}
