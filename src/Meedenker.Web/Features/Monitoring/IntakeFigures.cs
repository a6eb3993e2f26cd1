using System.Globalization;
using Meedenker.Data;
using Meedenker.Domain;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Monitoring;

/// <summary>The analyst's scope: one municipality, or the whole region.</summary>
public sealed record MonitorScope(Guid? MunicipalityId, string Name);

/// <summary>
/// Weekly intake figures for a scope and period, computed from the requests' date and channel only: no
/// resident data leaves the database, and every table is suppressed before it is shown or exported.
/// </summary>
public sealed class IntakeFigures(AppDbContext db)
{
    public sealed record Week(DateOnly Start, int Self, int Relative, int Referrer)
    {
        public int Total => Self + Relative + Referrer;
    }

    public sealed record Result(IReadOnlyList<Week> Weeks, IReadOnlyList<WeekCheck> Checks, Suppression.Table ByDomain, IReadOnlyList<string> DomainCodes);

    public static readonly RequestChannel[] Channels = [RequestChannel.Self, RequestChannel.Relative, RequestChannel.Referrer];

    public async Task<Result> LoadAsync(MonitorScope scope, DateOnly from, DateOnly to, IReadOnlyList<string> domainCodes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(domainCodes);
        // The detector needs history before the period; a year and eight weeks covers its baselines.
        var historyStart = Monday(from).AddDays(-7 * (52 + DropDetector.Baseline));
        var start = new DateTimeOffset(historyStart.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var requests = db.HelpRequests.AsNoTracking().Where(h => h.ReceivedAt >= start && h.ReceivedAt < end);
        if (scope.MunicipalityId is { } municipality)
        {
            requests = requests.Where(h => h.MunicipalityId == municipality);
        }
        var rows = await requests.Select(h => new { h.ReceivedAt, h.Channel, h.LifeDomainCode }).ToListAsync(cancellationToken);

        var weeks = new List<Week>();
        var index = new Dictionary<DateOnly, int>();
        for (var monday = historyStart; monday <= to; monday = monday.AddDays(7))
        {
            index[monday] = weeks.Count;
            weeks.Add(new Week(monday, 0, 0, 0));
        }
        var domainCounts = new int[domainCodes.Count, Channels.Length];
        foreach (var row in rows)
        {
            var monday = Monday(DateOnly.FromDateTime(row.ReceivedAt.UtcDateTime));
            if (!index.TryGetValue(monday, out var i))
            {
                continue;
            }
            var week = weeks[i];
            weeks[i] = row.Channel switch
            {
                RequestChannel.Self => week with { Self = week.Self + 1 },
                RequestChannel.Relative => week with { Relative = week.Relative + 1 },
                _ => week with { Referrer = week.Referrer + 1 },
            };
            var domain = row.LifeDomainCode is null ? -1 : IndexOf(domainCodes, row.LifeDomainCode);
            if (monday >= Monday(from) && domain >= 0)
            {
                domainCounts[domain, Array.IndexOf(Channels, row.Channel)]++;
            }
        }
        var checks = DropDetector.Check(weeks.Select(w => w.Total).ToList());
        var first = index[Monday(from)];
        return new Result(weeks.Skip(first).ToList(), checks.Skip(first).Select(c => c with { Week = c.Week - first }).ToList(),
            Suppression.Apply(domainCounts), domainCodes);
    }

    public static DateOnly Monday(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    public static int IsoWeek(DateOnly date) => ISOWeek.GetWeekOfYear(date.ToDateTime(TimeOnly.MinValue));

    private static int IndexOf(IReadOnlyList<string> codes, string code)
    {
        for (var i = 0; i < codes.Count; i++)
        {
            if (codes[i] == code)
            {
                return i;
            }
        }
        return -1;
    }
}
