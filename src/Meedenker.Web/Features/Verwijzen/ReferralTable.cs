namespace Meedenker.Web.Features.Verwijzen;

public sealed record ReferralTable(string Caption, IReadOnlyList<ReferralStatusRow> Rows, DateTimeOffset Now, int TargetWorkingDays);

public sealed class IntakeSettings
{
    /// <summary>First contact with the resident is due within this many working days after receipt.</summary>
    public int FirstContactTargetWorkingDays { get; set; } = 5;
}
