using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using CsvHelper;
using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Directory;

/// <summary>One thing wrong in an import file: where (file, row, column) and what, in Dutch and English.</summary>
public sealed record HsdsImportProblem(string File, int Row, string Column, string Nl, string En)
{
    public override string ToString() => Row > 0
        ? $"{File} row {Row}, column {Column}: {En}"
        : $"{File}{(Column.Length > 0 ? $", column {Column}" : "")}: {En}";
}

public sealed record HsdsImportResult(IReadOnlyList<HsdsImportProblem> Problems, int Organizations, int Locations, int Services)
{
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>
/// Reads an HSDS 3.1 tabular data package (the format of <see cref="HsdsExport"/>) and writes it in one
/// transaction: rows are created or updated by id; the phones, opening hours, terms, areas and locations of an
/// imported service or location are replaced by those in the file. The whole file is checked first; one bad
/// row or field refuses the file, every problem is reported, and nothing changes.
/// </summary>
public sealed partial class HsdsImporter(AppDbContext db, TimeProvider time)
{
    /// <summary>Largest CSV file inside the zip that is read (a guard against zip bombs).</summary>
    public const long MaxEntryBytes = 256L * 1024 * 1024;

    private const int MaxProblems = 1000;

    private readonly List<HsdsImportProblem> _problems = [];

    [GeneratedRegex("^GM[0-9]{4}$")]
    private static partial Regex MunicipalityCode();

    private void Problem(string file, int row, string column, string nl, string en)
    {
        if (_problems.Count < MaxProblems)
        {
            _problems.Add(new HsdsImportProblem(file, row, column, nl, en));
        }
    }

    private void Problem(Row row, string column, string nl, string en) => Problem(row.Table.Path, row.Number, column, nl, en);

    /// <summary>A data row of one CSV file, with its fields checked against the column definitions.</summary>
    private sealed class Row(HsdsPackage.Table table, int number, Dictionary<string, string> values)
    {
        public HsdsPackage.Table Table { get; } = table;
        public int Number { get; } = number;
        public bool Valid { get; set; } = true;

        public string? Text(string column) => values.TryGetValue(column, out var v) && v.Length > 0 ? v : null;

        public string Required(string column) => values[column];

        public Guid Id => Guid.ParseExact(values["id"], "D");

        public Guid? Ref(string column) => Text(column) is { } v ? Guid.ParseExact(v, "D") : null;
    }

    private List<Row> ReadTable(ZipArchive zip, HsdsPackage.Table table)
    {
        var entry = zip.GetEntry(table.Path);
        if (entry is null)
        {
            if (HsdsPackage.RequiredTables.Contains(table))
            {
                Problem(table.Path, 0, "", "Dit bestand ontbreekt in het zip-bestand.", "This file is missing from the zip file.");
            }
            return [];
        }
        if (entry.Length > MaxEntryBytes)
        {
            Problem(table.Path, 0, "", "Dit bestand is groter dan 256 MB.", "This file is larger than 256 MB.");
            return [];
        }
        var rows = new List<Row>();
        try
        {
            using var stream = entry.Open();
            using var csv = CsvReader.Create(stream, new CsvReaderOptions { Separator = ',' }, false);
            var headers = csv.Headers.ToList();
            var missing = table.Columns.Where(c => !headers.Contains(c.Name, StringComparer.Ordinal)).ToList();
            foreach (var column in missing)
            {
                Problem(table.Path, 0, column.Name, "Deze kolom ontbreekt in de kopregel.", "This column is missing from the header row.");
            }
            if (missing.Count > 0)
            {
                return [];
            }
            var index = table.Columns.ToDictionary(c => c.Name, c => headers.IndexOf(c.Name));
            var text = table.Columns.Where(c => c.Type == "string").Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
            while (csv.Read())
            {
                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (name, i) in index)
                {
                    var value = i < csv.FieldCount ? csv.GetString(i) : "";
                    values[name] = text.Contains(name) ? SpreadsheetText.FromCell(value) : value;
                }
                var row = new Row(table, (int)csv.RowNumber, values);
                Check(row, values);
                rows.Add(row);
            }
        }
        catch (Exception e) when (e is CsvFormatException or InvalidDataException or System.Text.DecoderFallbackException)
        {
            Problem(table.Path, rows.Count + 1, "", "Dit is geen leesbaar CSV-bestand (UTF-8, komma's): " + e.Message, "This is not a readable CSV file (UTF-8, commas): " + e.Message);
        }
        return rows;
    }

