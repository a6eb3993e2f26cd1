using System.Security.Claims;
using Meedenker.Domain;
using Meedenker.Web.Infrastructure;

namespace Meedenker.Web.Features.Directory;

/// <summary>One checkbox of a <see cref="Choices"/> fieldset.</summary>
public sealed record Choice(string Value, string Label);

/// <summary>A fieldset of checkboxes (the _Choices partial); <see cref="Name"/> is the property of <c>Input</c>.</summary>
public sealed record Choices(string Name, string Legend, IReadOnlyList<Choice> Options, IReadOnlyCollection<string> Chosen, string? Error);

/// <summary>
/// Who may edit what on the social map: an administrator every organisation's services and supporter profiles,
/// a coordinator only those of their own organisation. Anything else is answered as if it did not exist (404).
/// </summary>
public static class DirectoryEditing
{
    public const string Roles = $"{StaffRoles.Admin},{StaffRoles.Coordinator}";

    public static bool MayEdit(ClaimsPrincipal user, Guid organizationId)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(StaffRoles.Admin) || (user.IsInRole(StaffRoles.Coordinator) && StaffClaims.OrganizationOf(user) == organizationId);
    }

    /// <summary>The version a form was loaded with, as text: the ticks of the last change.</summary>
    public static string Version(DateTimeOffset lastModified) => lastModified.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static readonly string[] DayNamesNl = ["zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"];

    /// <summary>The week as the forms show it, Monday first.</summary>
    public static readonly DayOfWeek[] Week = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public static string DayName(DayOfWeek day) => Lang.Pick(DayNamesNl[(int)day], day.ToString());
}
