using System.Globalization;
using System.Text;

namespace Meedenker.Domain;

/// <summary>HSDS service status; the HSDS codes are the strings in <see cref="ServiceStatusCodes"/>.</summary>
public enum ServiceStatus
{
    Active = 1,
    Inactive = 2,
    Defunct = 3,
    TemporarilyClosed = 4,
}

public static class ServiceStatusCodes
{
    public static string ToHsds(ServiceStatus status) => status switch
    {
        ServiceStatus.Active => "active",
        ServiceStatus.Inactive => "inactive",
        ServiceStatus.Defunct => "defunct",
        ServiceStatus.TemporarilyClosed => "temporarily closed",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static ServiceStatus? FromHsds(string? code) => code switch
    {
        "active" => ServiceStatus.Active,
        "inactive" => ServiceStatus.Inactive,
        "defunct" => ServiceStatus.Defunct,
        "temporarily closed" => ServiceStatus.TemporarilyClosed,
        _ => null,
    };
}

/// <summary>
/// What an organisation offers on the social map (sociale kaart): one service, for some target groups and
/// life domains, in some municipalities. Residents see services and organisations, never individual supporters.
/// </summary>
public sealed class Service
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public ServiceStatus Status { get; set; } = ServiceStatus.Active;
    public bool IsFree { get; set; } = true;
    public string? FeesDescription { get; set; }
    public string? ApplicationProcess { get; set; }
    public string? Email { get; set; }
    public string? Url { get; set; }
    public DateTimeOffset LastModified { get; set; }

    /// <summary>
    /// Lower-case words without accents of the name, description, organisation and terms: what free-text search
    /// looks in. Kept by <see cref="RefreshSearchText"/> whenever one of those changes.
    /// </summary>
    public string SearchText { get; set; } = "";

    public List<ServiceTerm> Terms { get; set; } = [];
    public List<ServiceArea> Areas { get; set; } = [];
    public List<ServiceAtLocation> Locations { get; set; } = [];
    public List<Phone> Phones { get; set; } = [];
    public List<Schedule> Schedules { get; set; } = [];

    public void RefreshSearchText(string organizationName, IEnumerable<string> termNames)
    {
        ArgumentNullException.ThrowIfNull(termNames);
        SearchText = Search.Normalize(string.Join(' ', [Name, Description ?? "", organizationName, .. termNames]));
    }

    public void Touch(DateTimeOffset now) => LastModified = now;
}

/// <summary>A taxonomy term on a service (HSDS attribute): life domain, target group, law, role, language, contact mode.</summary>
public sealed class ServiceTerm
{
    public Guid Id { get; set; }
    public Guid ServiceId { get; set; }
    public Guid TaxonomyTermId { get; set; }
    public TaxonomyTerm? TaxonomyTerm { get; set; }
}

/// <summary>A municipality a service is available to (HSDS service_area).</summary>
public sealed class ServiceArea
{
    public Guid Id { get; set; }
    public Guid ServiceId { get; set; }
    public Guid MunicipalityId { get; set; }
    public Municipality? Municipality { get; set; }
}

/// <summary>A physical place of an organisation, with its address and how accessible it is.</summary>
public sealed class Location
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public required string Name { get; set; }
    public required string Address { get; set; }
    public required string PostalCode { get; set; }
    public required string City { get; set; }
    public Guid MunicipalityId { get; set; }
    public Municipality? Municipality { get; set; }
    /// <summary>Plain words on access for people with a disability, e.g. "Ingang zonder drempel, lift".</summary>
    public string? Accessibility { get; set; }
    /// <summary>How to get there: bus stop, parking.</summary>
    public string? Transportation { get; set; }
    public List<Schedule> Schedules { get; set; } = [];
}

/// <summary>A service offered at a location (HSDS service_at_location).</summary>
public sealed class ServiceAtLocation
{
    public Guid Id { get; set; }
    public Guid ServiceId { get; set; }
    public Service? Service { get; set; }
    public Guid LocationId { get; set; }
    public Location? Location { get; set; }
    public string? Description { get; set; }
}

/// <summary>Weekly opening hours (one HSDS schedule with freq WEEKLY and one day) of a service or a location.</summary>
public sealed class Schedule
{
    public Guid Id { get; set; }
    public Guid? ServiceId { get; set; }
    public Guid? LocationId { get; set; }
    public DayOfWeek Day { get; set; }
    public TimeOnly OpensAt { get; set; }
    public TimeOnly ClosesAt { get; set; }
    public string? Description { get; set; }