    /// <summary>Required, length, UUID, date-time and time: the checks every column has.</summary>
    private void Check(Row row, Dictionary<string, string> values)
    {
        foreach (var column in row.Table.Columns)
        {
            var value = values[column.Name];
            if (value.Length == 0)
            {
                if (column.Required)
                {
                    Problem(row, column.Name, "Dit veld is verplicht maar leeg.", "This field is required but empty.");
                    row.Valid = false;
                }
                continue;
            }
            if (column.Name == "name" && InputText.IsFormula(value))
            {
                Problem(row, column.Name, InputText.FormulaNameNl, InputText.FormulaNameEn);
                row.Valid = false;
            }
            else if (column.MaxLength > 0 && value.Length > column.MaxLength)
            {
                Problem(row, column.Name, $"Te lang: hoogstens {column.MaxLength} tekens.", $"Too long: at most {column.MaxLength} characters.");
                row.Valid = false;
            }
            else if (column.Format == "uuid" && !Guid.TryParseExact(value, "D", out _))
            {
                Problem(row, column.Name, $"'{Shorten(value)}' is geen geldige UUID (zoals 3f2504e0-4f89-41d3-9a0c-0305e82c3301).",
                    $"'{Shorten(value)}' is not a valid UUID (like 3f2504e0-4f89-41d3-9a0c-0305e82c3301).");
                row.Valid = false;
            }
            else if (column.Type == "datetime" && ParseTimestamp(value) is null)
            {
                Problem(row, column.Name, $"'{Shorten(value)}' is geen geldige datum en tijd (ISO 8601, zoals 2026-01-31T09:00:00Z).",
                    $"'{Shorten(value)}' is not a valid date and time (ISO 8601, like 2026-01-31T09:00:00Z).");
                row.Valid = false;
            }
            else if (column.Type == "time" && ParseTime(value) is null)
            {
                Problem(row, column.Name, $"'{Shorten(value)}' is geen geldige tijd (zoals 09:00).", $"'{Shorten(value)}' is not a valid time (like 09:00).");
                row.Valid = false;
            }
        }
    }

    private static string Shorten(string value) => value.Length > 40 ? value[..40] + "…" : value;

