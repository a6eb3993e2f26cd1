using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Admin;

[Authorize(Policy = Policies.Admin)]
public sealed class UsersModel(AppDbContext db, UserManager<StaffUser> userManager, TimeProvider time) : PageModel
{
    public const int PageSize = 50;

    public sealed record UserRow(Guid Id, string DisplayName, string? Email, string Organization, string Roles, string? Role, bool TwoFactor, bool Disabled);

    public IReadOnlyList<UserRow> Users { get; private set; } = [];
    public int Total { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public int TotalPages { get; private set; } = 1;
    public Guid? CurrentUserId => StaffClaims.UserIdOf(User);

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync([FromQuery(Name = "pagina")] int? page, CancellationToken cancellationToken)
    {
        Total = await db.Users.CountAsync(cancellationToken);
        TotalPages = Math.Max(1, (Total + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(page ?? 1, 1, TotalPages);
        var rows = await db.Users
            .OrderBy(u => u.IsDisabled).ThenBy(u => u.DisplayName)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(u => new
            {
                u.Id,
                u.DisplayName,
                u.Email,
                Organization = u.Organization!.Name,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToList(),
                u.TwoFactorEnabled,
                u.IsDisabled,
            })
            .ToListAsync(cancellationToken);
        Users = rows.Select(r => new UserRow(r.Id, r.DisplayName, r.Email, r.Organization, string.Join(", ", r.Roles.Select(RoleName)), r.Roles.FirstOrDefault(), r.TwoFactorEnabled, r.IsDisabled)).ToList();
    }

    public Task<IActionResult> OnPostDisableAsync(Guid id, CancellationToken cancellationToken) => SetDisabledAsync(id, true, cancellationToken);

    public Task<IActionResult> OnPostEnableAsync(Guid id, CancellationToken cancellationToken) => SetDisabledAsync(id, false, cancellationToken);

    private async Task<IActionResult> SetDisabledAsync(Guid id, bool disable, CancellationToken cancellationToken)
    {
        if (id == CurrentUserId)
        {
            Message = Lang.Pick("Je kunt je eigen account niet uitschakelen.", "You cannot disable your own account.");
            return RedirectToPage();
        }
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return NotFound();
        }
        if (disable)
        {
            user.Disable(time.GetUtcNow());
        }
        else
        {
            user.Enable();
        }
        await db.SaveChangesAsync(cancellationToken);
        if (disable)
        {
            // Every open session of the account ends now, on every instance (not at the next stamp check).
            await StaffSessions.EndAllAsync(db, user.Id, SessionEndReason.AccountDisabled, time.GetUtcNow(), cancellationToken);
        }
        Message = disable
            ? Lang.Pick($"{user.DisplayName} is uitgeschakeld en kan niet meer inloggen.", $"{user.DisplayName} is disabled and can no longer sign in.")
            : Lang.Pick($"{user.DisplayName} kan weer inloggen.", $"{user.DisplayName} can sign in again.");
        return RedirectToPage();
    }

    /// <summary>A new role for a staff member; their open sessions end, so no cookie keeps the old role.</summary>
    public async Task<IActionResult> OnPostRoleAsync(Guid id, [FromForm] string? role, CancellationToken cancellationToken)
    {
        if (id == CurrentUserId)
        {
            Message = Lang.Pick("Je kunt je eigen rol niet wijzigen.", "You cannot change your own role.");
            return RedirectToPage();
        }
        if (role is null || !StaffRoles.All.Contains(role))
        {
            Message = Lang.Pick("Kies een rol uit de lijst.", "Choose a role from the list.");
            return RedirectToPage();
        }
        var user = await userManager.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return NotFound();
        }
        var current = await userManager.GetRolesAsync(user);
        if (current.Count != 1 || current[0] != role)
        {
            await userManager.RemoveFromRolesAsync(user, current);
            // Only a supporter has a kind of supporter; a new supporter starts as a professional.
            user.SetSupporterKind(role == StaffRoles.Supporter ? user.SupporterKind ?? SupporterKind.Professional : null, role == StaffRoles.Supporter ? user.PeerExpertLevel : null);
            await userManager.AddToRoleAsync(user, role);
            await userManager.UpdateSecurityStampAsync(user);
            await StaffSessions.EndAllAsync(db, user.Id, SessionEndReason.RoleChanged, time.GetUtcNow(), cancellationToken);
        }
        Message = Lang.Pick($"{user.DisplayName} heeft nu de rol {RoleName(role)}. Eerdere sessies zijn beëindigd.", $"{user.DisplayName} now has the role {RoleName(role)}. Earlier sessions have ended.");
        return RedirectToPage();
    }

    public static string RoleName(string? role) => role switch
    {
        StaffRoles.Admin => Lang.Pick("Beheerder", "Administrator"),
        StaffRoles.Coordinator => Lang.Pick("Coördinator", "Coordinator"),
        StaffRoles.Supporter => Lang.Pick("Meedenker", "Supporter"),
        StaffRoles.Referrer => Lang.Pick("Verwijzer", "Referrer"),
        StaffRoles.MunicipalityAnalyst => Lang.Pick("Analist gemeente", "Municipality analyst"),
        _ => role ?? "",
    };
}
