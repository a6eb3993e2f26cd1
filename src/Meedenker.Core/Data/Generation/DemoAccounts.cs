using Meedenker.Domain;

namespace Meedenker.Data.Generation;

/// <summary>The demo logins, one per role. They sign in with a password only and exist only in demo mode.</summary>
public static class DemoAccounts
{
    public const string Password = "Demo-Meedenker-2026";

    public sealed record Account(string Email, string DisplayName, string Role, string Organization, SupporterKind? Kind = null);

    public static readonly IReadOnlyList<Account> All =
    [
        new("beheerder@demo.meedenker.test", "Bea Beheer (demo)", StaffRoles.Admin, "Stichting Meedenkers Oosterschelde"),
        new("coordinator@demo.meedenker.test", "Cor Coördinator (demo)", StaffRoles.Coordinator, "Stichting Meedenkers Oosterschelde"),
        new("meedenker@demo.meedenker.test", "Mila Meedenker (demo)", StaffRoles.Supporter, "Stichting Meedenkers Oosterschelde", SupporterKind.Professional),
        new("vrijwilliger@demo.meedenker.test", "Vera Vrijwilliger (demo)", StaffRoles.Supporter, "Stichting Meedenkers Oosterschelde", SupporterKind.Volunteer),
        new("verwijzer@demo.meedenker.test", "Vincent Verwijzer (demo)", StaffRoles.Referrer, "Huisartsenpraktijk De Zeedijk"),
        new("analist@demo.meedenker.test", "Anna Analist (demo)", StaffRoles.MunicipalityAnalyst, "Gemeente Goes"),
    ];
}
