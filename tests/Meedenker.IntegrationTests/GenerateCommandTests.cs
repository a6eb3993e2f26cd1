using Meedenker.Data;
using Meedenker.IntegrationTests.Infrastructure;
using Meedenker.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Meedenker.IntegrationTests;

/// <summary>The <c>generate</c> command on a real database, with a small nationwide social map.</summary>
public sealed class GenerateCommandTests
{
    [Fact]
    public async Task Generate_with_services_fills_an_empty_database_with_a_nationwide_social_map()
    {
        using var database = new TestDatabase();
        var (command, options) = Cli.Parse(["generate", "--services", "300",
            .. database.CommandLineSettings(), "--Demo:Enabled=false", "--environment=Testing"]);
        var app = Web.Program.CreateApp(options.WebArgs);
        await using (app)
        {
            Assert.Equal(0, await Cli.RunAsync(command, options, app));
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Equal(342, await db.Municipalities.CountAsync());
            Assert.True(await db.Services.CountAsync() >= 300);
            // The seeded synonym groups are there once, not twice (the initializer's copy is replaced).
            var groups = await db.SearchSynonymGroups.Select(g => g.Words).ToListAsync();
            Assert.NotEmpty(groups);
            Assert.Equal(groups.Count, groups.Distinct().Count());
        }
    }
}
