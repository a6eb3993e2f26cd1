using System.Globalization;
using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Cases;

/// <summary>
/// The plan made with the resident: goals per life domain, actions with an owner (resident, network member,
/// meedenker, other organisation), due date and status. A meedenker on part of the case sees and updates the
/// actions that are theirs and what the resident agreed to share.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class CasePlanModel(AppDbContext db, AccessCheck access, ReferenceData referenceData, TimeProvider time) : CasePageModel(db, access, time)
{
    public sealed record GoalRow(Guid Id, string LifeDomain, string Text, IReadOnlyList<ActionRow> Actions);

    public sealed record ActionRow(Guid Id, string Text, PlanActionOwner Owner, string? OwnerName, DateOnly? DueOn, PlanActionStatus Status, bool Mine);

    /// <summary>Who does it, in words: "de meedenker (Vera Vrijwilliger) (jij)", so that a plan shared by two meedenkers says whose action it is.</summary>
    public static string Owner(ActionRow action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return OwnerName(action.Owner) + (action.OwnerName is null ? "" : " (" + action.OwnerName + ")") + (action.Mine ? Lang.Pick(" (jij)", " (you)") : "");
    }

    public sealed class GoalInput
    {
        public string? LifeDomain { get; set; }
        public string? Text { get; set; }
    }

    public sealed class ActionInput
    {
        public Guid? GoalId { get; set; }
        public string? Text { get; set; }
        public PlanActionOwner? Owner { get; set; }
        public string? OwnerName { get; set; }
        public string? DueOn { get; set; }
    }

    [BindProperty]
    public GoalInput Goal { get; set; } = new();

    [BindProperty]
    public ActionInput NewAction { get; set; } = new();

    [BindProperty]
    public PlanActionStatus? Status { get; set; }

    public IReadOnlyList<GoalRow> Goals { get; private set; } = [];
    public int HiddenGoals { get; private set; }
    public ReferenceSnapshot Reference { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await CheckAsync(id, AccessAction.View, "case-plan", _ => true, cancellationToken) is { } refused)
        {
            return refused;
        }
        await LoadHeaderAsync(id, cancellationToken);
        await LoadAsync(id, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostGoalAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await CheckAsync(id, AccessAction.Change, "case-plan", d => d.MayRun, cancellationToken) is { } refused)
        {
            return refused;
        }
        ModelState.Clear();
        Reference = await referenceData.GetAsync(cancellationToken);
        if (!Reference.HasTerm(TaxonomyKind.LifeDomain, Goal.LifeDomain))
        {
            ModelState.AddModelError("Goal.LifeDomain", Lang.Pick("Kies een leefgebied.", "Choose a life domain."));
            return await RefusedAsync(id, () => LoadAsync(id, cancellationToken), cancellationToken);
        }
        return await SaveAsync(id, (@case, now) =>
        {
            Db.PlanGoals.Add(@case.AddGoal(Goal.LifeDomain!, InputText.Clean(Goal.Text, multiline: true) ?? "", UserId, now));
            return Task.FromResult(Lang.Pick("Het doel is toegevoegd.", "The goal is added."));
        }, "Goal.Text", () => LoadAsync(id, cancellationToken), cancellationToken);
    }

    public async Task<IActionResult> OnPostActionAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await CheckAsync(id, AccessAction.Change, "case-plan", d => d.MayRun, cancellationToken) is { } refused)
        {
            return refused;
        }
        ModelState.Clear();
        DateOnly? due = null;
        if (!string.IsNullOrWhiteSpace(NewAction.DueOn))
        {
            if (DateOnly.TryParseExact(NewAction.DueOn.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                due = d;
            }
            else
            {
                ModelState.AddModelError("NewAction.DueOn", Lang.Pick("Vul een datum in zoals 2026-12-20.", "Enter a date like 2026-12-20."));
            }
        }
        if (NewAction.Owner is null || !Enum.IsDefined(NewAction.Owner.Value))
        {
            ModelState.AddModelError("NewAction.Owner", Lang.Pick("Kies wie de actie doet.", "Choose who does the action."));
        }
        var goal = NewAction.GoalId is { } goalId ? await Db.PlanGoals.SingleOrDefaultAsync(g => g.Id == goalId && g.CaseId == id, cancellationToken) : null;
        if (goal is null)
        {
            ModelState.AddModelError("NewAction.GoalId", Lang.Pick("Kies een doel van dit plan.", "Choose a goal of this plan."));
        }
        if (!ModelState.IsValid)
        {
            return await RefusedAsync(id, () => LoadAsync(id, cancellationToken), cancellationToken);
        }
        return await SaveAsync(id, (@case, now) =>
        {
            Db.PlanActions.Add(@case.AddAction(goal!, InputText.Clean(NewAction.Text, multiline: true) ?? "", NewAction.Owner!.Value,
                InputText.Clean(NewAction.OwnerName, multiline: false), null, due, now));
            return Task.FromResult(Lang.Pick("De actie is toegevoegd.", "The action is added."));
        }, "NewAction.Text", () => LoadAsync(id, cancellationToken), cancellationToken);
    }

    public async Task<IActionResult> OnPostStatusAsync(Guid id, Guid actionId, CancellationToken cancellationToken)
    {
        if (await CheckAsync(id, AccessAction.Change, "case-plan", d => d.MayWork, cancellationToken) is { } refused)
        {
            return refused;
        }
        ModelState.Clear();
        var action = await Db.PlanActions.SingleOrDefaultAsync(a => a.Id == actionId && a.CaseId == id, cancellationToken);
        // A meedenker on part of the case changes only their own actions.
        if (action is null || (!Decision.MayRun && action.OwnerSupporterId != UserId))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        if (Status is null || !Enum.IsDefined(Status.Value))
        {
            ModelState.AddModelError("Status", Lang.Pick("Kies een status.", "Choose a status."));
            return await RefusedAsync(id, () => LoadAsync(id, cancellationToken), cancellationToken);
        }
        return await SaveAsync(id, (@case, now) =>
        {
            @case.SetActionStatus(action, Status.Value, now);
            return Task.FromResult(Lang.Pick("De status is opgeslagen.", "The status is saved."));
        }, "Status", () => LoadAsync(id, cancellationToken), cancellationToken);
    }

    private async Task LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        Reference = await referenceData.GetAsync(cancellationToken);
        var goals = await Db.PlanGoals.AsNoTracking().Where(g => g.CaseId == id).OrderBy(g => g.CreatedAt).ToListAsync(cancellationToken);
        var actions = await Db.PlanActions.AsNoTracking().Where(a => a.CaseId == id).OrderBy(a => a.CreatedAt).ToListAsync(cancellationToken);
        var visible = goals.Where(g => Visibility.Sees(SharedParts.Plan, g.LifeDomainCode, g.CreatedAt)
            || actions.Any(a => a.GoalId == g.Id && a.OwnerSupporterId == UserId)).ToList();
        HiddenGoals = goals.Count - visible.Count;
        var supporterIds = actions.Where(a => a.OwnerSupporterId is not null).Select(a => a.OwnerSupporterId!.Value).Distinct().ToList();
        var supporterNames = await Db.Users.AsNoTracking().Where(u => supporterIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        string? NameOf(PlanAction a) => a.OwnerName ?? (a.OwnerSupporterId is { } s && supporterNames.TryGetValue(s, out var n) ? n : null);
        Goals = visible.Select(g => new GoalRow(g.Id, g.LifeDomainCode, g.Text, actions.Where(a => a.GoalId == g.Id)
                .Select(a => new ActionRow(a.Id, a.Text, a.Owner, NameOf(a), a.DueOn, a.Status, a.OwnerSupporterId == UserId)).ToList()))
            .ToList();
    }

    public static string OwnerName(PlanActionOwner owner) => owner switch
    {
        PlanActionOwner.Resident => Lang.Pick("de inwoner", "the resident"),
        PlanActionOwner.NetworkMember => Lang.Pick("iemand uit het netwerk", "someone from the network"),
        PlanActionOwner.Supporter => Lang.Pick("de meedenker", "the supporter"),
        _ => Lang.Pick("een andere organisatie", "another organisation"),
    };

    public static string StatusName(PlanActionStatus status) => status switch
    {
        PlanActionStatus.Open => Lang.Pick("open", "open"),
        PlanActionStatus.Done => Lang.Pick("gedaan", "done"),
        _ => Lang.Pick("vervallen", "dropped"),
    };
}
