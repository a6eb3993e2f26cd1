using System.Globalization;

namespace Meedenker.Web.Features.OwnRecord;

/// <summary>The record for the _OwnRecordBody partial; with a token the consents get a withdraw button (the page), without it not (the download).</summary>
public sealed record OwnRecordBody(OwnRecordView Record, string? Token)
{
    /// <summary>One month of the access log: the lines of that month, newest first.</summary>
    public sealed record AccessMonth(int Year, int Month, IReadOnlyList<OwnRecordView.AccessPart> Lines, bool IsCurrent)
    {
        public string Name => new DateTime(Year, Month, 1, 0, 0, 0, DateTimeKind.Unspecified).ToString("MMMM yyyy", CultureInfo.CurrentCulture);
    }

    /// <summary>
    /// The access log grouped per month (in the same local time as the lines), newest month first, so a long log
    /// folds into a few lines on a phone; the month the record was made in is the one that is open.
    /// </summary>
    public IReadOnlyList<AccessMonth> AccessMonths()
    {
        var now = Record.MadeAt.ToLocalTime();
        return Record.WhoLooked
            .GroupBy(a => { var local = a.At.ToLocalTime(); return (local.Year, local.Month); })
            .OrderByDescending(g => g.Key.Year).ThenByDescending(g => g.Key.Month)
            .Select(g => new AccessMonth(g.Key.Year, g.Key.Month, g.OrderByDescending(a => a.At).ToList(), g.Key.Year == now.Year && g.Key.Month == now.Month))
            .ToList();
    }

    /// <summary>The page shows at most <see cref="OwnRecordReader.PageAccessLines"/> lines; the download holds them all.</summary>
    public bool AccessLogCut => Token is not null && Record.WhoLooked.Count >= OwnRecordReader.PageAccessLines;
}
