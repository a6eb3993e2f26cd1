namespace Meedenker.Domain;

/// <summary>Working days (Monday to Friday) for service targets such as first contact within 5 working days.</summary>
public static class WorkingDays
{
    /// <summary>Whole working days that have passed from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static int Between(DateTimeOffset from, DateTimeOffset to)
    {
        var start = DateOnly.FromDateTime(from.UtcDateTime);
        var end = DateOnly.FromDateTime(to.UtcDateTime);
        if (end <= start)
        {
            return 0;
        }
        var days = end.DayNumber - start.DayNumber;
        var weeks = days / 7;
        var count = weeks * 5;
        for (var d = start.AddDays(weeks * 7 + 1); d <= end; d = d.AddDays(1))
        {
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                count++;
            }
        }
        return count;
    }
}
