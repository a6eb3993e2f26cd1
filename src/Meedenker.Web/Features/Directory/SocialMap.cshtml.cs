using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Features.Shared;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Directory;

/// <summary>The public social map: search and filter the services of the network, without an account.</summary>
public sealed class SocialMapModel(AppDbContext db, SearchCache cache, ReferenceData reference) : FormPageModel
{
    public const int PageSize = 10;

    public sealed record Option(string Code, string Name);

    public sealed record Row(Guid Id, string Name, string Organization, string? Description, bool IsFree, List<string> Places);

    /// <summary>One page of services with their places, by id; compiled once, as it runs on every search.</summary>
    private static readonly Func<AppDbContext, Guid[], IAsyncEnumerable<Row>> PageRows = EF.CompileAsyncQuery((AppDbContext db, Guid[] ids) =>
        db.Services.AsNoTracking().Where(s => ids.Contains(s.Id))
            .Select(s => new Row(s.Id, s.Name, s.Organization!.Name, s.Description, s.IsFree, s.Areas.Select(a => a.Municipality!.Name).ToList())));

    public sealed record ServiceRow(Guid Id, string Name, string Organization, string? Description, bool IsFree, IReadOnlyList<string> Places);

    [FromQuery(Name = "q")]
    public string? Text { get; set; }

    [FromQuery(Name = "gemeente")]
    public string? Municipality { get; set; }

    [FromQuery(Name = "leefgebied")]
    public string? LifeDomain { get; set; }

    [FromQuery(Name = "doelgroep")]
    public string? TargetGroup { get; set; }

    [FromQuery(Name = "taal")]
    public string? Language { get; set; }

    [FromQuery(Name = "kosten")]
    public string? Cost { get; set; }

    [FromQuery(Name = "pagina")]
    public string? PageText { get; set; }

    /// <summary>The reference snapshot the option lists come from (their rendered HTML is cached with it).</summary>
    public ReferenceSnapshot Snapshot { get; private set; } = null!;
    public IReadOnlyList<Option> Municipalities { get; private set; } = [];
    public IReadOnlyList<Option> LifeDomains { get; private set; } = [];
    public IReadOnlyList<Option> TargetGroups { get; private set; } = [];
    public IReadOnlyList<Option> Languages { get; private set; } = [];
    public IReadOnlyList<ServiceRow> Results { get; private set; } = [];
    public int Total { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public int TotalPages { get; private set; } = 1;
    public bool Searched { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // Municipalities and terms change rarely: the cached reference data (a minute) saves two queries per search.
        var snapshot = await reference.GetAsync(cancellationToken);
        Snapshot = snapshot;
        Municipalities = snapshot.Municipalities.Select(m => new Option(m.Code, m.Name)).ToList();
        LifeDomains = snapshot.Of(TaxonomyKind.LifeDomain).Select(t => new Option(t.Code, t.Name)).ToList();
        TargetGroups = snapshot.Of(TaxonomyKind.TargetGroup).Select(t => new Option(t.Code, t.Name)).ToList();
        Languages = snapshot.Of(TaxonomyKind.Language).Select(t => new Option(t.Code, t.Name)).ToList();

        var services = db.Services.AsNoTracking().Where(s => s.Status == ServiceStatus.Active);
        if (Text is { Length: > Search.MaxQueryLength })
        {
            ModelState.AddModelError(nameof(Text), Lang.Pick($"Je zoekwoorden zijn te lang. We zoeken op de eerste {Search.MaxQueryLength} tekens.", $"Your search is too long. We search the first {Search.MaxQueryLength} characters."));
        }
        var match = await ServiceSearch.MatchAsync(db, Text, cache, cancellationToken);
        services = match.Apply(db, services);
        Municipality = Known(Municipality, Municipalities, nameof(Municipality), Lang.Pick("Kies een gemeente uit de lijst.", "Choose a municipality from the list."));
        LifeDomain = Known(LifeDomain, LifeDomains, nameof(LifeDomain), Lang.Pick("Kies een onderwerp uit de lijst.", "Choose a topic from the list."));
        TargetGroup = Known(TargetGroup, TargetGroups, nameof(TargetGroup), Lang.Pick("Kies een groep uit de lijst.", "Choose a group from the list."));
        Language = Known(Language, Languages, nameof(Language), Lang.Pick("Kies een taal uit de lijst.", "Choose a language from the list."));
        if (Municipality is not null)
        {
            services = ServiceSearch.WhereMunicipality(services, Municipality);
        }
        if (LifeDomain is not null)
        {
            services = ServiceSearch.WhereTerm(services, TaxonomyKind.LifeDomain, LifeDomain);
        }
        if (TargetGroup is not null)
        {
            services = ServiceSearch.WhereTerm(services, TaxonomyKind.TargetGroup, TargetGroup);
        }
        if (Language is not null)
        {
            services = ServiceSearch.WhereTerm(services, TaxonomyKind.Language, Language);
        }
        switch (Cost)
        {
            case null or "":
                break;
            case "gratis":
                services = services.Where(s => s.IsFree);
                break;
            case "betaald":
                services = services.Where(s => !s.IsFree);
                break;
            default:
                ModelState.AddModelError(nameof(Cost), Lang.Pick("Kies gratis, betaald of allebei.", "Choose free, paid or both."));
                Cost = null;
                break;
        }
        Searched = !string.IsNullOrWhiteSpace(Text) || Municipality is not null || LifeDomain is not null || TargetGroup is not null || Language is not null || Cost is not null;

        // The count and the first ids of a normalised search (matched words and filters) are cached for a short time
        // (SearchCache); the rows of the page are read every time, by id.
        var head = await ServiceSearch.HeadAsync(cache, $"page|{match.Key}|{Municipality}|{LifeDomain}|{TargetGroup}|{Language}|{Cost}", services, match.HasText, cancellationToken);
        Total = head.Total;
        TotalPages = Math.Max(1, (Total + PageSize - 1) / PageSize);
        PageNumber = int.TryParse(PageText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var page) ? Math.Clamp(page, 1, TotalPages) : 1;
        var ids = await ServiceSearch.PageIdsAsync(head, services, match.HasText, (PageNumber - 1) * PageSize, PageSize, cancellationToken);
        // The page and the places of its services in one query by id (the places cut to eight here: as a Take inside
        // the query EF Core would number the service areas of the whole country first).
        var rows = ServiceSearch.InOrder(await PageRows(db, [.. ids]).ToListAsync(cancellationToken), ids, r => r.Id);
        Results = rows.Select(r => new ServiceRow(r.Id, r.Name, r.Organization, r.Description, r.IsFree, r.Places.Order(StringComparer.Ordinal).Take(8).ToList())).ToList();
    }

    /// <summary>The link to another page of the same search.</summary>
    public string PageLink(int page)
    {
        var query = new Dictionary<string, string?>
        {
            ["q"] = Text,
            ["gemeente"] = Municipality,
            ["leefgebied"] = LifeDomain,
            ["doelgroep"] = TargetGroup,
            ["taal"] = Language,
            ["kosten"] = Cost,
            ["pagina"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/sociale-kaart", query.Where(kv => !string.IsNullOrEmpty(kv.Value)));
    }

    private string? Known(string? value, IReadOnlyList<Option> options, string field, string message)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        if (options.Any(o => o.Code == value))
        {
            return value;
        }
        ModelState.AddModelError(field, message);
        return null;
    }
}
