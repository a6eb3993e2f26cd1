using Meedenker.Domain;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Meedenker.Data;

public sealed class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<StaffUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<Municipality> Municipalities => Set<Municipality>();
    public DbSet<Neighbourhood> Neighbourhoods => Set<Neighbourhood>();
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<TaxonomyTerm> TaxonomyTerms => Set<TaxonomyTerm>();
    public DbSet<Resident> Residents => Set<Resident>();
    public DbSet<HelpRequest> HelpRequests => Set<HelpRequest>();
    public DbSet<Case> Cases => Set<Case>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<AccessLogEntry> AccessLog => Set<AccessLogEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public bool IsSqlite => Database.ProviderName == DatabaseSetup.SqliteProviderName;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        if (Database.ProviderName == DatabaseSetup.SqliteProviderName)
        {
            // SQLite cannot compare or order DateTimeOffset stored as text; as UTC ticks it can.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<StaffUser>(e =>
        {
            e.Property(u => u.DisplayName).HasMaxLength(200);
            e.HasOne(u => u.Organization).WithMany().HasForeignKey(u => u.OrganizationId).OnDelete(DeleteBehavior.Restrict);
            e.Property(u => u.SupporterKind).HasConversion<string>().HasMaxLength(20);
        });

        builder.Entity<Municipality>(e =>
        {
            e.Property(m => m.Code).HasMaxLength(10);
            e.Property(m => m.Name).HasMaxLength(100);
            e.HasIndex(m => m.Code).IsUnique();
            e.HasMany(m => m.Neighbourhoods).WithOne().HasForeignKey(n => n.MunicipalityId);
        });

        builder.Entity<Neighbourhood>(e =>
        {
            e.Property(n => n.Code).HasMaxLength(12);
            e.Property(n => n.Name).HasMaxLength(100);
            e.HasIndex(n => n.Code).IsUnique();
        });

        builder.Entity<Organization>(e =>
        {
            e.Property(o => o.Name).HasMaxLength(200);
            e.Property(o => o.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(o => o.Email).HasMaxLength(254);
            e.Property(o => o.Phone).HasMaxLength(30);
            e.Property(o => o.Website).HasMaxLength(300);
            e.HasOne<Municipality>().WithMany().HasForeignKey(o => o.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<TaxonomyTerm>(e =>
        {
            e.Property(t => t.Taxonomy).HasConversion<string>().HasMaxLength(20);
            e.Property(t => t.Code).HasMaxLength(50);
            e.Property(t => t.NameNl).HasMaxLength(200);
            e.Property(t => t.NameEn).HasMaxLength(200);
            e.HasIndex(t => new { t.Taxonomy, t.Code }).IsUnique();
        });

        builder.Entity<Resident>(e =>
        {
            e.Property(r => r.FirstName).HasMaxLength(100);
            e.Property(r => r.LastName).HasMaxLength(100);
            e.Property(r => r.Email).HasMaxLength(254);
            e.Property(r => r.Phone).HasMaxLength(30);
            e.HasOne<Municipality>().WithMany().HasForeignKey(r => r.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Neighbourhood>().WithMany().HasForeignKey(r => r.NeighbourhoodId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<HelpRequest>(e =>
        {
            e.Property(h => h.ReferenceCode).HasMaxLength(20);
            e.HasIndex(h => h.ReferenceCode).IsUnique();
            e.Property(h => h.Channel).HasConversion<string>().HasMaxLength(20);
            e.Property(h => h.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(h => h.SourceCode).HasMaxLength(50);
            e.Property(h => h.LifeDomainCode).HasMaxLength(50);
            e.Property(h => h.TargetGroupCode).HasMaxLength(50);
            e.Property(h => h.Question).HasMaxLength(4000);
            e.HasIndex(h => new { h.MunicipalityId, h.ReceivedAt });
            e.HasIndex(h => h.ReceivedAt);
            e.HasOne<Resident>().WithMany().HasForeignKey(h => h.ResidentId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Municipality>().WithMany().HasForeignKey(h => h.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Neighbourhood>().WithMany().HasForeignKey(h => h.NeighbourhoodId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Case>(e =>
        {
            e.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(c => new { c.OrganizationId, c.Status, c.OpenedAt });
            e.HasIndex(c => new { c.SupporterId, c.Status });
            e.HasIndex(c => c.ResidentId);
            e.HasOne<HelpRequest>().WithMany().HasForeignKey(c => c.HelpRequestId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Resident>().WithMany().HasForeignKey(c => c.ResidentId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Organization>().WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<StaffUser>().WithMany().HasForeignKey(c => c.SupporterId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Contact>(e =>
        {
            e.Property(c => c.Mode).HasConversion<string>().HasMaxLength(20);
            e.Property(c => c.Note).HasMaxLength(2000);
            e.HasIndex(c => new { c.CaseId, c.At });
            e.HasOne<Case>().WithMany().HasForeignKey(c => c.CaseId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<AccessLogEntry>(e =>
        {
            e.ToTable("AccessLog");
            e.Property(a => a.UserName).HasMaxLength(256);
            e.Property(a => a.Role).HasMaxLength(50);
            e.Property(a => a.OnBehalfOf).HasMaxLength(256);
            e.Property(a => a.Action).HasConversion<string>().HasMaxLength(20);
            e.Property(a => a.Outcome).HasConversion<string>().HasMaxLength(20);
            e.Property(a => a.Resource).HasMaxLength(100);
            e.Property(a => a.Purpose).HasMaxLength(200);
            e.Property(a => a.Reason).HasMaxLength(500);
            e.Property(a => a.RequestId).HasMaxLength(100);
            e.HasIndex(a => new { a.ResidentId, a.At });
            e.HasIndex(a => new { a.UserId, a.At });
            e.HasIndex(a => a.At);
        });
    }
}
