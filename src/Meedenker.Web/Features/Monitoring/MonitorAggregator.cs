using System.Runtime.CompilerServices;
using Meedenker.Data;
using Meedenker.Data.Generation;
using Meedenker.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Meedenker.Web.Features.Monitoring;

/// <summary>What a <see cref="MonitorFact"/> counts.</summary>
public static class MonitorKinds
{
    /// <summary>Requests by who asked: Self, Relative or "ref:" + the referrer kind; week received.</summary>
    public const string Asker = "asker";
    /// <summary>Requests not from a referrer by "how did you hear of us".</summary>
    public const string Source = "source";
    public const string TargetGroup = "target";
    public const string LifeDomain = "domain";
    /// <summary>Requests by neighbourhood code.</summary>
    public const string Area = "area";
    /// <summary>Requests with a first contact, by days from receipt (Value, 60 = 60 or more); week received.</summary>
    public const string FirstContact = "first";
    /// <summary>Cases accepted, "formal" or "informal" (a C organisation); week opened.</summary>
    public const string Opened = "opened";
    /// <summary>Cases closed, formal or informal, by weeks of duration (Value, 52 = a year or more); week closed.</summary>
    public const string Closed = "closed";
    /// <summary>Closed cases with a start and a final self-reliance score: Detail life domain, Value change.</summary>
    public const string SelfReliance = "selfrel";
    /// <summary>Contacts by mode; week of the contact.</summary>
    public const string Contact = "contact";
    /// <summary>Waakvlam check-ins that came due, still open or done; week due.</summary>
    public const string FollowUpOpen = "fu-open";
    public const string FollowUpDone = "fu-done";
    /// <summary>Residents who asked for help again after closing; week they asked.</summary>
    public const string Return = "return";
    /// <summary>Requests whose case names a law in one of its questions (each law once per request); week received.</summary>
    public const string Law = "law";
    /// <summary>Accepted handovers (op/afschalen): Detail direction + ":whole" or ":part"; week accepted.</summary>
    public const string Handover = "handover";
    /// <summary>Residents' experience at closing: Detail the question (heard, helped, manages), Value the score 1–5; week given.</summary>
    public const string Experience = "experience";

    public const int FirstContactCap = 60;
    public const int DurationCapWeeks = 52;
}

/// <summary>Filters that narrow the figures to part of the requests.</summary>
public sealed record MonitorFilter(Guid? MunicipalityId = null, Guid? NeighbourhoodId = null, string? TargetGroup = null, string? LifeDomain = null, RequestChannel? Channel = null,
    string? Law = null)
{
    /// <summary>True when a filter other than the municipality is set: the pre-aggregated rows cannot answer it.</summary>
    public bool NeedsLiveQuery => NeighbourhoodId is not null || TargetGroup is not null || LifeDomain is not null || Channel is not null || Law is not null;
}

/// <summary>
/// Computes the monitor's counts inside the database with GROUP BY queries (one per kind, joined by UNION
/// ALL): only counts per week, municipality and category come out, never a request or case. The same SQL
/// fills the pre-aggregated table (no filters, all weeks) and answers filtered views directly, so both give
/// the same numbers. Week and day arithmetic is the only provider-specific part: PostgreSQL has timestamptz
/// and date; on SQLite EF stores DateTimeOffset as <see cref="DateTimeOffsetToBinaryConverter"/> longs
/// (ticks / 1000 shifted left by 11 bits, offset in the low bits; always UTC here) and DateOnly as text.
/// </summary>
public sealed class MonitorAggregator(AppDbContext db)
{
    /// <summary>A result row of the GROUP BY queries (not a mapped entity).</summary>
    private sealed class Row
    {
        public string Kind { get; set; } = "";
        public int Week { get; set; }
        public Guid MunicipalityId { get; set; }
        public string Detail { get; set; } = "";
        public int Value { get; set; }
        public int Count { get; set; }
    }

    private sealed class Builder(bool sqlite)
    {
        public List<object> Args { get; } = [];

        public string Param(object value)
        {
            Args.Add(value);
            return "{" + (Args.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + "}";
        }

        /// <summary>Days since 0001-01-01 (a Monday) of a timestamp column, in UTC.</summary>
        public string Day(string column) => sqlite
            ? $"(({column} >> 11) / 864000000)"
            : $"(CAST(({column} AT TIME ZONE 'UTC') AS date) - DATE '0001-01-01')";

        public string DateDay(string column) => sqlite
            ? $"CAST(julianday({column}) - 1721425.5 AS INTEGER)"
            : $"({column} - DATE '0001-01-01')";

        public static string Monday(string day) => $"({day} - ({day} % 7))";

        public string Week(string column) => Monday(Day(column));

        /// <summary>One row per law code of a case question (alias <paramref name="alias"/>, column <c>value</c>).</summary>
        public string Laws(string question, string alias) => sqlite
            ? $"JOIN json_each({question}.\"LawCodes\") AS {alias}"
            : $"CROSS JOIN LATERAL unnest({question}.\"LawCodes\") AS {alias}(value)";

        public static string Cap(string expression, int cap) => $"(CASE WHEN {expression} > {cap} THEN {cap} WHEN {expression} < 0 THEN 0 ELSE {expression} END)";

        public string Time(DateTimeOffset value) => sqlite
            ? Param((long)new DateTimeOffsetToBinaryConverter().ConvertToProvider(value.ToUniversalTime())!)
            : Param(value.ToUniversalTime());
    }

