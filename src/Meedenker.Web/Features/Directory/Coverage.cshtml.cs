using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Directory;

/// <summary>
/// Coverage of the network: for each target group × life domain cell, how many services and how many
/// supporters with free capacity (by kind) cover it, for one municipality or the region. Empty and thin cells
/// stand out, so gaps between need and supply are visible.
/// </summary>
[Authorize(Policy = Policies.Staff, Roles = $"{StaffRoles.Admin},{StaffRoles.Coordinator},{StaffRoles.MunicipalityAnalyst}")]
public sealed class CoverageModel(AppDbContext db, ReferenceData referenceData) : PageModel
{
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "gemeente")]
    public string? Municipality { get; set; }

    public ReferenceSnapshot Reference { get; private set; } = null!;
    public IReadOnlyList<ReferenceSnapshot.Term> TargetGroups { get; private set; } = [];
    public IReadOnlyList<ReferenceSnapshot.Term> LifeDomains { get; private set; } = [];
    public CoverageMatrix.Cell[,] Cells { get; private set; } = new CoverageMatrix.Cell[0, 0];
    public string ScopeName { get; private set; } = "";
    public string? Problem { get; private set; }
    public int EmptyCells { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Reference = await referenceData.GetAsync(cancellationToken);
        TargetGroups = Reference.Of(TaxonomyKind.TargetGroup).ToList();
        LifeDomains = Reference.Of(TaxonomyKind.LifeDomain).ToList();
        Guid? municipalityId = null;
        ScopeName = Lang.Pick("de hele regio", "the whole region");
        if (!string.IsNullOrEmpty(Municipality))
        {
            var place = Reference.Municipalities.FirstOrDefault(m => m.Code == Municipality);
            if (place is null)
            {
                Problem = Lang.Pick("Onbekende gemeente; je ziet de hele regio.", "Unknown municipality; you see the whole region.");
                Municipality = null;
            }
            else
            {
                municipalityId = place.Id;
                ScopeName = place.Name;
            }
        }

        var matrix = await CoverageMatrix.ComputeAsync(db, Reference, municipalityId, cancellationToken);
        Cells = matrix.Cells;
        EmptyCells = matrix.EmptyCells;
    }
}
