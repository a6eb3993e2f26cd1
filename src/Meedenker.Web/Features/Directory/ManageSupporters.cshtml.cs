using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Directory;

/// <summary>Supporter profiles a user may edit: a coordinator those of their own organisation, an administrator all.</summary>
[Authorize(Policy = Policies.Staff, Roles = DirectoryEditing.Roles)]
public sealed class ManageSupportersModel(AppDbContext db) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(Guid Id, string Name, string Organization, SupporterKind Kind, int? Level, int Capacity, bool Evenings, bool Weekends);

    [BindProperty(SupportsGet = true, Name = "pagina")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public string? Message { get; private set; }

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Message = TempData["Message"] as string;
        var own = StaffClaims.OrganizationOf(User);
        var profiles = db.SupporterProfiles.AsNoTracking();
        if (!User.IsInRole(StaffRoles.Admin))
        {
            profiles = profiles.Where(p => p.OrganizationId == own);
        }
        var rows = from p in profiles
                   join u in db.Users on p.UserId equals u.Id
                   join o in db.Organizations on p.OrganizationId equals o.Id
                   where !u.IsDisabled
                   select new { p.Id, u.DisplayName, Organization = o.Name, p.Kind, u.PeerExpertLevel, p.Capacity, p.AvailableEvenings, p.AvailableWeekends };
        Total = await rows.CountAsync(cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Rows = (await rows.OrderBy(r => r.Organization).ThenBy(r => r.DisplayName).ThenBy(r => r.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken))
            .Select(r => new Row(r.Id, r.DisplayName, r.Organization, r.Kind, r.PeerExpertLevel, r.Capacity, r.AvailableEvenings, r.AvailableWeekends)).ToList();
    }

    public static string KindName(SupporterKind kind, int? level) => kind switch
    {
        SupporterKind.Professional => Lang.Pick("beroepskracht", "professional"),
        SupporterKind.Volunteer => Lang.Pick("vrijwilliger", "volunteer"),
        _ => Lang.Pick($"ervaringsdeskundige niveau {level}", $"peer expert level {level}"),
    };
}
