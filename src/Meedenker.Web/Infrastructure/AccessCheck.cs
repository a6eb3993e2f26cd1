using System.Security.Claims;
using Meedenker.Data;
using Meedenker.Domain;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Infrastructure;

public sealed record AccessDecision(bool Allowed, string Reason);

/// <summary>
/// The one gate for reading or changing a resident's data. Every call decides by the same rules and leaves
/// an access-log entry, allowed or denied, before any data is returned.
/// </summary>
public sealed class AccessCheck(AppDbContext db, IHttpContextAccessor http, TimeProvider time)
{
    public async Task<AccessDecision> ForResidentAsync(Guid residentId, AccessAction action, string resource, string purpose, CancellationToken cancellationToken = default)
    {
        var user = http.HttpContext?.User ?? new ClaimsPrincipal();
        var decision = await DecideAsync(user, residentId, cancellationToken);
        await LogAsync(user, residentId, null, action, resource, purpose, decision, cancellationToken);
        return decision;
    }

    /// <summary>
    /// A request in an intake queue: the coordinators of the organisations it was routed to may read and
    /// handle it, and so may whoever may read the resident's file.
    /// </summary>
    public async Task<(AccessDecision Decision, Guid? ResidentId)> ForHelpRequestAsync(Guid helpRequestId, AccessAction action, string resource, string purpose, CancellationToken cancellationToken = default)
    {
        var user = http.HttpContext?.User ?? new ClaimsPrincipal();
        var residentId = await db.HelpRequests.Where(h => h.Id == helpRequestId).Select(h => (Guid?)h.ResidentId).SingleOrDefaultAsync(cancellationToken);
        AccessDecision decision;
        if (residentId is null)
        {
            decision = new AccessDecision(false, "no-such-request");
        }
        else if (user.IsInRole(StaffRoles.Coordinator) && StaffClaims.OrganizationOf(user) is { } organizationId
            && await db.IntakeAssignments.AnyAsync(a => a.HelpRequestId == helpRequestId && a.OrganizationId == organizationId, cancellationToken))
        {
            decision = new AccessDecision(true, "coordinator-intake-queue");
        }
        else
        {
            decision = await DecideAsync(user, residentId.Value, cancellationToken);
        }
        await LogAsync(user, residentId, null, action, resource, purpose, decision, cancellationToken);
        return (decision, decision.Allowed ? residentId : null);
    }

    /// <summary>A case file: the coordinators of its organisation and the supporter it is assigned to.</summary>
    public async Task<AccessDecision> ForCaseAsync(Guid caseId, AccessAction action, string resource, string purpose, CancellationToken cancellationToken = default)
    {
        var user = http.HttpContext?.User ?? new ClaimsPrincipal();
        var found = await db.Cases.Where(c => c.Id == caseId).Select(c => new { c.ResidentId, c.OrganizationId, c.SupporterId }).SingleOrDefaultAsync(cancellationToken);
        var userId = StaffClaims.UserIdOf(user);
        var decision = found switch
        {
            null => new AccessDecision(false, "no-such-case"),
            _ when user.IsInRole(StaffRoles.Coordinator) && StaffClaims.OrganizationOf(user) == found.OrganizationId => new AccessDecision(true, "coordinator-of-organization"),
            _ when user.IsInRole(StaffRoles.Supporter) && userId is not null && found.SupporterId == userId => new AccessDecision(true, "assigned-supporter"),
            _ => new AccessDecision(false, "not-assigned"),
        };
        await LogAsync(user, found?.ResidentId, caseId, action, resource, purpose, decision, cancellationToken);
        return decision;
    }

    /// <summary>
    /// Records an access that is decided elsewhere (an admin reading or exporting the access log itself, a job
    /// anonymising records): the log then shows who looked at the log and what was done to whose data.
    /// </summary>
    public async Task RecordAsync(Guid? residentId, AccessAction action, string resource, string purpose, string reason, CancellationToken cancellationToken = default)
    {
        var user = http.HttpContext?.User ?? new ClaimsPrincipal();
        await LogAsync(user, residentId, null, action, resource, purpose, new AccessDecision(true, reason), cancellationToken);
    }

    private async Task<AccessDecision> DecideAsync(ClaimsPrincipal user, Guid residentId, CancellationToken cancellationToken)
    {
        var userId = StaffClaims.UserIdOf(user);
        var organizationId = StaffClaims.OrganizationOf(user);
        if (userId is null || organizationId is null)
        {
            return new AccessDecision(false, "not-signed-in");
        }
        if (user.IsInRole(StaffRoles.Coordinator))
        {
            var inOrganization = await db.Cases.AnyAsync(c => c.ResidentId == residentId && c.OrganizationId == organizationId, cancellationToken);
            return inOrganization ? new AccessDecision(true, "coordinator-of-organization") : new AccessDecision(false, "no-case-in-organization");
        }
        if (user.IsInRole(StaffRoles.Supporter))
        {
            var assigned = await db.Cases.AnyAsync(c => c.ResidentId == residentId && c.SupporterId == userId, cancellationToken);
            return assigned ? new AccessDecision(true, "assigned-supporter") : new AccessDecision(false, "not-assigned");
        }
        // Admins, referrers and municipality analysts never read a resident's file.
        return new AccessDecision(false, "role-has-no-access");
    }

    private async Task LogAsync(ClaimsPrincipal user, Guid? residentId, Guid? caseId, AccessAction action, string resource, string purpose, AccessDecision decision, CancellationToken cancellationToken)
    {
        var entry = AccessLogEntry.Record(
            time.GetUtcNow(),
            StaffClaims.UserIdOf(user),
            user.Identity?.Name ?? "anonymous",
            StaffClaims.RoleOf(user),
            StaffClaims.OrganizationOf(user),
            residentId,
            caseId,
            action,
            resource,
            purpose,
            decision.Allowed ? AccessOutcome.Allowed : AccessOutcome.Denied,
            decision.Reason,
            http.HttpContext?.TraceIdentifier);
        db.AccessLog.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
    }
}
