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
    public DbSet<Service> Services => Set<Service>();
    public DbSet<ServiceTerm> ServiceTerms => Set<ServiceTerm>();
    public DbSet<ServiceArea> ServiceAreas => Set<ServiceArea>();
    public DbSet<Location> Locations => Set<Location>();
    public DbSet<ServiceAtLocation> ServiceAtLocations => Set<ServiceAtLocation>();
    public DbSet<Schedule> Schedules => Set<Schedule>();
    public DbSet<Phone> Phones => Set<Phone>();
    public DbSet<SearchSynonymGroup> SearchSynonymGroups => Set<SearchSynonymGroup>();
    public DbSet<SearchWord> SearchWords => Set<SearchWord>();
    public DbSet<ServiceWord> ServiceWords => Set<ServiceWord>();
    public DbSet<SupporterProfile> SupporterProfiles => Set<SupporterProfile>();
    public DbSet<Resident> Residents => Set<Resident>();
    public DbSet<HelpRequest> HelpRequests => Set<HelpRequest>();
    public DbSet<Case> Cases => Set<Case>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<AccessLogEntry> AccessLog => Set<AccessLogEntry>();
    public DbSet<HelpRequestLifeDomain> HelpRequestLifeDomains => Set<HelpRequestLifeDomain>();
    public DbSet<HelpRequestStatusChange> HelpRequestStatusChanges => Set<HelpRequestStatusChange>();
    public DbSet<Referral> Referrals => Set<Referral>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<IntakeRoute> IntakeRoutes => Set<IntakeRoute>();
    public DbSet<IntakeAssignment> IntakeAssignments => Set<IntakeAssignment>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<IdentityProviderSettings> IdentityProviders => Set<IdentityProviderSettings>();
    public DbSet<StaffSession> StaffSessions => Set<StaffSession>();
    public DbSet<SelfRelianceScore> SelfRelianceScores => Set<SelfRelianceScore>();
    public DbSet<FollowUp> FollowUps => Set<FollowUp>();
    public DbSet<CaseQuestion> CaseQuestions => Set<CaseQuestion>();
    public DbSet<NetworkMember> NetworkMembers => Set<NetworkMember>();
    public DbSet<PlanGoal> PlanGoals => Set<PlanGoal>();
    public DbSet<PlanAction> PlanActions => Set<PlanAction>();
    public DbSet<KompasReflection> KompasReflections => Set<KompasReflection>();
    public DbSet<ResidentExperience> ResidentExperiences => Set<ResidentExperience>();
    public DbSet<Handover> Handovers => Set<Handover>();
    public DbSet<CaseParticipant> CaseParticipants => Set<CaseParticipant>();
    public DbSet<CaseConsent> CaseConsents => Set<CaseConsent>();
    public DbSet<OwnViewAccess> OwnViewAccesses => Set<OwnViewAccess>();
    public DbSet<PrivacyRequest> PrivacyRequests => Set<PrivacyRequest>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<MonitorFact> MonitorFacts => Set<MonitorFact>();
    public DbSet<MonitorRefresh> MonitorRefreshes => Set<MonitorRefresh>();
    public DbSet<MonitorAlert> MonitorAlerts => Set<MonitorAlert>();
    public DbSet<NeighbourhoodReference> NeighbourhoodReferences => Set<NeighbourhoodReference>();

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
            e.Property(o => o.Description).HasMaxLength(2000);
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

        ConfigureDirectory(builder);

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
            // A status change keeps the queue flag of its intake assignments right, so they come with every request.
            e.Navigation(h => h.IntakeAssignments).AutoInclude();
            e.HasIndex(h => new { h.Status, h.ReceivedAt });
            e.HasIndex(h => new { h.MunicipalityId, h.ReceivedAt });
            e.HasIndex(h => h.ReceivedAt);
            // The intake queue: only requests still waiting (a few thousand of a million), in the queue's order, with
            // the triage flags so counting and ordering need not visit the rows (same filter text on both providers).
            e.HasIndex(h => new { h.ReceivedAt, h.Id, h.SafetyConcern, h.Urgent }, "IX_HelpRequests_Queue").HasFilter("\"Status\" = 'Received'");
            // The urgent and unsafe ones (triage puts them first) on their own, so counting them does not walk the queue.
            e.HasIndex(h => new { h.ReceivedAt, h.Id }, "IX_HelpRequests_QueueFlagged").HasFilter("\"Status\" = 'Received' AND (\"SafetyConcern\" OR \"Urgent\")");
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

        builder.Entity<IdempotencyRecord>(e =>
        {
            e.Property(r => r.KeyHash).HasMaxLength(64);
            e.Property(r => r.BodyHash).HasMaxLength(64);
            e.Property(r => r.ProtectedSecret).HasMaxLength(1000);
            // Two posts with one key racing: the database lets one of them in.
            e.HasIndex(r => r.KeyHash).IsUnique();
            e.HasIndex(r => r.CreatedAt);
            e.HasOne<HelpRequest>().WithMany().HasForeignKey(r => r.HelpRequestId).OnDelete(DeleteBehavior.Cascade);
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
            // The size of an organisation's queue: only the waiting assignments are in this index.
            e.HasIndex(a => a.OrganizationId, "IX_IntakeAssignments_Waiting").HasFilter("\"Waiting\"");
            e.HasOne<HelpRequest>().WithMany(h => h.IntakeAssignments).HasForeignKey(a => a.HelpRequestId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Organization>().WithMany().HasForeignKey(a => a.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<IdentityProviderSettings>(e =>
        {
            e.ToTable("IdentityProviders");
            e.HasKey(p => p.OrganizationId);
            e.Property(p => p.Issuer).HasMaxLength(IdentityProviderSettings.MaxIssuerLength);
            e.Property(p => p.ClientId).HasMaxLength(IdentityProviderSettings.MaxClientIdLength);
            e.Property(p => p.ProtectedClientSecret).HasMaxLength(2000);
            e.Property(p => p.RoleClaim).HasMaxLength(IdentityProviderSettings.MaxClaimLength);
            e.Property(p => p.EmailClaim).HasMaxLength(IdentityProviderSettings.MaxClaimLength);
            e.Property(p => p.RoleMappingText).HasMaxLength(IdentityProviderSettings.MaxMappingLength);
            e.Property(p => p.MultiFactorAcrValues).HasMaxLength(IdentityProviderSettings.MaxAcrLength);
            e.Property(p => p.Version).IsConcurrencyToken();
            e.Ignore(p => p.RoleMappings);
            e.HasOne<Organization>().WithOne().HasForeignKey<IdentityProviderSettings>(p => p.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<StaffSession>(e =>
        {
            e.Property(s => s.TokenHash).HasMaxLength(64);
            // Every staff request looks its session up by this index.
            e.HasIndex(s => s.TokenHash).IsUnique();
            e.HasIndex(s => s.UserId);
            e.HasIndex(s => s.ExpiresAt);
            e.Property(s => s.Device).HasMaxLength(100);
            e.Property(s => s.Network).HasMaxLength(50);
            e.Property(s => s.EndReason).HasConversion<string>().HasMaxLength(30);
            e.HasOne<StaffUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
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
            e.Property(c => c.SummaryForResident).HasMaxLength(Case.MaxSummaryForResident);
            e.Property(c => c.CloseReason).HasConversion<string>().HasMaxLength(30);
            e.Property(c => c.Version).IsConcurrencyToken();
            e.HasIndex(c => c.HelpRequestId);
            // One open offer per request, by the database: two coordinators clicking "Aanbieden" at the same
            // moment cannot both offer it (security issue 16, finding 7).
            e.HasIndex(c => c.HelpRequestId, "IX_Cases_OneOpenOffer").IsUnique().HasFilter("\"Status\" = 'Offered'");
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

        builder.Entity<FollowUp>(e =>
        {
            e.HasIndex(f => new { f.TaskCreatedAt, f.DueOn });
            e.HasIndex(f => new { f.SupporterId, f.DoneAt });
            e.HasOne<Case>().WithMany().HasForeignKey(f => f.CaseId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<CaseQuestion>(e =>
        {
            e.Property(q => q.LifeDomainCode).HasMaxLength(50);
            e.Property(q => q.Text).HasMaxLength(CaseQuestion.MaxText);
            e.HasIndex(q => q.CaseId);
            e.HasOne<Case>().WithMany().HasForeignKey(q => q.CaseId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<NetworkMember>(e =>
        {
            e.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(m => m.Name).HasMaxLength(NetworkMember.MaxName);
            e.Property(m => m.Relation).HasMaxLength(NetworkMember.MaxRelation);
            e.Property(m => m.WhatTheyDo).HasMaxLength(NetworkMember.MaxWhat);
            e.HasIndex(m => m.CaseId);
            e.HasOne<Case>().WithMany().HasForeignKey(m => m.CaseId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<PlanGoal>(e =>
        {
            e.Property(g => g.LifeDomainCode).HasMaxLength(50);
            e.Property(g => g.Text).HasMaxLength(PlanGoal.MaxText);
            e.HasIndex(g => g.CaseId);
            e.HasOne<Case>().WithMany().HasForeignKey(g => g.CaseId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<PlanAction>(e =>
        {
            e.Property(a => a.Text).HasMaxLength(PlanAction.MaxText);
            e.Property(a => a.OwnerName).HasMaxLength(PlanAction.MaxOwnerName);
            e.Property(a => a.Owner).HasConversion<string>().HasMaxLength(30);
            e.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(a => a.CaseId);
            e.HasIndex(a => new { a.OwnerSupporterId, a.Status });
            e.HasOne<PlanGoal>().WithMany().HasForeignKey(a => a.GoalId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<KompasReflection>(e =>
        {
            e.Property(k => k.Moment).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(k => k.CaseId);
            e.HasOne<Case>().WithMany().HasForeignKey(k => k.CaseId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(k => k.Answers).WithOne().HasForeignKey(a => a.ReflectionId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<KompasAnswer>(e =>
        {
            e.HasKey(a => new { a.ReflectionId, a.QuestionCode });
            e.Property(a => a.QuestionCode).HasMaxLength(50);
            e.Property(a => a.Answer).HasMaxLength(KompasReflection.MaxAnswer);
        });

        builder.Entity<ResidentExperience>(e =>
        {
            e.Property(x => x.Comment).HasMaxLength(ResidentExperience.MaxComment);
            e.HasIndex(x => x.CaseId);
            e.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Handover>(e =>
        {
            e.Property(h => h.Direction).HasConversion<string>().HasMaxLength(30);
            e.Property(h => h.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(h => h.Reason).HasMaxLength(Handover.MaxReason);
            e.Property(h => h.PassedOn).HasMaxLength(Handover.MaxPassedOn);
            e.Property(h => h.DecisionReason).HasMaxLength(500);
            e.HasIndex(h => h.CaseId);
            e.HasIndex(h => new { h.ToSupporterId, h.Status });
            e.HasIndex(h => new { h.ToOrganizationId, h.Status });
            e.HasOne<Case>().WithMany().HasForeignKey(h => h.CaseId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<CaseParticipant>(e =>
        {
            e.HasIndex(p => new { p.SupporterId, p.EndedAt });
            e.HasIndex(p => p.CaseId);
            e.HasOne<Case>().WithMany().HasForeignKey(p => p.CaseId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<CaseConsent>(e =>
        {
            e.Property(c => c.GivenBy).HasMaxLength(CaseConsent.MaxGivenBy);
            e.Property(c => c.How).HasConversion<string>().HasMaxLength(20);
            e.Property(c => c.WithdrawnBy).HasMaxLength(50);
            e.HasIndex(c => c.CaseId);
            e.HasOne<Case>().WithMany().HasForeignKey(c => c.CaseId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<OwnViewAccess>(e =>
        {
            e.HasKey(a => a.HelpRequestId);
            e.Property(a => a.CodeHash).HasMaxLength(64);
            e.Property(a => a.Channel).HasConversion<string>().HasMaxLength(20);
            e.HasOne<HelpRequest>().WithMany().HasForeignKey(a => a.HelpRequestId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<PrivacyRequest>(e =>
        {
            e.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(p => p.Outcome).HasConversion<string>().HasMaxLength(20);
            e.Property(p => p.Text).HasMaxLength(PrivacyRequest.MaxText);
            e.Property(p => p.Response).HasMaxLength(PrivacyRequest.MaxResponse);
            e.HasIndex(p => new { p.OrganizationId, p.HandledAt });
            e.HasIndex(p => p.ResidentId);
            e.HasOne<Resident>().WithMany().HasForeignKey(p => p.ResidentId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<HelpRequest>().WithMany().HasForeignKey(p => p.HelpRequestId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Organization>().WithMany().HasForeignKey(p => p.OrganizationId).OnDelete(DeleteBehavior.Restrict);
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

    private static void ConfigureDirectory(ModelBuilder builder)
    {
        builder.Entity<Service>(e =>
        {
            e.Property(s => s.Name).HasMaxLength(200);
            e.Property(s => s.Description).HasMaxLength(4000);
            e.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(s => s.FeesDescription).HasMaxLength(1000);
            e.Property(s => s.ApplicationProcess).HasMaxLength(2000);
            e.Property(s => s.Email).HasMaxLength(254);
            e.Property(s => s.Url).HasMaxLength(300);
            e.Property(s => s.SearchText).HasMaxLength(8000);
            e.HasIndex(s => new { s.Status, s.Name });
            e.HasIndex(s => new { s.Name, s.Id });
            e.HasIndex(s => s.OrganizationId);
            e.HasIndex(s => s.LastModified);
            e.HasOne(s => s.Organization).WithMany().HasForeignKey(s => s.OrganizationId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(s => s.Terms).WithOne().HasForeignKey(t => t.ServiceId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(s => s.Areas).WithOne().HasForeignKey(a => a.ServiceId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(s => s.Locations).WithOne(l => l.Service).HasForeignKey(l => l.ServiceId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(s => s.Phones).WithOne().HasForeignKey(p => p.ServiceId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(s => s.Schedules).WithOne().HasForeignKey(p => p.ServiceId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ServiceTerm>(e =>
        {
            e.HasIndex(t => new { t.ServiceId, t.TaxonomyTermId }).IsUnique();
            e.HasIndex(t => new { t.TaxonomyTermId, t.ServiceId });
            e.HasOne(t => t.TaxonomyTerm).WithMany().HasForeignKey(t => t.TaxonomyTermId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<ServiceArea>(e =>
        {
            e.HasIndex(a => new { a.ServiceId, a.MunicipalityId }).IsUnique();
            e.HasIndex(a => new { a.MunicipalityId, a.ServiceId });
            e.HasOne(a => a.Municipality).WithMany().HasForeignKey(a => a.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Location>(e =>
        {
            e.Property(l => l.Name).HasMaxLength(200);
            e.Property(l => l.Address).HasMaxLength(200);
            e.Property(l => l.PostalCode).HasMaxLength(10);
            e.Property(l => l.City).HasMaxLength(100);
            e.Property(l => l.Accessibility).HasMaxLength(1000);
            e.Property(l => l.Transportation).HasMaxLength(1000);
            e.HasOne<Organization>().WithMany().HasForeignKey(l => l.OrganizationId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(l => l.Municipality).WithMany().HasForeignKey(l => l.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(l => l.Schedules).WithOne().HasForeignKey(s => s.LocationId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ServiceAtLocation>(e =>
        {
            e.Property(s => s.Description).HasMaxLength(1000);
            e.HasIndex(s => new { s.ServiceId, s.LocationId }).IsUnique();
            e.HasOne(s => s.Location).WithMany().HasForeignKey(s => s.LocationId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Schedule>(e =>
        {
            e.Property(s => s.Day).HasConversion<int>();
            e.Property(s => s.Description).HasMaxLength(500);
            e.Ignore(s => s.ByDay);
            e.Ignore(s => s.IsEvening);
            e.Ignore(s => s.IsWeekend);
        });

        builder.Entity<Phone>(e =>
        {
            e.Property(p => p.Number).HasMaxLength(30);
            e.Property(p => p.Description).HasMaxLength(200);
            e.HasOne<Organization>().WithMany().HasForeignKey(p => p.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Location>().WithMany().HasForeignKey(p => p.LocationId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<SearchSynonymGroup>(e =>
        {
            e.Property(s => s.Words).HasMaxLength(1000);
            e.Ignore(s => s.WordList);
        });

        // The word index of the free-text search (docs/decisions/0050-search-word-index.md).
        builder.Entity<SearchWord>(e =>
        {
            e.HasKey(w => w.Word);
            e.Property(w => w.Word).HasMaxLength(Search.MaxIndexedWordLength);
        });
        builder.Entity<ServiceWord>(e =>
        {
            e.HasKey(w => new { w.ServiceId, w.Word });
            e.Property(w => w.Word).HasMaxLength(Search.MaxIndexedWordLength);
            e.HasIndex(w => new { w.Word, w.ServiceId });
            e.HasOne<Service>().WithMany().HasForeignKey(w => w.ServiceId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<SupporterProfile>(e =>
        {
            e.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(p => p.Capacity);
            e.Property(p => p.Training).HasMaxLength(2000);
            e.HasIndex(p => p.UserId).IsUnique();
            e.HasIndex(p => p.OrganizationId);
            e.HasOne<StaffUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Organization>().WithMany().HasForeignKey(p => p.OrganizationId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(p => p.Terms).WithOne().HasForeignKey(t => t.ProfileId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(p => p.Expertise).WithOne().HasForeignKey(t => t.ProfileId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(p => p.Municipalities).WithOne().HasForeignKey(t => t.ProfileId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<SupporterTerm>(e =>
        {
            e.HasKey(t => new { t.ProfileId, t.TaxonomyTermId });
            e.HasOne<TaxonomyTerm>().WithMany().HasForeignKey(t => t.TaxonomyTermId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<SupporterExpertise>(e =>
        {
            e.HasKey(t => new { t.ProfileId, t.TargetGroupTermId, t.LifeDomainTermId });
            e.HasOne<TaxonomyTerm>().WithMany().HasForeignKey(t => t.TargetGroupTermId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<TaxonomyTerm>().WithMany().HasForeignKey(t => t.LifeDomainTermId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<SupporterMunicipality>(e =>
        {
            e.HasKey(t => new { t.ProfileId, t.MunicipalityId });
            e.HasOne<Municipality>().WithMany().HasForeignKey(t => t.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
        });

        // Monitoring (issue 8): aggregates only, rebuilt by the monitor job.
        builder.Entity<MonitorFact>(e =>
        {
            e.HasKey(f => new { f.Week, f.Kind, f.MunicipalityId, f.Detail, f.Value });
            e.Property(f => f.Kind).HasMaxLength(20);
            e.Property(f => f.Detail).HasMaxLength(60);
        });
        builder.Entity<MonitorRefresh>(e => e.Property(r => r.Id).ValueGeneratedNever());
        builder.Entity<MonitorAlert>(e =>
        {
            e.Property(a => a.ScopeKind).HasMaxLength(20);
            e.Property(a => a.ScopeCode).HasMaxLength(60);
            e.HasIndex(a => new { a.ScopeKind, a.ScopeCode, a.WeekStart }).IsUnique();
        });
        builder.Entity<NeighbourhoodReference>(e =>
        {
            e.HasKey(r => r.NeighbourhoodId);
            e.HasOne<Neighbourhood>().WithMany().HasForeignKey(r => r.NeighbourhoodId).OnDelete(DeleteBehavior.Cascade);
            e.Ignore(r => r.Inhabitants);
        });
    }
}
