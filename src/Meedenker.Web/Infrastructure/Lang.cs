using System.Globalization;

namespace Meedenker.Web.Infrastructure;

/// <summary>
/// Dutch first, English beside it. Each text is written in both languages where it is used, so a page reads
/// like the screen and a missing translation cannot slip through a resource lookup.
/// </summary>
public static class Lang
{
    public const string Dutch = "nl";
    public const string English = "en";
    public static readonly string[] Supported = [Dutch, English];

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == English;

    public static string Current => IsEnglish ? English : Dutch;

    public static string Pick(string dutch, string english) => IsEnglish ? english : dutch;

    /// <summary>A count with the right singular or plural: "1 verwijzing", "2 verwijzingen".</summary>
    public static string Count(int n, string dutchOne, string dutchMany, string englishOne, string englishMany) =>
        n.ToString(CultureInfo.CurrentCulture) + " " + (n == 1 ? Pick(dutchOne, englishOne) : Pick(dutchMany, englishMany));
}

/// <summary>Injected into views as <c>T</c>: <c>@T["Welkom", "Welcome"]</c>.</summary>
public sealed class Text
{
#pragma warning disable CA1822 // An indexer reads best in Razor; it cannot be static.
    public string this[string dutch, string english] => Lang.Pick(dutch, english);
#pragma warning restore CA1822
}
