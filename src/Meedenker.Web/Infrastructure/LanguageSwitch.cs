using Microsoft.AspNetCore.Localization;

namespace Meedenker.Web.Infrastructure;

/// <summary>A plain link switches the language (no JavaScript): it sets the culture cookie and goes back.</summary>
public static class LanguageSwitch
{
    public static IEndpointRouteBuilder MapLanguageSwitch(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/taal/{culture}", (string culture, string? terug, HttpContext context) =>
        {
            if (!Lang.Supported.Contains(culture))
            {
                return Results.NotFound();
            }
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.MaxValue, IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
            var target = !string.IsNullOrEmpty(terug) && IsLocal(terug) ? terug : "/";
            return Results.LocalRedirect(target);
        }).ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>Only paths on this site, never another host: no open redirect.</summary>
    internal static bool IsLocal(string url) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);
}
