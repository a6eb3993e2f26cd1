using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Meedenker.Web.Infrastructure;

/// <summary>
/// Also an attempt that the authorization policy refuses before a page runs (an admin, a referrer or an analyst
/// opening a case link, a signed-out visitor) is an attempt to read a resident's data: it is logged as denied in
/// the access log, like the refusals of <see cref="AccessCheck"/> itself.
/// </summary>
public sealed class PolicyDenialLog : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (!authorizeResult.Succeeded && ResidentRoute(context) is { } target)
        {
            var access = context.RequestServices.GetRequiredService<AccessCheck>();
            await access.LogRefusedByPolicyAsync(target.Kind, target.Id, context.Request.Path, context.RequestAborted);
        }
        await _default.HandleAsync(next, context, policy, authorizeResult);
    }

    /// <summary>The routes that read one resident's data, by the kind of id in them.</summary>
    private static (ResidentRouteKind Kind, Guid Id)? ResidentRoute(HttpContext context)
    {
        if (!Guid.TryParse(context.GetRouteValue("id")?.ToString(), out var id))
        {
            return null;
        }
        var path = context.Request.Path.Value ?? "";
        return path.StartsWith("/werk/casussen/", StringComparison.OrdinalIgnoreCase) ? (ResidentRouteKind.Case, id)
            : path.StartsWith("/werk/aanmeldingen/", StringComparison.OrdinalIgnoreCase) ? (ResidentRouteKind.HelpRequest, id)
            : path.StartsWith("/werk/inwoners/", StringComparison.OrdinalIgnoreCase) ? (ResidentRouteKind.Resident, id)
            : null;
    }
}

public enum ResidentRouteKind
{
    Case = 1,
    HelpRequest = 2,
    Resident = 3,
}
