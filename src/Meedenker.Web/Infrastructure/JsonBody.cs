using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
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

    /// <summary>The message for a body over <see cref="MaxBytes"/>, sent with 413 Content Too Large.</summary>
    public static string TooLargeMessage => Lang.Pick($"De inhoud is te groot (meer dan {MaxBytes / 1024} kB).", $"The body is too large (over {MaxBytes / 1024} kB).");

    /// <summary>A 413 problem for a body over <see cref="MaxBytes"/>: the caller must send less, not fix a field.</summary>
    public static ProblemHttpResult TooLarge() =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: Lang.Pick("Te groot", "Too large"), detail: TooLargeMessage);

    /// <returns>The value, or the errors for a 400; <c>TooLarge</c> is true when the body is over <see cref="MaxBytes"/> (answer 413).</returns>
    public static async Task<(T? Value, Dictionary<string, string[]>? Errors, bool TooLarge)> ReadAsync<T>(HttpContext context, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.ContentLength > MaxBytes)
        {
            return (null, Error(TooLargeMessage), true);
        }
        if (!context.Request.HasJsonContentType())
        {
            return (null, Error(Lang.Pick("Stuur de inhoud als JSON (Content-Type: application/json).", "Send the body as JSON (Content-Type: application/json).")), false);
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
                    return (null, Error(TooLargeMessage), true);
                }
                limited.Write(buffer, 0, read);
            }
            limited.Position = 0;
            var value = await JsonSerializer.DeserializeAsync<T>(limited, options, cancellationToken);
            return value is null
                ? (null, Error(Lang.Pick("Stuur een JSON-object.", "Send a JSON object.")), false)
                : (value, null, false);
        }
        catch (JsonException e)
        {
            var where = string.IsNullOrEmpty(e.Path) ? "" : $" ({e.Path})";
            return (null, Error(Lang.Pick($"De JSON klopt niet{where}: controleer haakjes, aanhalingstekens en of elk veld het juiste type heeft.",
                $"The JSON is not valid{where}: check brackets, quotes and that each field has the right type.")), false);
        }
    }

    private static Dictionary<string, string[]> Error(string message) => new() { ["body"] = [message] };
}
