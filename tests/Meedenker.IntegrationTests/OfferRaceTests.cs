using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Meedenker.IntegrationTests;

/// <summary>
/// The app with a second coordinator who offers the same request in the moment between the page's check and its
/// save: an EF save interceptor stores that competing offer on its own connection just before the page's insert.
/// Every error the app logs is kept, to prove a handled race is not logged as an error.
/// </summary>
public sealed class OfferRaceFactory : MeedenkerFactory
{
    public CompetingOffer Competitor { get; } = new();
    public ConcurrentQueue<string> Problems { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder!.ConfigureLogging(logging => logging.AddProvider(new ProblemLog(Problems)));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(Competitor);
            services.ConfigureDbContext<AppDbContext>((provider, options) =>
            {
                Competitor.Services = provider;
                options.AddInterceptors(Competitor);
            });
        });
    }

    public sealed class CompetingOffer : SaveChangesInterceptor
    {
        private Guid? _helpRequestId;
        private Guid _organizationId;
        private Guid _supporterId;

        public IServiceProvider? Services { get; set; }

        /// <summary>The next save that adds a case for this request first sees another coordinator's offer stored.</summary>
        public void Arm(Guid helpRequestId, Guid organizationId, Guid otherSupporterId)
        {
            (_organizationId, _supporterId) = (organizationId, otherSupporterId);
            _helpRequestId = helpRequestId;
        }

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(eventData);
            var id = _helpRequestId;
            if (id is not null && eventData.Context!.ChangeTracker.Entries<Case>().Any(e => e.State == EntityState.Added && e.Entity.HelpRequestId == id))
            {
                _helpRequestId = null;
                using var scope = Services!.CreateScope();
                var other = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var request = await other.HelpRequests.SingleAsync(h => h.Id == id, cancellationToken);
                other.Cases.Add(Case.Offer(request, _organizationId, _supporterId, TestClock.Instance.GetUtcNow()));
                await other.SaveChangesAsync(cancellationToken);
            }
            return result;
        }
    }

    private sealed class ProblemLog(ConcurrentQueue<string> problems) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, problems);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> problems) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    problems.Enqueue($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : " (with exception)")}");
                }
            }
        }
    }
}

public sealed partial class OfferRaceTests(OfferRaceFactory app) : IClassFixture<OfferRaceFactory>
{
    [GeneratedRegex("MD-[2-9A-Z]{4}-[2-9A-Z]{4}")]
    private static partial Regex Code();

    [Fact]
    public async Task The_database_allows_one_open_offer_per_request_and_the_losing_coordinator_gets_a_clear_message()
    {
        var organization = await app.CreateOrganizationAsync();
        await app.RouteFirstMunicipalityToAsync(organization.Id);
        var coordinator = await app.CreateStaffAsync(StaffRoles.Coordinator, organization.Id, twoFactor: true);
        var first = await app.CreateStaffAsync(StaffRoles.Supporter, organization.Id, SupporterKind.Volunteer, twoFactor: true);
        var second = await app.CreateStaffAsync(StaffRoles.Supporter, organization.Id, SupporterKind.Volunteer, twoFactor: true);
        var form = MeedenkerFactory.ValidHelpRequestForm();
        form["Input.Question"] = "Twee coördinatoren tegelijk " + Guid.NewGuid();
        var html = await (await app.CreateBrowserlikeClient().PostFormAsync("/hulp-vragen", form)).Content.ReadAsStringAsync();
        var code = Code().Match(html).Value;
        var requestId = app.WithDb(db => db.HelpRequests.Single(h => h.ReferenceCode == code).Id);
        var client = await app.SignInAsync(coordinator);
        var page = $"/werk/aanmeldingen/{requestId}";
        var before = app.Problems.Count;

        app.Competitor.Arm(requestId, organization.Id, second.User.Id);
        using var offered = await client.PostFormAsync($"{page}?handler=Offer", new() { ["SupporterId"] = first.User.Id.ToString() }, page);

        Assert.Equal(HttpStatusCode.OK, offered.StatusCode);
        Assert.Contains("Een andere coördinator heeft deze vraag net aangeboden", await offered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var offers = app.WithDb(db => db.Cases.Where(c => c.HelpRequestId == requestId && c.Status == CaseStatus.Offered).Select(c => c.SupporterId).ToList());
        Assert.Equal([second.User.Id], offers);
        Assert.Empty(app.Problems.Skip(before));
    }
}
