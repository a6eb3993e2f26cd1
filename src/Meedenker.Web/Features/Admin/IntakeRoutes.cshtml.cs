using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Features.Hulpvraag;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Admin;

/// <summary>
/// The routing rule for new requests: per municipality, which organisations' coordinators get them, and the
/// region's fallback for municipalities without a route of their own. Lists the requests that reached no queue;
/// saving routes places them.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class IntakeRoutesModel(AppDbContext db) : PageModel
{
    public sealed record Place(Guid Id, string Name);

    public sealed record Option(Guid Id, string Name, OrganizationKind Kind);

    public IReadOnlyList<Place> Municipalities { get; private set; } = [];
    public IReadOnlyList<Option> Organizations { get; private set; } = [];
    /// <summary>The municipality is null for the region's fallback route.</summary>
    public HashSet<(Guid? Municipality, Guid Organization)> Routes { get; private set; } = [];

    public sealed record UnroutedRequest(string ReferenceCode, DateTimeOffset ReceivedAt, string Municipality);

    /// <summary>Requests waiting for intake in no queue (the first 50, oldest first), and how many there are.</summary>
    public IReadOnlyList<UnroutedRequest> Unrouted { get; private set; } = [];
    public int UnroutedCount { get; private set; }

    /// <summary>The value a fallback route's box posts in place of a municipality's id.</summary>
    public const string RegionValue = "regio";

    /// <summary>Posted as "municipalityId:organizationId" (or "regio:organizationId" for the fallback) per ticked box.</summary>
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
        var wanted = new HashSet<(Guid?, Guid)>();
        foreach (var value in Route ?? [])
        {
            var parts = value?.Split(':');
            Guid? municipality = parts is { Length: 2 } && parts[0] == RegionValue ? null
                : parts is { Length: 2 } && Guid.TryParse(parts[0], out var m) && municipalities.Contains(m) ? m : Guid.Empty;
            if (parts is not { Length: 2 } || municipality == Guid.Empty || !Guid.TryParse(parts[1], out var o) || !organizations.Contains(o))
            {
                ModelState.AddModelError(string.Empty, Lang.Pick("Deze keuze bestaat niet (meer). Laad de pagina opnieuw; er is niets veranderd.",
                    "This choice does not exist (any more). Reload the page; nothing was changed."));
                return Page();
            }
            wanted.Add((municipality, o));
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var existing = await db.IntakeRoutes.ToListAsync(cancellationToken);
        db.IntakeRoutes.RemoveRange(existing.Where(r => !wanted.Contains((r.MunicipalityId, r.OrganizationId))));
        db.IntakeRoutes.AddRange(wanted.Where(w => !existing.Any(r => r.MunicipalityId == w.Item1 && r.OrganizationId == w.Item2))
            .Select(w => new IntakeRoute { Id = Guid.NewGuid(), MunicipalityId = w.Item1, OrganizationId = w.Item2 }));
        await db.SaveChangesAsync(cancellationToken);
        // Requests that reached no queue before go where the new routes lead, in the same transaction.
        var placed = await Intake.RouteWaitingAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var fallback = wanted.Any(w => w.Item1 is null);
        var unrouted = fallback ? 0 : Municipalities.Count(m => !wanted.Any(w => w.Item1 == m.Id));
        var saved = Lang.Pick("De routes zijn opgeslagen.", "The routes are saved.");
        if (placed > 0)
        {
            saved += " " + Lang.Pick(placed == 1 ? "1 hulpvraag zonder wachtrij staat nu in een wachtrij." : $"{placed} hulpvragen zonder wachtrij staan nu in een wachtrij.",
                placed == 1 ? "1 request without a queue is now in a queue." : $"{placed} requests without a queue are now in a queue.");
        }
        if (unrouted > 0)
        {
            saved += " " + Lang.Pick(
                $"Let op: {(unrouted == 1 ? "1 gemeente heeft" : $"{unrouted} gemeenten hebben")} geen organisatie en er is geen route voor de hele regio. Hun vragen komen dan in geen wachtrij. Kies ook een organisatie voor de hele regio.",
                $"Note: {(unrouted == 1 ? "1 municipality has" : $"{unrouted} municipalities have")} no organisation and there is no route for the whole region. Their requests then reach no queue. Choose an organisation for the whole region too.");
        }
        Message = saved;
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
        UnroutedCount = await Intake.Unrouted(db).CountAsync(cancellationToken);
        Unrouted = UnroutedCount == 0 ? [] : await Intake.Unrouted(db).OrderBy(h => h.ReceivedAt).Take(50)
            .Join(db.Municipalities, h => h.MunicipalityId, m => m.Id, (h, m) => new UnroutedRequest(h.ReferenceCode, h.ReceivedAt, m.Name))
            .ToListAsync(cancellationToken);
    }
}
