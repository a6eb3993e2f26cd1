using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.IntegrationTests.Infrastructure;
using Meedenker.Web.Features.Directory;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.IntegrationTests;

/// <summary>
/// The word index and the search cache (decision 0050): every way a service changes keeps the index equal to its search
/// text, and a search answered from the cache sees the change at once.
/// </summary>
public sealed class SearchIndexTests(MeedenkerFactory app) : IClassFixture<MeedenkerFactory>
{
    private static Dictionary<string, string> EditForm(string name, string version) => new()
    {
        ["Input.Name"] = name,
        ["Input.Description"] = "Samen de post doornemen.",
        ["Input.Status"] = "Active",
        ["Input.IsFree"] = "true",
        ["Input.LifeDomains"] = "financien-inkomen",
        ["Input.Municipalities"] = "GM0664",
        ["Input.Version"] = version,
    };

    private Task<List<string>> IndexedWordsAsync(Guid serviceId) =>
        app.WithDbAsync(db => db.ServiceWords.Where(w => w.ServiceId == serviceId).Select(w => w.Word).OrderBy(w => w).ToListAsync());

    private Task<List<string>> ExpectedWordsAsync(Guid serviceId) =>
        app.WithDbAsync(async db => Search.IndexWords(await db.Services.Where(s => s.Id == serviceId).Select(s => s.SearchText).SingleAsync()).Order(StringComparer.Ordinal).ToList());

    private async Task<int> TotalAsync(string search)
    {
        using var json = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/api/hsds/services?search=" + Uri.EscapeDataString(search)));
        return json.RootElement.GetProperty("total_items").GetInt32();
    }

    [Fact]
    public async Task A_new_service_is_indexed_word_for_word_and_counted_at_once_although_the_count_was_cached()
    {
        var word = MeedenkerFactory.Unique("kluswerk");
        var first = await app.CreateServiceAsync($"Repaircafe {word}", "Samen repareren.");
        Assert.Equal(1, await TotalAsync(word));
        Assert.Contains("1 gevonden.", await app.CreateClient().GetStringAsync($"/sociale-kaart?q={word}"), StringComparison.Ordinal);

        var second = await app.CreateServiceAsync($"Fietsenmaker {word}", "Ook fietsen.");

        Assert.Equal(2, await TotalAsync(word));
        Assert.Contains("2 gevonden.", await app.CreateClient().GetStringAsync($"/sociale-kaart?q={word}"), StringComparison.Ordinal);
        Assert.Equal(await ExpectedWordsAsync(second.Id), await IndexedWordsAsync(second.Id));
        Assert.Contains(word, await IndexedWordsAsync(first.Id));
        // Part of a word is found, as with the search text: the vocabulary is searched by infix.
        Assert.Equal(2, await TotalAsync(word[3..]));
    }