    /// <summary>
    /// Counts for the given filter. <paramref name="fromWeek"/> and <paramref name="toWeek"/> (Mondays) bound
    /// each kind by its own date; the case opened/closed counts ignore <paramref name="fromWeek"/> because the
    /// caseload at the end of a period needs all earlier cases.
    /// </summary>
    public async Task<List<MonitorFact>> ComputeAsync(MonitorFilter filter, DateOnly? fromWeek, DateOnly? toWeek, CancellationToken cancellationToken, IReadOnlySet<string>? kinds = null)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var b = new Builder(db.IsSqlite);
        var where = new List<string>();
        if (filter.MunicipalityId is { } municipality)
        {
            where.Add($"h.\"MunicipalityId\" = {b.Param(municipality)}");
        }
        if (filter.NeighbourhoodId is { } neighbourhood)
        {
            where.Add($"h.\"NeighbourhoodId\" = {b.Param(neighbourhood)}");
        }
        if (filter.TargetGroup is { } target)
        {
            where.Add($"h.\"TargetGroupCode\" = {b.Param(target)}");
        }
        if (filter.LifeDomain is { } domain)
        {
            where.Add($"h.\"LifeDomainCode\" = {b.Param(domain)}");
        }
        if (filter.Channel is { } channel)
        {
            where.Add($"h.\"Channel\" = {b.Param(channel.ToString())}");
        }
        if (filter.Law is { } law)
        {
            where.Add($"EXISTS (SELECT 1 FROM \"Cases\" k2 JOIN \"CaseQuestions\" q2 ON q2.\"CaseId\" = k2.\"Id\" {b.Laws("q2", "l2")} WHERE k2.\"HelpRequestId\" = h.\"Id\" AND l2.value = {b.Param(law)})");
        }
        var requestFilter = where.Count == 0 ? "1 = 1" : string.Join(" AND ", where);
        // A time window on the kind's own date column; sargable (compares the stored value).
        string Window(string column, bool ignoreFrom = false)
        {
            var parts = new List<string>();
            if (fromWeek is { } from && !ignoreFrom)
            {
                parts.Add($"{column} >= {b.Time(new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero))}");
            }
            if (toWeek is { } to)
            {
                parts.Add($"{column} < {b.Time(new DateTimeOffset(to.AddDays(7).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero))}");
            }
            return parts.Count == 0 ? "" : " AND " + string.Join(" AND ", parts);
        }
        string DateWindow(string column)
        {
            var parts = new List<string>();
            if (fromWeek is { } from)
            {
                parts.Add($"{column} >= {b.Param(from)}");
            }
            if (toWeek is { } to)
            {
                parts.Add($"{column} < {b.Param(to.AddDays(7))}");
            }
            return parts.Count == 0 ? "" : " AND " + string.Join(" AND ", parts);
        }

