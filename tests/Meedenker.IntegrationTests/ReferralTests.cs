using System.Net;
using System.Text.RegularExpressions;
using Meedenker.Domain;
using Meedenker.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.IntegrationTests;

public sealed partial class ReferralTests(MeedenkerFactory app) : IClassFixture<MeedenkerFactory>
{
    [GeneratedRegex("MD-[2-9A-Z]{4}-[2-9A-Z]{4}")]
    private static partial Regex Code();

    [GeneratedRegex("/verwijzing/([A-Za-z0-9_-]{43})")]
    private static partial Regex StatusLink();

    private static Dictionary<string, string> ReferralForm(string question) => new()
    {
        ["Input.FirstName"] = "Fatma",
        ["Input.Phone"] = "0113 123456",
        ["Input.MunicipalityCode"] = "GM0664",
        ["Input.LanguageCode"] = "tr",
        ["Input.LifeDomains"] = "zorg-gezondheid",
        ["Input.Question"] = question,
        ["Input.ConsentConfirmed"] = "true",
        ["Input.ConsentGivenBy"] = "resident",
        ["Input.ConsentMethod"] = "resident-present",
        ["Input.ConsentDate"] = TestClock.Day(),
        ["Input.ReferrerName"] = "Dr. Kreeft",
        ["Input.ReferrerOrganization"] = "Huisartsenpraktijk Test",
        ["Input.ReferrerEmail"] = "kreeft@praktijk.test",
        ["Input.ReferrerKind"] = "huisarts",
    };

    [Fact]
    public async Task Referral_without_consent_is_refused_and_stores_nothing()
    {
        var before = app.WithDb(db => (db.HelpRequests.Count(), db.Referrals.Count()));
        var form = ReferralForm("Geheim " + Guid.NewGuid());
        form.Remove("Input.ConsentConfirmed");
        form.Remove("Input.ConsentMethod");

        var response = await app.CreateBrowserlikeClient().PostFormAsync("/verwijzen", form);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Je kunt alleen verwijzen als de inwoner toestemming heeft gegeven.", html, StringComparison.Ordinal);
        Assert.Contains("Kies hoe de toestemming is gegeven.", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Fatma\"", html, StringComparison.Ordinal);
        Assert.Equal(before, app.WithDb(db => (db.HelpRequests.Count(), db.Referrals.Count())));
    }

    [Fact]
    public async Task Consent_in_the_future_is_refused()
    {
        var form = ReferralForm("Later");
        form["Input.ConsentDate"] = TestClock.Day(3);
        var html = await (await app.CreateBrowserlikeClient().PostFormAsync("/verwijzen", form)).Content.ReadAsStringAsync();
        Assert.Contains("De datum van de toestemming ligt in de toekomst.", html, StringComparison.Ordinal);
    }

    /// <summary>"Wat voor verwijzer ben je?" offered the "how did you hear of us" list (friend, social media, …).</summary>
    [Fact]
    public async Task Referrer_kind_offers_kinds_of_referrer_and_refuses_a_how_did_you_hear_answer()
    {
        var page = await app.CreateClient().GetStringAsync("/verwijzen");
        var start = page.IndexOf("id=\"Input_ReferrerKind\"", StringComparison.Ordinal);
        var select = page[start..page.IndexOf("</select>", start, StringComparison.Ordinal)];
        Assert.Contains("Huisarts of POH", select, StringComparison.Ordinal);
        Assert.Contains("Sociaal team", select, StringComparison.Ordinal);
        Assert.DoesNotContain("Vriend of familie", select, StringComparison.Ordinal);
        Assert.DoesNotContain("Social media", select, StringComparison.Ordinal);

        var before = app.WithDb(db => db.Referrals.Count());
        var form = ReferralForm("Verwijzer via social media " + Guid.NewGuid());
        form["Input.ReferrerKind"] = "social-media";
        var html = await (await app.CreateBrowserlikeClient().PostFormAsync("/verwijzen", form)).Content.ReadAsStringAsync();

        Assert.Contains("Kies wat voor verwijzer je bent.", html, StringComparison.Ordinal);
        Assert.Equal(before, app.WithDb(db => db.Referrals.Count()));
    }

    [Fact]
    public async Task Referral_place_without_account_refers_and_follows_the_status_but_never_the_content()
    {
        var question = "Mevrouw raakt haar post kwijt " + Guid.NewGuid();
        var response = await app.CreateBrowserlikeClient().PostFormAsync("/verwijzen", ReferralForm(question));
        var html = await response.Content.ReadAsStringAsync();
        var code = Code().Match(html).Value;
        var token = StatusLink().Match(html).Groups[1].Value;

        Assert.Contains("Verwijzing ontvangen", html, StringComparison.Ordinal);
        var stored = app.WithDb(db => db.HelpRequests.AsNoTracking().Single(h => h.ReferenceCode == code));
        Assert.Equal(RequestChannel.Referrer, stored.Channel);
        Assert.Equal("huisarts", stored.SourceCode);
        Assert.Null(stored.StatusTokenHash);
        var referral = app.WithDb(db => db.Referrals.AsNoTracking().Single(r => r.HelpRequestId == stored.Id));
        Assert.Equal(ConsentMethod.ResidentPresent, referral.ConsentMethod);
        Assert.Equal(ConsentGivenBy.Resident, referral.ConsentGivenBy);
        Assert.Equal("kreeft@praktijk.test", referral.ReferrerEmail);

        var status = await app.CreateClient().GetStringAsync($"/verwijzing/{token}");
        Assert.Contains(code, status, StringComparison.Ordinal);
        Assert.Contains("Ontvangen", status, StringComparison.Ordinal);
        Assert.DoesNotContain("post kwijt", status, StringComparison.Ordinal);

        // The referrer's link is not a resident status link.
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/status/{token}")).StatusCode);
    }

