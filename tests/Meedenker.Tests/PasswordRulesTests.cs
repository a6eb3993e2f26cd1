using Meedenker.Web.Infrastructure;

namespace Meedenker.Tests;

public sealed class PasswordRulesTests
{
    [Fact]
    public void The_breached_password_list_is_embedded_in_the_build()
    {
        Assert.True(PasswordRules.CommonPasswordCount > 40_000, $"only {PasswordRules.CommonPasswordCount} passwords loaded");
    }

    [Theory]
    [InlineData("kort", "PasswordTooShort")]
    [InlineData("elf-tekens!", "PasswordTooShort")]
    [InlineData("1qaz2wsx3edc", "PasswordCommon")]
    [InlineData("QWERTY123456", "PasswordCommon")]
    [InlineData("password1234!", "PasswordCommon")]
    [InlineData("2026sunshine", "PasswordCommon")]
    [InlineData("aaaaaaaaaaaaaa", "PasswordPattern")]
    [InlineData("abcabcabcabc", "PasswordPattern")]
    [InlineData("abcdefghijklmn", "PasswordPattern")]
    [InlineData("789012345678", "PasswordPattern")]
    [InlineData("ninanieuwenhuis-2026", "PasswordContainsEmail")]
    public void Weak_passwords_are_refused_with_the_rule_they_break(string password, string code)
    {
        Assert.Equal(code, PasswordRules.Check(password, "ninanieuwenhuis@example.test")?.Code);
    }

    [Theory]
    [InlineData("een lange zin als wachtwoord")]
    [InlineData("fietsbel-regenjas-2026")]
    [InlineData("correct horse battery staple")]
    public void Long_uncommon_passwords_pass_without_composition_rules(string password)
    {
        Assert.Null(PasswordRules.Check(password, "nina@example.test"));
    }

    [Fact]
    public void Passwords_up_to_256_characters_are_allowed()
    {
        var passphrase = string.Join(' ', Enumerable.Range(0, 30).Select(i => $"woord{i}"));
        Assert.InRange(passphrase.Length, 65, 256);
        Assert.Null(PasswordRules.Check(passphrase, null));
        Assert.Equal("PasswordTooLong", PasswordRules.Check(new string('x', 200) + passphrase, null)?.Code);
    }
}
