using System.Globalization;
using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Features.Shared;
using Meedenker.Web.Features.Verwijzen;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Cases;

/// <summary>
/// The case file: the question, the resident's contact details, contacts and self-reliance scores. Every read
/// and change passes the access check; a save over someone else's newer change is refused with the input kept.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class CaseFileModel(AppDbContext db, AccessCheck access, ReferenceData referenceData, TimeProvider time, ReferrerNotifier notifier) : FormPageModel
{
    public sealed record View(Guid Id, string ReferenceCode, CaseStatus Status, DateTimeOffset OpenedAt, DateTimeOffset? FirstContactAt, Guid Version,
        string? FirstName, string? LastName, string? Phone, string? Email, string? Question, IReadOnlyList<string> LifeDomains);

    public sealed record ContactRow(DateTimeOffset At, ContactMode Mode, int Minutes, string? Note);

    public sealed record ScoreRow(string LifeDomain, SelfRelianceMoment Moment, int Score, DateTimeOffset At);

    public sealed class ContactInput
    {
        public string? Date { get; set; }
        public string? Time { get; set; }
        public ContactMode? Mode { get; set; }
        public int? Minutes { get; set; }
        public string? Note { get; set; }
    }

    public sealed class ScoreInput
    {
        public string? LifeDomain { get; set; }
        public SelfRelianceMoment? Moment { get; set; }
        public int? Score { get; set; }
    }

    public sealed class CloseInput
    {
        public CloseReason? Reason { get; set; }
        public int? FinalScore { get; set; }
        public string? FollowUpOn { get; set; }
    }

    [BindProperty]
    public CloseInput Closing { get; set; } = new();

    public View? Item { get; private set; }
    public IReadOnlyList<ContactRow> Contacts { get; private set; } = [];
    public IReadOnlyList<ScoreRow> Scores { get; private set; } = [];
    public ReferenceSnapshot Reference { get; private set; } = null!;

    [BindProperty]
    public ContactInput Contact { get; set; } = new();

    [BindProperty]
    public ScoreInput Score { get; set; } = new();

    /// <summary>The version of the case the form was shown with (optimistic concurrency).</summary>
    [BindProperty]
    public Guid Version { get; set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!(await access.ForCaseAsync(id, AccessAction.View, "case-file", "case-work", cancellationToken)).Allowed)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        await LoadAsync(id, cancellationToken);
        Contact.Date = time.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Closing.FollowUpOn = time.GetUtcNow().Add(Case.DefaultFollowUp).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Contact.Minutes = 30;
        return Page();
    }

    public async Task<IActionResult> OnPostContactAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!(await access.ForCaseAsync(id, AccessAction.Change, "case-contacts", "case-work", cancellationToken)).Allowed)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        ModelState.Clear();
        DateTimeOffset? at = DateOnly.TryParseExact(Contact.Date?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? new DateTimeOffset(date.ToDateTime(TimeOnly.TryParse(Contact.Time, CultureInfo.InvariantCulture, out var t) ? t : new TimeOnly(12, 0)), TimeSpan.Zero)
            : null;
        if (at is null)
        {
            ModelState.AddModelError("Contact.Date", Lang.Pick("Vul een datum in zoals 2026-11-25.", "Enter a date like 2026-11-25."));
        }
        if (Contact.Mode is null || !Enum.IsDefined(Contact.Mode.Value))
        {
            ModelState.AddModelError("Contact.Mode", Lang.Pick("Kies de contactvorm.", "Choose the kind of contact."));
        }
        if (Contact.Minutes is null)
        {
            ModelState.AddModelError("Contact.Minutes", Lang.Pick("Vul de duur in minuten in.", "Enter the duration in minutes."));
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(id, cancellationToken);
            return Page();
        }
        return await SaveAsync(id, (@case, request, now, userId) =>
        {
            var contact = @case.RecordContact(request, at!.Value, Contact.Mode!.Value, Contact.Minutes!.Value, InputText.Clean(Contact.Note, multiline: true), userId, now);
            db.Contacts.Add(contact);
            return Lang.Pick("Het contact is vastgelegd.", "The contact is recorded.");
        }, "Contact.Note", cancellationToken);
    }

    public async Task<IActionResult> OnPostScoreAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!(await access.ForCaseAsync(id, AccessAction.Change, "case-self-reliance", "case-work", cancellationToken)).Allowed)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        ModelState.Clear();
        Reference = await referenceData.GetAsync(cancellationToken);
        if (!Reference.HasTerm(TaxonomyKind.LifeDomain, Score.LifeDomain))
        {
            ModelState.AddModelError("Score.LifeDomain", Lang.Pick("Kies een leefgebied.", "Choose a life domain."));
        }
        if (Score.Moment is null || !Enum.IsDefined(Score.Moment.Value))
        {
            ModelState.AddModelError("Score.Moment", Lang.Pick("Kies het moment.", "Choose the moment."));
        }
        if (Score.Score is null)
        {
            ModelState.AddModelError("Score.Score", Lang.Pick("Kies een score van 1 tot en met 5.", "Choose a score from 1 to 5."));
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(id, cancellationToken);
            return Page();
        }
        return await SaveAsync(id, (@case, _, now, userId) =>
        {
            db.SelfRelianceScores.Add(@case.RecordSelfReliance(Score.LifeDomain!, Score.Moment!.Value, Score.Score!.Value, userId, now));
            return Lang.Pick("De score is vastgelegd.", "The score is recorded.");
        }, "Score.Score", cancellationToken);
    }

    public async Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!(await access.ForCaseAsync(id, AccessAction.Change, "case-close", "case-work", cancellationToken)).Allowed)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        ModelState.Clear();
        if (Closing.Reason is null || !Enum.IsDefined(Closing.Reason.Value))
        {
            ModelState.AddModelError("Closing.Reason", Lang.Pick("Kies waarom je afsluit.", "Choose why you close."));
        }
        if (!DateOnly.TryParseExact(Closing.FollowUpOn?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var followUpOn))
        {
            ModelState.AddModelError("Closing.FollowUpOn", Lang.Pick("Vul de datum van het waakvlamcontact in, zoals 2027-02-25.", "Enter the date of the follow-up check-in, like 2027-02-25."));
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(id, cancellationToken);
            return Page();
        }
        return await SaveAsync(id, (@case, request, now, _) =>
        {
            db.FollowUps.Add(@case.Close(request, Closing.Reason!.Value, Closing.FinalScore, followUpOn, now));
            return Lang.Pick($"De casus is afgesloten. Het waakvlamcontact staat op {followUpOn:d MMMM yyyy}.", $"The case is closed. The follow-up check-in is planned for {followUpOn:d MMMM yyyy}.");
        }, "Closing.FollowUpOn", cancellationToken);
    }

    public static string ReasonName(CloseReason reason) => reason switch
    {
        CloseReason.QuestionAnswered => Lang.Pick("De vraag is beantwoord", "The question is answered"),
        CloseReason.ReferredToLongTermSupport => Lang.Pick("Doorverwezen naar langdurige begeleiding", "Referred to long-term support"),
        CloseReason.ResidentStopped => Lang.Pick("De inwoner wil stoppen", "The resident wants to stop"),
        CloseReason.Moved => Lang.Pick("Verhuisd", "Moved"),
        _ => Lang.Pick("Niet bereikbaar", "Unreachable"),
    };

    private async Task<IActionResult> SaveAsync(Guid id, Func<Case, HelpRequest, DateTimeOffset, Guid, string> change, string errorField, CancellationToken cancellationToken)
    {
        var @case = await db.Cases.SingleAsync(c => c.Id == id, cancellationToken);
        var request = await db.HelpRequests.Include(h => h.StatusChanges).SingleAsync(h => h.Id == @case.HelpRequestId, cancellationToken);
        var statusBefore = request.Status;
        // Compare with the version the form was shown with, not the one just read.
        db.Entry(@case).Property(c => c.Version).OriginalValue = Version;
        try
        {
            Message = change(@case, request, time.GetUtcNow(), StaffClaims.UserIdOf(User)!.Value);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(errorField, Lang.Pick(e.Dutch, e.English));
            db.ChangeTracker.Clear();
            Message = null;
            await LoadAsync(id, cancellationToken);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, Lang.Pick("Iemand anders heeft deze casus net gewijzigd. Je invoer staat er nog; bekijk de nieuwe stand en sla opnieuw op.",
                "Someone else has just changed this case. Your input is still here; look at the new state and save again."));
            db.ChangeTracker.Clear();
            Message = null;
            await LoadAsync(id, cancellationToken);
            return Page();
        }
        // The referrer hears of status changes (first contact, closing), never of the content.
        if (request.Status != statusBefore)
        {
            await notifier.NotifyAsync(request.Id, cancellationToken);
        }
        return RedirectToPage(new { id });
    }

    private async Task LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        Reference = await referenceData.GetAsync(cancellationToken);
        Item = await db.Cases.AsNoTracking().Where(c => c.Id == id)
            .Join(db.HelpRequests, c => c.HelpRequestId, h => h.Id, (c, h) => new { c, h })
            .Join(db.Residents, x => x.c.ResidentId, r => r.Id, (x, r) => new View(x.c.Id, x.h.ReferenceCode, x.c.Status, x.c.OpenedAt, x.c.FirstContactAt, x.c.Version,
                r.FirstName, r.LastName, r.Phone, r.Email, x.h.Question, x.h.LifeDomains.Select(d => d.Code).ToList()))
            .SingleAsync(cancellationToken);
        // After a refused save the form carries the new version: the next save applies to what the user now sees.
        Version = Item.Version;
        Contacts = (await db.Contacts.AsNoTracking().Where(k => k.CaseId == id).Select(k => new ContactRow(k.At, k.Mode, k.DurationMinutes, k.Note)).ToListAsync(cancellationToken))
            .OrderByDescending(k => k.At).ToList();
        Scores = (await db.SelfRelianceScores.AsNoTracking().Where(s => s.CaseId == id).Select(s => new ScoreRow(s.LifeDomainCode, s.Moment, s.Score, s.At)).ToListAsync(cancellationToken))
            .OrderBy(s => s.At).ToList();
    }

    public static string ModeName(ContactMode mode) => mode switch
    {
        ContactMode.Phone => Lang.Pick("telefoon", "phone"),
        ContactMode.Video => Lang.Pick("beeldbellen", "video call"),
        ContactMode.HomeVisit => Lang.Pick("huisbezoek", "home visit"),
        ContactMode.OnSite => Lang.Pick("op locatie", "on site"),
        ContactMode.Walk => Lang.Pick("wandelafspraak", "walk"),
        _ => Lang.Pick("e-mail of chat", "e-mail or chat"),
    };

    public static string MomentName(SelfRelianceMoment moment) => moment switch
    {
        SelfRelianceMoment.Start => Lang.Pick("begin", "start"),
        SelfRelianceMoment.During => Lang.Pick("tussendoor", "during"),
        _ => Lang.Pick("afsluiting", "close"),
    };
}
