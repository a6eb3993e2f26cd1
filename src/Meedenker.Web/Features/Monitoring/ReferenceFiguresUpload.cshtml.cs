using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Monitoring;

/// <summary>
/// The administrator uploads reference figures per neighbourhood (CSV) for the monitor's reach-against-need
/// table. The file is checked whole: with any error nothing changes and every wrong row is listed.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class ReferenceFiguresUploadModel(AppDbContext db, ReferenceData referenceData, TimeProvider time) : PageModel
{
    public const int MaxBytes = 1024 * 1024;

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];
    public int Known { get; private set; }
    public int Neighbourhoods { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await CountAsync(cancellationToken);

    /// <summary>The current figures in the upload format, to edit and upload again.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var figures = await db.NeighbourhoodReferences.AsNoTracking().ToDictionaryAsync(f => f.NeighbourhoodId, cancellationToken);
        var areas = await db.Neighbourhoods.AsNoTracking().OrderBy(n => n.Code).Select(n => new { n.Id, n.Code }).ToListAsync(cancellationToken);
        return File(ReferenceFigures.Write(areas.Select(a => (a.Code, figures.GetValueOrDefault(a.Id)))), "text/csv; charset=utf-8", "referentiecijfers.csv");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await CountAsync(cancellationToken);
        if (Upload is null || Upload.Length == 0)
        {
            Errors = [Lang.Pick("Kies een CSV-bestand.", "Choose a CSV file.")];
            return Page();
        }
        if (Upload.Length > MaxBytes)
        {
            Errors = [Lang.Pick("Het bestand is groter dan 1 MB.", "The file is larger than 1 MB.")];
            return Page();
        }
        string text;
        using (var reader = new StreamReader(Upload.OpenReadStream(), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
        {
            text = await reader.ReadToEndAsync(cancellationToken);
        }
        var codes = (await referenceData.GetAsync(cancellationToken)).Neighbourhoods.ToDictionary(n => n.Code, n => n.Id, StringComparer.OrdinalIgnoreCase);
        var result = ReferenceFigures.Parse(text, codes, time.GetUtcNow());
        if (result.Errors.Count > 0)
        {
            Errors = result.Errors;
            return Page();
        }
        var ids = result.Rows.Select(r => r.NeighbourhoodId).ToList();
        var existing = await db.NeighbourhoodReferences.Where(r => ids.Contains(r.NeighbourhoodId)).ToListAsync(cancellationToken);
        db.NeighbourhoodReferences.RemoveRange(existing);
        db.NeighbourhoodReferences.AddRange(result.Rows);
        await db.SaveChangesAsync(cancellationToken);
        Message = Lang.Pick($"De cijfers van {result.Rows.Count} wijken zijn opgeslagen.", $"The figures of {result.Rows.Count} neighbourhoods are saved.");
        return RedirectToPage();
    }

    private async Task CountAsync(CancellationToken cancellationToken)
    {
        Known = await db.NeighbourhoodReferences.CountAsync(cancellationToken);
        Neighbourhoods = await db.Neighbourhoods.CountAsync(cancellationToken);
    }
}
