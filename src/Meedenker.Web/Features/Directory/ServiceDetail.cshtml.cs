using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Directory;

/// <summary>One service of the social map: what it is, for whom, where, when open and how to get there.</summary>
public sealed class ServiceDetailModel(AppDbContext db) : PageModel
{
    public sealed record Hours(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes, string? Note);

    public sealed record Place(string Name, string Address, string PostalCode, string City, string? Accessibility, string? Transportation, IReadOnlyList<Hours> Hours, IReadOnlyList<string> Phones);

    public sealed record Details(
        Guid Id, string Name, string? Description, string Organization, string? OrganizationDescription, string? OrganizationWebsite,
        bool IsFree, string? FeesDescription, string? ApplicationProcess, string? Email, string? Url,
        IReadOnlyList<string> LifeDomains, IReadOnlyList<string> TargetGroups, IReadOnlyList<string> Languages, IReadOnlyList<string> ContactModes,
        IReadOnlyList<string> Municipalities, IReadOnlyList<Hours> ExtraHours, IReadOnlyList<string> Phones, IReadOnlyList<Place> Places);

    public Details Service { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var row = await db.Services.AsNoTracking()
            .Where(s => s.Id == id && s.Status == ServiceStatus.Active)
            .Select(s => new
            {
                s.Id,
                s.Name,
                s.Description,
                Organization = s.Organization!.Name,
                OrganizationDescription = s.Organization.Description,
                OrganizationWebsite = s.Organization.Website,
                s.IsFree,
                s.FeesDescription,
                s.ApplicationProcess,
                s.Email,
                s.Url,
                Terms = s.Terms.OrderBy(t => t.TaxonomyTerm!.SortOrder).Select(t => new { t.TaxonomyTerm!.Taxonomy, t.TaxonomyTerm.NameNl, t.TaxonomyTerm.NameEn }).ToList(),
                Municipalities = s.Areas.OrderBy(a => a.Municipality!.Name).Select(a => a.Municipality!.Name).ToList(),
                Extra = s.Schedules.Select(h => new Hours(h.Day, h.OpensAt, h.ClosesAt, h.Description)).ToList(),
                Phones = s.Phones.Select(p => p.Number).ToList(),
                Places = s.Locations.Select(l => new
                {
                    l.Location!.Name,
                    l.Location.Address,
                    l.Location.PostalCode,
                    l.Location.City,
                    l.Location.Accessibility,
                    l.Location.Transportation,
                    Hours = l.Location.Schedules.Select(h => new Hours(h.Day, h.OpensAt, h.ClosesAt, h.Description)).ToList(),
                    Phones = db.Phones.Where(p => p.LocationId == l.LocationId).Select(p => p.Number).ToList(),
                }).ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return NotFound();
        }
        List<string> Names(TaxonomyKind kind) => row.Terms.Where(t => t.Taxonomy == kind).Select(t => Lang.Pick(t.NameNl, t.NameEn)).ToList();
        Service = new Details(row.Id, row.Name, row.Description, row.Organization, row.OrganizationDescription, row.OrganizationWebsite,
            row.IsFree, row.FeesDescription, row.ApplicationProcess, row.Email, row.Url,
            Names(TaxonomyKind.LifeDomain), Names(TaxonomyKind.TargetGroup), Names(TaxonomyKind.Language), Names(TaxonomyKind.ContactMode),
            row.Municipalities, Sorted(row.Extra), row.Phones,
            row.Places.Select(p => new Place(p.Name, p.Address, p.PostalCode, p.City, p.Accessibility, p.Transportation, Sorted(p.Hours), p.Phones)).ToList());
        return Page();
    }

    /// <summary>Monday first, as Dutch calendars do.</summary>
    private static List<Hours> Sorted(IEnumerable<Hours> hours) => hours.OrderBy(h => ((int)h.Day + 6) % 7).ThenBy(h => h.Opens).ToList();

    public static string DayName(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => Lang.Pick("maandag", "Monday"),
        DayOfWeek.Tuesday => Lang.Pick("dinsdag", "Tuesday"),
        DayOfWeek.Wednesday => Lang.Pick("woensdag", "Wednesday"),
        DayOfWeek.Thursday => Lang.Pick("donderdag", "Thursday"),
        DayOfWeek.Friday => Lang.Pick("vrijdag", "Friday"),
        DayOfWeek.Saturday => Lang.Pick("zaterdag", "Saturday"),
        _ => Lang.Pick("zondag", "Sunday"),
    };
}
