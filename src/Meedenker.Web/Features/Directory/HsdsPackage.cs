using System.Text.Json;
using System.Text.Json.Nodes;
using Meedenker.Domain;

namespace Meedenker.Web.Features.Directory;

/// <summary>
/// The HSDS 3.1 tabular data package this platform exports and imports: one CSV file per HSDS table (only the
/// columns we hold), plus a Frictionless <c>datapackage.json</c> that describes them. Export and import share
/// these definitions so that a round trip cannot drift.
/// </summary>
public static class HsdsPackage
{
    /// <summary>One column: its HSDS name, its Frictionless type, whether a value is required, its longest value.</summary>
    public sealed record Column(string Name, string Type, bool Required, int MaxLength = 0, string? Format = null);

    public sealed record Table(string Name, IReadOnlyList<Column> Columns)
    {
        public string Path => Name + ".csv";
    }

    private static Column Id() => new("id", "string", true, 36, "uuid");

    private static Column Ref(string name, bool required) => new(name, "string", required, 36, "uuid");

    private static Column Text(string name, int max, bool required = false) => new(name, "string", required, max);

    public static readonly Table Organization = new("organization",
        [Id(), Text("name", 200, true), Text("description", 4000, true), Text("email", 254), Text("website", 300)]);

    public static readonly Table Service = new("service",
    [
        Id(), Ref("organization_id", true), Text("name", 200, true), Text("description", 4000), Text("url", 300), Text("email", 254),
        Text("status", 20, true), Text("application_process", 2000), Text("fees_description", 1000),
        new("last_modified", "datetime", true),
    ]);

    public static readonly Table Location = new("location",
        [Id(), Text("location_type", 20, true), Ref("organization_id", true), Text("name", 200, true), Text("transportation", 1000)]);

    public static readonly Table Address = new("address",
    [
        Id(), Ref("location_id", true), Text("address_1", 200, true), Text("city", 100, true), Text("region", 100), Text("state_province", 100),
        Text("postal_code", 10, true), Text("country", 2, true), Text("address_type", 20, true),
    ]);

    public static readonly Table Accessibility = new("accessibility", [Id(), Ref("location_id", true), Text("description", 1000, true)]);

    public static readonly Table Phone = new("phone",
        [Id(), Ref("organization_id", false), Ref("service_id", false), Ref("location_id", false), Text("number", 30, true), Text("description", 200)]);

    public static readonly Table Schedule = new("schedule",
    [
        Id(), Ref("service_id", false), Ref("location_id", false), Text("freq", 10, true), Text("byday", 2, true),
        new("opens_at", "time", true), new("closes_at", "time", true), Text("description", 500),
    ]);

    public static readonly Table ServiceArea = new("service_area", [Id(), Ref("service_id", true), Text("name", 100)]);

    public static readonly Table ServiceAtLocation = new("service_at_location", [Id(), Ref("service_id", true), Ref("location_id", true), Text("description", 1000)]);

    /// <summary>Derived from the language attributes of a service; written for consumers, not read back.</summary>
    public static readonly Table Language = new("language", [Id(), Ref("service_id", true), Text("name", 200, true), Text("code", 50, true)]);

    public static readonly Table Taxonomy = new("taxonomy", [Id(), Text("name", 200, true), Text("description", 1000, true), Text("version", 50)]);

    public static readonly Table TaxonomyTerm = new("taxonomy_term",
    [
        Id(), Text("code", 50, true), Text("name", 200, true), Text("description", 1000, true), Text("taxonomy", 50), Ref("taxonomy_id", true),
        Text("language", 10),
    ]);

    public static readonly Table Attribute = new("attribute",
        [Id(), Ref("link_id", true), Ref("taxonomy_term_id", true), Text("link_type", 50), Text("link_entity", 50, true), Text("value", 200)]);

    /// <summary>Every table, in the order a reader can resolve references.</summary>
    public static readonly IReadOnlyList<Table> Tables =
        [Taxonomy, TaxonomyTerm, Organization, Location, Address, Accessibility, Service, ServiceArea, ServiceAtLocation, Phone, Schedule, Attribute, Language];

    /// <summary>The tables an import cannot do without.</summary>
    public static readonly IReadOnlyList<Table> RequiredTables = [Organization, Service];

    /// <summary>Our extra taxonomy for free or paid services (HSDS has only a free-text fees description).</summary>
    public static readonly Guid CostTaxonomyId = Taxonomies.NameBasedId("meedenker-taxonomy:kosten");

    public static readonly HsdsTaxonomyTerm FreeTerm = new(Taxonomies.NameBasedId("meedenker-term:kosten:gratis"), "gratis", "Gratis", "Free of charge", "kosten", CostTaxonomyId, "nl");

    public static readonly HsdsTaxonomyTerm PaidTerm = new(Taxonomies.NameBasedId("meedenker-term:kosten:betaald"), "betaald", "Betaald", "Paid", "kosten", CostTaxonomyId, "nl");

    public static readonly HsdsTaxonomy CostTaxonomy = new(CostTaxonomyId, "Kosten", "Whether a service is free of charge or paid", null);

    /// <summary>The organisation's main number (<see cref="Domain.Organization.Phone"/>) travels as a phone row with this id.</summary>
    public static Guid OrganizationMainPhoneId(Guid organizationId) => Taxonomies.NameBasedId("meedenker-organization-phone:" + organizationId);

    public static Guid AttributeId(Guid linkId, string what) => Taxonomies.NameBasedId($"meedenker-attribute:{linkId}:{what}");

    public static string DataPackageJson()
    {
        var resources = new JsonArray();
        foreach (var table in Tables)
        {
            var fields = new JsonArray();
            foreach (var column in table.Columns)
            {
                var field = new JsonObject { ["name"] = column.Name, ["type"] = column.Type };
                if (column.Format is not null)
                {
                    field["format"] = column.Format;
                }
                var constraints = new JsonObject();
                if (column.Required)
                {
                    constraints["required"] = true;
                }
                if (column.MaxLength > 0 && column.Type == "string")
                {
                    constraints["maxLength"] = column.MaxLength;
                }
                if (constraints.Count > 0)
                {
                    field["constraints"] = constraints;
                }
                fields.Add(field);
            }
            resources.Add(new JsonObject
            {
                ["name"] = table.Name,
                ["path"] = table.Path,
                ["profile"] = "tabular-data-resource",
                ["format"] = "csv",
                ["mediatype"] = "text/csv",
                ["encoding"] = "utf-8",
                ["schema"] = new JsonObject { ["fields"] = fields, ["primaryKey"] = "id" },
            });
        }
        var package = new JsonObject
        {
            ["name"] = "meedenker-hsds",
            ["title"] = "Sociale kaart — Open Referral HSDS 3.1",
            ["description"] = "Text values that a spreadsheet would run as a formula (starting with =, +, - or @ after any spaces and apostrophes, "
                + "or with a tab or CR after any apostrophes, and not a plain number) carry one extra apostrophe in front. "
                + "Remove that one apostrophe to get the value.",
            ["profile"] = "tabular-data-package",
            ["version"] = HsdsJson.Version,
            ["licenses"] = new JsonArray(new JsonObject { ["name"] = "CC0-1.0", ["path"] = "https://creativecommons.org/publicdomain/zero/1.0/" }),
            ["resources"] = resources,
        };
        return package.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
