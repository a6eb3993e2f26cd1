using System.Net;
using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.IntegrationTests.Infrastructure;
using Meedenker.Web.Features.Monitoring;
using Meedenker.Web.Features.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Meedenker.IntegrationTests;

public sealed class RetentionTests(FakeClockFactory app) : IClassFixture<FakeClockFactory>
{
    private sealed record Person(Guid ResidentId, Guid RequestId, Guid? CaseId, string Name, string Email, string Note);

    /// <summary>
    /// A resident with one help request; with a case when <paramref name="caseClosedAgo"/> or <paramref name="caseOpen"/>
    /// is given (a contact with a note, a self-reliance score, a referral), otherwise withdrawn <paramref name="withdrawnAgo"/> ago.
    /// </summary>
    private async Task<Person> PersonAsync(string name, Guid organizationId, TimeSpan? caseClosedAgo = null, TimeSpan? withdrawnAgo = null, bool caseOpen = false, Guid? residentId = null)
    {
        var now = app.Clock.GetUtcNow();
        var unique = MeedenkerFactory.Unique("");
        var email = $"{name.ToLowerInvariant()}.{unique}@voorbeeld.test";
        var note = $"Geheime notitie over {name} {unique}";
        return await app.WithDbAsync(async db =>
        {
            var municipality = await db.Municipalities.OrderBy(m => m.Code).FirstAsync();
            var received = now - (caseClosedAgo ?? withdrawnAgo ?? TimeSpan.Zero) - TimeSpan.FromDays(60);
            var resident = residentId is { } existing ? await db.Residents.SingleAsync(r => r.Id == existing) : new Resident
            {
                Id = Guid.NewGuid(),
                FirstName = name,
                LastName = "Achternaam" + unique,
                Email = email,
                Phone = "06" + unique[..8],
                Address = "Dorpsstraat 1",
                BirthYear = 1950,
                MunicipalityId = municipality.Id,
                CreatedAt = received,
            };
            if (residentId is null)
            {
                db.Residents.Add(resident);
            }
            var request = new HelpRequest
            {
                Id = Guid.NewGuid(),
                ReferenceCode = ReferenceCode.New(),
                ReceivedAt = received,
                ResidentId = resident.Id,
                MunicipalityId = municipality.Id,
                Channel = RequestChannel.Referrer,
                LifeDomainCode = "financien-inkomen",
                Question = $"Vraag van {name}: {note}",
                Postcode = "4461AB",
                RelativeName = "Familie " + name,
                StatusTokenHash = SecretToken.Hash(SecretToken.New()),
                Status = HelpRequestStatus.Received,
            };
            request.LifeDomains.Add(new HelpRequestLifeDomain { Code = "financien-inkomen" });
            db.HelpRequests.Add(request);
            db.Referrals.Add(new Referral
            {
                Id = Guid.NewGuid(),
                HelpRequestId = request.Id,
                ReferrerName = "Dokter van " + name,
                ReferrerEmail = "dokter." + email,
                ReferrerPhone = "0113" + unique[..6],
                ReferrerTokenHash = SecretToken.Hash(SecretToken.New()),
                ConsentGivenBy = ConsentGivenBy.Resident,
                ConsentMethod = ConsentMethod.Verbal,
                ConsentGivenAt = received,
                CreatedAt = received,
            });
            Case? @case = null;
            if (caseClosedAgo is not null || caseOpen)
            {
                @case = Case.Offer(request, organizationId, (await db.Users.FirstAsync()).Id, received);
                @case.Accept(request, received);
                db.Contacts.Add(@case.RecordContact(request, received.AddDays(1), ContactMode.HomeVisit, 45, note, Guid.NewGuid(), received.AddDays(1)));
                db.SelfRelianceScores.Add(@case.RecordSelfReliance("financien-inkomen", SelfRelianceMoment.Start, 2, Guid.NewGuid(), received.AddDays(1)));
                if (caseClosedAgo is { } ago)
                {
                    var closedAt = now - ago;
                    db.FollowUps.Add(@case.Close(request, CloseReason.QuestionAnswered, 4, DateOnly.FromDateTime(closedAt.UtcDateTime).AddDays(90), [], closedAt));
                }
                db.Cases.Add(@case);
            }
            else if (withdrawnAgo is { } gone)
            {
                request.Withdraw(now - gone);
            }
            await db.SaveChangesAsync();
            return new Person(resident.Id, request.Id, @case?.Id, name, resident.Email ?? email, note);
        });
    }

