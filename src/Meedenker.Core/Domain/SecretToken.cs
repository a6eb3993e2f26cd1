using System.Security.Cryptography;
using System.Text;

namespace Meedenker.Domain;

/// <summary>Long random tokens for status links and API keys; only their SHA-256 hash is stored.</summary>
public static class SecretToken
{
    public static string New() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token ?? "")));

    /// <summary>A token we issued is 43 URL-safe characters; anything else is not looked up at all.</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
