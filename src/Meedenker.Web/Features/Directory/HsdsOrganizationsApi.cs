using Meedenker.Data;
using Meedenker.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Directory;

/// <summary>HSDS /organizations and /organizations/{id}: only organisations that give client support.</summary>
public static class HsdsOrganizationsApi
{
    public static RouteGroupBuilder MapHsdsOrganizations(this RouteGroupBuilder hsds)
    {
        ArgumentNullException.ThrowIfNull(hsds);
        hsds.MapGet("/organizations", List).WithName("HsdsListOrganizations").WithSummary("Paged organisations; query: search, page, per_page, full")
            .Produces<HsdsPage<HsdsOrganization>>().ProducesValidationProblem();
        hsds.MapGet("/organizations/{id}", Get).WithName("HsdsGetOrganization").WithSummary("One organisation with its phones and locations").ProducesProblem(StatusCodes.Status404NotFound);
        return hsds;
    }

    internal static IQueryable<Organization> Public(AppDbContext db) =>
        db.Organizations.AsNoTracking().Where(o => o.Kind == OrganizationKind.SupportA || o.Kind == OrganizationKind.SupportB || o.Kind == OrganizationKind.SupportC);

    private static async Task<IResult> List(HttpRequest request, AppDbContext db, CancellationToken cancellationToken)
    {
        var query = new HsdsQuery(request);
        var search = query.Text("search", Search.MaxQueryLength);
        var paging = query.Paging();
        var full = query.Flag("full");
        if (query.Problem is { } problem)
        {
            return problem;
        }
        var organizations = Public(db);
        foreach (var word in Search.Terms(search))
        {
            var pattern = $"%{word}%";
#pragma warning disable CA1304, CA1311 // Translated to SQL lower(); no .NET culture is involved.
            organizations = organizations.Where(o => EF.Functions.Like(o.Name.ToLower(), pattern));
#pragma warning restore CA1304, CA1311
        }
        var total = await organizations.CountAsync(cancellationToken);
        var ids = await organizations.OrderBy(o => o.Name).ThenBy(o => o.Id).Skip(paging.Skip).Take(paging.PerPage).Select(o => o.Id).ToListAsync(cancellationToken);
        var loaded = await HsdsLoader.OrganizationsAsync(db, ids, full, cancellationToken);
        return TypedResults.Json(HsdsPages.Of(ids.Select(id => loaded[id]).ToList(), total, paging), HsdsJson.Options);
    }

    private static async Task<Results<JsonHttpResult<HsdsOrganization>, ProblemHttpResult>> Get(string id, AppDbContext db, CancellationToken cancellationToken)
    {
        if (!HsdsApi.TryId(id, out var guid) || !await Public(db).AnyAsync(o => o.Id == guid, cancellationToken))
        {
            return HsdsApi.NotFound("organization", id);
        }
        var loaded = await HsdsLoader.OrganizationsAsync(db, [guid], full: true, cancellationToken);
        return TypedResults.Json(loaded[guid], HsdsJson.Options);
    }
}
