using Meedenker.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Api;

/// <summary>Public reference data: the municipalities of the region with their neighbourhoods.</summary>
public static class RegionApi
{
    public sealed record NeighbourhoodDto(string Code, string Name, int Population);

    public sealed record MunicipalityDto(string Code, string Name, int Population, IReadOnlyList<NeighbourhoodDto> Neighbourhoods);

    public static IEndpointRouteBuilder MapMeedenkerApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").WithTags("Region");
        api.MapGet("/municipalities", ListMunicipalities).WithName("ListMunicipalities").WithSummary("The municipalities of the region and their neighbourhoods");
        api.MapGet("/municipalities/{code}", GetMunicipality).WithName("GetMunicipality").WithSummary("One municipality by its CBS code, e.g. GM0664");
        return endpoints;
    }

    private static async Task<Ok<List<MunicipalityDto>>> ListMunicipalities(AppDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await Query(db).ToListAsync(cancellationToken));

    private static async Task<Results<Ok<MunicipalityDto>, NotFound<Microsoft.AspNetCore.Mvc.ProblemDetails>>> GetMunicipality(string code, AppDbContext db, CancellationToken cancellationToken)
    {
        var normalized = code.Trim().ToUpperInvariant();
        var municipality = await Query(db).SingleOrDefaultAsync(m => m.Code == normalized, cancellationToken);
        return municipality is null
            ? TypedResults.NotFound(new Microsoft.AspNetCore.Mvc.ProblemDetails { Title = "Municipality not found", Detail = $"No municipality with code '{code}'.", Status = 404 })
            : TypedResults.Ok(municipality);
    }

    private static IQueryable<MunicipalityDto> Query(AppDbContext db) =>
        db.Municipalities.OrderBy(m => m.Name).Select(m => new MunicipalityDto(
            m.Code, m.Name, m.Population,
            m.Neighbourhoods.OrderBy(n => n.Code).Select(n => new NeighbourhoodDto(n.Code, n.Name, n.Population)).ToList()));
}
