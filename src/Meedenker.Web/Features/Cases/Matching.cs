using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Cases;

/// <summary>A supporter who could take a request, with the reasons in plain words. <paramref name="Capacity"/> is null without a profile.</summary>
public sealed record MatchCandidate(Guid UserId, string Name, SupporterKind Kind, int OpenCases, int Score, IReadOnlyList<string> Reasons, int? Capacity = null)
{
    /// <summary>At or over the capacity in the profile: ranked after everyone with room, and offered to only after a confirmation.</summary>
    public bool Full => Capacity is { } capacity && OpenCases >= capacity;
}

/// <summary>
/// Ranks the supporters of the coordinator's organisation for a request, with the reasons shown: "informal
/// where possible, formal where necessary" — volunteers and peer experts first unless the request needs a
/// formal supporter —, then the municipalities they work in, the resident's language, expertise in the
/// request's life domains, free capacity and evening availability from their profile. Supporters who are full
/// (open and offered cases at or over the capacity in their profile) always come after those with room.
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
        var ids = supporters.Select(s => s.Id).ToList();
        var profiles = await db.SupporterProfiles.AsNoTracking().Where(p => ids.Contains(p.UserId))
            .Include(p => p.Terms).Include(p => p.Expertise).Include(p => p.Municipalities)
            .ToDictionaryAsync(p => p.UserId, cancellationToken);
        var terms = await db.TaxonomyTerms.AsNoTracking()
            .Where(t => t.Taxonomy == TaxonomyKind.Language || t.Taxonomy == TaxonomyKind.LifeDomain)
            .Select(t => new { t.Id, t.Taxonomy, t.Code, t.NameNl, t.NameEn }).ToListAsync(cancellationToken);
        var language = request.LanguageCode is null or "nl" ? null : terms.FirstOrDefault(t => t.Taxonomy == TaxonomyKind.Language && t.Code == request.LanguageCode);
        var domainCodes = request.LifeDomains.Select(d => d.Code).Append(request.LifeDomainCode).Where(c => c is not null).Distinct().ToList();
        var domains = terms.Where(t => t.Taxonomy == TaxonomyKind.LifeDomain && domainCodes.Contains(t.Code)).ToList();
        var municipality = await db.Municipalities.Where(m => m.Id == request.MunicipalityId).Select(m => m.Name).SingleOrDefaultAsync(cancellationToken);
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
            if (profiles.TryGetValue(s.Id, out var profile))
            {
                if (profile.Municipalities.Any(m => m.MunicipalityId == request.MunicipalityId))
                {
                    score += 20;
                    reasons.Add(Lang.Pick($"werkt in {municipality}", $"works in {municipality}"));
                }
                else
                {
                    score -= 20;
                    reasons.Add(Lang.Pick("werkt niet in deze gemeente", "does not work in this municipality"));
                }
                if (language is not null)
                {
                    var speaks = profile.Terms.Any(t => t.TaxonomyTermId == language.Id);
                    score += speaks ? 20 : -10;
                    reasons.Add(speaks ? Lang.Pick($"spreekt {language.NameNl}", $"speaks {language.NameEn}") : Lang.Pick($"spreekt geen {language.NameNl}", $"does not speak {language.NameEn}"));
                }
                foreach (var domain in domains.Where(d => profile.Expertise.Any(e => e.LifeDomainTermId == d.Id)).Take(2))
                {
                    score += 10;
                    reasons.Add(Lang.Pick($"ervaring met {domain.NameNl.ToLowerInvariant()}", $"experience with {domain.NameEn.ToLowerInvariant()}"));
                }
                var free = profile.Capacity - s.Open;
                if (free <= 0)
                {
                    score -= 40;
                    reasons.Add(Lang.Pick($"vol: {s.Open} van {profile.Capacity} casussen, daarom onderaan", $"full: {s.Open} of {profile.Capacity} cases, so listed last"));
                }
                else
                {
                    score += Math.Min(free, 5);
                    reasons.Add(free == 1 ? Lang.Pick("nog 1 plek vrij", "1 place free") : Lang.Pick($"nog {free} plekken vrij", $"{free} places free"));
                }
                if ((request.ContactTimes & ContactTimes.Evening) != 0 && profile.AvailableEvenings)
                {
                    score += 5;
                    reasons.Add(Lang.Pick("ook 's avonds beschikbaar", "also available in the evening"));
                }
            }
            else
            {
                score -= s.Open * 3;
                reasons.Add(Lang.Pick($"{s.Open} open casussen, geen profiel", $"{s.Open} open cases, no profile"));
            }
            return new MatchCandidate(s.Id, s.DisplayName, s.Kind, s.Open, score, reasons, profile?.Capacity);
        }).OrderBy(c => c.Full).ThenByDescending(c => c.Score).ThenBy(c => c.Name).ToList();
    }

    /// <summary>Criteria from the domain brief that route a request to a formal supporter straight away.</summary>
    public static bool NeedsFormal(HelpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.SafetyConcern || request.LifeDomains.Any(d => d.Code == "veiligheid") || request.LifeDomainCode == "veiligheid" || request.LifeDomains.Count >= 3;
    }
}
