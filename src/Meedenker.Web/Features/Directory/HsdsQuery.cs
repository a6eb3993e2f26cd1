using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Meedenker.Web.Features.Directory;

public sealed record HsdsPaging(int Page, int PerPage)
{
    public const int DefaultPerPage = 50;
    public const int MaxPerPage = 500;

    public int Skip => (Page - 1) * PerPage;
}

/// <summary>
/// Reads the HSDS query parameters as text, so a bad value becomes a 400 that names the parameter instead
/// of a binding failure without a message.
/// </summary>
public sealed class HsdsQuery(HttpRequest request)
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public ValidationProblem? Problem => _errors.Count == 0 ? null : TypedResults.ValidationProblem(_errors, title: "Invalid query parameter");

    private string? Raw(string name)
    {
        var value = request.Query[name];
        return value.Count == 0 ? null : value[^1];
    }

    private void Error(string name, string message) => _errors[name] = [message];

    public HsdsPaging Paging()
    {
        var page = Number("page", 1, 1, 1_000_000);
        var perPage = Number("per_page", HsdsPaging.DefaultPerPage, 1, HsdsPaging.MaxPerPage);
        return new HsdsPaging(page, perPage);
    }


    public int Number(string name, int fallback, int min, int max)
    {
        var raw = Raw(name);
        if (string.IsNullOrEmpty(raw))
        {
            return fallback;
        }
        if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }
        Error(name, $"'{name}' must be a whole number from {min} to {max}.");
        return fallback;
    }

    public Guid? Id(string name)
    {
        var raw = Raw(name);
        if (string.IsNullOrEmpty(raw))
        {
            return null;
        }
        if (Guid.TryParseExact(raw, "D", out var id))
        {
            return id;
        }
        Error(name, $"'{name}' must be a UUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6.");
        return null;
    }

    public bool Flag(string name)
    {
        var raw = Raw(name);
        switch (raw)
        {
            case null or "" or "false":
                return false;
            case "true":
                return true;
            default:
                Error(name, $"'{name}' must be true or false.");
                return false;
        }
    }

    public DateTimeOffset? Timestamp(string name)
    {
        var raw = Raw(name);
        if (string.IsNullOrEmpty(raw))
        {
            return null;
        }
        if (DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            return value;
        }
        Error(name, $"'{name}' must be an ISO 8601 date-time such as 2026-01-31T12:00:00Z.");
        return null;
    }

    public string? Text(string name, int maxLength)
    {
        var raw = Raw(name);
        if (raw is { Length: > 0 } && raw.Length > maxLength)
        {
            Error(name, $"'{name}' can be at most {maxLength} characters.");
            return null;
        }
        return raw;
    }
}