    public static readonly string[] ByDayCodes = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];

    public string ByDay => ByDayCodes[(int)Day];

    public bool IsEvening => ClosesAt > new TimeOnly(18, 0);

    public bool IsWeekend => Day is DayOfWeek.Saturday or DayOfWeek.Sunday;
}

/// <summary>A phone number of an organisation, service or location.</summary>
public sealed class Phone
{
    public Guid Id { get; set; }
    public Guid? OrganizationId { get; set; }
    public Guid? ServiceId { get; set; }
    public Guid? LocationId { get; set; }
    public required string Number { get; set; }
    public string? Description { get; set; }
}

/// <summary>
/// Words that mean the same to a resident ("schulden", "geldzorgen", "rekeningen"): searching for one finds all.
/// An administrator edits the groups.
/// </summary>
public sealed class SearchSynonymGroup
{
    public Guid Id { get; set; }
    /// <summary>The words, normalised, separated by single spaces.</summary>
    public required string Words { get; set; }

    public IReadOnlyList<string> WordList => Words.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>
/// A word that occurs in some service's search text: the vocabulary that a query word is looked up in (by infix),
/// before the services are found through <see cref="ServiceWord"/> (docs/decisions/0050-search-word-index.md).
/// </summary>
public sealed class SearchWord
{
    public required string Word { get; set; }
}

/// <summary>One distinct word of one service's <see cref="Service.SearchText"/>; kept by <c>SearchIndex</c>.</summary>
public sealed class ServiceWord
{
    public Guid ServiceId { get; set; }
    public required string Word { get; set; }
}

/// <summary>Free-text search helpers shared by the social map, the HSDS API and the generator.</summary>
public static class Search
{
    public const int MaxQueryLength = 200;
    public const int MaxTerms = 8;
    public const int MaxTermLength = 40;

    /// <summary>Longer words in a search text are kept in the word index cut to this length.</summary>
    public const int MaxIndexedWordLength = 200;

    /// <summary>The distinct words of a normalised search text, as the word index keeps them.</summary>
    public static IReadOnlyList<string> IndexWords(string? searchText) =>
        string.IsNullOrEmpty(searchText) ? [] : searchText.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Length > MaxIndexedWordLength ? w[..MaxIndexedWordLength] : w)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>Lower case, accents removed, everything but letters and digits a single space.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var decomposed = WithoutLoneSurrogates(text).Normalize(NormalizationForm.FormKD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }
            if (char.IsLetterOrDigit(c) && c < 0x2E80)
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (char.IsLetterOrDigit(c))
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != ' ')
            {
                builder.Append(' ');
            }
        }
        return builder.ToString().Trim();
    }

    /// <summary>Broken UTF-16 (a half surrogate pair) cannot be normalised; it carries no meaning, so it goes.</summary>
    private static string WithoutLoneSurrogates(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (!char.IsSurrogate(c))
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    /// <summary>The words of a search query, at most <see cref="MaxTerms"/>, each cut to <see cref="MaxTermLength"/>.</summary>
    public static IReadOnlyList<string> Terms(string? query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return [];
        }
        var text = query.Length > MaxQueryLength ? query[..MaxQueryLength] : query;
        return Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(t => t.Length >= 2)
            .Select(t => t.Length > MaxTermLength ? t[..MaxTermLength] : t)
            .Distinct(StringComparer.Ordinal)
            .Take(MaxTerms)
            .ToList();
    }

    /// <summary>
    /// A light Dutch stem for matching inside words: "schulden" → "schuld", "formulieren" → "formulier",
    /// "buurthuizen" stays (too irregular). Only long words lose an ending, so short words keep their meaning.
    /// </summary>
    public static string Stem(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        foreach (var ending in (ReadOnlySpan<string>)["heden", "en", "s"])
        {
            if (term.Length - ending.Length >= 4 && term.EndsWith(ending, StringComparison.Ordinal))
            {
                return term[..^ending.Length];
            }
        }
        return term;
    }

    /// <summary>What to look for for one query term: its stem and the stems of every synonym in its groups.</summary>
    public static IReadOnlyList<string> Expand(string term, IEnumerable<IReadOnlyList<string>> synonymGroups)
    {
        ArgumentNullException.ThrowIfNull(synonymGroups);
        var stem = Stem(term);
        var result = new HashSet<string>(StringComparer.Ordinal) { stem };
        foreach (var group in synonymGroups)
        {
            if (group.Any(w => w == term || Stem(w) == stem))
            {
                foreach (var word in group)
                {
                    result.Add(Stem(word));
                }
            }
        }
        return result.ToList();
    }
}
