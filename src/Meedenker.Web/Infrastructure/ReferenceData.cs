using Meedenker.Data;
using Meedenker.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Meedenker.Web.Infrastructure;

/// <summary>Municipalities, neighbourhoods and taxonomy terms as the forms need them; cached for a minute.</summary>
public sealed record ReferenceSnapshot(
    IReadOnlyList<ReferenceSnapshot.Place> Municipalities,
    IReadOnlyList<ReferenceSnapshot.Neighbourhood> Neighbourhoods,
    IReadOnlyList<ReferenceSnapshot.Term> Terms)
{
    public sealed record Place(Guid Id, string Code, string Name);
    public sealed record Neighbourhood(Guid Id, Guid MunicipalityId, string Code, string Name);
    public sealed record Term(TaxonomyKind Taxonomy, string Code, string NameNl, string NameEn)
    {
        public string Name => Lang.Pick(NameNl, NameEn);
    }

    public IEnumerable<Term> Of(TaxonomyKind taxonomy) => Terms.Where(t => t.Taxonomy == taxonomy);

    public bool HasTerm(TaxonomyKind taxonomy, string? code) => code is not null && Terms.Any(t => t.Taxonomy == taxonomy && t.Code == code);

    public string TermName(TaxonomyKind taxonomy, string? code) =>
        Terms.FirstOrDefault(t => t.Taxonomy == taxonomy && t.Code == code)?.Name ?? code ?? "";
}

public sealed class ReferenceData(AppDbContext db, IMemoryCache cache)
{
    private const string Key = "reference-data";

    public async Task<ReferenceSnapshot> GetAsync(CancellationToken cancellationToken = default)
    {
        if (cache.TryGetValue(Key, out ReferenceSnapshot? snapshot) && snapshot is not null)
        {
            return snapshot;
        }
        var municipalities = await db.Municipalities.AsNoTracking().OrderBy(m => m.Name)
            .Select(m => new ReferenceSnapshot.Place(m.Id, m.Code, m.Name)).ToListAsync(cancellationToken);
        var neighbourhoods = await db.Neighbourhoods.AsNoTracking().OrderBy(n => n.Name)
            .Select(n => new ReferenceSnapshot.Neighbourhood(n.Id, n.MunicipalityId, n.Code, n.Name)).ToListAsync(cancellationToken);
        var terms = await db.TaxonomyTerms.AsNoTracking().OrderBy(t => t.SortOrder)
            .Select(t => new ReferenceSnapshot.Term(t.Taxonomy, t.Code, t.NameNl, t.NameEn)).ToListAsync(cancellationToken);
        snapshot = new ReferenceSnapshot(municipalities, neighbourhoods, terms);
        cache.Set(Key, snapshot, TimeSpan.FromMinutes(1));
        return snapshot;
    }

    public void Invalidate() => cache.Remove(Key);
}
