using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Meedenker.Domain;
using Meedenker.IntegrationTests.Infrastructure;
using Meedenker.Web.Features.Directory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Meedenker.IntegrationTests;

/// <summary>The HSDS tabular data package: export, import through the admin page and the CLI, all or nothing.</summary>
public sealed class HsdsPackageTests(MeedenkerFactory app) : IClassFixture<MeedenkerFactory>
{
    private static async Task<byte[]> ExportAsync(MeedenkerFactory factory)
    {
        var response = await factory.CreateClient().GetAsync("/api/hsds/export.zip");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static Dictionary<string, string> Entries(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var reader = new StreamReader(e.Open(), Encoding.UTF8);
            return reader.ReadToEnd();
        });
    }

    private static byte[] Zip(Dictionary<string, string> entries)
    {
        using var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var writer = new StreamWriter(archive.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(text);
            }
        }
        return stream.ToArray();
    }

    private async Task<Service> SeedAsync()
    {
        var organization = await app.CreateOrganizationAsync(OrganizationKind.SupportB);
        await app.WithDbAsync(async db =>
        {
            var o = await db.Organizations.SingleAsync(x => x.Id == organization.Id);
            o.Phone = "0113-111 222";
            o.Description = "Welzijn in de wijk, \"met\" aanhalingstekens,\nen een regel erbij.";
            return await db.SaveChangesAsync();
        });
        await app.CreateServiceAsync("Schuldhulp op maat", "Hulp bij geldzorgen", organizationId: organization.Id, free: false,
            terms: [("leefgebied", "financien-inkomen"), ("taal", "en")]);
        return await app.CreateServiceAsync("Buurtcoach", "Samen kijken wat nodig is", municipalityCode: "GM0654", status: ServiceStatus.TemporarilyClosed);
    }

    [Fact]
    public async Task The_export_holds_a_CSV_file_per_HSDS_table_and_a_data_package_that_describes_them()
    {
        await SeedAsync();
        var entries = Entries(await ExportAsync(app));
        foreach (var table in HsdsPackage.Tables)
        {
            Assert.True(entries.ContainsKey(table.Path), table.Path);
            Assert.StartsWith(string.Join(',', table.Columns.Select(c => c.Name)) + "\r\n", entries[table.Path], StringComparison.Ordinal);
        }
        var package = System.Text.Json.JsonDocument.Parse(entries["datapackage.json"]).RootElement;
        Assert.Equal("tabular-data-package", package.GetProperty("profile").GetString());
        Assert.Equal(HsdsPackage.Tables.Count, package.GetProperty("resources").GetArrayLength());
        Assert.Contains("Schuldhulp op maat", entries["service.csv"], StringComparison.Ordinal);
        Assert.Contains("temporarily closed", entries["service.csv"], StringComparison.Ordinal);
        Assert.Contains("0113-111 222", entries["phone.csv"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_then_import_into_an_empty_database_then_export_gives_the_same_content()
    {
        await SeedAsync();
        var first = await ExportAsync(app);
        using var empty = new MeedenkerFactory();
        Assert.Equal(0, await empty.WithDbAsync(db => db.Services.CountAsync()));

        var result = await empty.WithDbAsync(db => new HsdsImporter(db, TestClock.Instance).ImportAsync(new MemoryStream(first), CancellationToken.None));

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        var second = Entries(await ExportAsync(empty));
        var expected = Entries(first);
        Assert.Equal(expected.Keys.Order(), second.Keys.Order());
        foreach (var (name, text) in expected)
        {
            Assert.True(text == second[name], $"{name} differs after the round trip:\n{text}\n---\n{second[name]}");
        }
        // The imported directory is searchable at once, synonyms included.
        var search = await empty.CreateClient().GetStringAsync("/api/hsds/services?search=schulden");
        Assert.Contains("Schuldhulp op maat", search, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_with_errors_is_refused_whole_with_every_bad_row_and_field_and_changes_nothing()
    {
        var service = await SeedAsync();
        var entries = Entries(await ExportAsync(app));
        var organizationId = Guid.NewGuid();
        var newServiceId = Guid.NewGuid();
        // A good new organisation and service, which must not arrive because other rows are bad.
        entries["organization.csv"] += $"{organizationId},Nieuwe organisatie,Doet iets,,\r\n";
        entries["service.csv"] += $"{newServiceId},{organizationId},Nieuwe dienst,,,,active,,,2026-02-01T10:00:00Z\r\n";
        // Bad rows: a malformed UUID, a date that is not one, an unknown reference, an unknown status.
        entries["service.csv"] += $"niet-een-uuid,{organizationId},Kapot,,,,active,,,2026-02-01T10:00:00Z\r\n";
        entries["service.csv"] += $"{Guid.NewGuid()},{organizationId},Kapot,,,,active,,,31-02-2026\r\n";
        entries["service.csv"] += $"{Guid.NewGuid()},{Guid.NewGuid()},Kapot,,,,open,,,2026-02-01T10:00:00Z\r\n";
        entries["attribute.csv"] += $"{Guid.NewGuid()},{newServiceId},{Guid.NewGuid()},,service,\r\n";
        // A missing column.
        entries["schedule.csv"] = entries["schedule.csv"].Replace("closes_at,", "", StringComparison.Ordinal);
        var serviceLines = entries["service.csv"].Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length - 1;
        var renamed = "Hernoemd " + MeedenkerFactory.Unique("");
        entries["service.csv"] = entries["service.csv"].Replace("Buurtcoach", renamed, StringComparison.Ordinal);
        var before = await app.WithDbAsync(async db => (await db.Services.CountAsync(), await db.Organizations.CountAsync(), await db.Phones.CountAsync()));

        var result = await app.WithDbAsync(db => new HsdsImporter(db, TestClock.Instance).ImportAsync(new MemoryStream(Zip(entries)), CancellationToken.None));

        Assert.False(result.Succeeded);
        var report = string.Join("\n", result.Problems);
        Assert.Contains(result.Problems, p => p.File == "schedule.csv" && p.Row == 0 && p.Column == "closes_at");
        Assert.Contains(result.Problems, p => p.File == "service.csv" && p.Row == serviceLines - 2 && p.Column == "id" && p.En.Contains("UUID", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.File == "service.csv" && p.Row == serviceLines - 1 && p.Column == "last_modified" && p.Nl.Contains("datum", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.File == "service.csv" && p.Row == serviceLines && p.Column == "organization_id" && p.En.StartsWith("Unknown reference", StringComparison.Ordinal));
        Assert.True(result.Problems.Any(p => p.File == "attribute.csv" && p.Column == "taxonomy_term_id"), report);
        var after = await app.WithDbAsync(async db => (await db.Services.CountAsync(), await db.Organizations.CountAsync(), await db.Phones.CountAsync()));
        Assert.Equal(before, after);
        Assert.False(await app.WithDbAsync(db => db.Services.AnyAsync(s => s.Id == newServiceId || s.Name == renamed)));
        Assert.True(await app.WithDbAsync(db => db.Services.AnyAsync(s => s.Id == service.Id && s.Name == "Buurtcoach")));
    }

    [Fact]
    public async Task The_admin_page_imports_a_good_file_and_lists_the_problems_of_a_bad_one_in_Dutch_and_English()
    {
        await SeedAsync();
        var admin = await app.CreateStaffAsync(StaffRoles.Admin, (await app.CreateOrganizationAsync()).Id, twoFactor: true);
        var client = await app.SignInAsync(admin);
        var entries = Entries(await ExportAsync(app));
        var renamed = "Hernoemd " + MeedenkerFactory.Unique("");
        var good = Zip(entries.ToDictionary(e => e.Key, e => e.Key == "service.csv" ? e.Value.Replace("Buurtcoach", renamed, StringComparison.Ordinal) : e.Value));
        entries["location.csv"] = entries["location.csv"].Replace("organization_id", "organisatie", StringComparison.Ordinal);
        var bad = Zip(entries);

        async Task<HttpResponseMessage> UploadAsync(byte[] zip)
        {
            var page = await client.GetStringAsync("/beheer/sociale-kaart/import");
            using var form = new MultipartFormDataContent();
            form.Add(new StringContent(HttpClientFormExtensions.AntiforgeryToken(page)), "__RequestVerificationToken");
            var file = new ByteArrayContent(zip);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
            form.Add(file, "Upload", "sociale-kaart.zip");
            return await client.PostAsync("/beheer/sociale-kaart/import", form);
        }

        var refused = await UploadAsync(bad);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("er is niets veranderd", html, StringComparison.Ordinal);
        Assert.Contains("Deze kolom ontbreekt in de kopregel.", html, StringComparison.Ordinal);
        Assert.Contains("organization_id", html, StringComparison.Ordinal);

        await client.GetAsync("/taal/en?terug=/");
        var english = await (await UploadAsync(bad)).Content.ReadAsStringAsync();
        Assert.Contains("This column is missing from the header row.", english, StringComparison.Ordinal);

        var imported = await UploadAsync(good);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Contains("Imported:", await imported.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.Services.AnyAsync(s => s.Name == renamed)));
    }

    [Fact]
    public async Task Only_an_admin_may_import_and_the_form_needs_its_antiforgery_token()
    {
        var coordinator = await app.CreateStaffAsync(StaffRoles.Coordinator, (await app.CreateOrganizationAsync()).Id, twoFactor: true);
        var client = await app.SignInAsync(coordinator);
        var denied = await client.GetAsync("/beheer/sociale-kaart/import");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("/account/geen-toegang", denied.Headers.Location?.OriginalString, StringComparison.Ordinal);

        var admin = await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.Admin, (await app.CreateOrganizationAsync()).Id, twoFactor: true));
        using var form = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "Upload", "x.zip" } };
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/beheer/sociale-kaart/import", form)).StatusCode);
    }

    [Fact]
    public async Task The_command_line_prints_every_problem_and_exits_non_zero_or_imports()
    {
        await SeedAsync();
        var entries = Entries(await ExportAsync(app));
        var good = Path.Combine(Path.GetTempPath(), $"hsds-{Guid.NewGuid():N}.zip");
        var bad = Path.Combine(Path.GetTempPath(), $"hsds-{Guid.NewGuid():N}.zip");
        try
        {
            await File.WriteAllBytesAsync(good, Zip(entries));
            entries["schedule.csv"] += $"{Guid.NewGuid()},,{Guid.NewGuid()},WEEKLY,XX,25:00,09:00,\r\n";
            await File.WriteAllBytesAsync(bad, Zip(entries));
            using var output = new StringWriter();

            var refused = await Web.Infrastructure.Cli.ImportHsdsAsync(app.Services, bad, output);

            Assert.Equal(1, refused);
            Assert.Contains("was refused; nothing changed", output.ToString(), StringComparison.Ordinal);
            Assert.Contains("column opens_at: '25:00' is not a valid time", output.ToString(), StringComparison.Ordinal);
            using var output2 = new StringWriter();
            Assert.Equal(0, await Web.Infrastructure.Cli.ImportHsdsAsync(app.Services, good, output2));
            Assert.Contains("imported", output2.ToString(), StringComparison.Ordinal);
            Assert.Equal(2, await Web.Infrastructure.Cli.ImportHsdsAsync(app.Services, bad + ".missing", TextWriter.Null));
        }
        finally
        {
            File.Delete(good);
            File.Delete(bad);
        }
    }

    [Fact]
    public async Task Something_that_is_not_a_zip_is_refused_with_a_clear_problem()
    {
        var result = await app.WithDbAsync(db => new HsdsImporter(db, TestClock.Instance).ImportAsync(new MemoryStream("hallo"u8.ToArray()), CancellationToken.None));
        Assert.False(result.Succeeded);
        Assert.Equal("This is not a zip file.", Assert.Single(result.Problems).En);
    }
}
