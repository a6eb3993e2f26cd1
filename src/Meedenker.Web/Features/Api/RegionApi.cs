using Meedenker.Data;
using Meedenker.Domain;
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
        api.MapGet("/municipalities/{code}", GetMunicipality).WithName("GetMunicipality").WithSummary("One municipality by its CBS code, e.g. GM0664")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<Ok<List<MunicipalityDto>>> ListMunicipalities(AppDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await Query(db.Municipalities).ToListAsync(cancellationToken));

    private static async Task<Results<Ok<MunicipalityDto>, ProblemHttpResult>> GetMunicipality(string code, AppDbContext db, CancellationToken cancellationToken)
    {
        var normalized = code.Trim().ToUpperInvariant();
        var municipality = await Query(db.Municipalities.Where(m => m.Code == normalized)).SingleOrDefaultAsync(cancellationToken);
        return municipality is null
            ? TypedResults.Problem(title: "Municipality not found", detail: $"No municipality with code '{code}'.", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(municipality);
    }

    private static IQueryable<MunicipalityDto> Query(IQueryable<Municipality> municipalities) =>
        municipalities.OrderBy(m => m.Name).Select(m => new MunicipalityDto(
            m.Code, m.Name, m.Population,
            m.Neighbourhoods.OrderBy(n => n.Code).Select(n => new NeighbourhoodDto(n.Code, n.Name, n.Population)).ToList()));
}
