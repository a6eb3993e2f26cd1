using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Account;

/// <summary>
/// "Mijn sessies": the browsers where this staff member is signed in, with a way to end one or all of them
/// (docs/decisions/0100-server-side-sessions.md).
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class SessionsModel(AppDbContext db, SignInManager<StaffUser> signIn, TimeProvider time) : PageModel
{
    public sealed record Row(Guid Id, string? Device, string? Network, DateTimeOffset StartedAt, DateTimeOffset LastSeenAt, bool Current);

    public IReadOnlyList<Row> Sessions { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var userId = StaffClaims.UserIdOf(User);
        var now = time.GetUtcNow();
        var current = StaffSessions.CurrentHash(User);
        var rows = await db.StaffSessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.EndedAt == null && s.ExpiresAt > now && s.AbsoluteExpiresAt > now)
            .Select(s => new { s.Id, s.Device, s.Network, s.CreatedAt, s.LastSeenAt, Current = s.TokenHash == current })
            .ToListAsync(cancellationToken);
        Sessions = rows.OrderByDescending(r => r.Current).ThenByDescending(r => r.LastSeenAt)
            .Select(r => new Row(r.Id, r.Device, r.Network, r.CreatedAt, r.Current ? now : r.LastSeenAt, r.Current)).ToList();
    }

    /// <summary>Ends one of my other sessions; someone else's session is not found.</summary>
    public async Task<IActionResult> OnPostEndAsync(Guid id, CancellationToken cancellationToken)
    {
        if (StaffClaims.UserIdOf(User) is not { } userId || await StaffSessions.EndOneAsync(db, userId, id, time.GetUtcNow(), cancellationToken) == 0)
        {
            return NotFound();
        }
        Message = Lang.Pick("De sessie is beëindigd. Op dat apparaat moet je opnieuw inloggen.", "The session has ended. On that device you have to sign in again.");
        return RedirectToPage();
    }

    /// <summary>"Overal uitloggen": every session ends, this one too.</summary>
    public async Task<IActionResult> OnPostEndAllAsync(CancellationToken cancellationToken)
    {
        if (StaffClaims.UserIdOf(User) is { } userId)
        {
            await StaffSessions.EndAllAsync(db, userId, SessionEndReason.SignedOutEverywhere, time.GetUtcNow(), cancellationToken);
        }
        await signIn.SignOutAsync();
        return Redirect("/account/uitloggen");
    }

    public static string DayTime(DateTimeOffset at) => at.ToLocalTime().ToString("d MMMM yyyy, HH:mm", System.Globalization.CultureInfo.CurrentCulture);
}
