using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Cases;

/// <summary>A supporter who could take a request, with the reasons in plain words.</summary>
public sealed record MatchCandidate(Guid UserId, string Name, SupporterKind Kind, int OpenCases, int Score, IReadOnlyList<string> Reasons);

/// <summary>
/// Ranks the supporters of the coordinator's organisation for a request: "informal where possible, formal
/// where necessary" — volunteers and peer experts first unless the request needs a formal supporter —, then
/// by how many open cases they already hold.
/// </summary>
public sealed class Matching(AppDbContext db)
{
    public async Task<IReadOnlyList<MatchCandidate>> RankAsync(HelpRequest request, Guid organizationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var supporterRole = await db.Roles.Where(r => r.Name == StaffRoles.Supporter).Select(r => r.Id).SingleAsync(cancellationToken);
        var supporters = await db.Users.AsNoTracking()
            .Where(u => u.OrganizationId == organizationId && !u.IsDisabled && u.SupporterKind != null
                && db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == supporterRole))
            .Select(u => new
            {
                u.Id,
                u.DisplayName,
                Kind = u.SupporterKind!.Value,
                Open = db.Cases.Count(c => c.SupporterId == u.Id && (c.Status == CaseStatus.Open || c.Status == CaseStatus.Offered)),
            })
            .ToListAsync(cancellationToken);
        var needsFormal = NeedsFormal(request);
        return supporters.Select(s =>
        {
            var reasons = new List<string>();
            var score = 0;
            var informal = s.Kind != SupporterKind.Professional;
            if (needsFormal && !informal)
            {
                score += 50;
                reasons.Add(Lang.Pick("formele meedenker: deze vraag vraagt dat", "formal supporter: this request needs one"));
            }
            else if (!needsFormal && informal)
            {
                score += 50;
                reasons.Add(Lang.Pick("informeel waar het kan", "informal where possible"));
            }
            score -= s.Open * 3;
            reasons.Add(Lang.Pick($"{s.Open} open casussen", $"{s.Open} open cases"));
            return new MatchCandidate(s.Id, s.DisplayName, s.Kind, s.Open, score, reasons);
        }).OrderByDescending(c => c.Score).ThenBy(c => c.Name).ToList();
    }

    /// <summary>Criteria from the domain brief that route a request to a formal supporter straight away.</summary>
    public static bool NeedsFormal(HelpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.LifeDomains.Any(d => d.Code == "veiligheid") || request.LifeDomainCode == "veiligheid" || request.LifeDomains.Count >= 3;
    }
}
