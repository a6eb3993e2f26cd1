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
    public DbSet<HelpRequestLifeDomain> HelpRequestLifeDomains => Set<HelpRequestLifeDomain>();
    public DbSet<HelpRequestStatusChange> HelpRequestStatusChanges => Set<HelpRequestStatusChange>();
    public DbSet<Referral> Referrals => Set<Referral>();
    public DbSet<IntakeRoute> IntakeRoutes => Set<IntakeRoute>();
    public DbSet<IntakeAssignment> IntakeAssignments => Set<IntakeAssignment>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<SelfRelianceScore> SelfRelianceScores => Set<SelfRelianceScore>();
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
            e.Property(r => r.Address).HasMaxLength(300);
            e.HasIndex(r => r.Email);
            e.HasIndex(r => r.Phone);
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
            e.Property(h => h.StatusTokenHash).HasMaxLength(64);
            e.HasIndex(h => h.StatusTokenHash).IsUnique();
            e.Property(h => h.Postcode).HasMaxLength(7);
            e.Property(h => h.ContactTimeNote).HasMaxLength(200);
            e.Property(h => h.LanguageCode).HasMaxLength(10);
            e.Property(h => h.AccessibilityNeeds).HasMaxLength(500);
            e.Property(h => h.RelativeName).HasMaxLength(200);
            e.Property(h => h.DeclineReason).HasMaxLength(500);
            e.HasMany(h => h.LifeDomains).WithOne().HasForeignKey(d => d.HelpRequestId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(h => h.StatusChanges).WithOne().HasForeignKey(c => c.HelpRequestId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(h => new { h.Status, h.ReceivedAt });
            e.HasIndex(h => new { h.MunicipalityId, h.ReceivedAt });
            e.HasIndex(h => h.ReceivedAt);
            e.HasOne<Resident>().WithMany().HasForeignKey(h => h.ResidentId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Municipality>().WithMany().HasForeignKey(h => h.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Neighbourhood>().WithMany().HasForeignKey(h => h.NeighbourhoodId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<HelpRequestLifeDomain>(e =>
        {
            e.HasKey(d => new { d.HelpRequestId, d.Code });
            e.Property(d => d.Code).HasMaxLength(50);
        });

        builder.Entity<HelpRequestStatusChange>(e =>
        {
            // Added through HelpRequest's rules with its id already set: tell EF it is new, not an update.
            e.Property(c => c.Id).ValueGeneratedNever();
            e.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(c => c.Reason).HasMaxLength(500);
            e.HasIndex(c => new { c.HelpRequestId, c.At });
        });

        builder.Entity<Referral>(e =>
        {
            e.Property(r => r.ReferrerName).HasMaxLength(200);
            e.Property(r => r.ReferrerOrganizationName).HasMaxLength(200);
            e.Property(r => r.ReferrerEmail).HasMaxLength(254);
            e.Property(r => r.ReferrerPhone).HasMaxLength(30);
            e.Property(r => r.ReferrerKindCode).HasMaxLength(50);
            e.Property(r => r.ReferrerTokenHash).HasMaxLength(64);
            e.Property(r => r.ConsentGivenBy).HasConversion<string>().HasMaxLength(20);
            e.Property(r => r.ConsentMethod).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(r => r.HelpRequestId).IsUnique();
            e.HasIndex(r => new { r.ReferrerOrganizationId, r.CreatedAt });
            e.HasIndex(r => r.ReferrerTokenHash).IsUnique();
            e.HasOne<HelpRequest>().WithMany().HasForeignKey(r => r.HelpRequestId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Organization>().WithMany().HasForeignKey(r => r.ReferrerOrganizationId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<IntakeRoute>(e =>
        {
            e.HasIndex(r => new { r.MunicipalityId, r.OrganizationId }).IsUnique();
            e.HasOne<Municipality>().WithMany().HasForeignKey(r => r.MunicipalityId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Organization>().WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<IntakeAssignment>(e =>
        {
            e.HasKey(a => new { a.HelpRequestId, a.OrganizationId });
            e.HasIndex(a => a.OrganizationId);
            e.HasOne<HelpRequest>().WithMany().HasForeignKey(a => a.HelpRequestId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Organization>().WithMany().HasForeignKey(a => a.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ApiKey>(e =>
        {
            e.Property(k => k.Name).HasMaxLength(100);
            e.Property(k => k.KeyHash).HasMaxLength(64);
            e.Property(k => k.Prefix).HasMaxLength(12);
            e.HasIndex(k => k.KeyHash).IsUnique();
            e.HasOne<Organization>().WithMany().HasForeignKey(k => k.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Case>(e =>
        {
            e.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(c => c.OfferDeclineReason).HasMaxLength(500);
            e.Property(c => c.Version).IsConcurrencyToken();
            e.HasIndex(c => c.HelpRequestId);
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

        builder.Entity<SelfRelianceScore>(e =>
        {
            e.Property(s => s.LifeDomainCode).HasMaxLength(50);
            e.Property(s => s.Moment).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(s => new { s.CaseId, s.At });
            e.HasOne<Case>().WithMany().HasForeignKey(s => s.CaseId).OnDelete(DeleteBehavior.Cascade);
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
