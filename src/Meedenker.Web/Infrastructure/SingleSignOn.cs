using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Meedenker.Data;
using Meedenker.Domain;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Meedenker.Web.Infrastructure;

/// <summary>
/// Staff sign-in through their organisation's own OpenID Connect provider. Every organisation with an IdP has
/// its own authentication scheme <c>sso-{organisation id}</c>, made when first asked for, with options read from
/// <see cref="IdentityProviderSettings"/> (docs/decisions/0102-staff-single-sign-on.md). Its callback path carries
/// the organisation, so the IdP's answer is always checked with that organisation's issuer, client and keys.
/// </summary>
public static class SingleSignOn
{
    private const string SchemePrefix = "sso-";
    /// <summary>Set in the external sign-in by the organisation's own handler once the IdP's ID token is valid.</summary>
    public const string OrganizationClaim = "meedenker:sso-org";
    public const string IssuerClaim = "meedenker:sso-iss";
    /// <summary>The organisation that started the sign-in, kept in the protected state of the round trip.</summary>
    public const string OrganizationItem = "meedenker:sso-org";
    public const string SubjectClaim = "sub";

    public static string SchemeName(Guid organizationId) => SchemePrefix + organizationId.ToString("N");

    public static bool TryParseScheme(string? name, out Guid organizationId)
    {
        organizationId = Guid.Empty;
        return name is not null && name.StartsWith(SchemePrefix, StringComparison.Ordinal)
            && Guid.TryParseExact(name.AsSpan(SchemePrefix.Length), "N", out organizationId);
    }

    public static string StartPath(Guid organizationId) => $"/account/sso/{organizationId}";
    /// <summary>The redirect URI an admin registers at the IdP (with the site's own scheme and host in front).</summary>
    public static string CallbackPath(Guid organizationId) => $"/account/sso/{organizationId}/terug";
    public static string ContinuePath(Guid organizationId) => $"/account/sso/{organizationId}/verder";

    public static bool TryParseCallback(PathString path, out Guid organizationId)
    {
        organizationId = Guid.Empty;
        var value = path.Value;
        const string prefix = "/account/sso/";
        const string suffix = "/terug";
        return value is not null && value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && value.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
            && Guid.TryParse(value.AsSpan(prefix.Length, value.Length - prefix.Length - suffix.Length), out organizationId);
    }

    /// <summary>Identity's external-login provider name: one per organisation, so a link never crosses organisations.</summary>
    public static string LoginProvider(Guid organizationId) => "sso:" + organizationId.ToString("N");

    /// <summary>
    /// The external-login key: a hash of issuer and subject. With the issuer in it, an organisation that moves to
    /// another IdP cannot have that IdP's subjects take over the old links (they simply link anew).
    /// </summary>
    public static string ProviderKey(string issuer, string subject) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(NormaliseIssuer(issuer) + "\n" + subject)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Issuers compared without a trailing slash, which IdPs and admins add or leave out freely.</summary>
    public static string NormaliseIssuer(string issuer) => (issuer ?? "").TrimEnd('/');

    public static bool SameIssuer(string? a, string? b) =>
        a is not null && b is not null && string.Equals(NormaliseIssuer(a), NormaliseIssuer(b), StringComparison.Ordinal);

    public static IServiceCollection AddOrganisationSignOn(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<IAuthenticationSchemeProvider, OrganisationSchemeProvider>());
        services.TryAddTransient<OpenIdConnectHandler>();
        services.AddSingleton<IdentityProviderCache>();
        services.AddSingleton<IConfigureOptions<OpenIdConnectOptions>, ConfigureOrganisationOpenIdConnect>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<OpenIdConnectOptions>, OpenIdConnectPostConfigureOptions>());
        return services;
    }

    /// <summary>
    /// Lets the organisation's handler answer its own callback path (the IdP's redirect back). Before it runs, the
    /// organisation's settings are read again, so a change on another instance is used at once.
    /// </summary>
    public static IApplicationBuilder UseOrganisationSignOnCallbacks(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (TryParseCallback(context.Request.Path, out var organizationId))
        {
            var cache = context.RequestServices.GetRequiredService<IdentityProviderCache>();
            var db = context.RequestServices.GetRequiredService<AppDbContext>();
            if (await cache.RefreshAsync(db, organizationId, context.RequestAborted) is not null
                && await context.RequestServices.GetRequiredService<IAuthenticationHandlerProvider>().GetHandlerAsync(context, SchemeName(organizationId))
                    is IAuthenticationRequestHandler handler
                && await handler.HandleRequestAsync())
            {
                return;
            }
        }
        await next();
    });
}

