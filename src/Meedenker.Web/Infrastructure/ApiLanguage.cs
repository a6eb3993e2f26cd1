using System.Globalization;

namespace Meedenker.Web.Infrastructure;

/// <summary>API messages follow Accept-Language (Dutch unless English is asked for), pages follow the language switch.</summary>
public static class ApiLanguage
{
    public static void Apply(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var header = context.Request.Headers.AcceptLanguage.ToString();
        if (header.StartsWith("en", StringComparison.OrdinalIgnoreCase))
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(Lang.English);
        }
    }

    public const string IdempotencyHeader = "Idempotency-Key";

    /// <summary>
    /// The request's idempotency key (null when none was sent). It only deduplicates retries, so any 16 to 100
    /// visible ASCII characters will do (a UUID, say); a malformed key is an error, not silently ignored.
    /// </summary>
    public static (string? Key, string? Problem) IdempotencyKey(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var key = context.Request.Headers[IdempotencyHeader].ToString();
        if (string.IsNullOrEmpty(key))
        {
            return (null, null);
        }
        return key.Length is >= 16 and <= 100 && key.All(c => c is > ' ' and <= '~')
            ? (key, null)
            : (null, Lang.Pick("Idempotency-Key moet 16 tot 100 zichtbare ASCII-tekens zijn, bijvoorbeeld een UUID.",
                "Idempotency-Key must be 16 to 100 visible ASCII characters, for example a UUID."));
    }

    /// <summary>422 for a key that was already used with a different body: the first request is not given away.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult IdempotencyKeyReused() =>
        TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity,
            title: Lang.Pick("Deze Idempotency-Key is al gebruikt", "This Idempotency-Key was already used"),
            detail: Lang.Pick(
                "Een eerdere aanvraag met deze Idempotency-Key had andere inhoud. Er is niets opgeslagen. Stuur een nieuwe vraag met een nieuwe sleutel; herhaal een vraag alleen met precies dezelfde inhoud.",
                "An earlier request with this Idempotency-Key had a different body. Nothing was stored. Send a new request with a new key; repeat a request only with exactly the same body."));

    public static Dictionary<string, string[]> Errors(IEnumerable<Features.Hulpvraag.FieldProblem> problems) =>
        problems.GroupBy(p => JsonName(p.Field)).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray());

    private static string JsonName(string field) => field.Length == 0 ? field : char.ToLowerInvariant(field[0]) + field[1..];
}
