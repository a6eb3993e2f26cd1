using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Features.Verwijzen;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Hulpvraag;

/// <param name="LinkSecret">The secret of the status link (<c>/status/…</c>, or <c>/verwijzing/…</c> for a referrer without an account), made by the server; null when the request has none.</param>
/// <summary>
/// A stored request. <see cref="LinkSecret"/> is the status link's secret of whoever sent it (the resident, or a
/// referrer without an account); <see cref="ResidentLinkSecret"/>, only for a new referral that gave the resident's
/// e-mail address, is the resident's own status link, mailed to them.
/// </summary>
public sealed record IntakeReceipt(Guid RequestId, string ReferenceCode, string? LinkSecret, bool IsNew, string? ResidentLinkSecret = null);

/// <summary>A caller's idempotency key, the scope it is unique in, and the hash of what was sent with it.</summary>
public sealed record IdempotencyKey(string Scope, string Key, string BodyHash)
{
    /// <summary>The body is the input as the app understood it, serialised again, so spacing or property order in the JSON does not matter.</summary>
    public static IdempotencyKey For<T>(string scope, string key, T body) =>
        new(scope, key, IdempotencyRecord.HashBody(System.Text.Json.JsonSerializer.Serialize(body)));
}

/// <summary>
/// Writes a help request (and a referral) in one transaction, and only then lets the caller show the reference
/// code. The secret of the status link is always made here (256 random bits); the caller's idempotency key only
/// deduplicates: the same key with the same body finds the request it already created (and its link), the same
/// key with another body is refused (docs/security.md, finding 2). New requests land in the intake queues of the
/// organisations routed for the municipality; possible duplicates are flagged for the coordinator, never merged or
/// dropped. A municipality without a route of its own falls back to the region's fallback route; when there is
/// none either the request is still stored (and the admins are alerted), never refused or dropped.
/// </summary>
public sealed class Intake(AppDbContext db, TimeProvider time, IDataProtectionProvider dataProtection, MailSender mail, ILogger<Intake> logger)
{
    public const int DuplicateWindowDays = 30;

    private IDataProtector Protector => dataProtection.CreateProtector("Meedenker.Intake.LinkSecret");

    /// <returns>The receipt, or null when the idempotency key was already used for a different request.</returns>
    public Task<IntakeReceipt?> SubmitAsync(ValidHelpRequest request, IdempotencyKey? key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SubmitAsync(request, null, key, cancellationToken);
    }

    /// <returns>The receipt, or null when the idempotency key was already used for a different referral.</returns>
    public Task<IntakeReceipt?> SubmitReferralAsync(ValidReferral referral, IdempotencyKey? key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(referral);
        return SubmitAsync(referral.Request, referral, key, cancellationToken);
    }