        var received = b.Week("h.\"ReceivedAt\"");
        const string Count = "CAST(COUNT(*) AS integer)";
        const string Formal = "(CASE WHEN o.\"Kind\" = 'SupportC' THEN 'informal' ELSE 'formal' END)";
        const string Accepted = "k.\"Status\" IN ('Open', 'Closed')";
        var requests = $"FROM \"HelpRequests\" h WHERE {requestFilter}{Window("h.\"ReceivedAt\"")}";
        var cases = $"FROM \"HelpRequests\" h JOIN \"Cases\" k ON k.\"HelpRequestId\" = h.\"Id\" JOIN \"Organizations\" o ON o.\"Id\" = k.\"OrganizationId\" WHERE {requestFilter} AND {Accepted}";
        var days = $"({b.Day("k.\"FirstContactAt\"")} - {b.Day("h.\"ReceivedAt\"")})";
        var duration = $"(({b.Day("k.\"ClosedAt\"")} - {b.Day("k.\"OpenedAt\"")}) / 7)";
        var dueWeek = Builder.Monday(b.DateDay("f.\"DueOn\""));
        var followUpKind = $"(CASE WHEN f.\"DoneAt\" IS NULL THEN '{MonitorKinds.FollowUpOpen}' ELSE '{MonitorKinds.FollowUpDone}' END)";
        var experiences = $"{cases.Replace("WHERE", "JOIN \"ResidentExperiences\" e ON e.\"CaseId\" = k.\"Id\" WHERE", StringComparison.Ordinal)}{Window("e.\"At\"")}";
        // One part per experience question: Detail names the question, Value is its score.
        string Experience(string question, string column) =>
            $"SELECT '{MonitorKinds.Experience}' AS \"Kind\", {b.Week("e.\"At\"")} AS \"Week\", h.\"MunicipalityId\", '{question}' AS \"Detail\", e.\"{column}\" AS \"Value\", {Count} AS \"Count\" {experiences} GROUP BY 2, 3, 5";
        var parts = new[]
        {
            $"SELECT '{MonitorKinds.Asker}' AS \"Kind\", {received} AS \"Week\", h.\"MunicipalityId\", (CASE WHEN h.\"Channel\" = 'Referrer' THEN 'ref:' || COALESCE(h.\"SourceCode\", '') ELSE h.\"Channel\" END) AS \"Detail\", 0 AS \"Value\", {Count} AS \"Count\" {requests} GROUP BY 2, 3, 4",
            $"SELECT '{MonitorKinds.Source}' AS \"Kind\", {received} AS \"Week\", h.\"MunicipalityId\", COALESCE(h.\"SourceCode\", '') AS \"Detail\", 0 AS \"Value\", {Count} AS \"Count\" {requests} AND h.\"Channel\" <> 'Referrer' GROUP BY 2, 3, 4",
            $"SELECT '{MonitorKinds.TargetGroup}' AS \"Kind\", {received} AS \"Week\", h.\"MunicipalityId\", COALESCE(h.\"TargetGroupCode\", '') AS \"Detail\", 0 AS \"Value\", {Count} AS \"Count\" {requests} GROUP BY 2, 3, 4",
            $"SELECT '{MonitorKinds.LifeDomain}' AS \"Kind\", {received} AS \"Week\", h.\"MunicipalityId\", COALESCE(h.\"LifeDomainCode\", '') AS \"Detail\", 0 AS \"Value\", {Count} AS \"Count\" {requests} GROUP BY 2, 3, 4",
            $"SELECT '{MonitorKinds.Area}' AS \"Kind\", {received} AS \"Week\", h.\"MunicipalityId\", COALESCE(n.\"Code\", '') AS \"Detail\", 0 AS \"Value\", {Count} AS \"Count\" FROM \"HelpRequests\" h LEFT JOIN \"Neighbourhoods\" n ON n.\"Id\" = h.\"NeighbourhoodId\" WHERE {requestFilter}{Window("h.\"ReceivedAt\"")} GROUP BY 2, 3, 4",
            $"SELECT '{MonitorKinds.Return}' AS \"Kind\", {b.Week("h.\"HelpAgainRequestedAt\"")} AS \"Week\", h.\"MunicipalityId\", '' AS \"Detail\", 0 AS \"Value\", {Count} AS \"Count\" FROM \"HelpRequests\" h WHERE {requestFilter} AND h.\"HelpAgainRequestedAt\" IS NOT NULL{Window("h.\"HelpAgainRequestedAt\"")} GROUP BY 2, 3",
            $"SELECT '{MonitorKinds.FirstContact}' AS \"Kind\", {received} AS \"Week\", h.\"MunicipalityId\", '' AS \"Detail\", {Builder.Cap(days, MonitorKinds.FirstContactCap)} AS \"Value\", {Count} AS \"Count\" {cases} AND k.\"FirstContactAt\" IS NOT NULL{Window("h.\"ReceivedAt\"")} GROUP BY 2, 3, 5",
            $"SELECT '{MonitorKinds.Opened}' AS \"Kind\", {b.Week("k.\"OpenedAt\"")} AS \"Week\", h.\"MunicipalityId\", {Formal} AS \"Detail\", 0 AS \"Value\", {Count} AS \"Count\" {cases}{Window("k.\"OpenedAt\"", ignoreFrom: true)} GROUP BY 2, 3, 4",
            $"SELECT '{MonitorKinds.Closed}' AS \"Kind\", {b.Week("k.\"ClosedAt\"")} AS \"Week\", h.\"MunicipalityId\", {Formal} AS \"Detail\", {Builder.Cap(duration, MonitorKinds.DurationCapWeeks)} AS \"Value\", {Count} AS \"Count\" {cases} AND k.\"ClosedAt\" IS NOT NULL{Window("k.\"ClosedAt\"", ignoreFrom: true)} GROUP BY 2, 3, 4, 5",
            $"SELECT '{MonitorKinds.SelfReliance}' AS \"Kind\", {b.Week("k.\"ClosedAt\"")} AS \"Week\", h.\"MunicipalityId\", COALESCE(h.\"LifeDomainCode\", '') AS \"Detail\", k.\"SelfRelianceClose\" - k.\"SelfRelianceStart\" AS \"Value\", {Count} AS \"Count\" {cases} AND k.\"ClosedAt\" IS NOT NULL AND k.\"SelfRelianceStart\" IS NOT NULL AND k.\"SelfRelianceClose\" IS NOT NULL{Window("k.\"ClosedAt\"")} GROUP BY 2, 3, 4, 5",
            $"SELECT '{MonitorKinds.Contact}' AS \"Kind\", {b.Week("c.\"At\"")} AS \"Week\", h.\"MunicipalityId\", c.\"Mode\" AS \"Detail\", 0 AS \"Value\", {Count} AS \"Count\" {cases.Replace("WHERE", "JOIN \"Contacts\" c ON c.\"CaseId\" = k.\"Id\" WHERE", StringComparison.Ordinal)}{Window("c.\"At\"")} GROUP BY 2, 3, 4",
            $"SELECT {followUpKind} AS \"Kind\", {dueWeek} AS \"Week\", h.\"MunicipalityId\", '' AS \"Detail\", 0 AS \"Value\", {Count} AS \"Count\" {cases.Replace("WHERE", "JOIN \"FollowUps\" f ON f.\"CaseId\" = k.\"Id\" WHERE", StringComparison.Ordinal)} AND f.\"TaskCreatedAt\" IS NOT NULL{DateWindow("f.\"DueOn\"")} GROUP BY 1, 2, 3",
            $"SELECT '{MonitorKinds.Law}' AS \"Kind\", {received} AS \"Week\", h.\"MunicipalityId\", l.value AS \"Detail\", 0 AS \"Value\", CAST(COUNT(DISTINCT h.\"Id\") AS integer) AS \"Count\" {cases.Replace("WHERE", "JOIN \"CaseQuestions\" q ON q.\"CaseId\" = k.\"Id\" " + b.Laws("q", "l") + " WHERE", StringComparison.Ordinal)}{Window("h.\"ReceivedAt\"")} GROUP BY 2, 3, 4",
            $"SELECT '{MonitorKinds.Handover}' AS \"Kind\", {b.Week("x.\"DecidedAt\"")} AS \"Week\", h.\"MunicipalityId\", x.\"Direction\" || (CASE WHEN x.\"Partial\" THEN ':part' ELSE ':whole' END) AS \"Detail\", 0 AS \"Value\", {Count} AS \"Count\" {cases.Replace("WHERE", "JOIN \"Handovers\" x ON x.\"CaseId\" = k.\"Id\" WHERE", StringComparison.Ordinal)} AND x.\"Status\" = 'Accepted'{Window("x.\"DecidedAt\"")} GROUP BY 2, 3, 4",
            Experience("heard", nameof(ResidentExperience.Heard)),
            Experience("helped", nameof(ResidentExperience.Helped)),
            Experience("manages", nameof(ResidentExperience.Manages)),
        };
        // Each part starts with its kind as a literal (the follow-ups with a CASE of two kinds).
        var chosen = kinds is null ? parts : parts.Where(p => kinds.Any(k => p.Contains($"'{k}'", StringComparison.Ordinal))).ToArray();
        if (chosen.Length == 0)
        {
            return [];
        }
        var sql = string.Join("\nUNION ALL\n", chosen);
        var query = FormattableStringFactory.Create(sql, [.. b.Args]);
        var rows = await db.Database.SqlQuery<Row>(query).ToListAsync(cancellationToken);
        return rows.Select(r => new MonitorFact { Kind = r.Kind, Week = r.Week, MunicipalityId = r.MunicipalityId, Detail = r.Detail, Value = r.Value, Count = r.Count }).ToList();
    }

    /// <summary>Rebuilds the pre-aggregated table from scratch in one transaction; readers see the old rows until it commits.</summary>
    public async Task<int> RefreshAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
            var facts = await ComputeAsync(new MonitorFilter(), null, null, cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.MonitorFacts.ExecuteDeleteAsync(cancellationToken);
            await BulkInserter.InsertAsync(db, facts, cancellationToken);
            var refresh = await db.MonitorRefreshes.SingleOrDefaultAsync(r => r.Id == 1, cancellationToken);
            if (refresh is null)
            {
                db.MonitorRefreshes.Add(new MonitorRefresh { Id = 1, RefreshedAt = now, Facts = facts.Count });
            }
            else
            {
                refresh.RefreshedAt = now;
                refresh.Facts = facts.Count;
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return facts.Count;
        });
    }
}
