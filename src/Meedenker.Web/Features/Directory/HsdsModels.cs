using System.Text.Json;
using System.Text.Json.Serialization;

namespace Meedenker.Web.Features.Directory;

/// <summary>
/// The HSDS 3.1 objects as this API publishes them. Property names follow the specification exactly; optional
/// fields without a value are left out (never null), as the HSDS JSON schemas expect.
/// </summary>
public static class HsdsJson
{
    public const string Version = "3.1";

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

public sealed record HsdsPage<T>(
    [property: JsonPropertyName("total_items")] int TotalItems,
    [property: JsonPropertyName("total_pages")] int TotalPages,
    [property: JsonPropertyName("page_number")] int PageNumber,
    [property: JsonPropertyName("size")] int Size,
    [property: JsonPropertyName("first_page")] bool FirstPage,
    [property: JsonPropertyName("last_page")] bool LastPage,
    [property: JsonPropertyName("empty")] bool Empty,
    [property: JsonPropertyName("contents")] IReadOnlyList<T> Contents);

public static class HsdsPages
{
    public static HsdsPage<T> Of<T>(IReadOnlyList<T> contents, int totalItems, HsdsPaging paging)
    {
        ArgumentNullException.ThrowIfNull(contents);
        ArgumentNullException.ThrowIfNull(paging);
        var totalPages = (totalItems + paging.PerPage - 1) / paging.PerPage;
        return new HsdsPage<T>(totalItems, totalPages, paging.Page, contents.Count, paging.Page == 1, paging.Page >= totalPages, contents.Count == 0, contents);
    }
}

public sealed record HsdsPublisher(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("website")] string? Website);

public sealed record HsdsRoot(
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("profile")] string Profile,
    [property: JsonPropertyName("openapi_url")] string OpenApiUrl,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("publisher")] HsdsPublisher Publisher);

public sealed record HsdsTaxonomy(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("version")] string? Version);

public sealed record HsdsTaxonomyTerm(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("taxonomy")] string Taxonomy,
    [property: JsonPropertyName("taxonomy_id")] Guid TaxonomyId,
    [property: JsonPropertyName("language")] string Language);

public sealed record HsdsAttributeLink(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("link_id")] Guid LinkId,
    [property: JsonPropertyName("taxonomy_term_id")] Guid TaxonomyTermId,
    [property: JsonPropertyName("link_type")] string? LinkType,
    [property: JsonPropertyName("link_entity")] string LinkEntity,
    [property: JsonPropertyName("value")] string? Value,
    [property: JsonPropertyName("taxonomy_term")] HsdsTaxonomyTerm? TaxonomyTerm);

public sealed record HsdsPhone(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("organization_id")] Guid? OrganizationId,
    [property: JsonPropertyName("service_id")] Guid? ServiceId,
    [property: JsonPropertyName("location_id")] Guid? LocationId,
    [property: JsonPropertyName("number")] string Number,
    [property: JsonPropertyName("description")] string? Description);

public sealed record HsdsSchedule(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("service_id")] Guid? ServiceId,
    [property: JsonPropertyName("location_id")] Guid? LocationId,
    [property: JsonPropertyName("freq")] string Freq,
    [property: JsonPropertyName("byday")] string ByDay,
    [property: JsonPropertyName("opens_at")] string OpensAt,
    [property: JsonPropertyName("closes_at")] string ClosesAt,
    [property: JsonPropertyName("description")] string? Description);

public sealed record HsdsServiceArea(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("service_id")] Guid ServiceId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("attributes")] IReadOnlyList<HsdsAttributeLink> Attributes);

public sealed record HsdsLanguage(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("service_id")] Guid ServiceId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("code")] string Code);

public sealed record HsdsAddress(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("location_id")] Guid LocationId,
    [property: JsonPropertyName("address_1")] string Address1,
    [property: JsonPropertyName("city")] string City,
    [property: JsonPropertyName("region")] string? Region,
    [property: JsonPropertyName("state_province")] string StateProvince,
    [property: JsonPropertyName("postal_code")] string PostalCode,
    [property: JsonPropertyName("country")] string Country,
    [property: JsonPropertyName("address_type")] string AddressType);

public sealed record HsdsAccessibility(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("location_id")] Guid LocationId,
    [property: JsonPropertyName("description")] string Description);

public sealed record HsdsLocation(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("location_type")] string LocationType,
    [property: JsonPropertyName("organization_id")] Guid OrganizationId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("transportation")] string? Transportation,
    [property: JsonPropertyName("addresses")] IReadOnlyList<HsdsAddress> Addresses,
    [property: JsonPropertyName("accessibility")] IReadOnlyList<HsdsAccessibility> Accessibility,
    [property: JsonPropertyName("phones")] IReadOnlyList<HsdsPhone> Phones,
    [property: JsonPropertyName("schedules")] IReadOnlyList<HsdsSchedule> Schedules);

public sealed record HsdsServiceAtLocation(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("service_id")] Guid ServiceId,
    [property: JsonPropertyName("location_id")] Guid LocationId,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("location")] HsdsLocation? Location);

public sealed record HsdsOrganization(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("website")] string? Website,
    [property: JsonPropertyName("phones")] IReadOnlyList<HsdsPhone>? Phones,
    [property: JsonPropertyName("locations")] IReadOnlyList<HsdsLocation>? Locations,
    [property: JsonPropertyName("attributes")] IReadOnlyList<HsdsAttributeLink>? Attributes);

/// <summary>A service; the nested arrays are there only when the whole service is asked for.</summary>
public sealed record HsdsService(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("organization_id")] Guid OrganizationId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("application_process")] string? ApplicationProcess,
    [property: JsonPropertyName("fees_description")] string? FeesDescription,
    [property: JsonPropertyName("last_modified")] DateTimeOffset LastModified)
{
    [JsonPropertyName("organization")]
    public HsdsOrganization? Organization { get; init; }

    [JsonPropertyName("phones")]
    public IReadOnlyList<HsdsPhone>? Phones { get; init; }

    [JsonPropertyName("schedules")]
    public IReadOnlyList<HsdsSchedule>? Schedules { get; init; }

    [JsonPropertyName("service_areas")]
    public IReadOnlyList<HsdsServiceArea>? ServiceAreas { get; init; }

    [JsonPropertyName("service_at_locations")]
    public IReadOnlyList<HsdsServiceAtLocation>? ServiceAtLocations { get; init; }

    [JsonPropertyName("languages")]
    public IReadOnlyList<HsdsLanguage>? Languages { get; init; }

    [JsonPropertyName("attributes")]
    public IReadOnlyList<HsdsAttributeLink>? Attributes { get; init; }
}

/// <summary>With minimal=true: only what a consumer needs to see what changed.</summary>
public sealed record HsdsMinimalService(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("last_modified")] DateTimeOffset LastModified);