    public static DateTimeOffset? ParseTimestamp(string value) =>
        value.Contains('T', StringComparison.Ordinal) &&
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var result)
            ? result : null;

    public static TimeOnly? ParseTime(string value) =>
        TimeOnly.TryParseExact(value, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var result) ? result : null;

    /// <summary>What a taxonomy term of the file means here.</summary>
    private abstract record Meaning;

    private sealed record StoredTerm(TaxonomyTerm Term) : Meaning;

    private sealed record MunicipalityTerm(Municipality Municipality) : Meaning;

    private sealed record OrganizationType(OrganizationKind Kind) : Meaning;

    private sealed record Cost(bool Free) : Meaning;

    public async Task<HsdsImportResult> ImportAsync(Stream zipFile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(zipFile);
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(zipFile, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException)
        {
            return new([new HsdsImportProblem("(zip)", 0, "", "Dit is geen zip-bestand.", "This is not a zip file.")], 0, 0, 0);
        }
        using (zip)
        {
            var tables = HsdsPackage.Tables.Where(t => t != HsdsPackage.Language).ToDictionary(t => t, t => ReadTable(zip, t));
            return await ImportTablesAsync(tables, cancellationToken);
        }
    }

    private async Task<HsdsImportResult> ImportTablesAsync(Dictionary<HsdsPackage.Table, List<Row>> tables, CancellationToken cancellationToken)
    {
        foreach (var (table, rows) in tables)
        {
            foreach (var duplicate in rows.Where(r => r.Valid).GroupBy(r => r.Id).Where(g => g.Count() > 1).SelectMany(g => g.Skip(1)))
            {
                Problem(duplicate, "id", "Deze id staat al op een eerdere regel.", "This id is already on an earlier row.");
                duplicate.Valid = false;
            }
        }
        List<Row> Valid(HsdsPackage.Table table) => tables[table].Where(r => r.Valid).ToList();

        var municipalities = await db.Municipalities.ToListAsync(cancellationToken);
        var storedTerms = await db.TaxonomyTerms.ToListAsync(cancellationToken);
        var nextSortOrder = storedTerms.Count == 0 ? 1 : storedTerms.Max(t => t.SortOrder) + 1;
        var newMunicipalities = new List<Municipality>();
        var newTerms = new List<TaxonomyTerm>();

        // Taxonomy terms: what each id of the file means here.
        var meanings = new Dictionary<Guid, Meaning>();
        foreach (var row in Valid(HsdsPackage.TaxonomyTerm))
        {
            var taxonomyId = row.Ref("taxonomy_id")!.Value;
            var code = row.Required("code");
            Meaning? meaning = null;
            if (Taxonomies.Find(taxonomyId) is { } taxonomy)
            {
                var term = storedTerms.FirstOrDefault(t => t.Id == row.Id) ?? storedTerms.FirstOrDefault(t => t.Taxonomy == taxonomy.Kind && t.Code == code);
                if (term is not null && term.Taxonomy != taxonomy.Kind)
                {
                    Problem(row, "taxonomy_id", "Deze term hoort hier bij een andere taxonomie.", "This term belongs to another taxonomy here.");
                    continue;
                }
                if (term is null)
                {
                    term = new TaxonomyTerm { Id = row.Id, Taxonomy = taxonomy.Kind, Code = code, NameNl = row.Required("name"), NameEn = row.Required("description"), SortOrder = nextSortOrder++ };
                    storedTerms.Add(term);
                    newTerms.Add(term);
                }
                meaning = new StoredTerm(term);
            }
            else if (taxonomyId == HsdsLoader.MunicipalityTaxonomyId)
            {
                var municipality = municipalities.FirstOrDefault(m => m.Id == row.Id) ?? municipalities.FirstOrDefault(m => m.Code == code);
                if (municipality is null && MunicipalityCode().IsMatch(code))
                {
                    municipality = new Municipality { Id = row.Id, Code = code, Name = row.Required("name") };
                    municipalities.Add(municipality);
                    newMunicipalities.Add(municipality);
                }
                if (municipality is null)
                {
                    Problem(row, "code", $"'{Shorten(code)}' is geen CBS-gemeentecode (GM en vier cijfers).", $"'{Shorten(code)}' is not a CBS municipality code (GM and four digits).");
                    continue;
                }
                meaning = new MunicipalityTerm(municipality);
            }
            else if (taxonomyId == HsdsLoader.OrganizationTypeTaxonomyId)
            {
                meaning = code switch { "A" => new OrganizationType(OrganizationKind.SupportA), "B" => new OrganizationType(OrganizationKind.SupportB), "C" => new OrganizationType(OrganizationKind.SupportC), _ => null };
                if (meaning is null)
                {
                    Problem(row, "code", "Een organisatietype is A, B of C.", "An organisation type is A, B or C.");
                    continue;
                }
            }
            else if (taxonomyId == HsdsPackage.CostTaxonomyId)
            {
                meaning = code switch { "gratis" => new Cost(true), "betaald" => new Cost(false), _ => null };
                if (meaning is null)
                {
                    Problem(row, "code", "Kosten zijn 'gratis' of 'betaald'.", "Cost is 'gratis' (free) or 'betaald' (paid).");
                    continue;
                }
            }
            else
            {
                Problem(row, "taxonomy_id", "Onbekende taxonomie: die staat niet in taxonomy.csv van dit platform.", "Unknown taxonomy: it is not one this platform knows.");
                continue;
            }
            meanings[row.Id] = meaning;
        }
        Meaning? MeaningOf(Guid termId) =>
            meanings.TryGetValue(termId, out var m) ? m
            : storedTerms.FirstOrDefault(t => t.Id == termId) is { } t ? new StoredTerm(t)
            : municipalities.FirstOrDefault(x => x.Id == termId) is { } x ? new MunicipalityTerm(x)
            : termId == HsdsPackage.FreeTerm.Id ? new Cost(true)
            : termId == HsdsPackage.PaidTerm.Id ? new Cost(false)
            : new[] { OrganizationKind.SupportA, OrganizationKind.SupportB, OrganizationKind.SupportC }.FirstOrDefault(k => HsdsLoader.OrganizationTypeTerm(k)!.Id == termId) is var kind && kind != default
                ? new OrganizationType(kind) : null;

        void Unknown(Row row, string column, string what)
        {
            var nl = what switch { "organization" => "organisatie", "location" => "locatie", "service" => "dienst", "service_area" => "werkgebied", _ => "taxonomieterm" };
            Problem(row, column, $"Onbekende verwijzing: geen {nl} met deze id in het bestand of in de sociale kaart.", $"Unknown reference: no {what.Replace('_', ' ')} with this id in the file or in the social map.");
        }

        // Organisations, locations, services.
        var existingOrganizations = await db.Organizations.ToDictionaryAsync(o => o.Id, cancellationToken);
        var organizations = Valid(HsdsPackage.Organization).ToDictionary(r => r.Id);
        bool KnownOrganization(Guid id) => organizations.ContainsKey(id) || existingOrganizations.ContainsKey(id);

        var existingLocationIds = (await db.Locations.Select(l => l.Id).ToListAsync(cancellationToken)).ToHashSet();
        var locations = new Dictionary<Guid, Row>();
        foreach (var row in Valid(HsdsPackage.Location))
        {
            if (!KnownOrganization(row.Ref("organization_id")!.Value))
            {
                Unknown(row, "organization_id", "organization");
                continue;
            }
            locations[row.Id] = row;
        }
        var addresses = new Dictionary<Guid, Row>();
        foreach (var row in Valid(HsdsPackage.Address))
        {
            var locationId = row.Ref("location_id")!.Value;
            if (!locations.ContainsKey(locationId))
            {
                Unknown(row, "location_id", "location");
            }
            else if (!addresses.TryAdd(locationId, row))
            {
                Problem(row, "location_id", "Een locatie heeft hier één adres; dit is het tweede.", "A location has one address here; this is the second.");
            }
        }
        foreach (var (id, row) in locations.Where(l => !addresses.ContainsKey(l.Key)).ToList())
        {
            Problem(row, "id", "Deze locatie heeft geen adres in address.csv.", "This location has no address in address.csv.");
            locations.Remove(id);
        }
        var accessibility = new Dictionary<Guid, string>();
        foreach (var row in Valid(HsdsPackage.Accessibility))
        {
            var locationId = row.Ref("location_id")!.Value;
            if (!locations.ContainsKey(locationId))
            {
                Unknown(row, "location_id", "location");
                continue;
            }
            accessibility[locationId] = accessibility.TryGetValue(locationId, out var before) ? before + " " + row.Required("description") : row.Required("description");
        }

        var services = new Dictionary<Guid, Row>();
        foreach (var row in Valid(HsdsPackage.Service))
        {
            if (!KnownOrganization(row.Ref("organization_id")!.Value))
            {
                Unknown(row, "organization_id", "organization");
                continue;
            }
            if (ServiceStatusCodes.FromHsds(row.Required("status")) is null)
            {
                Problem(row, "status", "De status is active, inactive, defunct of temporarily closed.", "The status is active, inactive, defunct or temporarily closed.");
                continue;
            }
            services[row.Id] = row;
        }

        var areas = new Dictionary<Guid, Row>();
        foreach (var row in Valid(HsdsPackage.ServiceArea))
        {
            if (!services.ContainsKey(row.Ref("service_id")!.Value))
            {
                Unknown(row, "service_id", "service");
                continue;
            }
            areas[row.Id] = row;
        }
        var atLocations = new List<Row>();
        var servicePlaces = new HashSet<(Guid, Guid)>();
        foreach (var row in Valid(HsdsPackage.ServiceAtLocation))
        {
            var serviceId = row.Ref("service_id")!.Value;
            var locationId = row.Ref("location_id")!.Value;
            if (!services.ContainsKey(serviceId))
            {
                Unknown(row, "service_id", "service");
            }
            else if (!locations.ContainsKey(locationId) && !existingLocationIds.Contains(locationId))
            {
                Unknown(row, "location_id", "location");
            }
            else if (!servicePlaces.Add((serviceId, locationId)))
            {
                Problem(row, "location_id", "Deze dienst staat al op deze locatie.", "This service is already at this location.");
            }
            else
            {
                atLocations.Add(row);
            }
        }

        var phones = new List<Row>();
        var mainPhones = new Dictionary<Guid, string>();
        foreach (var row in Valid(HsdsPackage.Phone))
        {
            var owners = new[] { row.Ref("organization_id"), row.Ref("service_id"), row.Ref("location_id") };
            if (owners.Count(o => o is not null) != 1)
            {
                Problem(row, "organization_id", "Een telefoonnummer hoort bij precies één organisatie, dienst of locatie.", "A phone belongs to exactly one organisation, service or location.");
            }
            else if (owners[0] is { } organizationId && !organizations.ContainsKey(organizationId))
            {
                Unknown(row, "organization_id", "organization");
            }
            else if (owners[1] is { } serviceId && !services.ContainsKey(serviceId))
            {
                Unknown(row, "service_id", "service");
            }
            else if (owners[2] is { } locationId && !locations.ContainsKey(locationId))
            {
                Unknown(row, "location_id", "location");
            }
            else if (owners[0] is { } mainOf && row.Id == HsdsPackage.OrganizationMainPhoneId(mainOf))
            {
                mainPhones[mainOf] = row.Required("number");
            }
            else
            {
                phones.Add(row);
            }
        }

        var schedules = new List<Row>();
        foreach (var row in Valid(HsdsPackage.Schedule))
        {
            var serviceId = row.Ref("service_id");
            var locationId = row.Ref("location_id");
            if ((serviceId is null) == (locationId is null))
            {
                Problem(row, "service_id", "Openingstijden horen bij precies één dienst of locatie.", "Opening hours belong to exactly one service or location.");
            }
            else if (serviceId is { } s && !services.ContainsKey(s))
            {
                Unknown(row, "service_id", "service");
            }
            else if (locationId is { } l && !locations.ContainsKey(l))
            {
                Unknown(row, "location_id", "location");
            }
            else if (row.Required("freq") != "WEEKLY")
            {
                Problem(row, "freq", "Alleen wekelijkse openingstijden (WEEKLY) worden gelezen.", "Only weekly opening hours (WEEKLY) are read.");
            }
            else if (Array.IndexOf(Schedule.ByDayCodes, row.Required("byday")) < 0)
            {
                Problem(row, "byday", "De dag is één van MO, TU, WE, TH, FR, SA, SU.", "The day is one of MO, TU, WE, TH, FR, SA, SU.");
            }
            else if (ParseTime(row.Required("closes_at")) <= ParseTime(row.Required("opens_at")))
            {
                Problem(row, "closes_at", "De sluitingstijd ligt na de openingstijd.", "The closing time is after the opening time.");
            }
            else
            {
                schedules.Add(row);
            }
        }

        // Attributes: terms of services, organisation types, municipalities, free or paid.
        var serviceTerms = new List<(Guid Id, Guid ServiceId, TaxonomyTerm Term)>();
        var serviceTermPairs = new HashSet<(Guid, Guid)>();
        var free = new Dictionary<Guid, bool>();
        var kinds = new Dictionary<Guid, OrganizationKind>();
        var places = new Dictionary<Guid, Municipality>();
        foreach (var row in Valid(HsdsPackage.Attribute))
        {
            var linkId = row.Ref("link_id")!.Value;
            var entity = row.Required("link_entity");
            var linked = entity switch
            {
                "service" => services.ContainsKey(linkId),
                "organization" => organizations.ContainsKey(linkId),
                "location" => locations.ContainsKey(linkId),
                "service_area" => areas.ContainsKey(linkId),
                _ => (bool?)null,
            };
            if (linked is null)
            {
                Problem(row, "link_entity", "Kenmerken horen hier bij service, organization, location of service_area.", "Attributes belong to service, organization, location or service_area here.");
                continue;
            }
            if (linked == false)
            {
                Unknown(row, "link_id", entity);
                continue;
            }
            var meaning = MeaningOf(row.Ref("taxonomy_term_id")!.Value);
            switch (entity, meaning)
            {
                case (_, null):
                    Unknown(row, "taxonomy_term_id", "taxonomy_term");
                    break;
                case ("service", StoredTerm stored):
                    if (!serviceTermPairs.Add((linkId, stored.Term.Id)))
                    {
                        Problem(row, "taxonomy_term_id", "Deze dienst heeft deze term al.", "This service already has this term.");
                    }
                    else
                    {
                        serviceTerms.Add((row.Id, linkId, stored.Term));
                    }
                    break;
                case ("service", Cost cost):
                    free[linkId] = cost.Free;
                    break;
                case ("organization", OrganizationType type):
                    kinds[linkId] = type.Kind;
                    break;
                case ("organization" or "location" or "service_area", MunicipalityTerm place):
                    places[linkId] = place.Municipality;
                    break;
                default:
                    Problem(row, "taxonomy_term_id", $"Een term van deze taxonomie kan niet bij een {entity} horen.", $"A term of this taxonomy cannot belong to a {entity}.");
                    break;
            }
        }

        Municipality? ByName(string? name) => municipalities.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));
        foreach (var (id, row) in locations)
        {
            if (!places.ContainsKey(id) && ByName(addresses[id].Required("city")) is { } m)
            {
                places[id] = m;
            }
            if (!places.ContainsKey(id))
            {
                Problem(row, "id", "Bij deze locatie staat geen gemeente (een kenmerk met een gemeenteterm) en de plaats is geen gemeente.", "This location has no municipality (an attribute with a municipality term) and its city is not one.");
            }
        }
        foreach (var (id, row) in areas)
        {
            if (!places.ContainsKey(id) && ByName(row.Text("name")) is { } m)
            {
                places[id] = m;
            }
            if (!places.ContainsKey(id))
            {
                Problem(row, "id", "Bij dit werkgebied staat geen gemeente (een kenmerk met een gemeenteterm).", "This service area has no municipality (an attribute with a municipality term).");
            }
        }
        var locationsByOrganization = locations.Values.ToLookup(l => l.Ref("organization_id")!.Value, l => l.Id);
        foreach (var (id, row) in organizations)
        {
            if (!places.ContainsKey(id))
            {
                var firstLocation = locationsByOrganization[id].Order().FirstOrDefault();
                if (firstLocation != Guid.Empty && places.TryGetValue(firstLocation, out var m))
                {
                    places[id] = m;
                }
                else if (existingOrganizations.TryGetValue(id, out var existing))
                {
                    places[id] = municipalities.First(x => x.Id == existing.MunicipalityId);
                }
                else
                {
                    Problem(row, "id", "Bij deze organisatie staat geen gemeente en geen locatie.", "This organisation has no municipality and no location.");
                }
            }
        }

        // Ids that already belong to rows of something the file does not replace.
        await CheckTakenAsync(db.ServiceTerms.Select(t => new Owned(t.Id, t.ServiceId)), serviceTerms.Select(t => t.Id), services.Keys, "attribute.csv", cancellationToken);
        await CheckTakenAsync(db.ServiceAreas.Select(t => new Owned(t.Id, t.ServiceId)), areas.Keys, services.Keys, "service_area.csv", cancellationToken);
        await CheckTakenAsync(db.ServiceAtLocations.Select(t => new Owned(t.Id, t.ServiceId)), atLocations.Select(r => r.Id), services.Keys, "service_at_location.csv", cancellationToken);
        await CheckTakenAsync(db.Phones.Select(t => new Owned(t.Id, t.ServiceId ?? t.LocationId ?? t.OrganizationId)), phones.Select(r => r.Id),
            [.. services.Keys, .. locations.Keys, .. organizations.Keys], "phone.csv", cancellationToken);
        await CheckTakenAsync(db.Schedules.Select(t => new Owned(t.Id, t.ServiceId ?? t.LocationId)), schedules.Select(r => r.Id),
            [.. services.Keys, .. locations.Keys], "schedule.csv", cancellationToken);

        if (_problems.Count > 0 || tables.Values.Any(rows => rows.Any(r => !r.Valid)))
        {
            return new HsdsImportResult(_problems.OrderBy(p => HsdsPackage.Tables.ToList().FindIndex(t => t.Path == p.File)).ThenBy(p => p.Row).ToList(), 0, 0, 0);
        }

        // Everything checks out: write it in one transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Municipalities.AddRange(newMunicipalities);
        db.TaxonomyTerms.AddRange(newTerms);
        var serviceIds = services.Keys.ToList();
        var locationIds = locations.Keys.ToList();
        var organizationIds = organizations.Keys.ToList();
        await db.ServiceTerms.Where(t => serviceIds.Contains(t.ServiceId)).ExecuteDeleteAsync(cancellationToken);
        await db.ServiceAreas.Where(t => serviceIds.Contains(t.ServiceId)).ExecuteDeleteAsync(cancellationToken);
        await db.ServiceAtLocations.Where(t => serviceIds.Contains(t.ServiceId)).ExecuteDeleteAsync(cancellationToken);
        await db.Phones.Where(p => (p.ServiceId != null && serviceIds.Contains(p.ServiceId.Value)) || (p.LocationId != null && locationIds.Contains(p.LocationId.Value))
            || (p.OrganizationId != null && organizationIds.Contains(p.OrganizationId.Value))).ExecuteDeleteAsync(cancellationToken);
        await db.Schedules.Where(h => (h.ServiceId != null && serviceIds.Contains(h.ServiceId.Value)) || (h.LocationId != null && locationIds.Contains(h.LocationId.Value)))
            .ExecuteDeleteAsync(cancellationToken);

        var now = time.GetUtcNow();
        foreach (var (id, row) in organizations)
        {
            if (!existingOrganizations.TryGetValue(id, out var organization))
            {
                organization = new Organization { Id = id, Name = row.Required("name"), CreatedAt = now, Kind = OrganizationKind.SupportB };
                db.Organizations.Add(organization);
                existingOrganizations[id] = organization;
            }
            organization.Name = row.Required("name");
            organization.Description = row.Text("description");
            organization.Email = row.Text("email");
            organization.Website = row.Text("website");
            organization.Phone = mainPhones.GetValueOrDefault(id);
            organization.Kind = kinds.TryGetValue(id, out var kind) ? kind : organization.Kind;
            organization.MunicipalityId = places[id].Id;
        }

        var existingLocations = await db.Locations.Where(l => locationIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, cancellationToken);
        foreach (var (id, row) in locations)
        {
            var address = addresses[id];
            if (!existingLocations.TryGetValue(id, out var location))
            {
                location = new Location { Id = id, Name = "", Address = "", PostalCode = "", City = "" };
                db.Locations.Add(location);
            }
            location.OrganizationId = row.Ref("organization_id")!.Value;
            location.Name = row.Required("name");
            location.Transportation = row.Text("transportation");
            location.Address = address.Required("address_1");
            location.PostalCode = address.Required("postal_code");
            location.City = address.Required("city");
            location.Accessibility = accessibility.GetValueOrDefault(id);
            location.MunicipalityId = places[id].Id;
        }

        var termsByService = serviceTerms.ToLookup(t => t.ServiceId, t => t.Term);
        var existingServices = await db.Services.Where(s => serviceIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var imported = new List<Service>(services.Count);
        foreach (var (id, row) in services)
        {
            if (!existingServices.TryGetValue(id, out var service))
            {
                service = new Service { Id = id, Name = "" };
                db.Services.Add(service);
            }
            service.OrganizationId = row.Ref("organization_id")!.Value;
            service.Name = row.Required("name");
            service.Description = row.Text("description");
            service.Url = row.Text("url");
            service.Email = row.Text("email");
            service.Status = ServiceStatusCodes.FromHsds(row.Required("status"))!.Value;
            service.ApplicationProcess = row.Text("application_process");
            service.FeesDescription = row.Text("fees_description");
            service.LastModified = ParseTimestamp(row.Required("last_modified"))!.Value;
            service.IsFree = free.GetValueOrDefault(id, true);
            service.RefreshSearchText(existingOrganizations[service.OrganizationId].Name, termsByService[id].SelectMany(t => new[] { t.NameNl, t.NameEn }));
            imported.Add(service);
        }
        db.ServiceTerms.AddRange(serviceTerms.Select(t => new ServiceTerm { Id = t.Id, ServiceId = t.ServiceId, TaxonomyTermId = t.Term.Id }));
        db.ServiceAreas.AddRange(areas.Select(a => new ServiceArea { Id = a.Key, ServiceId = a.Value.Ref("service_id")!.Value, MunicipalityId = places[a.Key].Id }));
        db.ServiceAtLocations.AddRange(atLocations.Select(a => new ServiceAtLocation { Id = a.Id, ServiceId = a.Ref("service_id")!.Value, LocationId = a.Ref("location_id")!.Value, Description = a.Text("description") }));
        db.Phones.AddRange(phones.Select(p => new Phone
        {
            Id = p.Id,
            OrganizationId = p.Ref("organization_id"),
            ServiceId = p.Ref("service_id"),
            LocationId = p.Ref("location_id"),
            Number = p.Required("number"),
            Description = p.Text("description"),
        }));
        db.Schedules.AddRange(schedules.Select(h => new Schedule
        {
            Id = h.Id,
            ServiceId = h.Ref("service_id"),
            LocationId = h.Ref("location_id"),
            Day = (DayOfWeek)Array.IndexOf(Schedule.ByDayCodes, h.Required("byday")),
            OpensAt = ParseTime(h.Required("opens_at"))!.Value,
            ClosesAt = ParseTime(h.Required("closes_at"))!.Value,
            Description = h.Text("description"),
        }));
        await db.SaveChangesAsync(cancellationToken);
        await SearchIndex.RefreshAsync(db, imported, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new HsdsImportResult([], organizations.Count, locations.Count, services.Count);
    }

    private sealed record Owned(Guid Id, Guid? Owner);

    private async Task CheckTakenAsync(IQueryable<Owned> existing, IEnumerable<Guid> ids, IEnumerable<Guid> replacedOwners, string file, CancellationToken cancellationToken)
    {
        var wanted = ids.ToHashSet();
        if (wanted.Count == 0)
        {
            return;
        }
        var owners = replacedOwners.ToHashSet();
        // Loaded whole: the child tables are small next to the file, and a long IN list is slower on both databases.
        foreach (var row in await existing.ToListAsync(cancellationToken))
        {
            if (wanted.Contains(row.Id) && (row.Owner is null || !owners.Contains(row.Owner.Value)))
            {
                Problem(file, 0, "id", $"De id {row.Id} is hier al in gebruik voor iets anders.", $"The id {row.Id} is already used here for something else.");
            }
        }
    }
}
