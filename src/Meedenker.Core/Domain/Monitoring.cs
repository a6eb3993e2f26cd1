namespace Meedenker.Domain;

/// <summary>
/// One pre-aggregated count for the municipal monitor: how many events of a kind (requests by who asked,
/// contacts by mode, days to first contact, ...) fell in one week in one municipality. The monitor job
/// rebuilds these rows from the case data; the dashboard reads only these sums, never a case.
/// </summary>
public sealed class MonitorFact
{
    /// <summary>What is counted; see <c>MonitorKinds</c> in the web project.</summary>
    public required string Kind { get; set; }
    /// <summary>The Monday of the week as a day number (<see cref="DateOnly.DayNumber"/>).</summary>
    public int Week { get; set; }
    public Guid MunicipalityId { get; set; }
    /// <summary>The category within the kind (a channel, a taxonomy code, a contact mode); empty when unknown.</summary>
    public string Detail { get; set; } = "";
    /// <summary>A number within the category (days, weeks, score change); 0 when not used.</summary>
    public int Value { get; set; }
    public int Count { get; set; }
}

/// <summary>When the monitor's aggregates were last rebuilt (one row).</summary>
public sealed class MonitorRefresh
{
    public int Id { get; set; }
    public DateTimeOffset RefreshedAt { get; set; }
    public int Facts { get; set; }
}

/// <summary>
/// A sudden drop in intake found by the weekly shock-alert job: for the region, a municipality or a target
/// group, at the first week of the drop. Unique per scope and week, so the job can run any number of times.
/// </summary>
public sealed class MonitorAlert
{
    public Guid Id { get; set; }
    /// <summary>"region", "municipality" or "target-group".</summary>
    public required string ScopeKind { get; set; }
    /// <summary>The municipality's CBS code or the target group's code; empty for the region.</summary>
    public string ScopeCode { get; set; } = "";
    public DateOnly WeekStart { get; set; }
    public int Count { get; set; }
    public double Expected { get; set; }
    /// <summary>Whether <see cref="Expected"/> takes the same weeks of earlier years into account (a year of
    /// history or more), or only the recent weeks.</summary>
    public bool SeasonAware { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? MailedAt { get; set; }
}

/// <summary>
/// Reference figures of a neighbourhood uploaded by an administrator (from CBS or the municipality's own
/// research): inhabitants by age band and the shares of low income and living alone, used to compare
/// intake with expected need.
/// </summary>
public sealed class NeighbourhoodReference
{
    public Guid NeighbourhoodId { get; set; }
    public int Age0To17 { get; set; }
    public int Age18To64 { get; set; }
    public int Age65To74 { get; set; }
    public int Age75Plus { get; set; }
    /// <summary>Share of households with a low income, 0 to 1.</summary>
    public double LowIncomeShare { get; set; }
    /// <summary>Share of adults living alone, 0 to 1.</summary>
    public double LivingAloneShare { get; set; }
    public DateTimeOffset UploadedAt { get; set; }

    public int Inhabitants => Age0To17 + Age18To64 + Age65To74 + Age75Plus;
}
