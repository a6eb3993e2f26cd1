using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Cases;

/// <summary>
/// What the resident sees of their case: the summary written for them (in plain words, shown in their own
/// view), and a one-time code the meedenker can hand over so the resident can open their own view without
/// e-mail or phone.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class CaseForResidentModel(AppDbContext db, AccessCheck access, TimeProvider time, OwnRecord.OwnViewSession session) : CasePageModel(db, access, time)
{
    [BindProperty]
    public string? Summary { get; set; }

    public DateTimeOffset? SummaryAt { get; private set; }

    /// <summary>The code just made, shown once.</summary>
    public string? HandedOverCode { get; private set; }

    public DateTimeOffset? HandedOverCodeValidUntil { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await CheckAsync(id, AccessAction.View, "case-for-resident", d => d.MayRun, cancellationToken) is { } refused)
        {
            return refused;
        }
        await LoadHeaderAsync(id, cancellationToken);
        await LoadAsync(id, overwriteInput: true, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostSummaryAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await CheckAsync(id, AccessAction.Change, "case-summary-for-resident", d => d.MayRun, cancellationToken) is { } refused)
        {
            return refused;
        }
        var text = InputText.Clean(Summary, multiline: true);
        return await SaveAsync(id, (@case, now) =>
        {
            @case.WriteSummaryForResident(text, now);
            return Task.FromResult(text is null
                ? Lang.Pick("De samenvatting is weggehaald.", "The summary has been removed.")
                : Lang.Pick("De samenvatting is opgeslagen. De inwoner ziet haar bij Mijn gegevens.", "The summary is saved. The resident sees it under My data."));
        }, nameof(Summary), () => LoadAsync(id, overwriteInput: false, cancellationToken), cancellationToken);
    }

    public async Task<IActionResult> OnPostCodeAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await CheckAsync(id, AccessAction.Change, "own-view-code", d => d.MayRun, cancellationToken) is { } refused)
        {
            return refused;
        }
        var requestId = await Db.Cases.Where(c => c.Id == id).Select(c => c.HelpRequestId).SingleAsync(cancellationToken);
        var gate = await session.GateAsync(requestId, cancellationToken);
        var now = Time.GetUtcNow();
        await LoadHeaderAsync(id, cancellationToken);
        try
        {
            HandedOverCode = gate.Issue(OwnViewCodeChannel.HandedOver, now);
            HandedOverCodeValidUntil = gate.ExpiresAt;
            await Db.SaveChangesAsync(cancellationToken);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError("Code", Lang.Pick(e.Dutch, e.English));
        }
        await LoadAsync(id, overwriteInput: true, cancellationToken);
        return Page();
    }

    private async Task LoadAsync(Guid id, bool overwriteInput, CancellationToken cancellationToken)
    {
        var row = await Db.Cases.AsNoTracking().Where(c => c.Id == id).Select(c => new { c.SummaryForResident, c.SummaryForResidentAt }).SingleAsync(cancellationToken);
        SummaryAt = row.SummaryForResidentAt;
        if (overwriteInput)
        {
            Summary = row.SummaryForResident;
        }
    }
}
