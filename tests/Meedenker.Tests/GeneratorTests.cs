using System.Globalization;
using Meedenker.Data;
using Meedenker.Data.Generation;
using Meedenker.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Meedenker.Tests;

/// <summary>The generator runs on a real SQLite database file, migrated like the app does.</summary>
public sealed class GeneratorTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Today = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"meedenker-gen-{Guid.NewGuid():N}.db");
    private GeneratorResult? _result;

    private AppDbContext NewContext()
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseSetup.Configure(options, DatabaseProvider.Sqlite, $"Data Source={_file}");
        return new AppDbContext(options.Options);
    }

    public async Task InitializeAsync()
    {
        await using var db = NewContext();
        await db.Database.MigrateAsync();
        _result = await new RegionGenerator(db, new FakeTimeProvider(Today)).GenerateAsync(new GeneratorOptions());
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_file);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Demo_region_has_the_seven_municipalities_organisations_of_each_type_and_one_demo_login_per_role()
    {
        await using var db = NewContext();
        Assert.Equal(7, await db.Municipalities.CountAsync());
        Assert.True(await db.Neighbourhoods.CountAsync() >= 40);
        var kinds = await db.Organizations.GroupBy(o => o.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        Assert.True(kinds.Single(k => k.Key == OrganizationKind.SupportA).Count >= 3);
        Assert.True(kinds.Single(k => k.Key == OrganizationKind.SupportB).Count >= 5);
        Assert.True(kinds.Single(k => k.Key == OrganizationKind.SupportC).Count >= 5);
        Assert.InRange(kinds.Where(k => k.Key is OrganizationKind.SupportA or OrganizationKind.SupportB or OrganizationKind.SupportC).Sum(k => k.Count), 25, 35);
        Assert.InRange(await db.Users.CountAsync(u => u.SupporterKind != null), 80, 90);
        var demoRoles = await db.Users.Where(u => u.IsDemo)
            .Join(db.UserRoles, u => u.Id, ur => ur.UserId, (u, ur) => ur.RoleId)
            .Join(db.Roles, id => id, r => r.Id, (_, r) => r.Name).Distinct().ToListAsync();
        Assert.Equal(StaffRoles.All.Order(), demoRoles.Order());
        Assert.All(await db.Users.Select(u => u.Email!).ToListAsync(), e => Assert.EndsWith(".test", e, StringComparison.Ordinal));
    }

    [Fact]
    public async Task History_covers_three_years_with_a_six_week_drop_of_about_sixty_percent_four_months_ago()
    {
        await using var db = NewContext();
        var received = await db.HelpRequests.Select(h => h.ReceivedAt).ToListAsync();
        Assert.True(received.Min() < Today.AddYears(-3).AddDays(7));
        Assert.True(received.Max() <= Today);

        var shockStart = RegionGenerator.ShockStart(Today);
        Assert.Equal(DayOfWeek.Monday, shockStart.DayOfWeek);
        Assert.InRange(Today.UtcDateTime.Date - shockStart.ToDateTime(TimeOnly.MinValue), TimeSpan.FromDays(119), TimeSpan.FromDays(125));
        var start = new DateTimeOffset(shockStart.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        int Weekly(DateTimeOffset from, int weeks) => received.Count(r => r >= from && r < from.AddDays(7 * weeks)) / weeks;
        var before = Weekly(start.AddDays(-7 * 8), 8);
        var during = Weekly(start, IntakePlan.ShockLengthWeeks);
        var after = Weekly(start.AddDays(7 * (IntakePlan.ShockLengthWeeks + 1)), 6);
        var drop = 1 - (double)during / before;
        Assert.InRange(drop, 0.5, 0.7);
        Assert.True(after > during * 2, $"after {after} during {during}");
    }

    /// <summary>Tests may read the demo's weekly intake from <see cref="IntakePlan"/> instead of a database.</summary>
    [Fact]
    public async Task The_stored_history_is_the_intake_plan_week_by_week()
    {
        await using var db = NewContext();
        var received = await db.HelpRequests.Select(h => h.ReceivedAt).ToListAsync();
        var stored = received.GroupBy(r => IntakePlan.Monday(DateOnly.FromDateTime(r.UtcDateTime))).ToDictionary(g => g.Key, g => g.Count());
        var plan = IntakePlan.Weeks(Today, new GeneratorOptions().Seed, RegionGenerator.DemoWeeklyIntake, 3);

        Assert.Equal(plan.Where(w => w.Count > 0).Select(w => (w.Monday, w.Count)), stored.OrderBy(s => s.Key).Select(s => (s.Key, s.Value)));
        Assert.Equal(IntakePlan.CurrentMonday(Today), plan[^1].Monday);
        Assert.Equal(IntakePlan.ShockLengthWeeks, plan.Count(w => w.Lockdown));
    }

    [Fact]
    public async Task Drop_detector_flags_the_demo_shock_at_its_start_and_nothing_else()
    {
        await using var db = NewContext();
        var received = await db.HelpRequests.Select(h => h.ReceivedAt).ToListAsync();
        var first = IntakePlan.CurrentMonday(Today).AddDays(-7 * 3 * 52);
        var weekly = new int[3 * 52];
        foreach (var at in received)
        {
            var week = (IntakePlan.Monday(DateOnly.FromDateTime(at.UtcDateTime)).DayNumber - first.DayNumber) / 7;
            if (week is >= 0 and < 3 * 52)
            {
                weekly[week]++;
            }
        }
        var shockWeek = (RegionGenerator.ShockStart(Today).DayNumber - first.DayNumber) / 7;

        var alert = Assert.Single(Meedenker.Web.Features.Monitoring.DropDetector.AlertWeeks(weekly));
        Assert.InRange(alert, shockWeek, shockWeek + 1);
    }

    [Fact]
    public async Task Cases_and_contacts_follow_the_requests()
    {
        await using var db = NewContext();
        Assert.NotNull(_result);
        Assert.Equal(_result.HelpRequests, await db.HelpRequests.CountAsync());
        Assert.Equal(_result.Cases, await db.Cases.CountAsync());
        Assert.Equal(_result.Contacts, await db.Contacts.CountAsync());
        Assert.InRange((double)_result.Cases / _result.HelpRequests, 0.8, 0.95);
        Assert.True(await db.Cases.AnyAsync(c => c.Status == CaseStatus.Open));
        Assert.False(await db.Cases.AnyAsync(c => c.ClosedAt != null && c.ClosedAt > Today));
        Assert.Equal(await db.HelpRequests.CountAsync(), await db.HelpRequests.Select(h => h.ReferenceCode).Distinct().CountAsync());
        // The queue flag of every intake assignment matches its request's status, and some wait.
        Assert.False(await db.IntakeAssignments.Join(db.HelpRequests, a => a.HelpRequestId, h => h.Id, (a, h) => new { a.Waiting, h.Status })
            .AnyAsync(x => x.Waiting != (x.Status == HelpRequestStatus.Received)));
        Assert.True(await db.IntakeAssignments.AnyAsync(a => a.Waiting));
    }

    [Fact]
    public async Task Same_seed_and_date_give_the_same_region()
    {
        var other = Path.Combine(Path.GetTempPath(), $"meedenker-gen-{Guid.NewGuid():N}.db");
        try
        {
            var options = new DbContextOptionsBuilder<AppDbContext>();
            DatabaseSetup.Configure(options, DatabaseProvider.Sqlite, $"Data Source={other}");
            await using (var db2 = new AppDbContext(options.Options))
            {
                await db2.Database.MigrateAsync();
                var second = await new RegionGenerator(db2, new FakeTimeProvider(Today)).GenerateAsync(new GeneratorOptions());
                Assert.Equal(_result! with { Elapsed = TimeSpan.Zero }, second with { Elapsed = TimeSpan.Zero });
                await using var db = NewContext();
                var first = await db.HelpRequests.OrderBy(h => h.ReceivedAt).Take(50).Select(h => new { h.ReferenceCode, h.ReceivedAt }).ToListAsync();
                var again = await db2.HelpRequests.OrderBy(h => h.ReceivedAt).Take(50).Select(h => new { h.ReferenceCode, h.ReceivedAt }).ToListAsync();
                Assert.Equal(first, again);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(other);
        }
    }

    [Fact]
    public async Task Every_client_support_organisation_has_services_at_a_location_with_opening_hours_and_every_supporter_a_profile()
    {
        await using var db = NewContext();
        var supportOrganizations = await db.Organizations.Where(o => o.Kind == OrganizationKind.SupportA || o.Kind == OrganizationKind.SupportB || o.Kind == OrganizationKind.SupportC).Select(o => o.Id).ToListAsync();
        var withServices = await db.Services.Select(s => s.OrganizationId).Distinct().ToListAsync();
        Assert.Equal(supportOrganizations.Order(), withServices.Order());
        Assert.Equal(_result!.Services, await db.Services.CountAsync());
        Assert.Equal(0, await db.Services.CountAsync(s => !db.ServiceAtLocations.Any(l => l.ServiceId == s.Id)));
        Assert.Equal(0, await db.Services.CountAsync(s => !s.Areas.Any() || !s.Terms.Any()));
        Assert.Equal(0, await db.Locations.CountAsync(l => !l.Schedules.Any()));
        Assert.Equal(0, await db.Services.CountAsync(s => s.SearchText == ""));
        Assert.True(await db.SearchSynonymGroups.AnyAsync());

        var supporters = await db.Users.CountAsync(u => u.SupporterKind != null);
        Assert.Equal(supporters, await db.SupporterProfiles.CountAsync());
        Assert.Equal(0, await db.SupporterProfiles.CountAsync(p => !p.Expertise.Any() || !p.Municipalities.Any() || !p.Terms.Any()));
        Assert.True(await db.SupporterProfiles.AnyAsync(p => p.AvailableEvenings));
    }

    [Theory]
    [InlineData("Coördinator Zeeuwse Ümit", "coordinator-zeeuwse-umit")]
    [InlineData("'s-Heerenhoek", "s-heerenhoek")]
    public void Slugs_are_plain_ascii(string text, string expected) =>
        Assert.Equal(expected, RegionGenerator.Slug(text).ToString(CultureInfo.InvariantCulture));
}
