using System.Text.RegularExpressions;
using CsvHelper;

namespace Meedenker.Web.Infrastructure;

/// <summary>
/// Text in a CSV cell that a spreadsheet must show, never run (CSV injection, decision 0081). A cell that starts
/// like a formula — with =, +, -, or @ (after any spaces), or with a tab or CR — gets one apostrophe in front
/// (OWASP), which Excel and LibreOffice read as "this cell is text". Apostrophes already in front count as part of
/// the start, so the rule can be undone exactly: <see cref="FromCell"/> drops the one apostrophe that
/// <see cref="Cell"/> added, and a value that merely starts with an apostrophe ('s-Hertogenbosch) is left alone
/// both ways. Plain numbers ("-5", "-1,5", "-12%") are not formulas and stay numbers.
/// </summary>
public static partial class SpreadsheetText
{
    public const char Escape = '\'';

    [GeneratedRegex(@"\A(?:'*[\t\r]|[\s']*[=+\-@])")]
    private static partial Regex FormulaStart();

    [GeneratedRegex(@"\A[+-]?[0-9]+(?:[.,][0-9]+)*%?\z")]
    private static partial Regex PlainNumber();

    /// <summary>Whether a spreadsheet could take this text for a formula.</summary>
    public static bool LooksLikeFormula(string? value) =>
        !string.IsNullOrEmpty(value) && FormulaStart().IsMatch(value) && !PlainNumber().IsMatch(value);

    /// <summary>The value as a CSV cell: with an apostrophe in front when a spreadsheet could run it.</summary>
    public static string Cell(string? value) => LooksLikeFormula(value) ? Escape + value : value ?? "";

    /// <summary>Undoes <see cref="Cell"/>: the value as it was before the export.</summary>
    public static string FromCell(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cell.Length > 1 && cell[0] == Escape && LooksLikeFormula(cell[1..]) ? cell[1..] : cell;
    }

    /// <summary>
    /// Quote every cell that holds a comma or a semicolon, not only the separator: a Dutch spreadsheet splits a
    /// comma file on semicolons and an English one a semicolon file on commas, and an unquoted separator of the
    /// other kind would start a new cell that was never neutralised.
    /// </summary>
    public static readonly CsvShouldQuote QuoteListSeparators = (field, _, _, _) => field.ContainsAny(',', ';');
}