/// <summary>Knows the fixed schemes and makes an organisation's <c>sso-…</c> scheme when it is asked for.</summary>
public sealed class OrganisationSchemeProvider(IOptions<AuthenticationOptions> options) : AuthenticationSchemeProvider(options)
{
    public override async Task<AuthenticationScheme?> GetSchemeAsync(string name) =>
        await base.GetSchemeAsync(name)
        ?? (SingleSignOn.TryParseScheme(name, out _) ? new AuthenticationScheme(name, null, typeof(OpenIdConnectHandler)) : null);
}

/// <summary>What the sign-in options of one organisation are built from, with the client secret decrypted.</summary>
public sealed record IdentityProviderSnapshot(Guid OrganizationId, Guid Version, string Issuer, string ClientId, string? ClientSecret);

/// <summary>
/// The enabled IdPs this instance has built options for. <see cref="RefreshAsync"/> reads the settings' version
/// (one small query) and drops the cached options when an admin changed them, on this or another instance.
/// </summary>
public sealed class IdentityProviderCache(IDataProtectionProvider dataProtection, IOptionsMonitorCache<OpenIdConnectOptions> optionsCache)
{
    public const string SecretPurpose = "Meedenker.SingleSignOn.ClientSecret";
    private readonly ConcurrentDictionary<Guid, IdentityProviderSnapshot> _snapshots = new();
    private readonly IDataProtector _protector = dataProtection.CreateProtector(SecretPurpose);

    public IdentityProviderSnapshot? Get(Guid organizationId) => _snapshots.GetValueOrDefault(organizationId);

    /// <summary>The organisation's enabled IdP, current with the database; null when it has none or it is switched off.</summary>
    public async Task<IdentityProviderSnapshot?> RefreshAsync(AppDbContext db, Guid organizationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var row = await db.IdentityProviders.AsNoTracking().Where(p => p.OrganizationId == organizationId)
            .Select(p => new { p.IsEnabled, p.Version, p.Issuer, p.ClientId, p.ProtectedClientSecret })
            .SingleOrDefaultAsync(cancellationToken);
        var cached = Get(organizationId);
        if (row is null || !row.IsEnabled)
        {
            if (cached is not null)
            {
                _snapshots.TryRemove(organizationId, out _);
                optionsCache.TryRemove(SingleSignOn.SchemeName(organizationId));
            }
            return null;
        }
        if (cached?.Version == row.Version)
        {
            return cached;
        }
        var snapshot = new IdentityProviderSnapshot(organizationId, row.Version, row.Issuer, row.ClientId,
            row.ProtectedClientSecret is null ? null : _protector.Unprotect(row.ProtectedClientSecret));
        _snapshots[organizationId] = snapshot;
        optionsCache.TryRemove(SingleSignOn.SchemeName(organizationId));
        return snapshot;
    }

    public string Protect(string secret) => _protector.Protect(secret);
}

