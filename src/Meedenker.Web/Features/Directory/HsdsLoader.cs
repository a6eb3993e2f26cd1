using Meedenker.Data;
using Meedenker.Domain;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Directory;

/// <summary>
/// Builds HSDS objects from the directory tables with a few set-based queries per page (never one query per
/// row). Our extras — organisation type A/B/C and CBS municipality codes — are published as two taxonomies
/// of their own, linked through HSDS attributes.
/// </summary>
public static class HsdsLoader
{
    public static readonly Guid OrganizationTypeTaxonomyId = Taxonomies.NameBasedId("meedenker-taxonomy:organisatietype");
    public static readonly Guid MunicipalityTaxonomyId = Taxonomies.NameBasedId("meedenker-taxonomy:gemeente");

    public static IReadOnlyList<HsdsTaxonomy> AllTaxonomies { get; } =
    [
        .. Taxonomies.All.Select(t => new HsdsTaxonomy(t.Id, t.NameNl, t.NameEn, null)),
        new(OrganizationTypeTaxonomyId, "Organisatietypen", "Organisation types in the client support network: A core task, B one of the tasks, C informal", null),
        new(MunicipalityTaxonomyId, "Gemeenten (CBS-code)", "Dutch municipalities by their CBS code", null),
    ];

    private static readonly (OrganizationKind Kind, string Code, string Nl, string En)[] OrganizationTypes =
    [
        (OrganizationKind.SupportA, "A", "Cliëntondersteuning is de kerntaak", "Client support is the core task"),
        (OrganizationKind.SupportB, "B", "Cliëntondersteuning is één van de taken", "Client support is one of the tasks"),
        (OrganizationKind.SupportC, "C", "Informele ondersteuning", "Informal support"),
    ];

    public static HsdsTaxonomyTerm? OrganizationTypeTerm(OrganizationKind kind) =>
        OrganizationTypes.Where(t => t.Kind == kind)
            .Select(t => new HsdsTaxonomyTerm(Taxonomies.NameBasedId("meedenker-term:organisatietype:" + t.Code), t.Code, t.Nl, t.En, "organisatietype", OrganizationTypeTaxonomyId, "nl"))
            .FirstOrDefault();

    public static HsdsTaxonomyTerm Term(TaxonomyTerm term)
    {
        ArgumentNullException.ThrowIfNull(term);
        var taxonomy = Taxonomies.Of(term.Taxonomy);
        return new HsdsTaxonomyTerm(term.Id, term.Code, term.NameNl, term.NameEn, taxonomy.Code, taxonomy.Id, "nl");
    }

    public static HsdsTaxonomyTerm MunicipalityTerm(Municipality municipality)
    {
        ArgumentNullException.ThrowIfNull(municipality);
        return new HsdsTaxonomyTerm(municipality.Id, municipality.Code, municipality.Name, $"Gemeente {municipality.Name}", "gemeente", MunicipalityTaxonomyId, "nl");
    }

