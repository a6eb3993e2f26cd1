using System.Net;
using System.Text.RegularExpressions;
using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Features.Monitoring;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Meedenker.IntegrationTests.Infrastructure;

/// <summary>
/// The whole app over HTTP on a real database, with intent-named helpers for test data. Demo mode is off
/// unless asked for, so the rules for real staff (two-factor) apply.
/// </summary>
public class MeedenkerFactory : WebApplicationFactory<Web.Program>
{
    public const string Password = "Test-wachtwoord-2026";

    public MeedenkerFactory() : this(demo: false, environment: "Testing")
    {
    }

    protected MeedenkerFactory(bool demo, string environment)
        : this(demo, environment, new TestDatabase())
    {
    }

    /// <summary>An app on a database of the caller's, for several instances on one database.</summary>
    protected MeedenkerFactory(bool demo, string environment, TestDatabase database)
    {
        Database = database;
        Demo = demo;
        Environment = environment;
        MailFolder = Path.Combine(Path.GetTempPath(), "meedenker-tests", $"mail-{Guid.NewGuid():N}");
        // Over HTTPS as in production: outside Development the auth cookie is Secure and a client keeps it
        // only for https addresses.
        ClientOptions.BaseAddress = new Uri("https://localhost");
    }

    public TestDatabase Database { get; }
    public bool Demo { get; }

