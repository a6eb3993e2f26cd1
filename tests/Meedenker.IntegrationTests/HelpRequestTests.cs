using System.Net;
using System.Text.RegularExpressions;
using Meedenker.Domain;
using Meedenker.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.IntegrationTests;

public sealed partial class HelpRequestTests(MeedenkerFactory app) : IClassFixture<MeedenkerFactory>
{
    [GeneratedRegex("MD-[2-9A-Z]{4}-[2-9A-Z]{4}")]
    private static partial Regex Code();

    [GeneratedRegex("/status/([A-Za-z0-9_-]{43})")]
    private static partial Regex StatusLink();

    private static async Task<(string Html, string Code, string Token)> AskAsync(HttpClient client, Dictionary<string, string> form)
    {
        var response = await client.PostFormAsync("/hulp-vragen", form);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Je vraag is ontvangen", html, StringComparison.Ordinal);
        return (html, Code().Match(html).Value, StatusLink().Match(html).Groups[1].Value);
    }

    [Fact]
    public async Task Resident_asks_for_help_and_the_request_is_stored_routed_and_followable()
    {
        var organization = await app.CreateOrganizationAsync();
        var (_, municipalityCode) = await app.RouteFirstMunicipalityToAsync(organization.Id);
        var form = MeedenkerFactory.ValidHelpRequestForm(municipalityCode);
        form["Input.Email"] = "Joke.Voorbeeld@Example.test";
        form["Input.HowHeard"] = "bibliotheek";

        var (_, code, token) = await AskAsync(app.CreateBrowserlikeClient(), form);

        var stored = app.WithDb(db => db.HelpRequests.AsNoTracking().Include(h => h.LifeDomains).Single(h => h.ReferenceCode == code));
        Assert.Equal(HelpRequestStatus.Received, stored.Status);
        Assert.Equal(RequestChannel.Self, stored.Channel);
        Assert.Equal("bibliotheek", stored.SourceCode);
        Assert.Equal(["financien-inkomen"], stored.LifeDomains.Select(d => d.Code));
        Assert.Equal(SecretToken.Hash(token), stored.StatusTokenHash);
        Assert.NotEqual(token, stored.StatusTokenHash);
        var resident = app.WithDb(db => db.Residents.Single(r => r.Id == stored.ResidentId));
        Assert.Equal("0612345678", resident.Phone);
        Assert.Equal("joke.voorbeeld@example.test", resident.Email);
        Assert.True(app.WithDb(db => db.IntakeAssignments.Any(a => a.HelpRequestId == stored.Id && a.OrganizationId == organization.Id)));

        var status = await app.CreateClient().GetStringAsync($"/status/{token}");
        Assert.Contains(code, status, StringComparison.Ordinal);
        Assert.Contains("Ontvangen", status, StringComparison.Ordinal);
        Assert.DoesNotContain("rekeningen", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submitting_the_same_form_twice_creates_one_request()
    {
        var client = app.CreateBrowserlikeClient();
        var page = await client.GetStringAsync("/hulp-vragen");
        var form = MeedenkerFactory.ValidHelpRequestForm();
        form["Input.Question"] = "Dubbel verstuurd " + Guid.NewGuid();
        form["SubmissionId"] = Regex.Match(page, "name=\"SubmissionId\" value=\"([^\"]+)\"").Groups[1].Value;
        var before = app.WithDb(db => db.HelpRequests.Count());

        var first = await AskAsync(client, new(form));
        var second = await AskAsync(client, new(form));

        Assert.Equal(first.Code, second.Code);
        Assert.Equal(first.Token, second.Token);
        Assert.Equal(before + 1, app.WithDb(db => db.HelpRequests.Count()));
    }

    [Fact]
    public async Task Bad_input_gets_Dutch_messages_keeps_the_input_and_stores_nothing()
    {
        var before = app.WithDb(db => (db.HelpRequests.Count(), db.Residents.Count()));
        var form = MeedenkerFactory.ValidHelpRequestForm();
        form["Input.Question"] = "   ";
        form["Input.FirstName"] = "Karel <b>vet</b>";
        form["Input.ContactPreferences"] = "email";
        form["Input.Email"] = "geen-adres";
        form["Input.MunicipalityCode"] = "GM9999";
        form["Input.Postcode"] = "12345";

        var response = await app.CreateBrowserlikeClient().PostFormAsync("/hulp-vragen", form);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Vertel in een paar woorden waar je hulp bij wilt.", html, StringComparison.Ordinal);
        Assert.Contains("Vul een e-mailadres in zoals naam@voorbeeld.nl.", html, StringComparison.Ordinal);
        Assert.Contains("Kies je gemeente.", html, StringComparison.Ordinal);
        Assert.Contains("Vul een postcode in zoals 4461 AB", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Karel &lt;b&gt;vet&lt;/b&gt;\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"geen-adres\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Je vraag is ontvangen", html, StringComparison.Ordinal);
        Assert.Equal(before, app.WithDb(db => (db.HelpRequests.Count(), db.Residents.Count())));
    }

    [Fact]
    public async Task A_professional_is_sent_to_the_referral_form()
    {
        var form = MeedenkerFactory.ValidHelpRequestForm();
        form["Input.AskedBy"] = "professional";
        var html = await (await app.CreateBrowserlikeClient().PostFormAsync("/hulp-vragen", form)).Content.ReadAsStringAsync();
        Assert.Contains("verwijsformulier", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_relative_must_say_the_resident_agrees()
    {
        var form = MeedenkerFactory.ValidHelpRequestForm();
        form["Input.AskedBy"] = "relative";
        form["Input.RelativeName"] = "Piet (zoon)";
        var refused = await (await app.CreateBrowserlikeClient().PostFormAsync("/hulp-vragen", form)).Content.ReadAsStringAsync();
        Assert.Contains("Dan moet die persoon het goed vinden", refused, StringComparison.Ordinal);

        form["Input.ResidentAgrees"] = "true";
        var (_, code, _) = await AskAsync(app.CreateBrowserlikeClient(), form);
        var stored = app.WithDb(db => db.HelpRequests.Single(h => h.ReferenceCode == code));
        Assert.Equal(RequestChannel.Relative, stored.Channel);
        Assert.Equal("Piet (zoon)", stored.RelativeName);
    }

    [Fact]
    public async Task Honeypot_filled_by_a_robot_stores_nothing()
    {
        var before = app.WithDb(db => db.HelpRequests.Count());
        var form = MeedenkerFactory.ValidHelpRequestForm();
        form["Website"] = "http://spam.example";
        var html = await (await app.CreateBrowserlikeClient().PostFormAsync("/hulp-vragen", form)).Content.ReadAsStringAsync();
        Assert.DoesNotContain("Je vraag is ontvangen", html, StringComparison.Ordinal);
        Assert.Equal(before, app.WithDb(db => db.HelpRequests.Count()));
    }

    [Theory]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("kort")]
    [InlineData("..%2F..%2Fetc%2Fpasswd")]
    public async Task Wrong_or_guessed_status_links_get_one_neutral_answer(string token)
    {
        var response = await app.CreateClient().GetAsync($"/status/{token}");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Deze link werkt niet", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resident_withdraws_and_asks_for_help_again_from_the_status_page()
    {
        var (_, code, token) = await AskAsync(app.CreateBrowserlikeClient(), MeedenkerFactory.ValidHelpRequestForm());
        var client = app.CreateBrowserlikeClient();

        var withdrawn = await client.PostFormAsync($"/status/{token}?handler=NoLongerNeeded", [], $"/status/{token}");
        Assert.Contains("geen hulp meer nodig hebt", await withdrawn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HelpRequestStatus.Withdrawn, app.WithDb(db => db.HelpRequests.Single(h => h.ReferenceCode == code).Status));

        var again = await client.PostFormAsync($"/status/{token}?handler=HelpAgain", [], $"/status/{token}");
        Assert.Contains("weer opengezet", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var stored = app.WithDb(db => db.HelpRequests.Include(h => h.StatusChanges).Single(h => h.ReferenceCode == code));
        Assert.Equal(HelpRequestStatus.Received, stored.Status);
        Assert.NotNull(stored.HelpAgainRequestedAt);
        Assert.Equal([HelpRequestStatus.Received, HelpRequestStatus.Withdrawn, HelpRequestStatus.Received], stored.StatusChanges.OrderBy(c => c.At).Select(c => c.Status));
    }

    [Fact]
    public async Task Second_request_with_the_same_phone_number_within_30_days_is_flagged_not_merged()
    {
        var form = MeedenkerFactory.ValidHelpRequestForm();
        var phone = "06 " + Random.Shared.Next(10_000_000, 99_999_999);
        form["Input.Phone"] = phone;
        var first = await AskAsync(app.CreateBrowserlikeClient(), new(form));
        var second = await AskAsync(app.CreateBrowserlikeClient(), new(form));

        var requests = app.WithDb(db => db.HelpRequests.AsNoTracking().Where(h => h.ReferenceCode == first.Code || h.ReferenceCode == second.Code).ToList());
        Assert.Equal(2, requests.Count);
        var later = requests.Single(r => r.ReferenceCode == second.Code);
        Assert.True(later.PossibleDuplicate);
        Assert.Equal(requests.Single(r => r.ReferenceCode == first.Code).Id, later.PossibleDuplicateOfId);
        Assert.False(requests.Single(r => r.ReferenceCode == first.Code).PossibleDuplicate);
    }

    [Fact]
    public async Task Self_check_domains_are_carried_into_the_form()
    {
        var html = await app.CreateClient().GetStringAsync("/hulp-vragen?leefgebied=wonen,financien-inkomen,bestaat-niet");
        Assert.Matches("id=\"LifeDomain-wonen\"[^>]*checked", html);
        Assert.Matches("id=\"LifeDomain-financien-inkomen\"[^>]*checked", html);
        Assert.DoesNotContain("value=\"bestaat-niet\"", html, StringComparison.Ordinal);
    }
}

public sealed class ConfirmationMailTests(MeedenkerFactory app) : IClassFixture<MeedenkerFactory>
{
    [Fact]
    public async Task Resident_who_asks_for_it_gets_a_confirmation_mail_with_code_and_status_link_but_not_the_question()
    {
        var form = MeedenkerFactory.ValidHelpRequestForm();
        form["Input.Email"] = "bevestiging@example.test";
        form["Input.SendConfirmation"] = "true";
        form["Input.Question"] = "Mijn geheime vraag " + Guid.NewGuid();

        var html = await (await app.CreateBrowserlikeClient().PostFormAsync("/hulp-vragen", form)).Content.ReadAsStringAsync();
        var code = System.Text.RegularExpressions.Regex.Match(html, "MD-[2-9A-Z]{4}-[2-9A-Z]{4}").Value;

        var mail = Directory.GetFiles(app.MailFolder, "*.eml").Select(File.ReadAllText).Single();
        var unfolded = mail.Replace("=\r\n", "", StringComparison.Ordinal).Replace("=\n", "", StringComparison.Ordinal);
        Assert.Contains("bevestiging@example.test", mail, StringComparison.Ordinal);
        Assert.Contains(code, unfolded, StringComparison.Ordinal);
        Assert.Contains("/status/", unfolded, StringComparison.Ordinal);
        Assert.DoesNotContain("geheime vraag", unfolded, StringComparison.Ordinal);
    }
}
