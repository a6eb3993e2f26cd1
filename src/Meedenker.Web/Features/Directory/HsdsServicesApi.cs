using Meedenker.Data;
using Meedenker.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Directory;

/// <summary>HSDS /services and /services/{id}.</summary>
public static class HsdsServicesApi
{
    /// <summary>One page of services by id, without the search text the response does not show; compiled once.</summary>
    private static readonly Func<AppDbContext, Guid[], IAsyncEnumerable<Service>> PageServices = EF.CompileAsyncQuery((AppDbContext db, Guid[] ids) =>
        db.Services.AsNoTracking().Where(s => ids.Contains(s.Id)).Select(s => new Service
        {
            Id = s.Id,
            OrganizationId = s.OrganizationId,
            Name = s.Name,
            Description = s.Description,
            Status = s.Status,
            IsFree = s.IsFree,
            FeesDescription = s.FeesDescription,
            ApplicationProcess = s.ApplicationProcess,
            Email = s.Email,
            Url = s.Url,
            LastModified = s.LastModified,
        }));

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
        // The count and the first ids of a normalised search are cached for a short time (SearchCache); the services
        // of the page are read every time, by id.
        var key = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"api|{match.Key}|{termId}|{taxonomyId}|{organizationId}|{modifiedAfter?.UtcTicks}");
        var head = await ServiceSearch.HeadAsync(cache, key, services, match.HasText, cancellationToken);
        var total = head.Total;
        var ids = await ServiceSearch.PageIdsAsync(head, services, match.HasText, paging.Skip, paging.PerPage, cancellationToken);
        if (minimal)
        {
            var rows = await db.Services.AsNoTracking().Where(s => ids.Contains(s.Id)).Select(s => new HsdsMinimalService(s.Id, s.LastModified)).ToListAsync(cancellationToken);
            return TypedResults.Json(HsdsPages.Of(ServiceSearch.InOrder(rows, ids, r => r.Id), total, paging), HsdsJson.Options);
        }
        var page = ServiceSearch.InOrder(await PageServices(db, [.. ids]).ToListAsync(cancellationToken), ids, s => s.Id);
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
