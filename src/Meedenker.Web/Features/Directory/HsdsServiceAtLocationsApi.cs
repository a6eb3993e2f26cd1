using Meedenker.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Directory;

/// <summary>HSDS /service_at_locations and /service_at_locations/{id}.</summary>
public static class HsdsServiceAtLocationsApi
{
    public static RouteGroupBuilder MapHsdsServiceAtLocations(this RouteGroupBuilder hsds)
    {
        ArgumentNullException.ThrowIfNull(hsds);
        hsds.MapGet("/service_at_locations", List).WithName("HsdsListServiceAtLocations").WithSummary("Paged services at locations; query: page, per_page, organization_id, full")
            .Produces<HsdsPage<HsdsServiceAtLocation>>().ProducesValidationProblem();
        hsds.MapGet("/service_at_locations/{id}", Get).WithName("HsdsGetServiceAtLocation").WithSummary("One service at a location, with the location")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return hsds;
    }

    private static async Task<IResult> List(HttpRequest request, AppDbContext db, CancellationToken cancellationToken)
    {
        var query = new HsdsQuery(request);
        var paging = query.Paging();
        var organizationId = query.Id("organization_id");
        var full = query.Flag("full");
        if (query.Problem is { } problem)
        {
            return problem;
        }
        var rows = db.ServiceAtLocations.AsNoTracking();
        if (organizationId is { } organization)
        {
            rows = rows.Where(r => r.Service!.OrganizationId == organization);
        }
        var total = await rows.CountAsync(cancellationToken);
        var page = await rows.OrderBy(r => r.Id).Skip(paging.Skip).Take(paging.PerPage).ToListAsync(cancellationToken);
        var locations = full ? await HsdsLoader.LocationsAsync(db, page.Select(r => r.LocationId).Distinct().ToList(), cancellationToken) : null;
        var contents = page.Select(r => new HsdsServiceAtLocation(r.Id, r.ServiceId, r.LocationId, r.Description, locations?[r.LocationId])).ToList();
        return TypedResults.Json(HsdsPages.Of(contents, total, paging), HsdsJson.Options);
    }

    private static async Task<Results<JsonHttpResult<HsdsServiceAtLocation>, ProblemHttpResult>> Get(string id, AppDbContext db, CancellationToken cancellationToken)
    {
        var row = HsdsApi.TryId(id, out var guid) ? await db.ServiceAtLocations.AsNoTracking().SingleOrDefaultAsync(r => r.Id == guid, cancellationToken) : null;
        if (row is null)
        {
            return HsdsApi.NotFound("service_at_location", id);
        }
        var locations = await HsdsLoader.LocationsAsync(db, [row.LocationId], cancellationToken);
        return TypedResults.Json(new HsdsServiceAtLocation(row.Id, row.ServiceId, row.LocationId, row.Description, locations[row.LocationId]), HsdsJson.Options);
    }
}
