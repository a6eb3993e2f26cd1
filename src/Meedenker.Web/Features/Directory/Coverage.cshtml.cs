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
    public sealed record Cell(int Services, int Professionals, int Volunteers, int PeerExperts)
    {
        public int Supporters => Professionals + Volunteers + PeerExperts;
        public bool IsEmpty => Services == 0 && Supporters == 0;
        public bool IsThin => !IsEmpty && Services + Supporters <= 2;
    }

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "gemeente")]
    public string? Municipality { get; set; }

    public ReferenceSnapshot Reference { get; private set; } = null!;
    public IReadOnlyList<ReferenceSnapshot.Term> TargetGroups { get; private set; } = [];
    public IReadOnlyList<ReferenceSnapshot.Term> LifeDomains { get; private set; } = [];
    public Cell[,] Cells { get; private set; } = new Cell[0, 0];
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

        var termIds = await db.TaxonomyTerms.AsNoTracking()
            .Where(t => t.Taxonomy == TaxonomyKind.TargetGroup || t.Taxonomy == TaxonomyKind.LifeDomain)
            .Select(t => new { t.Id, t.Taxonomy, t.Code }).ToListAsync(cancellationToken);
        var groupIndex = termIds.Where(t => t.Taxonomy == TaxonomyKind.TargetGroup).ToDictionary(t => t.Id, t => IndexOf(TargetGroups, t.Code));
        var domainIndex = termIds.Where(t => t.Taxonomy == TaxonomyKind.LifeDomain).ToDictionary(t => t.Id, t => IndexOf(LifeDomains, t.Code));

        var services = db.Services.AsNoTracking().Where(s => s.Status == ServiceStatus.Active);
        if (municipalityId is not null)
        {
            services = services.Where(s => s.Areas.Any(a => a.MunicipalityId == municipalityId));
        }
        var serviceTerms = await services.Select(s => s.Terms.Select(t => t.TaxonomyTermId).ToList()).ToListAsync(cancellationToken);

        var profiles = db.SupporterProfiles.AsNoTracking().Where(p => db.Users.Any(u => u.Id == p.UserId && !u.IsDisabled));
        if (municipalityId is not null)
        {
            profiles = profiles.Where(p => p.Municipalities.Any(m => m.MunicipalityId == municipalityId));
        }
        var supporters = await profiles.Select(p => new
        {
            p.Kind,
            Free = p.Capacity - db.Cases.Count(c => c.SupporterId == p.UserId && (c.Status == CaseStatus.Open || c.Status == CaseStatus.Offered)),
            Cells = p.Expertise.Select(e => new { e.TargetGroupTermId, e.LifeDomainTermId }).ToList(),
        }).ToListAsync(cancellationToken);

        var services2 = new int[TargetGroups.Count, LifeDomains.Count];
        foreach (var terms in serviceTerms)
        {
            var groups = terms.Where(groupIndex.ContainsKey).Select(t => groupIndex[t]).Where(i => i >= 0).Distinct().ToList();
            var domains = terms.Where(domainIndex.ContainsKey).Select(t => domainIndex[t]).Where(i => i >= 0).Distinct().ToList();
            foreach (var g in groups)
            {
                foreach (var d in domains)
                {
                    services2[g, d]++;
                }
            }
        }
        var kinds = new int[TargetGroups.Count, LifeDomains.Count, 3];
        foreach (var supporter in supporters.Where(s => s.Free > 0))
        {
            foreach (var cell in supporter.Cells)
            {
                if (groupIndex.TryGetValue(cell.TargetGroupTermId, out var g) && domainIndex.TryGetValue(cell.LifeDomainTermId, out var d) && g >= 0 && d >= 0)
                {
                    kinds[g, d, supporter.Kind switch { SupporterKind.Professional => 0, SupporterKind.Volunteer => 1, _ => 2 }]++;
                }
            }
        }
        Cells = new Cell[TargetGroups.Count, LifeDomains.Count];
        for (var g = 0; g < TargetGroups.Count; g++)
        {
            for (var d = 0; d < LifeDomains.Count; d++)
            {
                Cells[g, d] = new Cell(services2[g, d], kinds[g, d, 0], kinds[g, d, 1], kinds[g, d, 2]);
                EmptyCells += Cells[g, d].IsEmpty ? 1 : 0;
            }
        }
    }

    private static int IndexOf(IReadOnlyList<ReferenceSnapshot.Term> terms, string code)
    {
        for (var i = 0; i < terms.Count; i++)
        {
            if (terms[i].Code == code)
            {
                return i;
            }
        }
        return -1;
    }
}
