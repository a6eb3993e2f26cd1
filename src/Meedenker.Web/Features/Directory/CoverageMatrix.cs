using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Directory;

/// <summary>
/// Supply per target group × life domain cell: active services and supporters with free capacity (by kind),
/// for one municipality or the region. Used by the coverage page and the municipal monitor's gap list.
/// </summary>
public sealed record CoverageMatrix(IReadOnlyList<ReferenceSnapshot.Term> TargetGroups, IReadOnlyList<ReferenceSnapshot.Term> LifeDomains, CoverageMatrix.Cell[,] Cells, int EmptyCells)
{
    public sealed record Cell(int Services, int Professionals, int Volunteers, int PeerExperts)
    {
        public int Supporters => Professionals + Volunteers + PeerExperts;
        public bool IsEmpty => Services == 0 && Supporters == 0;
        public bool IsThin => !IsEmpty && Services + Supporters <= 2;
    }

    public static async Task<CoverageMatrix> ComputeAsync(AppDbContext db, ReferenceSnapshot reference, Guid? municipalityId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(reference);
        var targetGroups = reference.Of(TaxonomyKind.TargetGroup).ToList();
        var lifeDomains = reference.Of(TaxonomyKind.LifeDomain).ToList();
        var termIds = await db.TaxonomyTerms.AsNoTracking()
            .Where(t => t.Taxonomy == TaxonomyKind.TargetGroup || t.Taxonomy == TaxonomyKind.LifeDomain)
            .Select(t => new { t.Id, t.Taxonomy, t.Code }).ToListAsync(cancellationToken);
        var groupIndex = termIds.Where(t => t.Taxonomy == TaxonomyKind.TargetGroup).ToDictionary(t => t.Id, t => IndexOf(targetGroups, t.Code));
        var domainIndex = termIds.Where(t => t.Taxonomy == TaxonomyKind.LifeDomain).ToDictionary(t => t.Id, t => IndexOf(lifeDomains, t.Code));

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

        var services2 = new int[targetGroups.Count, lifeDomains.Count];
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
        var kinds = new int[targetGroups.Count, lifeDomains.Count, 3];
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
        var cells = new Cell[targetGroups.Count, lifeDomains.Count];
        var empty = 0;
        for (var g = 0; g < targetGroups.Count; g++)
        {
            for (var d = 0; d < lifeDomains.Count; d++)
            {
                cells[g, d] = new Cell(services2[g, d], kinds[g, d, 0], kinds[g, d, 1], kinds[g, d, 2]);
                empty += cells[g, d].IsEmpty ? 1 : 0;
            }
        }
        return new CoverageMatrix(targetGroups, lifeDomains, cells, empty);
    }

    private static int IndexOf(List<ReferenceSnapshot.Term> terms, string code)
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
