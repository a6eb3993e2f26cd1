using System.Net;
using System.Net.Http.Json;
using CsCheck;
using Meedenker.Domain;
using Meedenker.IntegrationTests.Infrastructure;

namespace Meedenker.IntegrationTests;

/// <summary>
/// Random and hostile input for the public form and API: every answer is a success or a clear validation
/// message, never a 500, and a refused submit stores nothing.
/// </summary>
public sealed class HostileInputTests(MeedenkerFactory app) : IClassFixture<MeedenkerFactory>
{
    private static readonly Gen<string?> Hostile = Gen.OneOf<string?>(
        Gen.Const((string?)null),
        Const(""),
        Const("   "),
        Const(new string('x', 20_000)),
        Const("<script>alert('x')</script>"),
        Const("\u0000\u0007\u001b[31m\u202e"),
        Const("👩‍👩‍👧‍👦🏳️‍🌈 e\u0301 Ω"),
        Const("'; DROP TABLE \"HelpRequests\"; --"),
        Const("../../etc/passwd"),
        Gen.String[Gen.Char[(char)0, (char)0xD7FF], 0, 300].Select(s => (string?)s));

    private static Gen<string?> Const(string value) => Gen.Const((string?)value);

    private static Gen<string?> Pick(params string[] values) => Gen.Int[0, values.Length - 1].Select(i => (string?)values[i]);

    private static Gen<T?> Sometimes<T>(Gen<T?> valid, Gen<T?> hostile) => Gen.Frequency((3, valid), (2, hostile));

    private static readonly Gen<Dictionary<string, string?>> Forms =
        Gen.Select(
            Sometimes(Pick("self", "relative"), Hostile),
            Sometimes(Pick("GM0664", "GM0654", "GM1695"), Hostile),
            Sometimes(Pick("wonen", "veiligheid"), Hostile),
            Sometimes(Pick("Ik heb hulp nodig met mijn post.", "Help"), Hostile),
            Sometimes(Pick("Anne", "Özlem"), Hostile),
            Sometimes(Pick("phone", "email"), Hostile),
            Sometimes(Pick("0612345678", "+31 6 1234 5678"), Hostile),
            Sometimes(Pick("anne@example.test"), Hostile))
        .Select((asked, municipality, domain, question, name, preference, phone, email) => new Dictionary<string, string?>
        {
            ["AskedBy"] = asked,
            ["MunicipalityCode"] = municipality,
            ["LifeDomains"] = domain,
            ["Question"] = question,
            ["FirstName"] = name,
            ["ContactPreferences"] = preference,
            ["Phone"] = phone,
            ["Email"] = email,
            ["NeedsInterpreter"] = name?.Length > 50 ? name : "true",
        });

    [Fact]
    public async Task Form_answers_every_input_with_the_form_or_a_receipt_and_stores_only_receipts()
    {
        var client = app.CreateBrowserlikeClient();
        await Forms.SampleAsync(async fields =>
        {
            var before = app.WithDb(db => db.HelpRequests.Count());
            var form = fields.Where(f => f.Value is not null).ToDictionary(f => "Input." + f.Key, f => f.Value!);
            var response = await client.PostFormAsync("/hulp-vragen", form);
            var html = await response.Content.ReadAsStringAsync();

            // A NUL character is refused by the framework before our page sees it: the friendly 400 page.
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"Got {(int)response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                Assert.Contains("Dit verzoek klopt niet", html, StringComparison.Ordinal);
                Assert.Equal(before, app.WithDb(db => db.HelpRequests.Count()));
                return;
            }
            var stored = html.Contains("Je vraag is ontvangen", StringComparison.Ordinal);
            Assert.Equal(before + (stored ? 1 : 0), app.WithDb(db => db.HelpRequests.Count()));
            Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
            if (!stored)
            {
                Assert.Contains("Controleer het formulier", html, StringComparison.Ordinal);
            }
        }, iter: 40, threads: 1);
    }

    [Fact]
    public async Task Api_answers_every_input_with_201_or_a_validation_problem_and_stores_only_on_201()
    {
        var client = app.CreateClient();
        await Forms.SampleAsync(async fields =>
        {
            var before = app.WithDb(db => db.HelpRequests.Count());
            var body = new Dictionary<string, object?>
            {
                ["askedBy"] = fields["AskedBy"],
                ["municipalityCode"] = fields["MunicipalityCode"],
                ["lifeDomains"] = fields["LifeDomains"] is null ? null : new[] { fields["LifeDomains"] },
                ["question"] = fields["Question"],
                ["firstName"] = fields["FirstName"],
                ["contactPreferences"] = new[] { fields["ContactPreferences"] },
                ["phone"] = fields["Phone"],
                ["email"] = fields["Email"],
            };
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/help-requests") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", SecretToken.New());
            var response = await client.SendAsync(request);

            Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.BadRequest, $"Got {(int)response.StatusCode}");
            var expected = response.StatusCode == HttpStatusCode.Created ? before + 1 : before;
            Assert.Equal(expected, app.WithDb(db => db.HelpRequests.Count()));
        }, iter: 60, threads: 1);
    }
}
