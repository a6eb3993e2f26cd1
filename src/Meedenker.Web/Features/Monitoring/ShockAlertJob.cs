using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Meedenker.Web.Features.Monitoring;

/// <summary>
/// Checks weekly intake for sudden drops, for the whole region, each municipality and each target group,
/// with <see cref="DropDetector"/>. A drop found in the last half year is stored once, at its first week
/// (unique per scope and week, so the job is idempotent); a fresh one (in the last two complete weeks) is
/// mailed to analysts and coordinators with the suggestion to start calling known residents.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ShockAlertJob(AppDbContext db, MonitorAggregator aggregator, ReferenceData referenceData, MailSender mail, TimeProvider time, ILogger<ShockAlertJob> logger) : IJob
{
    public static readonly JobKey Key = new("shock-alert");
    public const string RegionScope = "region";
    public const string MunicipalityScope = "municipality";
    public const string TargetGroupScope = "target-group";
    public const int LookBackWeeks = ShockScan.LookBackWeeks;
    public const int FreshWeeks = 2;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var alerts = await RunAsync(time.GetUtcNow(), cancellationToken);
        if (alerts.Count > 0)
        {
            logger.LogInformation("Shock alert: {Count} new drops in intake", alerts.Count);
        }
    }

    /// <summary>Finds drops and stores (and mails) the new ones; returns the new alerts.</summary>
    public async Task<IReadOnlyList<MonitorAlert>> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var window = ShockScan.For(now);
        var facts = await aggregator.ComputeAsync(new MonitorFilter(), window.History, window.LastWeek, cancellationToken,
            new HashSet<string>(StringComparer.Ordinal) { MonitorKinds.Asker, MonitorKinds.TargetGroup });
        var reference = await referenceData.GetAsync(cancellationToken);

        var series = new List<(string Kind, string Code, int[] Counts)>();
        int[] Series(IEnumerable<MonitorFact> rows)
        {
            var counts = new int[window.Weeks];
            foreach (var f in rows)
            {
                counts[window.IndexOf(DateOnly.FromDayNumber(f.Week))] += f.Count;
            }
            return counts;
        }
        var asked = facts.Where(f => f.Kind == MonitorKinds.Asker).ToList();
        series.Add((RegionScope, "", Series(asked)));
        foreach (var m in reference.Municipalities)
        {
            series.Add((MunicipalityScope, m.Code, Series(asked.Where(f => f.MunicipalityId == m.Id))));
        }
        foreach (var group in facts.Where(f => f.Kind == MonitorKinds.TargetGroup && f.Detail != "").GroupBy(f => f.Detail))
        {
            series.Add((TargetGroupScope, group.Key, Series(group)));
        }

        // A drop already stored is not stored again, also when a later week's data moves its first week a
        // little (a low week before it that the next weeks confirm): one drop, one alert.
        var near = window.LookFrom.AddDays(-7 * DropDetector.QuietWeeksBetweenAlerts);
        var existing = await db.MonitorAlerts.AsNoTracking().Where(a => a.WeekStart >= near)
            .Select(a => new { a.ScopeKind, a.ScopeCode, a.WeekStart }).ToListAsync(cancellationToken);
        var created = new List<MonitorAlert>();
        foreach (var (kind, code, counts) in series)
        {
            foreach (var finding in ShockScan.Find(window, counts))
            {
                if (existing.Any(e => e.ScopeKind == kind && e.ScopeCode == code &&
                    Math.Abs(e.WeekStart.DayNumber - finding.WeekStart.DayNumber) <= 7 * DropDetector.QuietWeeksBetweenAlerts))
                {
                    continue;
                }
                created.Add(new MonitorAlert
                {
                    Id = Guid.NewGuid(),
                    ScopeKind = kind,
                    ScopeCode = code,
                    WeekStart = finding.WeekStart,
                    Count = finding.Count,
                    Expected = finding.Expected,
                    SeasonAware = finding.SeasonAware,
                    CreatedAt = now,
                });
            }
        }
        if (created.Count == 0)
        {
            return created;
        }
        db.MonitorAlerts.AddRange(created);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance stored the same alerts first (unique per scope and week): nothing to add.
            db.ChangeTracker.Clear();
            return [];
        }

        var fresh = created.Where(a => a.WeekStart >= window.LastWeek.AddDays(-7 * (FreshWeeks - 1))).ToList();
        if (fresh.Count > 0)
        {
            await MailAsync(fresh, reference, now, cancellationToken);
        }
        return created;
    }

    /// <summary>
    /// The alert in words an analyst can check: "23 hulpvragen, meestal ongeveer 41 in deze week van het jaar".
    /// A count under five is not shown exactly (it could point to a person in a small municipality).
    /// </summary>
    public static string Explain(int count, double expected, bool seasonAware, bool english)
    {
        var what = count < Suppression.Threshold
            ? english ? $"fewer than {Suppression.Threshold} requests" : $"minder dan {Suppression.Threshold} hulpvragen"
            : english ? $"{count} requests" : $"{count} hulpvragen";
        var usual = seasonAware
            ? english ? $"usually about {expected:0} in this week of the year" : $"meestal ongeveer {expected:0} in deze week van het jaar"
            : english ? $"about {expected:0} in recent weeks" : $"de weken ervoor ongeveer {expected:0}";
        return what + ", " + usual;
    }

    public static string Describe(MonitorAlert alert, ReferenceSnapshot reference)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(reference);
        return alert.ScopeKind switch
        {
            MunicipalityScope => Lang.Pick("gemeente ", "municipality ") + (reference.Municipalities.FirstOrDefault(m => m.Code == alert.ScopeCode)?.Name ?? alert.ScopeCode),
            TargetGroupScope => Lang.Pick("doelgroep ", "target group ") + reference.TermName(TaxonomyKind.TargetGroup, alert.ScopeCode),
            _ => Lang.Pick("de hele regio", "the whole region"),
        };
    }

    private async Task MailAsync(List<MonitorAlert> alerts, ReferenceSnapshot reference, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var roles = await db.Roles.Where(r => r.Name == StaffRoles.MunicipalityAnalyst || r.Name == StaffRoles.Coordinator).Select(r => r.Id).ToListAsync(cancellationToken);
        var recipients = await db.Users.AsNoTracking()
            .Where(u => !u.IsDisabled && u.Email != null && db.UserRoles.Any(ur => ur.UserId == u.Id && roles.Contains(ur.RoleId)))
            .Select(u => u.Email!).Distinct().ToListAsync(cancellationToken);
        string Lines(bool english) => string.Join("\n", alerts.Select(a =>
            english
                ? $"- week of {a.WeekStart:yyyy-MM-dd}, {DescribeIn(a, reference, true)}: {Explain(a.Count, a.Expected, a.SeasonAware, true)}"
                : $"- week van {a.WeekStart:yyyy-MM-dd}, {DescribeIn(a, reference, false)}: {Explain(a.Count, a.Expected, a.SeasonAware, false)}"));
        var body = "Er komen plotseling veel minder hulpvragen binnen dan verwacht:\n" + Lines(false) +
            "\n\nDe nood is dan vaak niet kleiner. Overweeg proactief te bellen met bekende inwoners: de bellijst staat op " + MonitorModel.OutreachList +
            ". De cijfers staan op /monitor.\n\n" +
            "Far fewer help requests are coming in than expected:\n" + Lines(true) +
            "\n\nNeed is often not smaller then. Consider calling known residents proactively: the outreach list is at " + MonitorModel.OutreachList +
            ". The figures are at /monitor.\n";
        foreach (var to in recipients)
        {
            try
            {
                await mail.SendAsync(to, "Meedenker: plotselinge daling van het aantal hulpvragen / sudden drop in help requests", body, cancellationToken);
            }
#pragma warning disable CA1031 // The alert is stored and shown on the dashboard; a mail that fails is only logged.
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.LogWarning(e, "Shock alert mail to a recipient could not be sent");
            }
        }
        foreach (var alert in alerts)
        {
            db.Attach(alert);
            alert.MailedAt = now;
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string DescribeIn(MonitorAlert alert, ReferenceSnapshot reference, bool english) => alert.ScopeKind switch
    {
        MunicipalityScope => (english ? "municipality " : "gemeente ") + (reference.Municipalities.FirstOrDefault(m => m.Code == alert.ScopeCode)?.Name ?? alert.ScopeCode),
        TargetGroupScope => (english ? "target group " : "doelgroep ") + (reference.Terms.FirstOrDefault(t => t.Taxonomy == TaxonomyKind.TargetGroup && t.Code == alert.ScopeCode) is { } t ? (english ? t.NameEn : t.NameNl) : alert.ScopeCode),
        _ => english ? "the whole region" : "de hele regio",
    };
}
