using System.Security.Claims;
using Meedenker.Data;
using Meedenker.Domain;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Infrastructure;

public sealed record AccessDecision(bool Allowed, string Reason, CaseRelation Relation = CaseRelation.None, CaseVisibility? Visibility = null)
{
    /// <summary>May change the case as a whole (plan, network, close, hand over): the responsible meedenker or a coordinator of its organisation.</summary>
    public bool MayRun => Allowed && Relation is CaseRelation.Coordinator or CaseRelation.Responsible;

    /// <summary>May record work on their part: also a meedenker who took over part of the case.</summary>
    public bool MayWork => MayRun || (Allowed && Relation == CaseRelation.Participant);
}

/// <summary>How a staff member relates to a case; it decides what they may do and see.</summary>
public enum CaseRelation
{
    None = 0,
    /// <summary>Coordinator of the organisation responsible for the case.</summary>
    Coordinator = 1,
    /// <summary>The responsible meedenker.</summary>
    Responsible = 2,
    /// <summary>A meedenker who took over part of the case.</summary>
    Participant = 3,
    /// <summary>The receiver of an open handover, deciding whether to accept.</summary>
    Receiver = 4,
    /// <summary>Coordinator of an organisation that takes part or receives a handover.</summary>
    PartnerCoordinator = 5,
}

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

    /// <summary>
    /// A case file: the coordinators of its organisation and the responsible meedenker see it all; a meedenker who
    /// took over part of it, the receiver of an open handover and their coordinators see what the resident agreed
    /// to share with them (<see cref="CaseVisibility"/>). Everyone else is refused.
    /// </summary>
    /// <param name="may">What this relation must allow for this action (e.g. only the responsible side may hand over); a refusal is logged as denied.</param>
    public Task<AccessDecision> ForCaseAsync(Guid caseId, AccessAction action, string resource, string purpose, CancellationToken cancellationToken = default) =>
        ForCaseAsync(caseId, action, resource, purpose, null, cancellationToken);

    public async Task<AccessDecision> ForCaseAsync(Guid caseId, AccessAction action, string resource, string purpose, Func<AccessDecision, bool>? may,
        CancellationToken cancellationToken = default)
    {
        var user = http.HttpContext?.User ?? new ClaimsPrincipal();
        var found = await db.Cases.Where(c => c.Id == caseId)
            .Select(c => new { c.ResidentId, c.OrganizationId, c.SupporterId, c.OpenedAt, c.ResponsibleSince }).SingleOrDefaultAsync(cancellationToken);
        var decision = found is null
            ? new AccessDecision(false, "no-such-case")
            : await DecideCaseAsync(user, caseId, found.OrganizationId, found.SupporterId, found.OpenedAt, found.ResponsibleSince, cancellationToken);
        if (decision.Allowed && may is not null && !may(decision))
        {
            decision = decision with { Allowed = false, Reason = "relation-may-not:" + decision.Relation };
        }
        await LogAsync(user, found?.ResidentId, caseId, action, resource, purpose, decision, cancellationToken);
        return decision;
    }

    private async Task<AccessDecision> DecideCaseAsync(ClaimsPrincipal user, Guid caseId, Guid organizationId, Guid? supporterId, DateTimeOffset openedAt,
        DateTimeOffset? responsibleSince, CancellationToken cancellationToken)
    {
        var userId = StaffClaims.UserIdOf(user);
        var userOrganization = StaffClaims.OrganizationOf(user);
        if (userId is null || userOrganization is null)
        {
            return new AccessDecision(false, "not-signed-in");
        }
        var isCoordinator = user.IsInRole(StaffRoles.Coordinator);
        var isSupporter = user.IsInRole(StaffRoles.Supporter);
        if (isCoordinator && userOrganization == organizationId)
        {
            return new AccessDecision(true, "coordinator-of-organization", CaseRelation.Coordinator, CaseVisibility.Full);
        }
        if (!isCoordinator && !isSupporter)
        {
            // Admins, referrers and municipality analysts never read a case.
            return new AccessDecision(false, "role-has-no-access");
        }
        // The consents given to this viewer (or their organisation); read only for a relation that needs them.
        Task<List<CaseConsent>> ConsentsAsync() => db.CaseConsents.AsNoTracking()
            .Where(c => c.CaseId == caseId && c.WithdrawnAt == null && c.GranteeOrganizationId == userOrganization
                && (c.GranteeSupporterId == null || c.GranteeSupporterId == userId || isCoordinator))
            .ToListAsync(cancellationToken);
        if (isSupporter && supporterId == userId)
        {
            // An informal meedenker who took the whole case over sees what was recorded before only where the resident agreed.
            var tookOver = responsibleSince is { } since && since > openedAt.AddMinutes(1);
            return tookOver && await db.Users.Where(u => u.Id == userId).Select(u => u.SupporterKind).SingleOrDefaultAsync(cancellationToken) != SupporterKind.Professional
                ? new AccessDecision(true, "responsible-informal-after-handover", CaseRelation.Responsible, CaseVisibility.Limited(await ConsentsAsync(), responsibleSince))
                : new AccessDecision(true, "assigned-supporter", CaseRelation.Responsible, CaseVisibility.Full);
        }
        if (isSupporter)
        {
            var part = await db.CaseParticipants.AsNoTracking()
                .Where(p => p.CaseId == caseId && p.SupporterId == userId && p.EndedAt == null).Select(p => p.LifeDomainCodes).FirstOrDefaultAsync(cancellationToken);
            if (part is not null)
            {
                return new AccessDecision(true, "partial-handover-participant", CaseRelation.Participant, CaseVisibility.Limited(await ConsentsAsync(), null, part));
            }
            if (await db.Handovers.AnyAsync(h => h.CaseId == caseId && h.ToSupporterId == userId && h.Status == HandoverStatus.Proposed, cancellationToken))
            {
                return new AccessDecision(true, "handover-receiver", CaseRelation.Receiver, CaseVisibility.Limited(await ConsentsAsync()));
            }
        }
        if (isCoordinator
            && (await db.CaseParticipants.AnyAsync(p => p.CaseId == caseId && p.OrganizationId == userOrganization && p.EndedAt == null, cancellationToken)
                || await db.Handovers.AnyAsync(h => h.CaseId == caseId && h.ToOrganizationId == userOrganization && h.Status == HandoverStatus.Proposed, cancellationToken)))
        {
            return new AccessDecision(true, "coordinator-of-partner", CaseRelation.PartnerCoordinator, CaseVisibility.Limited(await ConsentsAsync()));
        }
        return new AccessDecision(false, "not-assigned");
    }

    /// <summary>Logs an attempt the authorization policy refused before any page code ran.</summary>
    public async Task LogRefusedByPolicyAsync(ResidentRouteKind kind, Guid id, string path, CancellationToken cancellationToken = default)
    {
        var user = http.HttpContext?.User ?? new ClaimsPrincipal();
        Guid? residentId = kind switch
        {
            ResidentRouteKind.Case => await db.Cases.Where(c => c.Id == id).Select(c => (Guid?)c.ResidentId).SingleOrDefaultAsync(cancellationToken),
            ResidentRouteKind.HelpRequest => await db.HelpRequests.Where(h => h.Id == id).Select(h => (Guid?)h.ResidentId).SingleOrDefaultAsync(cancellationToken),
            _ => await db.Residents.Where(r => r.Id == id).Select(r => (Guid?)r.Id).SingleOrDefaultAsync(cancellationToken),
        };
        var resource = path.Length > 100 ? path[..100] : path;
        await LogAsync(user, residentId, kind == ResidentRouteKind.Case ? id : null, AccessAction.View, resource, "case-work",
            new AccessDecision(false, user.Identity?.IsAuthenticated == true ? "refused-by-policy" : "not-signed-in"), cancellationToken);
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

    /// <summary>
    /// The resident reading or changing their own record: allowed only when the status link and the one-time
    /// code proved the same help request (<paramref name="provenHelpRequestId"/>). Logged like every access, with
    /// "resident" as the user; returns the resident's id when allowed.
    /// </summary>
    public async Task<Guid?> ForOwnRecordAsync(Guid helpRequestId, Guid? provenHelpRequestId, AccessAction action, string resource, CancellationToken cancellationToken = default)
    {
        var residentId = await db.HelpRequests.Where(h => h.Id == helpRequestId && h.AnonymisedAt == null).Select(h => (Guid?)h.ResidentId).SingleOrDefaultAsync(cancellationToken);
        var decision = residentId is null ? new AccessDecision(false, "no-such-request")
            : provenHelpRequestId == helpRequestId ? new AccessDecision(true, "resident-with-link-and-code")
            : new AccessDecision(false, "no-proof-of-identity");
        db.AccessLog.Add(AccessLogEntry.Record(time.GetUtcNow(), null, ResidentUser, ResidentRole, null, residentId, null, action, resource, "own-record",
            decision.Allowed ? AccessOutcome.Allowed : AccessOutcome.Denied, decision.Reason, http.HttpContext?.TraceIdentifier));
        await db.SaveChangesAsync(cancellationToken);
        return decision.Allowed ? residentId : null;
    }

    /// <summary>The user name and role the access log shows for a resident looking at their own record.</summary>
    public const string ResidentUser = "resident";
    public const string ResidentRole = "Resident";

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
