using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Admin;

/// <summary>The routing rule for new requests: per municipality, which organisations' coordinators get them.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class IntakeRoutesModel(AppDbContext db) : PageModel
{
    public sealed record Place(Guid Id, string Name);

    public sealed record Option(Guid Id, string Name, OrganizationKind Kind);

    public IReadOnlyList<Place> Municipalities { get; private set; } = [];
    public IReadOnlyList<Option> Organizations { get; private set; } = [];
    public HashSet<(Guid Municipality, Guid Organization)> Routes { get; private set; } = [];

    /// <summary>Posted as "municipalityId:organizationId" per ticked box.</summary>
    [BindProperty]
    public List<string> Route { get; set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var municipalities = Municipalities.Select(m => m.Id).ToHashSet();
        var organizations = Organizations.Select(o => o.Id).ToHashSet();
        var wanted = new HashSet<(Guid, Guid)>();
        foreach (var value in Route ?? [])
        {
            var parts = value?.Split(':');
            if (parts is not { Length: 2 } || !Guid.TryParse(parts[0], out var m) || !Guid.TryParse(parts[1], out var o)
                || !municipalities.Contains(m) || !organizations.Contains(o))
            {
                ModelState.AddModelError(string.Empty, Lang.Pick("Deze keuze bestaat niet (meer). Laad de pagina opnieuw; er is niets veranderd.",
                    "This choice does not exist (any more). Reload the page; nothing was changed."));
                return Page();
            }
            wanted.Add((m, o));
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var existing = await db.IntakeRoutes.ToListAsync(cancellationToken);
        db.IntakeRoutes.RemoveRange(existing.Where(r => !wanted.Contains((r.MunicipalityId, r.OrganizationId))));
        db.IntakeRoutes.AddRange(wanted.Where(w => !existing.Any(r => r.MunicipalityId == w.Item1 && r.OrganizationId == w.Item2))
            .Select(w => new IntakeRoute { Id = Guid.NewGuid(), MunicipalityId = w.Item1, OrganizationId = w.Item2 }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var unrouted = Municipalities.Count(m => !wanted.Any(w => w.Item1 == m.Id));
        Message = unrouted == 0
            ? Lang.Pick("De routes zijn opgeslagen.", "The routes are saved.")
            : Lang.Pick($"De routes zijn opgeslagen. Let op: {unrouted} gemeente(n) hebben geen organisatie; hun vragen komen in geen enkele wachtrij.",
                $"The routes are saved. Note: {unrouted} municipality(ies) have no organisation; their requests reach no queue.");
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Municipalities = await db.Municipalities.OrderBy(m => m.Name).Select(m => new Place(m.Id, m.Name)).ToListAsync(cancellationToken);
        Organizations = await db.Organizations
            .Where(o => o.Kind == OrganizationKind.SupportA || o.Kind == OrganizationKind.SupportB || o.Kind == OrganizationKind.SupportC)
            .OrderBy(o => o.Kind).ThenBy(o => o.Name).Select(o => new Option(o.Id, o.Name, o.Kind)).ToListAsync(cancellationToken);
        Routes = (await db.IntakeRoutes.Select(r => new { r.MunicipalityId, r.OrganizationId }).ToListAsync(cancellationToken))
            .Select(r => (r.MunicipalityId, r.OrganizationId)).ToHashSet();
    }
}
