using Meedenker.Data;
using Meedenker.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Meedenker.Web.Features.Cases;

/// <summary>
/// Turns waakvlamcontacten that have come due into tasks for their supporter, with a reminder mail. It is
/// idempotent (a follow-up's task is made once), so it may run often and on several instances.
/// </summary>
[DisallowConcurrentExecution]
public sealed class FollowUpJob(AppDbContext db, MailSender mail, TimeProvider time, ILogger<FollowUpJob> logger) : IJob
{
    public static readonly JobKey Key = new("follow-ups");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var made = await RunAsync(time.GetUtcNow(), cancellationToken);
        if (made > 0)
        {
            logger.LogInformation("Made {Count} follow-up tasks", made);
        }
    }

    public async Task<int> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var due = await db.FollowUps.Where(f => f.TaskCreatedAt == null && f.DueOn <= today).Take(500).ToListAsync(cancellationToken);
        foreach (var followUp in due)
        {
            followUp.MakeTaskIfDue(now);
        }
        await db.SaveChangesAsync(cancellationToken);
        foreach (var followUp in due)
        {
            var supporter = await db.Users.AsNoTracking().Where(u => u.Id == followUp.SupporterId).Select(u => new { u.Email, u.DisplayName }).SingleOrDefaultAsync(cancellationToken);
            var code = await db.Cases.Where(c => c.Id == followUp.CaseId).Join(db.HelpRequests, c => c.HelpRequestId, h => h.Id, (_, h) => h.ReferenceCode).SingleAsync(cancellationToken);
            if (supporter?.Email is null)
            {
                continue;
            }
            try
            {
                await mail.SendAsync(supporter.Email, $"Waakvlamcontact {code}", $"Beste {supporter.DisplayName},\n\nHet is tijd voor het waakvlamcontact van casus {code}. Je vindt het bij Mijn casussen.\n\n" +
                    $"Dear {supporter.DisplayName},\n\nIt is time for the follow-up check-in of case {code}. You find it under My cases.\n", cancellationToken);
            }
#pragma warning disable CA1031 // The task exists; a reminder that fails to send is only logged.
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.LogWarning(e, "Follow-up reminder for {Code} could not be sent", code);
            }
        }
        return due.Count;
    }
}