    private static readonly TimeSpan Month = TimeSpan.FromDays(31);

    private Task<string> FiguresAsync() => app.MonitorFiguresAsync();

    private async Task<RetentionReport> RunAsync(bool dryRun)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<RetentionJob>().RunAsync(app.Clock.GetUtcNow(), dryRun, CancellationToken.None);
    }

    [Fact]
    public async Task The_job_anonymises_exactly_what_is_past_its_term_and_the_monitoring_counts_stay()
    {
        var organization = await app.CreateOrganizationAsync();
        await app.CreateStaffAsync(StaffRoles.Supporter, organization.Id);
        var closedLongAgo = await PersonAsync("Anneke", organization.Id, caseClosedAgo: 25 * Month);
        var closedRecently = await PersonAsync("Bert", organization.Id, caseClosedAgo: 23 * Month);
        var withdrawnLongAgo = await PersonAsync("Carla", organization.Id, withdrawnAgo: 7 * Month);
        var withdrawnRecently = await PersonAsync("Dirk", organization.Id, withdrawnAgo: 5 * Month);
        var stillOpen = await PersonAsync("Frank", organization.Id, caseOpen: true);
        // Eva's old case is past its term, but she asked again and that case is still open: only the old request goes.
        var evaOld = await PersonAsync("Eva", organization.Id, caseClosedAgo: 30 * Month);
        var evaNew = await PersonAsync("Eva", organization.Id, caseOpen: true, residentId: evaOld.ResidentId);
        var before = await FiguresAsync();

        var dryRun = await RunAsync(dryRun: true);
        Assert.Equal((2, 1, 2, 2), (dryRun.ClosedRequests, dryRun.UnmatchedRequests, dryRun.Cases, dryRun.Residents));
        Assert.Equal(before, await FiguresAsync());
        var everyone = new[] { closedLongAgo, closedRecently, withdrawnLongAgo, withdrawnRecently, stillOpen, evaOld }.Select(p => p.ResidentId).ToList();
        Assert.Empty(await app.WithDbAsync(db => db.Residents.Where(r => everyone.Contains(r.Id) && r.AnonymisedAt != null).ToListAsync()));

        var report = await RunAsync(dryRun: false);
        Assert.Equal((2, 1, 2, 2), (report.ClosedRequests, report.UnmatchedRequests, report.Cases, report.Residents));

        Assert.Equal(before, await FiguresAsync());
        foreach (var gone in new[] { closedLongAgo, withdrawnLongAgo })
        {
            Assert.Empty(await app.FindInDatabaseAsync(gone.Email));
            Assert.Empty(await app.FindInDatabaseAsync(gone.Note));
            Assert.Empty(await app.FindInDatabaseAsync("Achternaam" + gone.Email.Split('.', '@')[1]));
            var resident = await app.WithDbAsync(db => db.Residents.SingleAsync(r => r.Id == gone.ResidentId));
            Assert.Equal((null, null, null, null, null, 1950), (resident.FirstName, resident.LastName, resident.Email, resident.Phone, resident.Address, resident.BirthYear));
            var request = await app.WithDbAsync(db => db.HelpRequests.Include(h => h.LifeDomains).SingleAsync(h => h.Id == gone.RequestId));
            Assert.Equal((null, null, "4461", null), (request.Question, request.RelativeName, request.Postcode, request.StatusTokenHash));
            Assert.Equal(["financien-inkomen"], request.LifeDomains.Select(d => d.Code));
            // The access log keeps the fact: the system erased this resident's data, with the purpose.
            Assert.True(await app.WithDbAsync(db => db.AccessLog.AnyAsync(a => a.ResidentId == gone.ResidentId && a.Action == AccessAction.Delete && a.Purpose == "retention")));
        }
        Assert.Null(await app.WithDbAsync(db => db.Contacts.Where(c => c.CaseId == closedLongAgo.CaseId).Select(c => c.Note).SingleAsync()));
        Assert.Empty(await app.FindInDatabaseAsync(evaOld.Note));
        foreach (var kept in new[] { closedRecently, withdrawnRecently, stillOpen, evaNew })
        {
            Assert.NotEmpty(await app.FindInDatabaseAsync(kept.Email));
            Assert.NotEmpty(await app.FindInDatabaseAsync(kept.Note));
        }

        // Idempotent: a second run finds nothing more; a month later Bert's case is past its term too.
        Assert.Equal((0, 0, 0, 0), await Counts());
        app.Clock.Advance(2 * Month);
        Assert.Equal((1, 1, 1, 2), await Counts());
        Assert.Equal(before, await FiguresAsync());
    }

    private async Task<(int, int, int, int)> Counts()
    {
        var r = await RunAsync(dryRun: false);
        return (r.ClosedRequests, r.UnmatchedRequests, r.Cases, r.Residents);
    }

    [Fact]
    public async Task Erasing_a_resident_removes_their_personal_data_everywhere_at_once()
    {
        var organization = await app.CreateOrganizationAsync();
        await app.CreateStaffAsync(StaffRoles.Supporter, organization.Id);
        var person = await PersonAsync("Gerda", organization.Id, caseClosedAgo: Month);
        var before = await FiguresAsync();

        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<Anonymisation>().EraseResidentAsync(person.ResidentId, app.Clock.GetUtcNow(), CancellationToken.None);
        }

        Assert.Empty(await app.FindInDatabaseAsync(person.Email));
        Assert.Empty(await app.FindInDatabaseAsync(person.Note));
        Assert.Empty(await app.FindInDatabaseAsync("Dokter van Gerda"));
        Assert.Equal(before, await FiguresAsync());
        Assert.True(await app.WithDbAsync(db => db.AccessLog.AnyAsync(a => a.ResidentId == person.ResidentId && a.Purpose == "erasure-request")));
    }

    [Fact]
    public async Task Admins_see_the_dry_run_and_run_the_job_now_others_get_403()
    {
        var organization = await app.CreateOrganizationAsync();
        await app.CreateStaffAsync(StaffRoles.Supporter, organization.Id);
        var person = await PersonAsync("Hanna", organization.Id, withdrawnAgo: 8 * Month);
        var coordinator = await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.Coordinator, organization.Id, twoFactor: true));
        var refused = await coordinator.GetAsync("/beheer/bewaartermijnen");
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.GetAsync(refused.Headers.Location)).StatusCode);

        var admin = await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.Admin, organization.Id, twoFactor: true));
        var page = await admin.GetStringAsync("/beheer/bewaartermijnen");
        Assert.Matches("id=\"count-unmatched\">[1-9]", page);
        Assert.NotEmpty(await app.FindInDatabaseAsync(person.Email));

        var run = await admin.PostFormAsync("/beheer/bewaartermijnen?handler=Run", [], "/beheer/bewaartermijnen");
        Assert.Equal(HttpStatusCode.Redirect, run.StatusCode);
        Assert.Contains("zijn geanonimiseerd", await admin.GetStringAsync("/beheer/bewaartermijnen"), StringComparison.Ordinal);
        Assert.Empty(await app.FindInDatabaseAsync(person.Email));
        var after = await admin.GetStringAsync("/beheer/bewaartermijnen");
        Assert.Contains("id=\"count-unmatched\">0<", after, StringComparison.Ordinal);
        Assert.Contains("id=\"count-closed\">0<", after, StringComparison.Ordinal);
    }
}
