using Meedenker.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Meedenker.Migrations.Postgres;

/// <summary>Lets `dotnet ef migrations add` build the model for this provider without starting the app.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseSetup.Configure(options, DatabaseProvider.Postgres, "Host=localhost;Database=meedenker_design;Username=postgres");
        return new AppDbContext(options.Options);
    }
}
