using Microsoft.AspNetCore.Http.HttpResults;

namespace Meedenker.Web.Features.Directory;

/// <summary>
/// The social map as an Open Referral HSDS 3.1 read API under /api/hsds: anonymous and rate limited.
/// Each resource has its own file; this one maps the group and the root.
/// </summary>
public static class HsdsApi
{
    public const string RateLimitPolicy = "hsds";

    public static IEndpointRouteBuilder MapHsdsApi(this IEndpointRouteBuilder endpoints)
    {
        var hsds = endpoints.MapGroup("/api/hsds").WithTags("HSDS 3.1").RequireRateLimiting(RateLimitPolicy);
        hsds.MapGet("/", Root).WithName("HsdsRoot").WithSummary("About this HSDS API: version and profile");
        hsds.MapHsdsServices();
        hsds.MapHsdsOrganizations();
        hsds.MapHsdsTaxonomies();
        hsds.MapHsdsServiceAtLocations();
        hsds.MapHsdsExport();
        return endpoints;
    }

    private static JsonHttpResult<HsdsRoot> Root(HttpRequest request)
    {
        var origin = $"{request.Scheme}://{request.Host}";
        return TypedResults.Json(new HsdsRoot(
            HsdsJson.Version,
            "https://docs.openreferral.org/en/latest/hsds/",
            $"{origin}/openapi/v1.json",
            "De sociale kaart van het netwerk van meedenkers (onafhankelijke cliëntondersteuning). The social map of the client support network.",
            new HsdsPublisher("Meedenker", origin)), HsdsJson.Options);
    }

    internal static ProblemHttpResult NotFound(string kind, string id) =>
        TypedResults.Problem(title: $"{kind} not found", detail: $"No {kind} with id '{id}'.", statusCode: StatusCodes.Status404NotFound);

    /// <summary>Path ids are read as text so a malformed one is a clear 404 rather than a route mismatch.</summary>
    internal static bool TryId(string id, out Guid value) => Guid.TryParseExact(id, "D", out value);
}
