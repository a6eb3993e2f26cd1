using Meedenker.Data;
using Meedenker.Domain;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Wegwijzer;

/// <summary>
/// The desk a resident can call: the organisation that takes in requests from their municipality (its intake
/// route), or the region's fallback route when the municipality is unknown or has none. Client support
/// organisations (type A) come first, then the one with the most coordinators (the region's intake desk rather
/// than a specialised partner), and only organisations with a phone number count. A bridge until the desk is kept
/// as data of its own.
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
            .Join(db.Organizations, r => r.OrganizationId, o => o.Id, (r, o) => new { r.MunicipalityId, o.Id, o.Name, o.Kind, o.Phone, o.Email })
            .Where(x => x.Phone != null && x.Phone != "")
            .ToListAsync(cancellationToken);
        var ids = candidates.Select(c => c.Id).Distinct().ToList();
        var coordinators = await db.UserRoles
            .Join(db.Roles.Where(r => r.Name == StaffRoles.Coordinator), ur => ur.RoleId, r => r.Id, (ur, r) => ur.UserId)
            .Join(db.Users.Where(u => ids.Contains(u.OrganizationId)), id => id, u => u.Id, (id, u) => u.OrganizationId)
            .GroupBy(o => o).Select(g => new { Id = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Id, x => x.Count, cancellationToken);
        var best = candidates
            .OrderBy(x => x.MunicipalityId is null ? 1 : 0)
            .ThenBy(x => x.Kind == OrganizationKind.SupportA ? 0 : 1)
            .ThenByDescending(x => coordinators.GetValueOrDefault(x.Id))
            .ThenBy(x => x.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        return best is null ? null : new Contact(best.Name, best.Phone!, best.Email);
    }
}
