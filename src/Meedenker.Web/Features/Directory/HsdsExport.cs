using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsvHelper;
using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Directory;

/// <summary>
/// GET /api/hsds/export.zip: the whole social map as an HSDS 3.1 tabular data package. Rows are sorted by id and
/// the zip entries carry a fixed date, so the same directory always gives the same bytes.
/// </summary>
public static class HsdsExport
{
    private static readonly DateTimeOffset EntryDate = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static RouteGroupBuilder MapHsdsExport(this RouteGroupBuilder hsds)
    {
        ArgumentNullException.ThrowIfNull(hsds);
        hsds.MapGet("/export.zip", Download).WithName("HsdsExport")
            .WithSummary("The whole directory as an HSDS 3.1 tabular data package: a zip of CSV files (one per HSDS table) and datapackage.json")
            .Produces(StatusCodes.Status200OK, contentType: "application/zip");
        return hsds;
    }

    private static async Task<IResult> Download(AppDbContext db, CancellationToken cancellationToken)
    {
        var bytes = await ExportAsync(db, cancellationToken);
        return TypedResults.File(bytes, "application/zip", "sociale-kaart-hsds.zip");
    }

    public static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>UTC with microseconds: what both databases keep, so a round trip gives the same text.</summary>
    public static string Timestamp(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static string Id(Guid id) => id.ToString("D");

    private static string Id(Guid? id) => id is { } value ? value.ToString("D") : "";

    public static async Task<byte[]> ExportAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = HsdsPackage.Tables.ToDictionary(t => t.Name, _ => new List<string[]>());
        void Add(HsdsPackage.Table table, params string?[] values) => rows[table.Name].Add(values.Select(v => v ?? "").ToArray());

        var organizations = await HsdsOrganizationsApi.Public(db).ToListAsync(cancellationToken);
        var organizationIds = organizations.Select(o => o.Id).ToList();
        var municipalities = await db.Municipalities.AsNoTracking().ToDictionaryAsync(m => m.Id, cancellationToken);
        var storedTerms = await db.TaxonomyTerms.AsNoTracking().ToDictionaryAsync(t => t.Id, cancellationToken);
        var services = await db.Services.AsNoTracking().Where(s => organizationIds.Contains(s.OrganizationId)).ToListAsync(cancellationToken);
        var locations = await db.Locations.AsNoTracking().Where(l => organizationIds.Contains(l.OrganizationId)).ToListAsync(cancellationToken);
        var serviceIds = services.Select(s => s.Id).ToHashSet();
        var locationIds = locations.Select(l => l.Id).ToHashSet();
        var serviceTerms = (await db.ServiceTerms.AsNoTracking().ToListAsync(cancellationToken)).Where(t => serviceIds.Contains(t.ServiceId)).ToList();
        var areas = (await db.ServiceAreas.AsNoTracking().ToListAsync(cancellationToken)).Where(a => serviceIds.Contains(a.ServiceId)).ToList();
        var atLocations = (await db.ServiceAtLocations.AsNoTracking().ToListAsync(cancellationToken)).Where(a => serviceIds.Contains(a.ServiceId)).ToList();
        var phones = (await db.Phones.AsNoTracking().ToListAsync(cancellationToken))
            .Where(p => (p.ServiceId is { } s && serviceIds.Contains(s)) || (p.LocationId is { } l && locationIds.Contains(l)) || (p.OrganizationId is { } o && organizationIds.Contains(o)))
            .ToList();
        var schedules = (await db.Schedules.AsNoTracking().ToListAsync(cancellationToken))
            .Where(h => (h.ServiceId is { } s && serviceIds.Contains(s)) || (h.LocationId is { } l && locationIds.Contains(l)))
            .ToList();

        foreach (var taxonomy in HsdsLoader.AllTaxonomies.Append(HsdsPackage.CostTaxonomy))
        {
            Add(HsdsPackage.Taxonomy, Id(taxonomy.Id), taxonomy.Name, taxonomy.Description, taxonomy.Version);
        }
        foreach (var term in (await HsdsLoader.AllTermsAsync(db, cancellationToken)).Append(HsdsPackage.FreeTerm).Append(HsdsPackage.PaidTerm))
        {
            Add(HsdsPackage.TaxonomyTerm, Id(term.Id), term.Code, term.Name, term.Description, term.Taxonomy, Id(term.TaxonomyId), term.Language);
        }

        void Municipality(Guid linkId, string entity, Guid municipalityId)
        {
            var term = HsdsLoader.MunicipalityTerm(municipalities[municipalityId]);
            Add(HsdsPackage.Attribute, Id(HsdsPackage.AttributeId(linkId, "gemeente")), Id(linkId), Id(term.Id), "municipality", entity, term.Code);
        }

        foreach (var o in organizations)
        {
            Add(HsdsPackage.Organization, Id(o.Id), o.Name, o.Description ?? o.Name, o.Email, o.Website);
            if (HsdsLoader.OrganizationTypeTerm(o.Kind) is { } type)
            {
                Add(HsdsPackage.Attribute, Id(HsdsPackage.AttributeId(o.Id, "organisatietype")), Id(o.Id), Id(type.Id), "organization_type", "organization", type.Code);
            }
            Municipality(o.Id, "organization", o.MunicipalityId);
            if (!string.IsNullOrEmpty(o.Phone))
            {
                Add(HsdsPackage.Phone, Id(HsdsPackage.OrganizationMainPhoneId(o.Id)), Id(o.Id), "", "", o.Phone, "hoofdnummer");
            }
        }
        foreach (var l in locations)
        {
            Add(HsdsPackage.Location, Id(l.Id), "physical", Id(l.OrganizationId), l.Name, l.Transportation);
            Add(HsdsPackage.Address, Id(Taxonomies.NameBasedId("meedenker-address:" + l.Id)), Id(l.Id), l.Address, l.City, null, "", l.PostalCode, "NL", "physical");
            if (l.Accessibility is not null)
            {
                Add(HsdsPackage.Accessibility, Id(Taxonomies.NameBasedId("meedenker-accessibility:" + l.Id)), Id(l.Id), l.Accessibility);
            }
            Municipality(l.Id, "location", l.MunicipalityId);
        }
        foreach (var s in services)
        {
            Add(HsdsPackage.Service, Id(s.Id), Id(s.OrganizationId), s.Name, s.Description, s.Url, s.Email, ServiceStatusCodes.ToHsds(s.Status),
                s.ApplicationProcess, s.FeesDescription, Timestamp(s.LastModified));
            var cost = s.IsFree ? HsdsPackage.FreeTerm : HsdsPackage.PaidTerm;
            Add(HsdsPackage.Attribute, Id(HsdsPackage.AttributeId(s.Id, "kosten")), Id(s.Id), Id(cost.Id), "cost", "service", cost.Code);
        }
        foreach (var t in serviceTerms)
        {
            var term = storedTerms[t.TaxonomyTermId];
            Add(HsdsPackage.Attribute, Id(t.Id), Id(t.ServiceId), Id(t.TaxonomyTermId), Taxonomies.Of(term.Taxonomy).Code, "service", term.Code);
            if (term.Taxonomy == TaxonomyKind.Language)
            {
                Add(HsdsPackage.Language, Id(t.Id), Id(t.ServiceId), term.NameEn, term.Code);
            }
        }
        foreach (var a in areas)
        {
            Add(HsdsPackage.ServiceArea, Id(a.Id), Id(a.ServiceId), municipalities[a.MunicipalityId].Name);
            Municipality(a.Id, "service_area", a.MunicipalityId);
        }
        foreach (var a in atLocations)
        {
            Add(HsdsPackage.ServiceAtLocation, Id(a.Id), Id(a.ServiceId), Id(a.LocationId), a.Description);
        }
        foreach (var p in phones)
        {
            Add(HsdsPackage.Phone, Id(p.Id), Id(p.OrganizationId), Id(p.ServiceId), Id(p.LocationId), p.Number, p.Description);
        }
        foreach (var h in schedules)
        {
            Add(HsdsPackage.Schedule, Id(h.Id), Id(h.ServiceId), Id(h.LocationId), "WEEKLY", h.ByDay, Time(h.OpensAt), Time(h.ClosesAt), h.Description);
        }

        using var zipStream = new MemoryStream();
        using (var zip = new ZipArchive(zipStream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var table in HsdsPackage.Tables)
            {
                var entry = zip.CreateEntry(table.Path, CompressionLevel.Optimal);
                entry.LastWriteTime = EntryDate;
                await using var entryStream = entry.Open();
                await using var writer = new StreamWriter(entryStream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                using (var csv = CsvWriter.Create(writer, new CsvWriterOptions { Separator = ',', ShouldQuote = SpreadsheetText.QuoteListSeparators }, true))
                {
                    csv.WriteHeader(table.Columns.Select(c => c.Name).ToArray());
                    var text = table.Columns.Select(c => c.Type == "string").ToArray();
                    foreach (var row in rows[table.Name].OrderBy(r => r[0], StringComparer.Ordinal))
                    {
                        // Anyone can download this and open it in a spreadsheet; the import undoes it (decision 0081).
                        csv.WriteRecord(row.Select((value, i) => text[i] ? SpreadsheetText.Cell(value) : value).ToArray());
                    }
                }
                await writer.FlushAsync(cancellationToken);
            }
            var package = zip.CreateEntry("datapackage.json", CompressionLevel.Optimal);
            package.LastWriteTime = EntryDate;
            await using var packageStream = package.Open();
            await using var packageWriter = new StreamWriter(packageStream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            await packageWriter.WriteAsync(HsdsPackage.DataPackageJson());
        }
        return zipStream.ToArray();
    }
}