/// <summary>The OpenID Connect options of one organisation's scheme: authorization code with PKCE, the answer in the query (no script needed).</summary>
public sealed class ConfigureOrganisationOpenIdConnect(IdentityProviderCache cache, TimeProvider time, ILogger<ConfigureOrganisationOpenIdConnect> log)
    : IConfigureNamedOptions<OpenIdConnectOptions>
{
    public void Configure(OpenIdConnectOptions options) => Configure(Options.DefaultName, options);

    public void Configure(string? name, OpenIdConnectOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!SingleSignOn.TryParseScheme(name, out var organizationId))
        {
            return;
        }
        // Callers refresh the cache first; without settings the scheme cannot be used, and the handler says so.
        var settings = cache.Get(organizationId) ?? throw new InvalidOperationException($"No identity provider is configured for organisation {organizationId}.");
        var issuer = new Uri(settings.Issuer);
        options.SignInScheme = IdentityConstants.ExternalScheme;
        options.Authority = settings.Issuer;
        options.RequireHttpsMetadata = !IdentityProviderSettings.IsLoopback(issuer);
        options.ClientId = settings.ClientId;
        options.ClientSecret = settings.ClientSecret;
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.ResponseMode = OpenIdConnectResponseMode.Query;
        options.UsePkce = true;
        options.CallbackPath = SingleSignOn.CallbackPath(organizationId);
        options.SignedOutCallbackPath = $"/account/sso/{organizationId}/uitgelogd";
        options.RemoteSignOutPath = $"/account/sso/{organizationId}/afmelden";
        options.Scope.Clear();
        options.Scope.Add("openid");
        options.Scope.Add("profile");
        options.Scope.Add("email");
        // The IdP's own claim names (sub, email, roles, amr, acr), not the WS-Federation URIs.
        options.MapInboundClaims = false;
        // The handler drops acr by default; it can say the IdP did multi-factor (a level of assurance).
        options.ClaimActions.Remove("acr");
        options.GetClaimsFromUserInfoEndpoint = false;
        options.SaveTokens = false;
        options.TimeProvider = time;
        // The ID token's lifetime against the app's clock (the tests' clock in tests), with the usual five minutes' skew.
        options.TokenValidationParameters.LifetimeValidator = (notBefore, expires, _, parameters) =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            return (notBefore is null || notBefore.Value <= now + parameters.ClockSkew) && expires is not null && expires.Value >= now - parameters.ClockSkew;
        };
        options.TokenValidationParameters.ValidIssuers = [SingleSignOn.NormaliseIssuer(settings.Issuer), SingleSignOn.NormaliseIssuer(settings.Issuer) + "/"];
        options.TokenValidationParameters.NameClaimType = "name";
        options.Events = new OpenIdConnectEvents
        {
            OnTokenValidated = context =>
            {
                // Only this organisation's handler, with this organisation's issuer and keys, gets here: mark the
                // external sign-in with both, for the page that links the account.
                if (context.Principal?.Identity is System.Security.Claims.ClaimsIdentity identity && context.SecurityToken is { } token)
                {
                    identity.AddClaim(new System.Security.Claims.Claim(SingleSignOn.OrganizationClaim, organizationId.ToString()));
                    identity.AddClaim(new System.Security.Claims.Claim(SingleSignOn.IssuerClaim, token.Issuer));
                }
                return Task.CompletedTask;
            },
            OnAccessDenied = context =>
            {
                context.Response.Redirect("/account/inloggen?sso=" + SignOnRefusal.RefusedByIdentityProvider);
                context.HandleResponse();
                return Task.CompletedTask;
            },
            OnRemoteFailure = context =>
            {
                log.LogInformation("Sign-in through the identity provider of organisation {Organization} failed: {Reason}", organizationId, context.Failure?.Message);
                var refusal = context.Failure?.Data["error"] as string is "access_denied" or "login_required" or "unauthorized_client"
                    ? SignOnRefusal.RefusedByIdentityProvider : SignOnRefusal.Failed;
                context.Response.Redirect("/account/inloggen?sso=" + refusal);
                context.HandleResponse();
                return Task.CompletedTask;
            },
        };
    }
}

/// <summary>Why a sign-in through the organisation was refused; the sign-in page shows each in plain words.</summary>
public static class SignOnRefusal
{
    public const string Failed = "mislukt";
    public const string RefusedByIdentityProvider = "geweigerd";
    public const string Disabled = "uitgeschakeld";
    public const string NoRole = "geen-rol";
    public const string NoEmail = "geen-email";
    public const string OtherOrganization = "andere-organisatie";
    public const string NotOffered = "niet-beschikbaar";

    public static string? Message(string? code) => code switch
    {
        Failed => Lang.Pick("Inloggen via je organisatie is niet gelukt. Probeer het opnieuw. Lukt het weer niet? Vraag je beheerder om hulp.",
            "Signing in through your organisation did not work. Please try again. Still not working? Ask your administrator for help."),
        RefusedByIdentityProvider => Lang.Pick("Je organisatie heeft het inloggen geweigerd. Misschien is je account daar uitgeschakeld. Vraag je beheerder om hulp.",
            "Your organisation refused the sign-in. Perhaps your account is switched off there. Ask your administrator for help."),
        Disabled => Lang.Pick("Je account in Meedenker is uitgeschakeld. Je kunt niet inloggen. Vraag je beheerder om hulp.",
            "Your Meedenker account is switched off. You cannot sign in. Ask your administrator for help."),
        NoRole => Lang.Pick("Je organisatie gaf je geen rol voor Meedenker. Vraag je beheerder om je de juiste groep of rol te geven.",
            "Your organisation gave you no role for Meedenker. Ask your administrator to give you the right group or role."),
        NoEmail => Lang.Pick("Je organisatie gaf geen e-mailadres door. Vraag je beheerder om hulp.",
            "Your organisation did not pass on an e-mail address. Ask your administrator for help."),
        OtherOrganization => Lang.Pick("Er is al een Meedenker-account met dit e-mailadres bij een andere organisatie. Je kunt hier niet mee inloggen. Vraag je beheerder om hulp.",
            "There already is a Meedenker account with this e-mail address at another organisation. You cannot sign in with it here. Ask your administrator for help."),
        NotOffered => Lang.Pick("Deze organisatie biedt inloggen via de organisatie (nog) niet aan. Log in met je e-mailadres en wachtwoord.",
            "This organisation does not offer sign-in through the organisation (yet). Sign in with your e-mail address and password."),
        _ => null,
    };
}
