using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Meedenker.IntegrationTests.Infrastructure;

/// <summary>A person with an account at the test IdP.</summary>
public sealed record IdpUser(string Subject, string Email, string Name, string[] Roles, string[] Amr, string? Acr = null, bool Disabled = false);

/// <summary>
/// A real OpenID Connect server (OpenIddict) on a random localhost port, standing in for an organisation's
/// Entra ID or Keycloak: authorization code with PKCE, signed ID tokens, confidential clients. The "login" at the
/// IdP is a cookie the test browser gets from <c>/test/login/{subject}</c>; a disabled user is refused with
/// <c>access_denied</c>, as an IdP does. Its clock is the tests' clock.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    private const string UserCookie = "idp_user";
    private readonly ConcurrentDictionary<string, (string Secret, string RedirectUri)> _clients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IdpUser> _users = new(StringComparer.Ordinal);
    private WebApplication? _app;

    /// <summary>The issuer, as the IdP writes it in its metadata and tokens (with a trailing slash).</summary>
    public string Issuer { get; private set; } = "";

    public static async Task<TestIdentityProvider> StartAsync()
    {
        var idp = new TestIdentityProvider();
        await idp.RunAsync();
        return idp;
    }

    public void AddClient(string clientId, string secret, string redirectUri) => _clients[clientId] = (secret, redirectUri);

    public void AddUser(IdpUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        _users[user.Subject] = user;
    }

    /// <summary>The address where the test browser "signs in" at the IdP as this user.</summary>
    public string LoginUrl(string subject) => $"{Issuer}test/login/{Uri.EscapeDataString(subject)}";

    private async Task RunAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddAuthentication();
        builder.Services.AddOpenIddict().AddServer(options =>
        {
            options.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
            options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            options.RegisterScopes(Scopes.Email, Scopes.Profile);
            options.AddEphemeralEncryptionKey().AddEphemeralSigningKey().DisableAccessTokenEncryption();
            // No database: the clients are checked by the two handlers below, the codes are self-contained.
            options.EnableDegradedMode();
            options.UseAspNetCore().EnableAuthorizationEndpointPassthrough().DisableTransportSecurityRequirement();
            options.Configure(o => o.TimeProvider = TestClock.Instance);
            options.AddEventHandler<ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId is null || !_clients.TryGetValue(context.ClientId, out var client))
                {
                    context.Reject(Errors.InvalidClient, "Unknown client.");
                }
                else if (!string.Equals(context.RedirectUri, client.RedirectUri, StringComparison.Ordinal))
                {
                    context.Reject(Errors.InvalidRequest, "This redirect_uri is not registered for the client.");
                }
                return default;
            }));
            options.AddEventHandler<ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId is null || !_clients.TryGetValue(context.ClientId, out var client) || !string.Equals(context.ClientSecret, client.Secret, StringComparison.Ordinal))
                {
                    context.Reject(Errors.InvalidClient, "Unknown client or wrong secret.");
                }
                return default;
            }));
        });
        var app = builder.Build();
        app.MapGet("/test/login/{subject}", (string subject, HttpContext context) =>
        {
            context.Response.Cookies.Append(UserCookie, subject, new CookieOptions { HttpOnly = true, Path = "/" });
            return Results.Ok("signed in at the IdP");
        });
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], (HttpContext context) =>
        {
            var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("No OpenID Connect request.");
            if (!context.Request.Cookies.TryGetValue(UserCookie, out var subject) || !_users.TryGetValue(subject, out var user))
            {
                return Results.Content("<p>Log in at the IdP first.</p>", "text/html", statusCode: StatusCodes.Status401Unauthorized);
            }
            if (user.Disabled)
            {
                return Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
                {
                    [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.AccessDenied,
                    [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The account is disabled.",
                }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
            }
            var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
            identity.AddClaim(new Claim(Claims.Subject, user.Subject));
            identity.AddClaim(new Claim(Claims.Email, user.Email));
            identity.AddClaim(new Claim(Claims.Name, user.Name));
            foreach (var role in user.Roles)
            {
                identity.AddClaim(new Claim("roles", role));
            }
            foreach (var method in user.Amr)
            {
                identity.AddClaim(new Claim(Claims.AuthenticationMethodReference, method));
            }
            if (user.Acr is not null)
            {
                identity.AddClaim(new Claim(Claims.AuthenticationContextReference, user.Acr));
            }
            identity.SetScopes(request.GetScopes());
            identity.SetDestinations(_ => [Destinations.IdentityToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        Issuer = address.TrimEnd('/') + "/";
        _app = app;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