    /// <summary>Every taxonomy term, stored and derived, in a stable order.</summary>
    public static async Task<List<HsdsTaxonomyTerm>> AllTermsAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var stored = await db.TaxonomyTerms.AsNoTracking().OrderBy(t => t.Taxonomy).ThenBy(t => t.SortOrder).ToListAsync(cancellationToken);
        var municipalities = await db.Municipalities.AsNoTracking().OrderBy(m => m.Code).ToListAsync(cancellationToken);
        return
        [
            .. stored.Select(Term),
            .. OrganizationTypes.Select(t => OrganizationTypeTerm(t.Kind)!),
            .. municipalities.Select(MunicipalityTerm),
        ];
    }

    public static HsdsService Service(Service s) =>
        new(s.Id, s.OrganizationId, s.Name, s.Description, s.Url, s.Email, ServiceStatusCodes.ToHsds(s.Status), s.ApplicationProcess, s.FeesDescription, s.LastModified);

    public static HsdsSchedule Schedule(Schedule h) =>
        new(h.Id, h.ServiceId, h.LocationId, "WEEKLY", h.ByDay, h.OpensAt.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            h.ClosesAt.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), h.Description);

    public static HsdsPhone Phone(Phone p) => new(p.Id, p.OrganizationId, p.ServiceId, p.LocationId, p.Number, p.Description);

    public static async Task<Dictionary<Guid, HsdsLocation>> LocationsAsync(AppDbContext db, ICollection<Guid> ids, CancellationToken cancellationToken)
    {
        var locations = await db.Locations.AsNoTracking().Include(l => l.Schedules).Where(l => ids.Contains(l.Id)).ToListAsync(cancellationToken);
        var phones = (await db.Phones.AsNoTracking().Where(p => p.LocationId != null && ids.Contains(p.LocationId.Value)).ToListAsync(cancellationToken)).ToLookup(p => p.LocationId!.Value);
        return locations.ToDictionary(l => l.Id, l => new HsdsLocation(
            l.Id, "physical", l.OrganizationId, l.Name, l.Transportation,
            [new HsdsAddress(Taxonomies.NameBasedId("meedenker-address:" + l.Id), l.Id, l.Address, l.City, null, "", l.PostalCode, "NL", "physical")],
            l.Accessibility is null ? [] : [new HsdsAccessibility(Taxonomies.NameBasedId("meedenker-accessibility:" + l.Id), l.Id, l.Accessibility)],
            phones[l.Id].OrderBy(p => p.Id).Select(Phone).ToList(),
            l.Schedules.OrderBy(h => h.Day).ThenBy(h => h.OpensAt).Select(Schedule).ToList()));
    }

    public static async Task<Dictionary<Guid, HsdsOrganization>> OrganizationsAsync(AppDbContext db, ICollection<Guid> ids, bool full, CancellationToken cancellationToken)
    {
        var organizations = await db.Organizations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToListAsync(cancellationToken);
        ILookup<Guid, HsdsPhone> phones = Array.Empty<HsdsPhone>().ToLookup(p => p.OrganizationId!.Value);
        ILookup<Guid, HsdsLocation> locations = Array.Empty<HsdsLocation>().ToLookup(l => l.OrganizationId);
        if (full)
        {
            phones = (await db.Phones.AsNoTracking().Where(p => p.OrganizationId != null && ids.Contains(p.OrganizationId.Value)).ToListAsync(cancellationToken))
                .Select(Phone).ToLookup(p => p.OrganizationId!.Value);
            var locationIds = await db.Locations.Where(l => ids.Contains(l.OrganizationId)).Select(l => l.Id).ToListAsync(cancellationToken);
            locations = (await LocationsAsync(db, locationIds, cancellationToken)).Values.OrderBy(l => l.Id).ToLookup(l => l.OrganizationId);
        }
        return organizations.ToDictionary(o => o.Id, o =>
        {
            var type = OrganizationTypeTerm(o.Kind);
            IReadOnlyList<HsdsAttributeLink> attributes = type is null ? [] :
                [new HsdsAttributeLink(Taxonomies.NameBasedId($"meedenker-attribute:{o.Id}:{type.Id}"), o.Id, type.Id, "organization_type", "organization", type.Code, type)];
            return new HsdsOrganization(o.Id, o.Name, o.Description ?? o.Name, o.Email, o.Website,
                full ? phones[o.Id].ToList() : null, full ? locations[o.Id].ToList() : null, attributes);
        });
    }

    /// <summary>Whole services with every related object, in the order of <paramref name="services"/>.</summary>
    public static async Task<List<HsdsService>> FullServicesAsync(AppDbContext db, IReadOnlyList<Service> services, CancellationToken cancellationToken)
    {
        var ids = services.Select(s => s.Id).ToList();
        var terms = (await db.ServiceTerms.AsNoTracking().Include(t => t.TaxonomyTerm).Where(t => ids.Contains(t.ServiceId)).ToListAsync(cancellationToken)).ToLookup(t => t.ServiceId);
        var areas = (await db.ServiceAreas.AsNoTracking().Include(a => a.Municipality).Where(a => ids.Contains(a.ServiceId)).ToListAsync(cancellationToken)).ToLookup(a => a.ServiceId);
        var phones = (await db.Phones.AsNoTracking().Where(p => p.ServiceId != null && ids.Contains(p.ServiceId.Value)).ToListAsync(cancellationToken)).ToLookup(p => p.ServiceId!.Value);
        var schedules = (await db.Schedules.AsNoTracking().Where(h => h.ServiceId != null && ids.Contains(h.ServiceId.Value)).ToListAsync(cancellationToken)).ToLookup(h => h.ServiceId!.Value);
        var atLocations = await db.ServiceAtLocations.AsNoTracking().Where(l => ids.Contains(l.ServiceId)).ToListAsync(cancellationToken);
        var locations = await LocationsAsync(db, atLocations.Select(l => l.LocationId).Distinct().ToList(), cancellationToken);
        var organizations = await OrganizationsAsync(db, services.Select(s => s.OrganizationId).Distinct().ToList(), full: false, cancellationToken);
        var atLocationsByService = atLocations.ToLookup(l => l.ServiceId);
        return services.Select(s => Service(s) with
        {
            Organization = organizations[s.OrganizationId],
            Phones = phones[s.Id].OrderBy(p => p.Id).Select(Phone).ToList(),
            Schedules = schedules[s.Id].OrderBy(h => h.Day).ThenBy(h => h.OpensAt).Select(Schedule).ToList(),
            ServiceAreas = areas[s.Id].OrderBy(a => a.Municipality!.Code).Select(a =>
            {
                var term = MunicipalityTerm(a.Municipality!);
                return new HsdsServiceArea(a.Id, s.Id, a.Municipality!.Name,
                    [new HsdsAttributeLink(Taxonomies.NameBasedId($"meedenker-attribute:{a.Id}"), a.Id, term.Id, "municipality", "service_area", term.Code, term)]);
            }).ToList(),
            ServiceAtLocations = atLocationsByService[s.Id].OrderBy(l => l.Id).Select(l => new HsdsServiceAtLocation(l.Id, l.ServiceId, l.LocationId, l.Description, locations[l.LocationId])).ToList(),
            Languages = terms[s.Id].Where(t => t.TaxonomyTerm!.Taxonomy == TaxonomyKind.Language).OrderBy(t => t.TaxonomyTerm!.SortOrder)
                .Select(t => new HsdsLanguage(t.Id, s.Id, t.TaxonomyTerm!.NameEn, t.TaxonomyTerm.Code)).ToList(),
            Attributes = terms[s.Id].OrderBy(t => t.TaxonomyTerm!.Taxonomy).ThenBy(t => t.TaxonomyTerm!.SortOrder)
                .Select(t => new HsdsAttributeLink(t.Id, s.Id, t.TaxonomyTermId, Taxonomies.Of(t.TaxonomyTerm!.Taxonomy).Code, "service", null, Term(t.TaxonomyTerm))).ToList(),
        }).ToList();
    }
}
