using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Features.Shared;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Directory;

/// <summary>
/// Search synonym groups of the social map (e.g. schulden, geldzorgen, rekeningen): searching for one word finds
/// services with any of them. The search reads the groups on every query, so a change works at once.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class SynonymsModel(AppDbContext db) : FormPageModel
{
    public sealed record Group(Guid Id, string Words);

    public IReadOnlyList<Group> Groups { get; private set; } = [];

    [BindProperty]
    public string? Words { get; set; }

    /// <summary>The group whose form was posted, to show its message beside it.</summary>
    public Guid? PostedId { get; private set; }

    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Message = TempData["Message"] as string;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid? id, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        PostedId = id;
        var group = id is { } existing ? await db.SearchSynonymGroups.SingleOrDefaultAsync(g => g.Id == existing, cancellationToken) : null;
        if (id is not null && group is null)
        {
            return NotFound();
        }
        var words = Search.Normalize(Words).Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length >= 2).Distinct(StringComparer.Ordinal).ToList();
        var text = string.Join(' ', words);
        if (words.Count < 2)
        {
            ModelState.AddModelError(nameof(Words), Lang.Pick("Geef ten minste twee woorden van twee of meer letters, gescheiden door spaties of komma's.",
                "Give at least two words of two or more letters, separated by spaces or commas."));
        }
        else if (text.Length > 1000)
        {
            ModelState.AddModelError(nameof(Words), Lang.Pick("Een groep is hoogstens 1000 tekens.", "A group is at most 1000 characters."));
        }
        else if (await db.SearchSynonymGroups.AnyAsync(g => g.Words == text && g.Id != id, cancellationToken))
        {
            ModelState.AddModelError(nameof(Words), Lang.Pick("Deze groep bestaat al.", "This group already exists."));
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }
        if (group is null)
        {
            db.SearchSynonymGroups.Add(new SearchSynonymGroup { Id = Guid.NewGuid(), Words = text });
        }
        else
        {
            group.Words = text;
        }
        await db.SaveChangesAsync(cancellationToken);
        TempData["Message"] = Lang.Pick($"Opgeslagen: {text}.", $"Saved: {text}.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        // Through the change tracker, so that the search cache sees the delete (SearchCacheInvalidator).
        var group = await db.SearchSynonymGroups.SingleOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (group is null)
        {
            return NotFound();
        }
        db.SearchSynonymGroups.Remove(group);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Message"] = Lang.Pick("De groep is verwijderd.", "The group has been deleted.");
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Groups = (await db.SearchSynonymGroups.AsNoTracking().ToListAsync(cancellationToken))
            .OrderBy(g => g.Words, StringComparer.Ordinal).Select(g => new Group(g.Id, g.Words)).ToList();
}
