using Meedenker.Data;
using Meedenker.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Directory;

/// <summary>HSDS /services and /services/{id}.</summary>
public static class HsdsServicesApi
{
    public static RouteGroupBuilder MapHsdsServices(this RouteGroupBuilder hsds)
    {
        ArgumentNullException.ThrowIfNull(hsds);
        hsds.MapGet("/services", List).WithName("HsdsListServices")
            .WithSummary("Paged services; query: search, page, per_page, taxonomy_term_id, taxonomy_id, organization_id, modified_after, minimal, full")
            .Produces<HsdsPage<HsdsService>>().Produces<HsdsPage<HsdsMinimalService>>().ProducesValidationProblem();
        hsds.MapGet("/services/{id}", Get).WithName("HsdsGetService").WithSummary("One fully nested service").ProducesProblem(StatusCodes.Status404NotFound);
        return hsds;
    }

    private static async Task<IResult> List(HttpRequest request, AppDbContext db, SearchCache cache, CancellationToken cancellationToken)
    {
        var query = new HsdsQuery(request);
        var search = query.Text("search", Search.MaxQueryLength);
        var paging = query.Paging();
        var termId = query.Id("taxonomy_term_id");
        var taxonomyId = query.Id("taxonomy_id");
        var organizationId = query.Id("organization_id");
        var modifiedAfter = query.Timestamp("modified_after");
        var minimal = query.Flag("minimal");
        var full = query.Flag("full");
        if (query.Problem is { } problem)
        {
            return problem;
        }

        var services = db.Services.AsNoTracking();
        var match = await ServiceSearch.MatchAsync(db, search, cache, cancellationToken);
        services = match.Apply(db, services);
        if (termId is { } term)
        {
            services = services.Where(s => s.Terms.Any(t => t.TaxonomyTermId == term) || s.Areas.Any(a => a.MunicipalityId == term));
        }
        if (taxonomyId is { } taxonomy)
        {
            var kind = Taxonomies.Find(taxonomy)?.Kind;
            services = kind is { } k ? services.Where(s => s.Terms.Any(t => t.TaxonomyTerm!.Taxonomy == k))
                : taxonomy == HsdsLoader.MunicipalityTaxonomyId ? services.Where(s => s.Areas.Any())
                : services.Where(_ => false);
        }
        if (organizationId is { } organization)
        {
            services = services.Where(s => s.OrganizationId == organization);
        }
        if (modifiedAfter is { } after)
        {
            services = services.Where(s => s.LastModified >= after);
        }
        // The count of a normalised search is cached for a short time (SearchCache); the page is read every time.
        var key = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"api|{match.Key}|{termId}|{taxonomyId}|{organizationId}|{modifiedAfter?.UtcTicks}");
        var total = await cache.GetOrAddAsync(key, () => services.CountAsync(cancellationToken));
        var sorted = services.OrderBy(s => s.Name);
        if (match.HasText)
        {
            // Few matches: find them through the word index and sort, instead of walking the name index (same order).
            var all = await cache.GetOrAddAsync("api|all", () => db.Services.CountAsync(cancellationToken));
            if (!ServiceSearch.WalkNameIndex(total, all, paging.Skip + paging.PerPage))
            {
                sorted = services.OrderBy(s => s.Name + "");
            }
        }
        var ordered = sorted.ThenBy(s => s.Id).Skip(paging.Skip).Take(paging.PerPage);
        if (minimal)
        {
            var rows = await ordered.Select(s => new HsdsMinimalService(s.Id, s.LastModified)).ToListAsync(cancellationToken);
            return TypedResults.Json(HsdsPages.Of(rows, total, paging), HsdsJson.Options);
        }
        var page = await ordered.ToListAsync(cancellationToken);
        var contents = full ? await HsdsLoader.FullServicesAsync(db, page, cancellationToken) : page.Select(HsdsLoader.Service).ToList();
        return TypedResults.Json(HsdsPages.Of(contents, total, paging), HsdsJson.Options);
    }

    private static async Task<Results<JsonHttpResult<HsdsService>, ProblemHttpResult>> Get(string id, AppDbContext db, CancellationToken cancellationToken)
    {
        var service = HsdsApi.TryId(id, out var guid) ? await db.Services.AsNoTracking().SingleOrDefaultAsync(s => s.Id == guid, cancellationToken) : null;
        if (service is null)
        {
            return HsdsApi.NotFound("service", id);
        }
        var full = await HsdsLoader.FullServicesAsync(db, [service], cancellationToken);
        return TypedResults.Json(full[0], HsdsJson.Options);
    }
}
