using System.Text.Json;
using Meedenker.Domain;
using Microsoft.AspNetCore.Identity;

namespace Meedenker.Web.Infrastructure;

/// <summary>
/// Password rules after NIST SP 800-63B: length (12 to 256 characters), no composition rules, and not a
/// password that is known from breaches, repetitive or sequential, or made of the user's own e-mail name.
/// Identity runs it wherever a password is set (<c>ResetPasswordAsync</c>, <c>AddPasswordAsync</c>, …).
/// </summary>
public sealed class PasswordRules : IPasswordValidator<StaffUser>
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 256;

    private static readonly Lazy<HashSet<string>> CommonPasswords = new(LoadCommonPasswords);

    /// <summary>How many passwords the breached/common list holds (zxcvbn-ts's list from real breaches).</summary>
    public static int CommonPasswordCount => CommonPasswords.Value.Count;

    public Task<IdentityResult> ValidateAsync(UserManager<StaffUser> manager, StaffUser user, string? password)
    {
        var problem = Check(password, user?.Email);
        return Task.FromResult(problem is null ? IdentityResult.Success : IdentityResult.Failed(problem));
    }

    /// <summary>The first rule the password breaks, with a message in the user's language; null when it is fine.</summary>
    public static IdentityError? Check(string? password, string? email)
    {
        password ??= "";
        if (password.Length < MinimumLength)
        {
            return Error("PasswordTooShort", $"Kies een wachtwoord van minstens {MinimumLength} tekens. Een zin van een paar woorden is sterk en goed te onthouden.",
                $"Choose a password of at least {MinimumLength} characters. A sentence of a few words is strong and easy to remember.");
        }
        if (password.Length > MaximumLength)
        {
            return Error("PasswordTooLong", $"Dit wachtwoord is te lang (meer dan {MaximumLength} tekens).", $"This password is too long (over {MaximumLength} characters).");
        }
        var lower = password.ToLowerInvariant();
        if (IsCommon(lower))
        {
            return Error("PasswordCommon", "Dit wachtwoord komt voor in lijsten van gelekte of veelgebruikte wachtwoorden. Kies een ander wachtwoord, bijvoorbeeld een zin van een paar woorden.",
                "This password appears in lists of leaked or commonly used passwords. Choose another one, for example a sentence of a few words.");
        }
        if (IsRepetitiveOrSequential(lower))
        {
            return Error("PasswordPattern", "Dit wachtwoord is een herhaling of een reeks (zoals aaaa of 1234). Kies een wachtwoord dat moeilijker te raden is.",
                "This password is a repetition or a sequence (like aaaa or 1234). Choose a password that is harder to guess.");
        }
        var emailName = email?.Split('@')[0].ToLowerInvariant();
        if (emailName is { Length: >= 4 } && lower.Contains(emailName, StringComparison.Ordinal))
        {
            return Error("PasswordContainsEmail", "Gebruik je e-mailadres niet in je wachtwoord.", "Do not use your e-mail address in your password.");
        }
        return null;
    }

    private static IdentityError Error(string code, string dutch, string english) => new() { Code = code, Description = Lang.Pick(dutch, english) };

    /// <summary>In the list as it is, or with digits and punctuation only added before or after a listed word ("password1234!").</summary>
    private static bool IsCommon(string lower)
    {
        var list = CommonPasswords.Value;
        if (list.Contains(lower))
        {
            return true;
        }
        var core = lower.Trim(Padding);
        return core.Length >= 4 && core.Length < lower.Length && list.Contains(core);
    }

    private static readonly char[] Padding = "0123456789!@#$%^&*()-_=+.,;:?/\\|~`'\" ".ToCharArray();

    private static bool IsRepetitiveOrSequential(string lower)
    {
        // A short unit repeated: "aaaaaaaaaaaa", "abcabcabcabc", "12121212121212".
        for (var unit = 1; unit <= 4; unit++)
        {
            if (lower.Length % unit == 0 && lower.Length / unit >= 3 && lower == string.Concat(Enumerable.Repeat(lower[..unit], lower.Length / unit)))
            {
                return true;
            }
        }
        // One run up or down: "abcdefghijkl", "123456789012" (digits wrap 9 → 0).
        static int Step(char a, char b) => char.IsDigit(a) && char.IsDigit(b) ? ((b - a) + 10) % 10 : b - a;
        var up = true;
        var down = true;
        for (var i = 1; i < lower.Length; i++)
        {
            var step = Step(lower[i - 1], lower[i]);
            up &= step == 1;
            down &= step is -1 or 9;
        }
        return up || down;
    }

    private static HashSet<string> LoadCommonPasswords()
    {
        using var stream = typeof(PasswordRules).Assembly.GetManifestResourceStream("Meedenker.CommonPasswords.json")
            ?? throw new InvalidOperationException("The common-password list is missing from the build (npm package @zxcvbn-ts/language-common).");
        var words = JsonSerializer.Deserialize<string[]>(stream) ?? [];
        return new HashSet<string>(words.Select(w => w.ToLowerInvariant()), StringComparer.Ordinal);
    }
}