    [Fact]
    public async Task Referred_resident_with_an_email_address_gets_the_code_and_a_status_link_of_their_own()
    {
        var email = $"fatma.{Guid.NewGuid():N}@voorbeeld.test";
        var form = ReferralForm("Mevrouw wil hulp bij een aanvraag " + Guid.NewGuid());
        form["Input.Email"] = email;
        var response = await app.CreateBrowserlikeClient().PostFormAsync("/verwijzen", form);
        var html = await response.Content.ReadAsStringAsync();
        var code = Code().Match(html).Value;
        var referrerToken = StatusLink().Match(html).Groups[1].Value;
        Assert.Contains("De inwoner krijgt een mail met deze code", html, StringComparison.Ordinal);

        var mail = Directory.GetFiles(app.MailFolder, "*.eml").Select(File.ReadAllText).Single(m => m.Contains(email, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(code, mail, StringComparison.Ordinal);
        Assert.Contains("met jouw toestemming aangemeld", mail, StringComparison.Ordinal);
        var residentToken = Regex.Match(mail, "/status/([A-Za-z0-9_-]{43})").Groups[1].Value;
        Assert.Equal(43, residentToken.Length);
        Assert.NotEqual(referrerToken, residentToken);
        Assert.DoesNotContain(referrerToken, mail, StringComparison.Ordinal);

        var status = await app.CreateClient().GetAsync($"/status/{residentToken}");
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Contains(code, await status.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Without an e-mail address there is no resident link (and nothing to mail it to).
        Assert.Null(app.WithDb(db => db.HelpRequests.AsNoTracking().Where(h => h.ReferenceCode != code && h.Channel == RequestChannel.Referrer && h.StatusTokenHash != null
            && !db.Residents.Any(r => r.Id == h.ResidentId && r.Email != null)).Select(h => h.ReferenceCode).FirstOrDefault()));
    }

    [Fact]
    public async Task Referrer_with_an_account_sees_only_the_status_of_its_own_organisations_referrals()
    {
        var practice = await app.CreateOrganizationAsync(OrganizationKind.Referrer);
        var otherPractice = await app.CreateOrganizationAsync(OrganizationKind.Referrer);
        var referrer = await app.CreateStaffAsync(StaffRoles.Referrer, practice.Id, twoFactor: true);
        var other = await app.CreateStaffAsync(StaffRoles.Referrer, otherPractice.Id, twoFactor: true);
        var client = await app.SignInAsync(referrer);
        var question = "Meneer kan zijn medicijnen niet betalen " + Guid.NewGuid();
        var form = ReferralForm(question);
        foreach (var key in new[] { "Input.ReferrerName", "Input.ReferrerOrganization", "Input.ReferrerEmail", "Input.ReferrerKind" })
        {
            form.Remove(key);
        }

        var html = await (await client.PostFormAsync("/verwijzen", form)).Content.ReadAsStringAsync();
        var code = Code().Match(html).Value;
        Assert.Contains("Naar mijn verwijzingen", html, StringComparison.Ordinal);
        Assert.Equal(practice.Id, app.WithDb(db => db.Referrals.Single(r => r.ReferrerUserId == referrer.User.Id).ReferrerOrganizationId));

        var mine = await client.GetStringAsync("/verwijzer");
        Assert.Contains(code, mine, StringComparison.Ordinal);
        Assert.Contains("Ontvangen", mine, StringComparison.Ordinal);
        Assert.Contains("1 verwijzing, 0 zonder contact", mine, StringComparison.Ordinal);
        Assert.DoesNotContain("medicijnen", mine, StringComparison.Ordinal);

        var theirs = await (await app.SignInAsync(other)).GetStringAsync("/verwijzer");
        Assert.DoesNotContain(code, theirs, StringComparison.Ordinal);

        // Case content is out of reach through the staff routes too.
        var residentId = app.WithDb(db => db.HelpRequests.Single(h => h.ReferenceCode == code).ResidentId);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/werk/inwoners/{residentId}")).StatusCode);
    }

    [Fact]
    public async Task Referral_without_first_contact_after_five_working_days_is_marked_overdue()
    {
        var practice = await app.CreateOrganizationAsync(OrganizationKind.Referrer);
        var referrer = await app.CreateStaffAsync(StaffRoles.Referrer, practice.Id, twoFactor: true);
        var client = await app.SignInAsync(referrer);
        var form = ReferralForm("Wacht al lang");
        form["Input.ConsentDate"] = TestClock.Day(-10);
        var code = Code().Match(await (await client.PostFormAsync("/verwijzen", form)).Content.ReadAsStringAsync()).Value;
        Assert.DoesNotContain("Nog geen contact na 5 werkdagen", await client.GetStringAsync("/verwijzer"), StringComparison.Ordinal);

        await app.WithDbAsync(async db =>
        {
            var request = await db.HelpRequests.SingleAsync(h => h.ReferenceCode == code);
            request.ReceivedAt = request.ReceivedAt.AddDays(-10);
            return await db.SaveChangesAsync();
        });

        Assert.Contains("Nog geen contact na 5 werkdagen", await client.GetStringAsync("/verwijzer"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_roles_cannot_open_the_referrer_overview()
    {
        var organization = await app.CreateOrganizationAsync();
        var coordinator = await app.CreateStaffAsync(StaffRoles.Coordinator, organization.Id, twoFactor: true);
        var response = await (await app.SignInAsync(coordinator)).GetAsync("/verwijzer");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/geen-toegang", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }
}