    private async Task<IntakeReceipt?> SubmitAsync(ValidHelpRequest request, ValidReferral? referral, IdempotencyKey? key, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (key is not null && await FindAsync(key, cancellationToken) is { } earlier)
            {
                return earlier.Receipt;
            }
            try
            {
                return await WriteAsync(request, referral, key, cancellationToken);
            }
            catch (DbUpdateException e) when (attempt < 3)
            {
                db.ChangeTracker.Clear();
                // A double submit that raced us stored the same key (found on the next round), or the random
                // reference code collided (tried again with a new one). Both are handled: information, not an error.
                logger.LogInformation("Help request not stored on attempt {Attempt} ({Reason}); trying again", attempt, e.GetBaseException().Message);
            }
        }
    }

    /// <summary>What an earlier post with this key created; <see cref="Earlier.Receipt"/> is null when it came with another body.</summary>
    private sealed record Earlier(IntakeReceipt? Receipt);

    private async Task<Earlier?> FindAsync(IdempotencyKey key, CancellationToken cancellationToken)
    {
        var hash = IdempotencyRecord.HashKey(key.Scope, key.Key);
        var record = await db.IdempotencyRecords.AsNoTracking()
            .Where(r => r.KeyHash == hash)
            .Join(db.HelpRequests, r => r.HelpRequestId, h => h.Id, (r, h) => new { Record = r, h.ReferenceCode })
            .SingleOrDefaultAsync(cancellationToken);
        if (record is null)
        {
            return null;
        }
        if (record.Record.IsExpired(time.GetUtcNow()))
        {
            // Past the replay window the key is forgotten: this post is a new request.
            await db.IdempotencyRecords.Where(r => r.KeyHash == hash).ExecuteDeleteAsync(cancellationToken);
            return null;
        }
        if (!string.Equals(record.Record.BodyHash, key.BodyHash, StringComparison.Ordinal))
        {
            return new Earlier(null);
        }
        var secret = record.Record.ProtectedSecret is { } protectedSecret ? Protector.Unprotect(protectedSecret) : null;
        return new Earlier(new IntakeReceipt(record.Record.HelpRequestId, record.ReferenceCode, secret, false));
    }

    private async Task<IntakeReceipt> WriteAsync(ValidHelpRequest request, ValidReferral? referral, IdempotencyKey? key, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // A resident always gets a status link; a referrer only when they have no account to follow it with.
        var secret = referral is null || referral.NeedsLink ? SecretToken.New() : null;
        // A referred resident with an e-mail address gets a status link of their own.
        var residentSecret = referral is null ? secret : request.Email is not null ? SecretToken.New() : null;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var resident = new Resident
        {
            Id = Guid.NewGuid(),
            FirstName = request.FirstName,
            LastName = request.LastName,
            Email = request.Email,
            Phone = request.Phone,
            Address = request.Address,
            MunicipalityId = request.MunicipalityId,
            NeighbourhoodId = request.NeighbourhoodId,
            CreatedAt = now,
        };
        var helpRequest = new HelpRequest
        {
            Id = Guid.NewGuid(),
            ReferenceCode = ReferenceCode.New(),
            StatusTokenHash = residentSecret is null ? null : SecretToken.Hash(residentSecret),
            ReceivedAt = now,
            ResidentId = resident.Id,
            MunicipalityId = request.MunicipalityId,
            NeighbourhoodId = request.NeighbourhoodId,
            Postcode = request.Postcode,
            Channel = request.Channel,
            SourceCode = request.SourceCode,
            LifeDomainCode = request.LifeDomains.Count > 0 ? request.LifeDomains[0] : null,
            Question = request.Question,
            Status = HelpRequestStatus.Received,
            ContactPreferences = request.ContactPreferences,
            ContactTimes = request.ContactTimes,
            ContactTimeNote = request.ContactTimeNote,
            LanguageCode = request.LanguageCode,
            NeedsInterpreter = request.NeedsInterpreter,
            EasyLanguage = request.EasyLanguage,
            AccessibilityNeeds = request.AccessibilityNeeds,
            RelativeName = request.RelativeName,
            Urgent = request.Urgent,
        };
        helpRequest.LifeDomains.AddRange(request.LifeDomains.Select(code => new HelpRequestLifeDomain { HelpRequestId = helpRequest.Id, Code = code }));
        helpRequest.StatusChanges.Add(new HelpRequestStatusChange { Id = Guid.NewGuid(), HelpRequestId = helpRequest.Id, Status = HelpRequestStatus.Received, At = now });

        var duplicateOf = await FindPossibleDuplicateAsync(request, now, cancellationToken);
        helpRequest.PossibleDuplicate = duplicateOf is not null;
        helpRequest.PossibleDuplicateOfId = duplicateOf;

        var routes = await QueuesForAsync(db, request.MunicipalityId, cancellationToken);
        db.Residents.Add(resident);
        db.HelpRequests.Add(helpRequest);
        db.IntakeAssignments.AddRange(routes.Select(o => new IntakeAssignment { HelpRequestId = helpRequest.Id, OrganizationId = o, Waiting = true }));
        if (referral is not null)
        {
            db.Referrals.Add(referral.CreateReferral(helpRequest, secret is null ? null : SecretToken.Hash(secret)));
        }
        if (key is not null)
        {
            db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                Id = Guid.NewGuid(),
                KeyHash = IdempotencyRecord.HashKey(key.Scope, key.Key),
                BodyHash = key.BodyHash,
                HelpRequestId = helpRequest.Id,
                ProtectedSecret = secret is null ? null : Protector.Protect(secret),
                CreatedAt = now,
            });
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (routes.Count == 0)
        {
            // Stored, so never lost, but no coordinator sees it yet: the admins do (/beheer/aanmeldroutes and
            // their start page), and saving a route places it in that queue. No personal data in the log.
            logger.LogError("Help request {ReferenceCode} matches no intake route and the region has no fallback route: it waits in no queue until an admin sets one at /beheer/aanmeldroutes",
                helpRequest.ReferenceCode);
            await AlertAdminsAsync(helpRequest.ReferenceCode, cancellationToken);
        }
        return new IntakeReceipt(helpRequest.Id, helpRequest.ReferenceCode, secret, true, referral is null ? null : residentSecret);
    }

    /// <summary>
    /// The organisations whose intake queue gets a new request from this municipality: its own routes, or else the
    /// region's fallback routes (those without a municipality). Empty only when the region has no fallback either.
    /// </summary>
    public static async Task<List<Guid>> QueuesForAsync(AppDbContext db, Guid municipalityId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var routes = await db.IntakeRoutes.Where(r => r.MunicipalityId == municipalityId || r.MunicipalityId == null)
            .Select(r => new { r.MunicipalityId, r.OrganizationId }).ToListAsync(cancellationToken);
        var own = routes.Where(r => r.MunicipalityId is not null).Select(r => r.OrganizationId).ToList();
        return own.Count > 0 ? own : routes.Select(r => r.OrganizationId).Distinct().ToList();
    }

    /// <summary>
    /// Mails every active admin that a stored request reached no queue: the reference code and where to set a
    /// route, nothing of the resident. A mail problem is logged; the request stays stored either way.
    /// </summary>
    private async Task AlertAdminsAsync(string referenceCode, CancellationToken cancellationToken)
    {
        var admins = await db.UserRoles
            .Join(db.Roles.Where(r => r.Name == StaffRoles.Admin), ur => ur.RoleId, r => r.Id, (ur, r) => ur.UserId)
            .Join(db.Users.Where(u => !u.IsDisabled && u.Email != null), id => id, u => u.Id, (id, u) => u.Email!)
            .Distinct().ToListAsync(cancellationToken);
        foreach (var admin in admins)
        {
            try
            {
                await mail.SendAsync(admin, $"Hulpvraag {referenceCode} staat in geen wachtrij / Help request {referenceCode} is in no queue",
                    $"Hulpvraag {referenceCode} is opgeslagen, maar geen aanmeldroute past en de regio heeft geen vangnetroute. Geen coördinator ziet de vraag.\n" +
                    "Stel een route in bij Beheer > Aanmeldroutes (/beheer/aanmeldroutes); de vraag komt dan meteen in die wachtrij.\n\n" +
                    $"Help request {referenceCode} is stored, but no intake route matches and the region has no fallback route. No coordinator sees it.\n" +
                    "Set a route at Admin > Intake routes (/beheer/aanmeldroutes); the request then goes into that queue at once.\n", cancellationToken);
            }
#pragma warning disable CA1031 // The request is stored and shown to admins on their pages; a mail problem is only logged.
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.LogWarning(e, "Alert about unrouted help request {ReferenceCode} could not be mailed", referenceCode);
            }
        }
    }

    /// <summary>Requests still waiting for intake that are in no organisation's queue (no route matched when they came in).</summary>
    public static IQueryable<HelpRequest> Unrouted(AppDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.HelpRequests.Where(h => h.Status == HelpRequestStatus.Received && !db.IntakeAssignments.Any(a => a.HelpRequestId == h.Id));
    }

    /// <summary>Places every unrouted waiting request in the queues its municipality's routes now lead to; returns how many were placed.</summary>
    public static async Task<int> RouteWaitingAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var waiting = await Unrouted(db).Select(h => new { h.Id, h.MunicipalityId }).ToListAsync(cancellationToken);
        var placed = 0;
        foreach (var group in waiting.GroupBy(w => w.MunicipalityId))
        {
            var queues = await QueuesForAsync(db, group.Key, cancellationToken);
            if (queues.Count == 0)
            {
                continue;
            }
            foreach (var request in group)
            {
                db.IntakeAssignments.AddRange(queues.Select(o => new IntakeAssignment { HelpRequestId = request.Id, OrganizationId = o, Waiting = true }));
                placed++;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return placed;
    }

    /// <summary>The same e-mail address or phone number on a request in the last 30 days.</summary>
    private async Task<Guid?> FindPossibleDuplicateAsync(ValidHelpRequest request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (request.Email is null && request.Phone is null)
        {
            return null;
        }
        var since = now.AddDays(-DuplicateWindowDays);
        var candidates = db.Residents.Where(r => (request.Email != null && r.Email == request.Email) || (request.Phone != null && r.Phone == request.Phone));
        return await db.HelpRequests
            .Where(h => h.ReceivedAt >= since && candidates.Any(r => r.Id == h.ResidentId))
            .OrderByDescending(h => h.ReceivedAt)
            .Select(h => (Guid?)h.Id)
            .FirstOrDefaultAsync(cancellationToken);
    }
}
