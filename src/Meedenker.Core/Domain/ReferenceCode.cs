using System.Security.Cryptography;

namespace Meedenker.Domain;

/// <summary>
/// The code a resident gets for a help request, like MD-7K3Q-9PXA: short enough to read over the phone,
/// without characters that look alike (0/O, 1/I/L), and random so it cannot be guessed from another one.
/// </summary>
public static class ReferenceCode
{
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    public const string Prefix = "MD-";

    public static string New() => Create(i => RandomNumberGenerator.GetInt32(i));

    public static string New(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Create(random.Next);
    }

    private static string Create(Func<int, int> next)
    {
        Span<char> chars = stackalloc char[12];
        Prefix.AsSpan().CopyTo(chars);
        for (var i = 3; i < 12; i++)
        {
            chars[i] = i == 7 ? '-' : Alphabet[next(Alphabet.Length)];
        }
        return new string(chars);
    }

    /// <summary>Normalises what a person typed (lower case, spaces, missing dashes) or returns null.</summary>
    public static string? Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }
        var compact = new string(input.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        if (compact.StartsWith("MD", StringComparison.Ordinal))
        {
            compact = compact[2..];
        }
        if (compact.Length != 8 || compact.Any(c => !Alphabet.Contains(c, StringComparison.Ordinal)))
        {
            return null;
        }
        return $"{Prefix}{compact[..4]}-{compact[4..]}";
    }
}