    /// <summary>
    /// For an app served over plain-HTTP Kestrel (the browser tests): the auth cookie without the Secure flag,
    /// because an HttpClient never sends a Secure cookie over http (Chromium does, to localhost). Set before the
    /// server starts. Everywhere else the app's own rule holds: Secure outside Development.
    /// </summary>
    public bool PlainHttpCookies { get; set; }
    public string Environment { get; }
    public string MailFolder { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment(Environment);
        builder.UseSetting("Database:Provider", Database.Provider);
        builder.UseSetting("ConnectionStrings:Meedenker", Database.ConnectionString);
        if (Database.MigrationsConnectionString is { } migrations)
        {
            builder.UseSetting("ConnectionStrings:MeedenkerMigrations", migrations);
        }
        builder.UseSetting("Demo:Enabled", Demo ? "true" : "false");
        builder.UseSetting("RateLimits:LoginPerMinute", "10000");
        builder.UseSetting("RateLimits:PublicFormsPerMinute", "10000");
        builder.UseSetting("RateLimits:HsdsPerMinute", "10000");
        builder.UseSetting("Mail:PickupDirectory", MailFolder);
        builder.UseSetting("Sms:PickupDirectory", Path.Combine(MailFolder, "sms"));
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        // The tests' clock, not the wall clock: every test holds on any date (MEEDENKER_TEST_NOW).
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(TestClock.Instance);
            services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, o => o.TimeProvider = TestClock.Instance);
            services.PostConfigure<SecurityStampValidatorOptions>(o => o.TimeProvider = TestClock.Instance);
            if (PlainHttpCookies)
            {
                services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, o => o.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest);
            }
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Database.Dispose();
        }
    }

    public T WithDb<T>(Func<AppDbContext, T> read)
    {
        using var scope = Services.CreateScope();
        return read(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// <summary>
    /// Every "table.column" in the whole database (each table of the model, every text value) that holds this
    /// text, case-insensitively: the proof that erased or anonymised personal data is gone everywhere.
    /// </summary>
    public async Task<IReadOnlyList<string>> FindInDatabaseAsync(string text)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().ToList();
        var found = new List<string>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        try
        {
            foreach (var table in tables)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT * FROM \"{table}\"";
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        if (!reader.IsDBNull(i) && reader.GetValue(i) is string value && value.Contains(text, StringComparison.OrdinalIgnoreCase))
                        {
                            found.Add($"{table}.{reader.GetName(i)}");
                        }
                    }
                }
            }
        }
        finally
        {
            await connection.CloseAsync();
        }
        return found;
    }

    /// <summary>Every fact the monitor aggregates over the whole region, and the raw counts behind them: erasure and retention must not change it.</summary>
    public async Task<string> MonitorFiguresAsync() => await WithDbAsync(async db =>
    {
        using var scope = Services.CreateScope();
        // Every fact the monitor aggregates (intake, process, outcome, findability), computed from the live tables.
        var facts = await scope.ServiceProvider.GetRequiredService<MonitorAggregator>().ComputeAsync(new MonitorFilter(), null, null, CancellationToken.None);
        var cases = await db.Cases.GroupBy(c => c.Status).Select(g => new { g.Key, Count = g.Count(), Start = g.Sum(c => c.SelfRelianceStart ?? 0), Close = g.Sum(c => c.SelfRelianceClose ?? 0) }).ToListAsync();
        var contacts = await db.Contacts.GroupBy(c => c.Mode).Select(g => new { g.Key, Count = g.Count(), Minutes = g.Sum(c => c.DurationMinutes) }).ToListAsync();
        var requests = await db.HelpRequests.GroupBy(h => new { h.Status, h.Channel, h.MunicipalityId, h.LifeDomainCode }).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        var residents = await db.Residents.GroupBy(r => new { r.MunicipalityId, r.BirthYear }).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        return string.Join('\n', facts.Select(f => $"{f.Kind}|{f.Week}|{f.MunicipalityId}|{f.Detail}|{f.Value}|{f.Count}").Order(StringComparer.Ordinal))
            + string.Join('\n', cases.OrderBy(c => c.Key)) + string.Join('\n', contacts.OrderBy(c => c.Key))
            + string.Join('\n', requests.Select(r => r.ToString()).Order(StringComparer.Ordinal)) + string.Join('\n', residents.Select(r => r.ToString()).Order(StringComparer.Ordinal));
    });

    public static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12];

    public async Task<Organization> CreateOrganizationAsync(OrganizationKind kind = OrganizationKind.SupportA)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var municipality = await db.Municipalities.OrderBy(m => m.Code).FirstAsync();
        var organization = new Organization { Id = Guid.NewGuid(), Name = Unique("Testorganisatie "), Kind = kind, MunicipalityId = municipality.Id, CreatedAt = DateTimeOffset.UnixEpoch };
        db.Organizations.Add(organization);
        await db.SaveChangesAsync();
        return organization;
    }

    /// <summary>
    /// A service on the social map with one location and weekday opening hours. Terms are given by code, e.g.
    /// ("leefgebied", "financien-inkomen"): leefgebied, doelgroep, taal.
    /// </summary>
    public async Task<Service> CreateServiceAsync(string name, string description, string municipalityCode = "GM0664", bool free = true,
        ServiceStatus status = ServiceStatus.Active, Guid? organizationId = null, DateTimeOffset? lastModified = null, params (string Taxonomy, string Code)[] terms)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var municipality = await db.Municipalities.SingleAsync(m => m.Code == municipalityCode);
        var organization = organizationId is { } id ? await db.Organizations.SingleAsync(o => o.Id == id) : null;
        if (organization is null)
        {
            organization = new Organization { Id = Guid.NewGuid(), Name = Unique("Organisatie "), Kind = OrganizationKind.SupportC, MunicipalityId = municipality.Id, CreatedAt = DateTimeOffset.UnixEpoch };
            db.Organizations.Add(organization);
        }
        var kinds = new Dictionary<string, TaxonomyKind> { ["leefgebied"] = TaxonomyKind.LifeDomain, ["doelgroep"] = TaxonomyKind.TargetGroup, ["taal"] = TaxonomyKind.Language };
        var termRows = new List<TaxonomyTerm>();
        foreach (var (taxonomy, code) in terms)
        {
            var kind = kinds[taxonomy];
            termRows.Add(await db.TaxonomyTerms.SingleAsync(t => t.Taxonomy == kind && t.Code == code));
        }
        var service = new Service
        {
            Id = Guid.NewGuid(),
            OrganizationId = organization.Id,
            Name = name,
            Description = description,
            IsFree = free,
            Status = status,
            ApplicationProcess = "Bel ons.",
            LastModified = lastModified ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        };
        service.Terms.AddRange(termRows.Select(t => new ServiceTerm { Id = Guid.NewGuid(), TaxonomyTermId = t.Id }));
        service.Areas.Add(new ServiceArea { Id = Guid.NewGuid(), MunicipalityId = municipality.Id });
        service.RefreshSearchText(organization.Name, termRows.SelectMany(t => new[] { t.NameNl, t.NameEn }));
        var location = new Location
        {
            Id = Guid.NewGuid(),
            OrganizationId = organization.Id,
            Name = organization.Name,
            Address = "Markt 1",
            PostalCode = "4461 AA",
            City = municipality.Name,
            MunicipalityId = municipality.Id,
            Accessibility = "Ingang zonder drempel.",
            Transportation = "Bus 20, halte Markt.",
        };
        location.Schedules.Add(new Schedule { Id = Guid.NewGuid(), Day = DayOfWeek.Monday, OpensAt = new TimeOnly(9, 0), ClosesAt = new TimeOnly(12, 30) });
        service.Locations.Add(new ServiceAtLocation { Id = Guid.NewGuid(), LocationId = location.Id });
        service.Phones.Add(new Phone { Id = Guid.NewGuid(), Number = "0113-123 456" });
        db.Locations.Add(location);
        db.Services.Add(service);
        await db.SaveChangesAsync();
        await SearchIndex.RefreshAsync(db, [service]);
        return service;
    }

    public sealed record Staff(StaffUser User, string Email, string? AuthenticatorKey);

    public async Task<Staff> CreateStaffAsync(string role, Guid organizationId, SupporterKind? kind = null, bool twoFactor = false)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var email = $"{Unique("staff")}@test.meedenker.test";
        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Test " + role, OrganizationId = organizationId, CreatedAt = DateTimeOffset.UnixEpoch };
        var supporterKind = kind ?? (role == StaffRoles.Supporter ? SupporterKind.Professional : null);
        user.SetSupporterKind(supporterKind, supporterKind == SupporterKind.PeerExpert ? 2 : null);
        Check(await users.CreateAsync(user, Password));
        Check(await users.AddToRoleAsync(user, role));
        string? key = null;
        if (twoFactor)
        {
            Check(await users.ResetAuthenticatorKeyAsync(user));
            key = await users.GetAuthenticatorKeyAsync(user);
            Check(await users.SetTwoFactorEnabledAsync(user, true));
        }
        return new Staff(user, email, key);
    }

    /// <summary>The set-password link an invitation mail carries, for this staff member.</summary>
    public async Task<string> PasswordLinkAsync(Staff staff)
    {
        ArgumentNullException.ThrowIfNull(staff);
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByIdAsync(staff.User.Id.ToString()) ?? throw new InvalidOperationException("No such user.");
        var token = await users.GeneratePasswordResetTokenAsync(user);
        return $"/account/wachtwoord-instellen?userId={user.Id}&token={Uri.EscapeDataString(token)}";
    }

    /// <summary>Fresh recovery codes for a two-factor staff member.</summary>
    public async Task<IReadOnlyList<string>> RecoveryCodesAsync(Staff staff)
    {
        ArgumentNullException.ThrowIfNull(staff);
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByIdAsync(staff.User.Id.ToString()) ?? throw new InvalidOperationException("No such user.");
        return [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 3) ?? []];
    }

    /// <summary>A supporter profile for a staff member: Dutch, in the first municipality, with the given capacity.</summary>
    public async Task<SupporterProfile> CreateSupporterProfileAsync(Staff staff, int capacity = 5)
    {
        ArgumentNullException.ThrowIfNull(staff);
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var dutch = await db.TaxonomyTerms.SingleAsync(t => t.Taxonomy == TaxonomyKind.Language && t.Code == "nl");
        var municipality = await db.Municipalities.OrderBy(m => m.Code).FirstAsync();
        var profile = new SupporterProfile { Id = Guid.NewGuid(), UserId = staff.User.Id, OrganizationId = staff.User.OrganizationId, Kind = staff.User.SupporterKind ?? SupporterKind.Professional };
        profile.SetCapacity(capacity);
        profile.Terms.Add(new SupporterTerm { ProfileId = profile.Id, TaxonomyTermId = dutch.Id });
        profile.Municipalities.Add(new SupporterMunicipality { ProfileId = profile.Id, MunicipalityId = municipality.Id });
        db.SupporterProfiles.Add(profile);
        await db.SaveChangesAsync();
        return profile;
    }

    public sealed record CaseRef(Guid ResidentId, Guid CaseId, string ReferenceCode);

    public async Task<CaseRef> CreateCaseAsync(Guid organizationId, Guid? supporterId, string firstName = "Testinwoner")
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var municipality = await db.Municipalities.OrderBy(m => m.Code).FirstAsync();
        var now = DateTimeOffset.UnixEpoch.AddYears(56);
        var resident = new Resident { Id = Guid.NewGuid(), FirstName = firstName, LastName = "Voorbeeld", MunicipalityId = municipality.Id, CreatedAt = now };
        var request = new HelpRequest
        {
            Id = Guid.NewGuid(),
            ReferenceCode = ReferenceCode.New(),
            ReceivedAt = now,
            ResidentId = resident.Id,
            MunicipalityId = municipality.Id,
            Channel = RequestChannel.Self,
            Question = "Testvraag",
            Status = HelpRequestStatus.Matched,
        };
        var @case = new Case
        {
            Id = Guid.NewGuid(),
            HelpRequestId = request.Id,
            ResidentId = resident.Id,
            OrganizationId = organizationId,
            SupporterId = supporterId,
            OpenedAt = now,
            Status = CaseStatus.Open,
        };
        db.AddRange(resident, request, @case);
        await db.SaveChangesAsync();
        return new CaseRef(resident.Id, @case.Id, request.ReferenceCode);
    }

    /// <summary>
    /// Help requests received at the given times in a municipality's first neighbourhood, for the monitor. With
    /// an organisation each becomes an accepted case with a first contact after <paramref name="firstContactDays"/>
    /// days, <paramref name="contacts"/> phone contacts, and (when <paramref name="closeAfterDays"/> is set) a close
    /// with self-reliance scores <paramref name="scores"/>.
    /// </summary>
    public async Task CreateRequestsAsync(string municipalityCode, IEnumerable<DateTimeOffset> receivedAt, RequestChannel channel = RequestChannel.Self,
        string? sourceCode = null, string? targetGroup = null, string? lifeDomain = null, Guid? caseOrganizationId = null, int firstContactDays = 2,
        int contacts = 1, int? closeAfterDays = null, (int Start, int Close)? scores = null)
    {
        ArgumentNullException.ThrowIfNull(receivedAt);
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var municipality = await db.Municipalities.SingleAsync(m => m.Code == municipalityCode);
        var neighbourhood = await db.Neighbourhoods.Where(n => n.MunicipalityId == municipality.Id).OrderBy(n => n.Code).FirstAsync();
        foreach (var at in receivedAt)
        {
            var resident = new Resident { Id = Guid.NewGuid(), FirstName = "Monitor", MunicipalityId = municipality.Id, CreatedAt = at };
            var request = new HelpRequest
            {
                Id = Guid.NewGuid(),
                ReferenceCode = ReferenceCode.New(),
                ReceivedAt = at,
                ResidentId = resident.Id,
                MunicipalityId = municipality.Id,
                NeighbourhoodId = neighbourhood.Id,
                Channel = channel,
                SourceCode = sourceCode,
                TargetGroupCode = targetGroup,
                LifeDomainCode = lifeDomain,
                Question = "Monitorvraag",
                Status = HelpRequestStatus.Received,
            };
            db.AddRange(resident, request);
            if (caseOrganizationId is { } organization)
            {
                var first = at.AddDays(firstContactDays);
                var closed = closeAfterDays is { } days ? first.AddDays(days) : (DateTimeOffset?)null;
                var @case = new Case
                {
                    Id = Guid.NewGuid(),
                    HelpRequestId = request.Id,
                    ResidentId = resident.Id,
                    OrganizationId = organization,
                    OpenedAt = at.AddHours(4),
                    FirstContactAt = first,
                    ClosedAt = closed,
                    Status = closed is null ? CaseStatus.Open : CaseStatus.Closed,
                    SelfRelianceStart = scores?.Start,
                    SelfRelianceClose = closed is null ? null : scores?.Close,
                    Version = Guid.NewGuid(),
                };
                request.Status = closed is null ? HelpRequestStatus.InContact : HelpRequestStatus.Closed;
                request.FirstContactAt = first;
                request.ClosedAt = closed;
                db.Add(@case);
                for (var c = 0; c < contacts; c++)
                {
                    db.Add(new Contact { Id = Guid.NewGuid(), CaseId = @case.Id, At = first.AddDays(c), Mode = ContactMode.Phone, DurationMinutes = 30 });
                }
            }
        }
        await db.SaveChangesAsync();
    }

    /// <summary>Makes an API key for a referrer organisation and returns the key itself.</summary>
    public async Task<string> CreateApiKeyAsync(Guid organizationId, bool revoked = false)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var key = "mdk_" + SecretToken.New();
        db.ApiKeys.Add(new ApiKey
        {
            Id = Guid.NewGuid(),
            OrganizationId = organizationId,
            Name = "Test-HIS",
            KeyHash = SecretToken.Hash(key),
            Prefix = key[..10],
            CreatedAt = DateTimeOffset.UnixEpoch,
            RevokedAt = revoked ? DateTimeOffset.UnixEpoch : null,
        });
        await db.SaveChangesAsync();
        return key;
    }

    /// <summary>Routes new requests from the first municipality to this organisation's intake queue.</summary>
    public async Task<(Guid MunicipalityId, string MunicipalityCode)> RouteFirstMunicipalityToAsync(Guid organizationId)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var municipality = await db.Municipalities.OrderBy(m => m.Code).FirstAsync();
        db.IntakeRoutes.Add(new IntakeRoute { Id = Guid.NewGuid(), MunicipalityId = municipality.Id, OrganizationId = organizationId });
        await db.SaveChangesAsync();
        return (municipality.Id, municipality.Code);
    }

    /// <summary>A complete, valid ask-for-help form; tests change single fields.</summary>
    public static Dictionary<string, string> ValidHelpRequestForm(string municipalityCode = "GM0654") => new()
    {
        ["Input.AskedBy"] = "self",
        ["Input.MunicipalityCode"] = municipalityCode,
        ["Input.LifeDomains"] = "financien-inkomen",
        ["Input.Question"] = "Ik krijg steeds meer rekeningen en weet niet waar ik moet beginnen.",
        ["Input.FirstName"] = "Joke",
        ["Input.ContactPreferences"] = "phone",
        ["Input.Phone"] = "06 1234 5678",
        ["Input.LanguageCode"] = "nl",
    };

    public HttpClient CreateBrowserlikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = ClientOptions.BaseAddress, AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A browser-like client whose cookies the test can read and copy (e.g. to another instance).</summary>
    public HttpClient CreateBrowserlikeClient(CookieContainer cookies)
    {
        var client = CreateDefaultClient(ClientOptions.BaseAddress, new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(cookies));
        return client;
    }

    /// <summary>Signs in through the login pages, with the authenticator code when the account has two-factor.</summary>
    public Task<HttpClient> SignInAsync(Staff staff) => SignInAsync(staff, null);

    /// <summary>Signs in keeping the cookies in <paramref name="cookies"/>, so the test can copy the sign-in cookie.</summary>
    public async Task<HttpClient> SignInAsync(Staff staff, CookieContainer? cookies)
    {
        ArgumentNullException.ThrowIfNull(staff);
        var client = cookies is null ? CreateBrowserlikeClient() : CreateBrowserlikeClient(cookies);
        var response = await client.PostFormAsync("/account/inloggen", new() { ["Email"] = staff.Email, ["Password"] = Password });
        if (Landed(response) == "/account/inloggen")
        {
            throw new InvalidOperationException($"Sign-in failed for {staff.Email}");
        }
        if (Landed(response).StartsWith("/account/inloggen/code", StringComparison.Ordinal))
        {
            var code = Totp.CodeNow(staff.AuthenticatorKey!);
            response = await client.PostFormAsync("/account/inloggen/code", new() { ["Code"] = code });
            if (Landed(response).StartsWith("/account/inloggen", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Two-factor sign-in failed for {staff.Email}");
            }
        }
        return client;
    }

    /// <summary>
    /// Sets up sign-in through this IdP for the organisation, as its admin would, and registers Meedenker as a
    /// client at the IdP. Returns the client id.
    /// </summary>
    public async Task<string> UseIdentityProviderAsync(Guid organizationId, TestIdentityProvider idp, string roleMapping, string acrValues = "", string? issuer = null)
    {
        ArgumentNullException.ThrowIfNull(idp);
        var clientId = Unique("meedenker-");
        var secret = Unique("geheim-");
        idp.AddClient(clientId, secret, $"{ClientOptions.BaseAddress.GetLeftPart(UriPartial.Authority)}{Web.Infrastructure.SingleSignOn.CallbackPath(organizationId)}");
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var protector = scope.ServiceProvider.GetRequiredService<Web.Infrastructure.IdentityProviderCache>();
        var settings = await db.IdentityProviders.SingleOrDefaultAsync(p => p.OrganizationId == organizationId);
        if (settings is null)
        {
            settings = IdentityProviderSettings.For(organizationId);
            db.IdentityProviders.Add(settings);
        }
        settings.Configure(true, issuer ?? idp.Issuer, clientId, protector.Protect(secret), false, "roles", "email", roleMapping, acrValues, Guid.Empty, TestClock.Now);
        await db.SaveChangesAsync();
        return clientId;
    }

    /// <summary>
    /// One click on "Inloggen via …": the browser signs in at the IdP as this user, starts at the organisation's
    /// button and follows every redirect. The browser is where the user landed.
    /// </summary>
    public async Task<SignOnBrowser> SignInThroughOrganisationAsync(Guid organizationId, TestIdentityProvider idp, IdpUser user)
    {
        ArgumentNullException.ThrowIfNull(idp);
        ArgumentNullException.ThrowIfNull(user);
        idp.AddUser(user);
        var browser = new SignOnBrowser(this);
        (await browser.GoAsync(idp.LoginUrl(user.Subject))).Dispose();
        (await browser.GoAsync(Web.Infrastructure.SingleSignOn.StartPath(organizationId))).Dispose();
        return browser;
    }

    /// <summary>Where a response leaves the user: the redirect target, or the page itself (a Kestrel client follows redirects).</summary>
    private static string Landed(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect
            ? response.Headers.Location?.OriginalString ?? ""
            : response.RequestMessage?.RequestUri?.AbsolutePath ?? "";

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}

public static partial class HttpClientFormExtensions
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public static string AntiforgeryToken(string html)
    {
        var match = TokenPattern().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("The page has no antiforgery token.");
    }

    /// <summary>Posts a form the way a browser does: first load the page for its antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, Dictionary<string, string> fields, string? pageUrl = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(fields);
        var page = await client.GetStringAsync(pageUrl ?? url);
        fields["__RequestVerificationToken"] = AntiforgeryToken(page);
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(url, content);
    }
}