    [Fact]
    public async Task Editing_a_service_replaces_its_words_and_the_cached_searches_follow()
    {
        var organization = await app.CreateOrganizationAsync();
        var oldWord = MeedenkerFactory.Unique("oudwoord");
        var newWord = MeedenkerFactory.Unique("nieuwwoord");
        var service = await app.CreateServiceAsync($"Dienst {oldWord}", "Iets", organizationId: organization.Id);
        Assert.Equal(1, await TotalAsync(oldWord));
        Assert.Equal(0, await TotalAsync(newWord));
        var client = await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.Coordinator, organization.Id, twoFactor: true));
        var version = await app.WithDbAsync(async db => (await db.Services.SingleAsync(s => s.Id == service.Id)).LastModified.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var response = await client.PostFormAsync($"/werk/sociale-kaart/dienst/{service.Id}", EditForm($"Dienst {newWord}", version));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(0, await TotalAsync(oldWord));
        Assert.Equal(1, await TotalAsync(newWord));
        var words = await IndexedWordsAsync(service.Id);
        Assert.Equal(await ExpectedWordsAsync(service.Id), words);
        Assert.DoesNotContain(oldWord, words);
    }

    [Fact]
    public async Task An_import_that_renames_a_service_updates_its_words_and_the_cached_searches()
    {
        var oldWord = MeedenkerFactory.Unique("voorimport");
        var newWord = MeedenkerFactory.Unique("naimport");
        var service = await app.CreateServiceAsync($"Importdienst {oldWord}", "Iets");
        Assert.Equal(1, await TotalAsync(oldWord));
        var zip = await app.CreateClient().GetByteArrayAsync("/api/hsds/export.zip");
        var entries = new Dictionary<string, string>();
        using (var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read))
        {
            foreach (var entry in archive.Entries)
            {
                using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
                entries[entry.FullName] = reader.ReadToEnd();
            }
        }
        entries["service.csv"] = entries["service.csv"].Replace(oldWord, newWord, StringComparison.Ordinal);
        using var changed = new MemoryStream();
        using (var archive = new ZipArchive(changed, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var writer = new StreamWriter(archive.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(text);
            }
        }
        changed.Position = 0;

        var result = await app.WithDbAsync(db => new HsdsImporter(db, TestClock.Instance).ImportAsync(changed, CancellationToken.None));

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal(0, await TotalAsync(oldWord));
        Assert.Equal(1, await TotalAsync(newWord));
        Assert.Equal(await ExpectedWordsAsync(service.Id), await IndexedWordsAsync(service.Id));
    }

    [Fact]
    public async Task Pages_beyond_the_cached_first_ids_are_read_from_the_database_in_the_same_order()
    {
        var word = MeedenkerFactory.Unique("veel");
        var count = ServiceSearch.HeadIds + 5;
        var organization = await app.CreateOrganizationAsync();
        await app.WithDbAsync(async db =>
        {
            var services = Enumerable.Range(0, count).Select(i =>
            {
                var service = new Service { Id = Guid.NewGuid(), OrganizationId = organization.Id, Name = $"Dienst {word} {i:0000}", LastModified = DateTimeOffset.UnixEpoch };
                service.RefreshSearchText(organization.Name, []);
                return service;
            }).ToList();
            db.Services.AddRange(services);
            await db.SaveChangesAsync();
            await SearchIndex.RefreshAsync(db, services);
            return 0;
        });
        var client = app.CreateClient();

        using var first = JsonDocument.Parse(await client.GetStringAsync($"/api/hsds/services?search={word}&per_page=500&minimal=true"));
        using var second = JsonDocument.Parse(await client.GetStringAsync($"/api/hsds/services?search={word}&per_page=500&page=2"));
        var last = await client.GetStringAsync($"/sociale-kaart?q={word}&pagina={(count + 9) / 10}");

        Assert.Equal(count, first.RootElement.GetProperty("total_items").GetInt32());
        Assert.Equal(500, first.RootElement.GetProperty("contents").GetArrayLength());
        var names = second.RootElement.GetProperty("contents").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
        Assert.Equal(Enumerable.Range(500, count - 500).Select(i => $"Dienst {word} {i:0000}"), names);
        Assert.Contains($"Dienst {word} {count - 1:0000}", last, StringComparison.Ordinal);
        Assert.DoesNotContain($"Dienst {word} {count - 6:0000}", last, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cache_keeps_nothing_from_before_a_save_and_forgets_on_a_new_generation()
    {
        using var cache = new SearchCache();
        var calls = 0;
        Task<int> Compute() => Task.FromResult(++calls);

        Assert.Equal(1, await cache.GetOrAddAsync("k", Compute));
        Assert.Equal(1, await cache.GetOrAddAsync("k", Compute));
        cache.Invalidate();
        Assert.Equal(2, await cache.GetOrAddAsync("k", Compute));
        // A save during the computation: the value is returned but not kept.
        Assert.Equal(3, await cache.GetOrAddAsync("k2", () => { cache.Invalidate(); return Compute(); }));
        Assert.Equal(4, await cache.GetOrAddAsync("k2", Compute));
    }
}
