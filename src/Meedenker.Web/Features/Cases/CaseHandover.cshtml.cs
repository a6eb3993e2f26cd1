using System.Globalization;
using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Cases;

/// <summary>
/// Op- en afschalen: the responsible meedenker (or their coordinator) chooses a direction, its criteria and a
/// reason, the whole case or a part (life domains, actions), the receiver from the matching list of an
/// organisation, plans the warm handover and records what the resident agreed to pass on. The receiver accepts
/// or declines on their own work page; until then nothing changes in who is responsible.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class CaseHandoverModel(AppDbContext db, AccessCheck access, ReferenceData referenceData, Matching matching, TimeProvider time)
    : CasePageModel(db, access, time)
{
    public sealed record Option(Guid Id, string Name);

    public sealed record OpenRow(Guid Id, string To, HandoverDirection Direction, bool Partial, DateOnly PlannedOn);

    public sealed class HandoverInput
    {
        public List<string> Criteria { get; set; } = [];
        public string? Reason { get; set; }
        public string? Scope { get; set; }
        public List<string> LifeDomains { get; set; } = [];
        public List<Guid> Actions { get; set; } = [];
        public Guid? Receiver { get; set; }
        public string? PlannedOn { get; set; }
        public bool ResidentPresent { get; set; }
        public string? PassedOn { get; set; }
        public List<SharedParts> Parts { get; set; } = [];
        public ConsentGivenHow? ConsentHow { get; set; }
    }

    [BindProperty(SupportsGet = true, Name = "richting")]
    public HandoverDirection? Direction { get; set; }

    [BindProperty(SupportsGet = true, Name = "organisatie")]
    public Guid? OrganizationId { get; set; }

    [BindProperty]
    public HandoverInput Input { get; set; } = new();

    public IReadOnlyList<Option> Organizations { get; private set; } = [];
    public IReadOnlyList<MatchCandidate> Candidates { get; private set; } = [];
    public IReadOnlyList<Option> OpenActions { get; private set; } = [];
    public IReadOnlyList<OpenRow> OpenHandovers { get; private set; } = [];
    public ReferenceSnapshot Reference { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await CheckAsync(id, AccessAction.View, "case-handover", d => d.MayRun, cancellationToken) is { } refused)
        {
            return refused;
        }
        await LoadHeaderAsync(id, cancellationToken);
        await LoadAsync(id, cancellationToken);
        Input.PlannedOn = Time.GetUtcNow().AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Input.Scope = "geheel";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await CheckAsync(id, AccessAction.Change, "case-handover", d => d.MayRun, cancellationToken) is { } refused)
        {
            return refused;
        }
        ModelState.Clear();
        if (Direction is null || !Enum.IsDefined(Direction.Value))
        {
            ModelState.AddModelError("Direction", Lang.Pick("Kies eerst de richting.", "Choose the direction first."));
        }
        if (!DateOnly.TryParseExact(Input.PlannedOn?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var plannedOn))
        {
            ModelState.AddModelError("Input.PlannedOn", Lang.Pick("Vul de datum van de warme overdracht in, zoals 2026-12-02.", "Enter the date of the warm handover, like 2026-12-02."));
        }
        if (Input.Scope is not ("geheel" or "deel"))
        {
            ModelState.AddModelError("Input.Scope", Lang.Pick("Kies de hele casus of een deel.", "Choose the whole case or a part."));
        }
        var receiver = Input.Receiver is { } receiverId
            ? await Db.Users.AsNoTracking().Where(u => u.Id == receiverId && !u.IsDisabled && u.SupporterKind != null)
                .Select(u => new { u.Id, u.OrganizationId, Kind = u.SupporterKind!.Value }).SingleOrDefaultAsync(cancellationToken)
            : null;
        if (receiver is null)
        {
            ModelState.AddModelError("Input.Receiver", Lang.Pick("Kies de meedenker die het overneemt.", "Choose the supporter who takes over."));
        }
        if (Input.ConsentHow is { } how && !Enum.IsDefined(how))
        {
            ModelState.AddModelError("Input.ConsentHow", Lang.Pick("Kies hoe de inwoner toestemming gaf.", "Choose how the resident gave consent."));
        }
        var parts = Combine(Input.Parts);
        if (parts != SharedParts.None && Input.ConsentHow is null && !Input.ResidentPresent)
        {
            ModelState.AddModelError("Input.ConsentHow", Lang.Pick("Kies hoe de inwoner toestemming gaf om dit door te geven.", "Choose how the resident agreed to pass this on."));
        }
        if (!ModelState.IsValid)
        {
            return await RefusedAsync(id, () => LoadAsync(id, cancellationToken), cancellationToken);
        }
        var header = await Db.Cases.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new { c.SupporterId, RequestDomains = Db.HelpRequests.Where(h => h.Id == c.HelpRequestId).SelectMany(h => h.LifeDomains.Select(d => d.Code)).ToList() })
            .SingleAsync(cancellationToken);
        var currentKind = await Db.Users.Where(u => u.Id == header.SupporterId).Select(u => u.SupporterKind).SingleOrDefaultAsync(cancellationToken);
        var caseDomains = await LifeDomainsAsync(id, header.RequestDomains, cancellationToken);
        var actionIds = await Db.PlanActions.Where(a => a.CaseId == id).Select(a => a.Id).ToListAsync(cancellationToken);
        var open = await Db.Handovers.Where(h => h.CaseId == id && h.Status == HandoverStatus.Proposed).ToListAsync(cancellationToken);
        var partial = Input.Scope == "deel";
        var proposal = new HandoverProposal(Direction!.Value, Input.Criteria, InputText.Clean(Input.Reason, multiline: true), partial,
            partial ? Input.LifeDomains : [], partial ? Input.Actions : [], receiver!.Id, receiver.OrganizationId, receiver.Kind, currentKind, plannedOn,
            Input.ResidentPresent, InputText.Clean(Input.PassedOn, multiline: true), parts,
            // The way chosen is the way stored; only without a choice does "the resident was there" stand for it.
            Input.ConsentHow ?? (Input.ResidentPresent ? ConsentGivenHow.ResidentPresent : ConsentGivenHow.Verbal));
        return await SaveAsync(id, (@case, now) =>
        {
            var (handover, consent) = @case.ProposeHandover(proposal, caseDomains, actionIds, open, UserId, now);
            Db.Handovers.Add(handover);
            if (consent is not null)
            {
                Db.CaseConsents.Add(consent);
            }
            return Task.FromResult(Lang.Pick("De overdracht is voorgesteld. De ontvanger ziet hem bij zijn werk en accepteert of wijst af. Tot dan blijf jij verantwoordelijk.",
                "The handover is proposed. The receiver sees it on their work page and accepts or declines. Until then you stay responsible."));
        }, "Input.Receiver", () => LoadAsync(id, cancellationToken), cancellationToken);
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, Guid handoverId, CancellationToken cancellationToken)
    {
        if (await CheckAsync(id, AccessAction.Change, "case-handover", d => d.MayRun, cancellationToken) is { } refused)
        {
            return refused;
        }
        var handover = await Db.Handovers.SingleOrDefaultAsync(h => h.Id == handoverId && h.CaseId == id, cancellationToken);
        if (handover is null)
        {
            return NotFound();
        }
        var consent = await Db.CaseConsents.FirstOrDefaultAsync(c => c.HandoverId == handoverId && c.WithdrawnAt == null, cancellationToken);
        return await SaveAsync(id, (_, now) =>
        {
            handover.Withdraw(now, consent);
            return Task.FromResult(Lang.Pick("De overdracht is ingetrokken; wat ervoor gedeeld was, is niet meer gedeeld.", "The handover is withdrawn; what was shared for it is no longer shared."));
        }, string.Empty, () => LoadAsync(id, cancellationToken), cancellationToken);
    }

    private async Task LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        Reference = await referenceData.GetAsync(cancellationToken);
        var own = Header!.OrganizationId;
        Organizations = (await Db.Organizations.AsNoTracking()
                .Where(o => o.Kind == OrganizationKind.SupportA || o.Kind == OrganizationKind.SupportB || o.Kind == OrganizationKind.SupportC)
                .Select(o => new Option(o.Id, o.Name)).ToListAsync(cancellationToken))
            .OrderBy(o => o.Id == own ? 0 : 1).ThenBy(o => o.Name, StringComparer.CurrentCulture).ToList();
        OrganizationId ??= own;
        if (Direction is not null && Organizations.Any(o => o.Id == OrganizationId))
        {
            var request = await Db.Cases.Where(c => c.Id == id).Join(Db.HelpRequests.Include(h => h.LifeDomains), c => c.HelpRequestId, h => h.Id, (c, h) => h)
                .AsNoTracking().SingleAsync(cancellationToken);
            var ranked = await matching.RankAsync(request, OrganizationId!.Value, cancellationToken);
            // Up: formal receivers first; down: informal ones; network to supporter: anyone.
            Candidates = ranked.Where(m => Direction switch
            {
                HandoverDirection.InformalToFormal => m.Kind == SupporterKind.Professional,
                HandoverDirection.FormalToInformal => m.Kind != SupporterKind.Professional,
                _ => true,
            }).Take(15).ToList();
        }
        OpenActions = await Db.PlanActions.AsNoTracking().Where(a => a.CaseId == id && a.Status == PlanActionStatus.Open)
            .OrderBy(a => a.CreatedAt).Select(a => new Option(a.Id, a.Text)).ToListAsync(cancellationToken);
        OpenHandovers = await Db.Handovers.AsNoTracking().Where(h => h.CaseId == id && h.Status == HandoverStatus.Proposed)
            .Join(Db.Users, h => h.ToSupporterId, u => u.Id, (h, u) => new OpenRow(h.Id, u.DisplayName, h.Direction, h.Partial, h.PlannedOn))
            .ToListAsync(cancellationToken);
    }
}
