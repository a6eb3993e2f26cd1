using System.Globalization;
using System.Text;

namespace Meedenker.Web.Infrastructure;

/// <summary>
/// Cleans what people type before it is checked or stored: Unicode normalised (NFC), control and invisible
/// format characters removed (new lines kept where a text may have them), surrounding space trimmed.
/// Never truncates: a text that is too long is refused with a message instead.
/// </summary>
public static class InputText
{
    /// <summary>
    /// A name that starts with "=" (after spaces) is refused: no organisation, service or place is called that, and
    /// every spreadsheet reads it as a formula (decision 0081). "+", "-" and "@" are allowed (@ease, +Werk); the
    /// exports neutralise those.
    /// </summary>
    public static bool IsFormula(string? name) => name is not null && name.TrimStart().StartsWith('=');

    public const string FormulaNameNl = "Een naam mag niet met een =-teken beginnen: een rekenprogramma leest dat als een formule.";
    public const string FormulaNameEn = "A name may not start with an = sign: a spreadsheet reads that as a formula.";

    public static string? Clean(string? input, bool multiline = false)
    {
        if (string.IsNullOrEmpty(input))
        {
            return null;
        }
        var text = input.Length > 100_000 ? input[..100_000] : input;
        if (!text.IsNormalized(NormalizationForm.FormC))
        {
            try
            {
                text = text.Normalize(NormalizationForm.FormC);
            }
            catch (ArgumentException)
            {
                // Lone surrogates cannot be normalised; they are dropped below.
            }
        }
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }
            if (char.IsSurrogate(c))
            {
                continue;
            }
            if (c == '\n' || c == '\r')
            {
                if (multiline && c == '\n')
                {
                    builder.Append('\n');
                }
                else if (!multiline)
                {
                    builder.Append(' ');
                }
                continue;
            }
            if (c == '\t')
            {
                builder.Append(' ');
                continue;
            }
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format && c != '\u200D')
            {
                continue;
            }
            builder.Append(c);
        }
        var cleaned = builder.ToString().Trim();
        return cleaned.Length == 0 ? null : cleaned;
    }
}
