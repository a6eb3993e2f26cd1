using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Directory;

/// <summary>The services a user may edit: an administrator every organisation's, a coordinator their own.</summary>
[Authorize(Policy = Policies.Staff, Roles = DirectoryEditing.Roles)]
public sealed class ManageServicesModel(AppDbContext db) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(Guid Id, string Name, string Organization, ServiceStatus Status, DateTimeOffset LastModified);

    public sealed record OrganizationOption(Guid Id, string Name);

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "pagina")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<OrganizationOption> Organizations { get; private set; } = [];
    public int Total { get; private set; }
    public bool IsAdmin { get; private set; }
    public string? Message { get; private set; }

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Message = TempData["Message"] as string;
        IsAdmin = User.IsInRole(StaffRoles.Admin);
        var own = StaffClaims.OrganizationOf(User);
        var services = db.Services.AsNoTracking();
        var organizations = HsdsOrganizationsApi.Public(db);
        if (!IsAdmin)
        {
            services = services.Where(s => s.OrganizationId == own);
            organizations = db.Organizations.AsNoTracking().Where(o => o.Id == own);
        }
        services = await ServiceSearch.WhereTextAsync(db, services, InputText.Clean(Query), cancellationToken);
        Total = await services.CountAsync(cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Rows = await services.OrderBy(s => s.Name).ThenBy(s => s.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(s => new Row(s.Id, s.Name, s.Organization!.Name, s.Status, s.LastModified)).ToListAsync(cancellationToken);
        Organizations = await organizations.OrderBy(o => o.Name).Take(2000).Select(o => new OrganizationOption(o.Id, o.Name)).ToListAsync(cancellationToken);
    }

    public static string StatusName(ServiceStatus status) => status switch
    {
        ServiceStatus.Active => Lang.Pick("actief", "active"),
        ServiceStatus.TemporarilyClosed => Lang.Pick("tijdelijk gesloten", "temporarily closed"),
        ServiceStatus.Inactive => Lang.Pick("niet actief", "inactive"),
        _ => Lang.Pick("opgeheven", "discontinued"),
    };
}
