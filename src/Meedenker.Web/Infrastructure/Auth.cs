using System.Security.Claims;
using Meedenker.Data;
using Meedenker.Domain;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Meedenker.Web.Infrastructure;

public static class Policies
{
    /// <summary>Any staff page: signed in, and with two-factor proven (only the demo accounts in demo mode skip it).</summary>
    public const string Staff = "Staff";
    public const string Admin = "Admin";
    public const string CaseWork = "CaseWork";
}

public static class StaffClaims
{
    public const string OrganizationId = "meedenker:org";
    public const string DisplayName = "meedenker:name";
    public const string SupporterKind = "meedenker:kind";
    public const string IsDemo = "meedenker:demo";
    public const string AuthenticationMethod = "amr";
    public const string MultiFactor = "mfa";
    /// <summary>The secret of the server-side session (<see cref="StaffSessions"/>); only its hash is in the database.</summary>
    public const string SessionId = "meedenker:sid";

    public static Guid? OrganizationOf(ClaimsPrincipal user) =>
        Guid.TryParse(user?.FindFirstValue(OrganizationId), out var id) ? id : null;

    public static Guid? UserIdOf(ClaimsPrincipal user) =>
        Guid.TryParse(user?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static string RoleOf(ClaimsPrincipal user) =>
        StaffRoles.All.FirstOrDefault(r => user?.IsInRole(r) == true) ?? "";

    public static bool HasMultiFactor(ClaimsPrincipal user) =>
        user?.HasClaim(AuthenticationMethod, MultiFactor) == true;

    public static bool IsDemoAccount(ClaimsPrincipal user) =>
        user?.HasClaim(IsDemo, "true") == true;

    /// <summary>
    /// Two-factor is proven, or not needed: only the demo accounts skip it, and only while the platform runs in
    /// demo mode. A real account invited on a demo site still sets up its authenticator first.
    /// </summary>
    public static bool SecondFactorSatisfied(ClaimsPrincipal user, bool demoMode) =>
        HasMultiFactor(user) || (demoMode && IsDemoAccount(user));
}

/// <summary>Puts organisation, display name and supporter kind in the sign-in cookie so pages need no extra query.</summary>
public sealed class StaffClaimsFactory(
    UserManager<StaffUser> userManager,
    RoleManager<IdentityRole<Guid>> roleManager,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<StaffUser, IdentityRole<Guid>>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(StaffClaims.OrganizationId, user.OrganizationId.ToString()));
        identity.AddClaim(new Claim(StaffClaims.DisplayName, user.DisplayName));
        if (user.SupporterKind is { } kind)
        {
            identity.AddClaim(new Claim(StaffClaims.SupporterKind, kind.ToString()));
        }
        if (user.IsDemo)
        {
            identity.AddClaim(new Claim(StaffClaims.IsDemo, "true"));
        }
        return identity;
    }
}

/// <summary>Two-factor is mandatory for staff, except for the demo accounts in demo mode.</summary>
public sealed class MultiFactorRequirement : IAuthorizationRequirement;

public sealed class MultiFactorHandler(IOptions<DemoSettings> demo) : AuthorizationHandler<MultiFactorRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, MultiFactorRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.User.Identity?.IsAuthenticated == true && StaffClaims.SecondFactorSatisfied(context.User, demo.Value.Enabled))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}

public static class AuthSetup
{
    public static IServiceCollection AddMeedenkerAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddIdentity<StaffUser, IdentityRole<Guid>>(options =>
            {
                // NIST 800-63B: length and a breached-password list, no composition rules (PasswordRules).
                options.Password.RequiredLength = PasswordRules.MinimumLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<StaffClaimsFactory>();
        // Identity's own validator only knows composition rules and English messages: ours replaces it.
        foreach (var validator in services.Where(d => d.ServiceType == typeof(IPasswordValidator<StaffUser>)).ToList())
        {
            services.Remove(validator);
        }
        services.AddScoped<IPasswordValidator<StaffUser>, PasswordRules>();
        services.AddOrganisationSignOn();

        var security = configuration.GetSection("Security").Get<SecuritySettings>() ?? new SecuritySettings();
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "meedenker.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.LoginPath = "/account/inloggen";
            options.LogoutPath = "/account/uitloggen";
            options.AccessDeniedPath = "/account/geen-toegang";
            options.ExpireTimeSpan = security.SessionIdle;
            options.SlidingExpiration = true;
            options.Events.OnValidatePrincipal = SessionTimeout.ValidateAndRenewAsync;
            options.Events.OnRedirectToLogin = SessionTimeout.RedirectToLoginAsync;
            options.Events.OnSigningIn = StaffSessions.OnSigningInAsync;
            options.Events.OnSigningOut = StaffSessions.OnSigningOutAsync;
        });
        // Outside Development the auth cookie is always Secure, also when a proxy forgot to say the request came
        // in over HTTPS: the browser never sends it over plain HTTP.
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IWebHostEnvironment>((options, environment) =>
                options.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always);
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            // The periodic re-check rebuilds the principal from the database and would drop the proof of two-factor
            // (it lives only in the cookie), sending staff to the enrolment page after a minute: carry it over.
            o.OnRefreshingPrincipal = context =>
            {
                if (context.CurrentPrincipal is { } current && StaffClaims.HasMultiFactor(current) && context.NewPrincipal?.Identity is ClaimsIdentity identity
                    && !StaffClaims.HasMultiFactor(context.NewPrincipal))
                {
                    identity.AddClaim(new Claim(StaffClaims.AuthenticationMethod, StaffClaims.MultiFactor));
                }
                // The rebuilt principal keeps its server-side session.
                if (StaffSessions.SecretOf(context.CurrentPrincipal) is { } session && context.NewPrincipal?.Identity is ClaimsIdentity renewed
                    && StaffSessions.SecretOf(context.NewPrincipal) is null)
                {
                    renewed.AddClaim(new Claim(StaffClaims.SessionId, session));
                }
                return Task.CompletedTask;
            };
        });

        services.AddOptions<StaffSessionOptions>();
        services.AddScoped<IAuthorizationHandler, MultiFactorHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Staff, p => p.RequireAuthenticatedUser().AddRequirements(new MultiFactorRequirement()))
            .AddPolicy(Policies.Admin, p => p.RequireAuthenticatedUser().AddRequirements(new MultiFactorRequirement()).RequireRole(StaffRoles.Admin))
            .AddPolicy(Policies.CaseWork, p => p.RequireAuthenticatedUser().AddRequirements(new MultiFactorRequirement())
                .RequireRole(StaffRoles.Coordinator, StaffRoles.Supporter));
        return services;
    }
}
