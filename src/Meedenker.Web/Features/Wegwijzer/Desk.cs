using Meedenker.Data;
using Meedenker.Domain;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Wegwijzer;

/// <summary>
/// The desk a resident can call: the organisation that takes in requests from their municipality (its intake
/// route), or the region's fallback route when the municipality is unknown or has none. Client support
/// organisations (type A) come first, and only organisations with a phone number count.
/// </summary>
public static class Desk
{
    public sealed record Contact(string Organization, string Phone, string? Email)
    {
        /// <summary>The number for a <c>tel:</c> link: digits and a leading plus only.</summary>
        public string TelLink => "tel:" + new string(Phone.Where(c => char.IsAsciiDigit(c) || c == '+').ToArray());
    }

    public static async Task<Contact?> ForAsync(AppDbContext db, Guid? municipalityId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var candidates = await db.IntakeRoutes.AsNoTracking()
            .Where(r => municipalityId != null ? r.MunicipalityId == municipalityId || r.MunicipalityId == null : r.MunicipalityId == null)
            .Join(db.Organizations, r => r.OrganizationId, o => o.Id, (r, o) => new { r.MunicipalityId, o.Name, o.Kind, o.Phone, o.Email })
            .Where(x => x.Phone != null && x.Phone != "")
            .ToListAsync(cancellationToken);
        var best = candidates
            .OrderBy(x => x.MunicipalityId is null ? 1 : 0)
            .ThenBy(x => x.Kind == OrganizationKind.SupportA ? 0 : 1)
            .ThenBy(x => x.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        return best is null ? null : new Contact(best.Name, best.Phone!, best.Email);
    }
}
