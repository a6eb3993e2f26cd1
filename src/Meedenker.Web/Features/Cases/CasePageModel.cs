using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Features.Shared;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Cases;

/// <summary>The top of every case page: who and where, and what the viewer may do.</summary>
public sealed record CaseHeader(Guid Id, string ReferenceCode, string? FirstName, CaseStatus Status, Guid Version, Guid OrganizationId, Guid? SupporterId,
    string? SupporterName, SupporterKind? SupporterKind, IReadOnlyList<string> LifeDomains, bool Urgent = false, bool SafetyConcern = false);

/// <summary>
/// What the pages of one case share: the access check with the viewer's relation and visibility, the header,
/// the life domains of the case, and saving with optimistic concurrency (the case's version).
/// </summary>
public abstract class CasePageModel(AppDbContext db, AccessCheck access, TimeProvider time) : FormPageModel
{
    protected AppDbContext Db { get; } = db;
    protected TimeProvider Time { get; } = time;

    public CaseHeader? Header { get; private set; }
    public AccessDecision Decision { get; private set; } = new(false, "not-checked");
    public CaseVisibility Visibility => Decision.Visibility ?? CaseVisibility.Limited([]);

    /// <summary>The version of the case the form was shown with (optimistic concurrency).</summary>
    [BindProperty]
    public Guid Version { get; set; }

    [TempData]
    public string? Message { get; set; }

    protected Guid UserId => StaffClaims.UserIdOf(User) ?? Guid.Empty;

    /// <summary>Checks access (and logs it); returns a 403 result when refused or when the relation may not do this.</summary>
    protected async Task<IActionResult?> CheckAsync(Guid id, AccessAction action, string resource, Func<AccessDecision, bool> may, CancellationToken cancellationToken)
    {
        Decision = await access.ForCaseAsync(id, action, resource, "case-work", may, cancellationToken);
        return Decision.Allowed ? null : StatusCode(StatusCodes.Status403Forbidden);
    }

    protected async Task LoadHeaderAsync(Guid id, CancellationToken cancellationToken)
    {
        // Case, request, resident and supporter in one statement; the life domains of questions and goals in one more.
        var row = await Db.Cases.AsNoTracking().Where(c => c.Id == id)
            .Join(Db.HelpRequests, c => c.HelpRequestId, h => h.Id, (c, h) => new { c, h.ReferenceCode, h.ResidentId, h.Urgent, h.SafetyConcern, RequestDomains = h.LifeDomains.Select(d => d.Code).ToList() })
            .Join(Db.Residents, x => x.ResidentId, r => r.Id, (x, r) => new
            {
                x.c,
                x.ReferenceCode,
                x.RequestDomains,
                x.Urgent,
                x.SafetyConcern,
                r.FirstName,
                SupporterName = Db.Users.Where(u => u.Id == x.c.SupporterId).Select(u => u.DisplayName).FirstOrDefault(),
                SupporterKind = Db.Users.Where(u => u.Id == x.c.SupporterId).Select(u => u.SupporterKind).FirstOrDefault(),
            })
            .SingleAsync(cancellationToken);
        Header = new CaseHeader(row.c.Id, row.ReferenceCode, row.FirstName, row.c.Status, row.c.Version, row.c.OrganizationId, row.c.SupporterId,
            row.SupporterName, row.SupporterKind, await LifeDomainsAsync(id, row.RequestDomains, cancellationToken), row.Urgent, row.SafetyConcern);
        // After a refused save the form carries the new version: the next save applies to what the user now sees.
        Version = row.c.Version;
    }

    /// <summary>The case's life domains: those of the request, its questions and its plan goals.</summary>
    protected async Task<IReadOnlyList<string>> LifeDomainsAsync(Guid id, IEnumerable<string> requestDomains, CancellationToken cancellationToken)
    {
        var questions = await Db.CaseQuestions.Where(q => q.CaseId == id).Select(q => q.LifeDomainCode)
            .Concat(Db.PlanGoals.Where(g => g.CaseId == id).Select(g => g.LifeDomainCode))
            .ToListAsync(cancellationToken);
        return requestDomains.Concat(questions).Distinct().ToList();
    }

    /// <summary>
    /// Applies a change to the case under optimistic concurrency: when someone else saved in between, nothing is
    /// written and the user gets their input back with a clear message. A broken rule shows its message.
    /// </summary>
    protected async Task<IActionResult> SaveAsync(Guid id, Func<Case, DateTimeOffset, Task<string>> change, string errorField, Func<Task> reload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(reload);
        var @case = await Db.Cases.SingleAsync(c => c.Id == id, cancellationToken);
        Db.Entry(@case).Property(c => c.Version).OriginalValue = Version;
        try
        {
            Message = await change(@case, Time.GetUtcNow());
            await Db.SaveChangesAsync(cancellationToken);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(errorField, Lang.Pick(e.Dutch, e.English));
            return await RefusedAsync(id, reload, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, Lang.Pick("Iemand anders heeft deze casus net gewijzigd. Je invoer staat er nog; bekijk de nieuwe stand en sla opnieuw op.",
                "Someone else has just changed this case. Your input is still here; look at the new state and save again."));
            return await RefusedAsync(id, reload, cancellationToken);
        }
        return RedirectToPage(new { id });
    }

    protected async Task<IActionResult> RefusedAsync(Guid id, Func<Task> reload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reload);
        Db.ChangeTracker.Clear();
        Message = null;
        await LoadHeaderAsync(id, cancellationToken);
        await reload();
        return Page();
    }

    public static string SupporterKindName(SupporterKind? kind) => kind switch
    {
        SupporterKind.Professional => Lang.Pick("beroepskracht", "professional"),
        SupporterKind.Volunteer => Lang.Pick("vrijwilliger", "volunteer"),
        SupporterKind.PeerExpert => Lang.Pick("ervaringsdeskundige", "peer expert"),
        _ => "–",
    };

    public static string PartName(SharedParts part) => part switch
    {
        SharedParts.Question => Lang.Pick("de vraag", "the question"),
        SharedParts.ContactDetails => Lang.Pick("contactgegevens", "contact details"),
        SharedParts.Network => Lang.Pick("netwerk", "network"),
        SharedParts.Plan => Lang.Pick("plan", "plan"),
        SharedParts.ContactsAndNotes => Lang.Pick("contacten en notities", "contacts and notes"),
        SharedParts.SelfReliance => Lang.Pick("zelfredzaamheid", "self-reliance"),
        _ => part.ToString(),
    };

    public static IReadOnlyList<SharedParts> EachPart { get; } =
        [SharedParts.Question, SharedParts.ContactDetails, SharedParts.Network, SharedParts.Plan, SharedParts.ContactsAndNotes, SharedParts.SelfReliance];

    public static string PartsText(SharedParts parts) => string.Join(", ", EachPart.Where(p => (parts & p) == p).Select(PartName));

    public static SharedParts Combine(IEnumerable<SharedParts>? parts) =>
        (parts ?? []).Where(p => EachPart.Contains(p)).Aggregate(SharedParts.None, (a, p) => a | p);
}
