using System.Net;
using System.Text.Json;
using Meedenker.Domain;
using Meedenker.IntegrationTests.Infrastructure;

namespace Meedenker.IntegrationTests;

public sealed class HsdsApiTests(MeedenkerFactory app) : IClassFixture<MeedenkerFactory>
{
    private static readonly string[] PageFields = ["total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"];

    private async Task<JsonElement> GetJsonAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await app.CreateClient().GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{url}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static void AssertPage(JsonElement page, int totalItems, int pageNumber, int size, bool first, bool last)
    {
        Assert.Equal(PageFields.Order(), page.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(totalItems, page.GetProperty("total_items").GetInt32());
        Assert.Equal(pageNumber, page.GetProperty("page_number").GetInt32());
        Assert.Equal(size, page.GetProperty("size").GetInt32());
        Assert.Equal(size, page.GetProperty("contents").GetArrayLength());
        Assert.Equal(first, page.GetProperty("first_page").GetBoolean());
        Assert.Equal(last, page.GetProperty("last_page").GetBoolean());
        Assert.Equal(size == 0, page.GetProperty("empty").GetBoolean());
    }

    [Fact]
    public async Task Root_tells_the_HSDS_version_and_profile()
    {
        var root = await GetJsonAsync("/api/hsds/");
        Assert.Equal("3.1", root.GetProperty("version").GetString());
        Assert.StartsWith("https://", root.GetProperty("profile").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/openapi/v1.json", root.GetProperty("openapi_url").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Services_are_paged_with_the_HSDS_envelope_at_every_boundary()
    {
        var word = MeedenkerFactory.Unique("hsds");
        for (var i = 0; i < 3; i++)
        {
            await app.CreateServiceAsync($"Dienst {word} {i}", "Test");
        }

        AssertPage(await GetJsonAsync($"/api/hsds/services?search={word}&per_page=2"), 3, 1, 2, first: true, last: false);
        AssertPage(await GetJsonAsync($"/api/hsds/services?search={word}&per_page=2&page=2"), 3, 2, 1, first: false, last: true);
        AssertPage(await GetJsonAsync($"/api/hsds/services?search={word}&per_page=2&page=3"), 3, 3, 0, first: false, last: true);
        var empty = await GetJsonAsync("/api/hsds/services?search=bestaatnietzzq");
        AssertPage(empty, 0, 1, 0, first: true, last: true);
        Assert.Equal(0, empty.GetProperty("total_pages").GetInt32());
    }

    [Fact]
    public async Task A_service_has_the_HSDS_fields_and_the_full_service_nests_its_related_objects()
    {
        var service = await app.CreateServiceAsync(MeedenkerFactory.Unique("Volledig "), "Hulp bij geldzorgen.", terms: [("leefgebied", "financien-inkomen"), ("taal", "ar")]);

        var listed = (await GetJsonAsync($"/api/hsds/services?organization_id={service.OrganizationId}")).GetProperty("contents")[0];
        Assert.Equal(service.Id.ToString(), listed.GetProperty("id").GetString());
        Assert.Equal(service.OrganizationId.ToString(), listed.GetProperty("organization_id").GetString());
        Assert.Equal("active", listed.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, listed.GetProperty("last_modified").ValueKind);
        Assert.False(listed.TryGetProperty("service_at_locations", out _));
        Assert.DoesNotContain(listed.EnumerateObject(), p => p.Value.ValueKind == JsonValueKind.Null);

        var full = await GetJsonAsync($"/api/hsds/services/{service.Id}");
        Assert.Equal(service.Name, full.GetProperty("name").GetString());
        Assert.Equal(service.OrganizationId.ToString(), full.GetProperty("organization").GetProperty("id").GetString());
        var atLocation = full.GetProperty("service_at_locations")[0];
        var location = atLocation.GetProperty("location");
        Assert.Equal("physical", location.GetProperty("location_type").GetString());
        Assert.Equal("4461 AA", location.GetProperty("addresses")[0].GetProperty("postal_code").GetString());
        Assert.Equal("Ingang zonder drempel.", location.GetProperty("accessibility")[0].GetProperty("description").GetString());
        var schedule = location.GetProperty("schedules")[0];
        Assert.Equal(("WEEKLY", "MO", "09:00", "12:30"), (schedule.GetProperty("freq").GetString(), schedule.GetProperty("byday").GetString(), schedule.GetProperty("opens_at").GetString(), schedule.GetProperty("closes_at").GetString()));
        Assert.Equal("0113-123 456", full.GetProperty("phones")[0].GetProperty("number").GetString());
        Assert.Equal("ar", full.GetProperty("languages")[0].GetProperty("code").GetString());
        var area = full.GetProperty("service_areas")[0];
        Assert.Equal("GM0664", area.GetProperty("attributes")[0].GetProperty("taxonomy_term").GetProperty("code").GetString());
        var attributes = full.GetProperty("attributes").EnumerateArray().ToList();
        Assert.Contains(attributes, a => a.GetProperty("taxonomy_term").GetProperty("code").GetString() == "financien-inkomen" && a.GetProperty("link_entity").GetString() == "service");

        var viaFull = (await GetJsonAsync($"/api/hsds/services?organization_id={service.OrganizationId}&full=true")).GetProperty("contents")[0];
        Assert.Equal(1, viaFull.GetProperty("service_at_locations").GetArrayLength());
    }

    [Fact]
    public async Task Services_filter_by_term_taxonomy_modified_after_and_minimal()
    {
        var word = MeedenkerFactory.Unique("flt");
        var young = await app.CreateServiceAsync($"Jong {word}", "Test", lastModified: new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), terms: [("doelgroep", "jongeren")]);
        var old = await app.CreateServiceAsync($"Oud {word}", "Test", lastModified: new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), terms: [("doelgroep", "ouderen")]);
        var terms = await GetJsonAsync($"/api/hsds/taxonomy_terms?taxonomy_id={Taxonomies.Of(TaxonomyKind.TargetGroup).Id}&per_page=100");
        var jongeren = terms.GetProperty("contents").EnumerateArray().Single(t => t.GetProperty("code").GetString() == "jongeren").GetProperty("id").GetString();

        static List<string?> Ids(JsonElement page) => page.GetProperty("contents").EnumerateArray().Select(s => s.GetProperty("id").GetString()).ToList();
        Assert.Equal([young.Id.ToString()], Ids(await GetJsonAsync($"/api/hsds/services?search={word}&taxonomy_term_id={jongeren}")));
        Assert.Equal([young.Id.ToString()], Ids(await GetJsonAsync($"/api/hsds/services?search={word}&modified_after=2025-01-01T00:00:00Z")));
        Assert.Equal(2, (await GetJsonAsync($"/api/hsds/services?search={word}&taxonomy_id={Taxonomies.Of(TaxonomyKind.TargetGroup).Id}")).GetProperty("total_items").GetInt32());
        Assert.Equal(0, (await GetJsonAsync($"/api/hsds/services?search={word}&taxonomy_id={Taxonomies.Of(TaxonomyKind.Law).Id}")).GetProperty("total_items").GetInt32());

        var minimal = (await GetJsonAsync($"/api/hsds/services?search={word}&minimal=true")).GetProperty("contents")[0];
        Assert.Equal(["id", "last_modified"], minimal.EnumerateObject().Select(p => p.Name).Order());
        Assert.Contains(old.Id.ToString(), Ids(await GetJsonAsync($"/api/hsds/services?search={word}")));
    }

    [Fact]
    public async Task Search_through_the_API_uses_the_synonyms_too()
    {
        var word = MeedenkerFactory.Unique("syn");
        var service = await app.CreateServiceAsync($"Geldhulp {word}", "Wij helpen bij geldzorgen.");
        var page = await GetJsonAsync($"/api/hsds/services?search=schulden%20{word}");
        Assert.Equal(service.Id.ToString(), page.GetProperty("contents")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Organizations_taxonomies_and_service_at_locations_have_their_HSDS_shape()
    {
        var service = await app.CreateServiceAsync(MeedenkerFactory.Unique("Org "), "Test");

        var organization = await GetJsonAsync($"/api/hsds/organizations/{service.OrganizationId}");
        Assert.Equal(JsonValueKind.String, organization.GetProperty("description").ValueKind);
        var type = organization.GetProperty("attributes")[0];
        Assert.Equal("C", type.GetProperty("value").GetString());
        Assert.Equal("organization", type.GetProperty("link_entity").GetString());
        Assert.Equal(1, organization.GetProperty("locations").GetArrayLength());
        Assert.True((await GetJsonAsync("/api/hsds/organizations?per_page=1")).GetProperty("total_items").GetInt32() >= 1);

        var taxonomies = await GetJsonAsync("/api/hsds/taxonomies");
        AssertPage(taxonomies, Taxonomies.All.Count + 2, 1, Taxonomies.All.Count + 2, first: true, last: true);
        var lifeDomains = Taxonomies.Of(TaxonomyKind.LifeDomain).Id;
        var taxonomy = await GetJsonAsync($"/api/hsds/taxonomies/{lifeDomains}");
        Assert.Equal(["description", "id", "name"], taxonomy.EnumerateObject().Select(p => p.Name).Order());
        var terms = await GetJsonAsync($"/api/hsds/taxonomy_terms?taxonomy_id={lifeDomains}");
        Assert.Equal(9, terms.GetProperty("total_items").GetInt32());
        var term = terms.GetProperty("contents")[0];
        Assert.Equal(lifeDomains.ToString(), term.GetProperty("taxonomy_id").GetString());
        Assert.Equal(term.GetProperty("id").GetString(), (await GetJsonAsync($"/api/hsds/taxonomy_terms/{term.GetProperty("id").GetString()}")).GetProperty("id").GetString());

        var atLocations = await GetJsonAsync($"/api/hsds/service_at_locations?organization_id={service.OrganizationId}&full=true");
        AssertPage(atLocations, 1, 1, 1, first: true, last: true);
        var atLocation = atLocations.GetProperty("contents")[0];
        Assert.Equal(service.Id.ToString(), atLocation.GetProperty("service_id").GetString());
        var one = await GetJsonAsync($"/api/hsds/service_at_locations/{atLocation.GetProperty("id").GetString()}");
        Assert.Equal("Markt 1", one.GetProperty("location").GetProperty("addresses")[0].GetProperty("address_1").GetString());
    }

    [Theory]
    [InlineData("services")]
    [InlineData("organizations")]
    [InlineData("taxonomies")]
    [InlineData("taxonomy_terms")]
    [InlineData("service_at_locations")]
    public async Task Unknown_or_malformed_id_is_a_404_problem(string resource)
    {
        foreach (var id in new[] { Guid.NewGuid().ToString(), "niet-een-uuid", "%F0%9F%98%80" })
        {
            var response = await app.CreateClient().GetAsync($"/api/hsds/{resource}/{id}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Theory]
    [InlineData("services", "page", "abc")]
    [InlineData("services", "page", "0")]
    [InlineData("services", "per_page", "100000")]
    [InlineData("services", "taxonomy_term_id", "x")]
    [InlineData("services", "taxonomy_id", "12")]
    [InlineData("services", "organization_id", "null")]
    [InlineData("services", "modified_after", "gisteren")]
    [InlineData("services", "minimal", "ja")]
    [InlineData("services", "full", "2")]
    [InlineData("taxonomy_terms", "taxonomy_id", "abc")]
    [InlineData("organizations", "per_page", "-1")]
    [InlineData("service_at_locations", "organization_id", "abc")]
    public async Task Bad_query_parameter_is_a_400_problem_that_names_it(string resource, string name, string value)
    {
        var response = await app.CreateClient().GetAsync($"/api/hsds/{resource}?{name}={value}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(name, out _), body);
    }

    [Theory]
    [InlineData("%00%01")]
    [InlineData("%ED%A0%80%F0%9F%98%80")]
    [InlineData("%25%25_%5C")]
    public async Task Odd_search_text_is_handled(string search)
    {
        var page = await GetJsonAsync($"/api/hsds/services?search={search}");
        Assert.True(page.GetProperty("total_items").GetInt32() >= 0);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.CreateClient().GetAsync("/api/hsds/services?search=" + new string('a', 500))).StatusCode);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_HSDS_endpoints()
    {
        var document = await app.CreateClient().GetStringAsync("/openapi/v1.json");
        foreach (var path in new[] { "/api/hsds/services", "/api/hsds/services/{id}", "/api/hsds/organizations/{id}", "/api/hsds/taxonomy_terms", "/api/hsds/service_at_locations/{id}", "/api/hsds/export.zip" })
        {
            Assert.Contains($"\"{path}\"", document, StringComparison.Ordinal);
        }
        Assert.Contains("total_items", document, StringComparison.Ordinal);
    }
}
