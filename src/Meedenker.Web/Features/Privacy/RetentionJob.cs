using Meedenker.Data;
using Meedenker.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace Meedenker.Web.Features.Privacy;

/// <summary>What is past its retention term at a moment: what the job anonymises, or would in a dry run.</summary>
public sealed record RetentionReport(
    DateTimeOffset At,
    bool DryRun,
    DateTimeOffset CaseCutoff,
    DateTimeOffset RequestCutoff,
    DateTimeOffset AccessLogCutoff,
    int ClosedRequests,
    int UnmatchedRequests,
    int Cases,
    int Residents,
    int AccessLogEntriesPastTerm);

/// <summary>
/// The nightly retention job: anonymises help requests (with their referral and case content) and residents that
/// are past their term. Idempotent — anonymised records are not picked again — so running it often, now from the
/// admin page, or on several instances at once does no harm (docs/decisions/0008-jobs.md).
/// </summary>
[DisallowConcurrentExecution]
public sealed class RetentionJob(AppDbContext db, Anonymisation anonymisation, IOptions<RetentionSettings> settings, TimeProvider time, ILogger<RetentionJob> logger) : IJob
{
    public static readonly JobKey Key = new("retention");
    private const int BatchSize = 200;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var report = await RunAsync(time.GetUtcNow(), dryRun: false, cancellationToken);
        logger.LogInformation("Retention: anonymised {Requests} requests, {Cases} cases, {Residents} residents",
            report.ClosedRequests + report.UnmatchedRequests, report.Cases, report.Residents);
    }

    public async Task<RetentionReport> RunAsync(DateTimeOffset now, bool dryRun, CancellationToken cancellationToken)
    {
        var terms = settings.Value;
        var caseCutoff = now.AddMonths(-terms.CaseContentMonthsAfterClosing);
        var requestCutoff = now.AddMonths(-terms.UnmatchedRequestMonths);
        var logCutoff = now.AddYears(-terms.AccessLogYears);

        var closed = await ClosedPastTerm(caseCutoff).ToListAsync(cancellationToken);
        var unmatched = await UnmatchedPastTerm(requestCutoff).ToListAsync(cancellationToken);
        var logEntries = await db.AccessLog.CountAsync(a => a.At < logCutoff, cancellationToken);
        var all = closed.Concat(unmatched).Distinct().ToList();

        int cases;
        int residents;
        if (dryRun)
        {
            cases = await db.Cases.CountAsync(c => all.Contains(c.HelpRequestId) && c.ContentErasedAt == null, cancellationToken);
            var residentIds = await db.HelpRequests.Where(h => all.Contains(h.Id)).Select(h => h.ResidentId).Distinct().ToListAsync(cancellationToken);
            residents = (await anonymisation.ResidentsWithNothingLeftAsync(residentIds, all, cancellationToken)).Count;
        }
        else
        {
            // Past their replay window, idempotency records only hold an encrypted link secret nobody needs.
            await db.IdempotencyRecords.Where(r => r.CreatedAt < now.AddHours(-IdempotencyRecord.ReplayHours)).ExecuteDeleteAsync(cancellationToken);
            // Staff sessions that ended (or ran out) more than a month ago: device and network are no longer needed.
            var sessionCutoff = now.AddDays(-StaffSession.KeepDays);
            await db.StaffSessions.Where(s => s.EndedAt < sessionCutoff || (s.EndedAt == null && (s.ExpiresAt < sessionCutoff || s.AbsoluteExpiresAt < sessionCutoff)))
                .ExecuteDeleteAsync(cancellationToken);
            cases = 0;
            residents = 0;
            foreach (var batch in all.Chunk(BatchSize))
            {
                var done = await anonymisation.AnonymiseRequestsAsync(batch, now, "retention", cancellationToken);
                cases += done.Cases;
                residents += done.Residents;
                db.ChangeTracker.Clear();
            }
        }
        return new RetentionReport(now, dryRun, caseCutoff, requestCutoff, logCutoff, closed.Count, unmatched.Count, cases, residents, logEntries);
    }

    /// <summary>Requests whose support ended: not open, with a closed case, every closed case closed before the cutoff, none still running.</summary>
    private IQueryable<Guid> ClosedPastTerm(DateTimeOffset cutoff) =>
        db.HelpRequests
            .Where(h => h.AnonymisedAt == null && h.Status != HelpRequestStatus.Received && h.Status != HelpRequestStatus.Matched && h.Status != HelpRequestStatus.InContact)
            .Where(h => db.Cases.Any(c => c.HelpRequestId == h.Id && c.Status == CaseStatus.Closed))
            .Where(h => !db.Cases.Any(c => c.HelpRequestId == h.Id && (c.Status == CaseStatus.Open || c.Status == CaseStatus.Offered || (c.Status == CaseStatus.Closed && c.ClosedAt >= cutoff))))
            .Select(h => h.Id);

    /// <summary>Requests that never became a case (withdrawn, declined or closed without one) and ended before the cutoff.</summary>
    private IQueryable<Guid> UnmatchedPastTerm(DateTimeOffset cutoff) =>
        db.HelpRequests
            .Where(h => h.AnonymisedAt == null && h.Status != HelpRequestStatus.Received && h.Status != HelpRequestStatus.Matched && h.Status != HelpRequestStatus.InContact)
            .Where(h => !db.Cases.Any(c => c.HelpRequestId == h.Id && (c.Status == CaseStatus.Open || c.Status == CaseStatus.Offered || c.Status == CaseStatus.Closed)))
            .Where(h => (h.WithdrawnAt ?? h.DeclinedAt ?? h.ClosedAt ?? h.ReceivedAt) < cutoff)
            .Select(h => h.Id);
}
