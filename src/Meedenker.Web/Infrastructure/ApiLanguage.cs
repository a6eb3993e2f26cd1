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

    /// <summary>The request's idempotency key, or a new token. A malformed key is an error, not silently replaced.</summary>
    public static (string? Token, string? Problem) IdempotencyToken(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var key = context.Request.Headers["Idempotency-Key"].ToString();
        if (string.IsNullOrEmpty(key))
        {
            return (Domain.SecretToken.New(), null);
        }
        return Domain.SecretToken.IsWellFormed(key)
            ? (key, null)
            : (null, Lang.Pick("Idempotency-Key moet 43 URL-veilige tekens zijn (32 willekeurige bytes, base64url).",
                "Idempotency-Key must be 43 URL-safe characters (32 random bytes, base64url)."));
    }

    public static Dictionary<string, string[]> Errors(IEnumerable<Features.Hulpvraag.FieldProblem> problems) =>
        problems.GroupBy(p => JsonName(p.Field)).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray());

    private static string JsonName(string field) => field.Length == 0 ? field : char.ToLowerInvariant(field[0]) + field[1..];
}
