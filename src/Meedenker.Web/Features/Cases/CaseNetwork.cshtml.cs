using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Cases;

/// <summary>
/// The resident's support network: people and organisations around them, their relation and what they do, as
/// a list and a simple drawing (people close by, organisations further out). Also whether the resident lives alone.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class CaseNetworkModel(AppDbContext db, AccessCheck access, TimeProvider time) : CasePageModel(db, access, time)
{
    public sealed record MemberRow(Guid Id, NetworkMemberKind Kind, string Name, string Relation, string? WhatTheyDo);

    /// <summary>A member placed in the drawing.</summary>
    public sealed record Placed(MemberRow Member, double X, double Y, double LabelX, double LabelY, string Anchor);

    public sealed class MemberInput
    {
        public NetworkMemberKind? Kind { get; set; }
        public string? Name { get; set; }
        public string? Relation { get; set; }
        public string? WhatTheyDo { get; set; }
    }

    [BindProperty]
    public MemberInput Member { get; set; } = new();

    [BindProperty]
    public string? LivesAlone { get; set; }

    public IReadOnlyList<MemberRow> Members { get; private set; } = [];
    public bool? LivesAloneNow { get; private set; }
    public bool Hidden { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await CheckAsync(id, AccessAction.View, "case-network", _ => true, cancellationToken) is { } refused)
        {
            return refused;
        }
        await LoadHeaderAsync(id, cancellationToken);
        await LoadAsync(id, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await CheckAsync(id, AccessAction.Change, "case-network", d => d.MayRun, cancellationToken) is { } refused)
        {
            return refused;
        }
        ModelState.Clear();
        if (Member.Kind is null || !Enum.IsDefined(Member.Kind.Value))
        {
            ModelState.AddModelError("Member.Kind", Lang.Pick("Kies of het een persoon of een organisatie is.", "Choose whether it is a person or an organisation."));
            return await RefusedAsync(id, () => LoadAsync(id, cancellationToken), cancellationToken);
        }
        return await SaveAsync(id, (@case, now) =>
        {
            Db.NetworkMembers.Add(@case.AddNetworkMember(Member.Kind!.Value, InputText.Clean(Member.Name) ?? "", InputText.Clean(Member.Relation) ?? "",
                InputText.Clean(Member.WhatTheyDo, multiline: true), UserId, now));
            return Task.FromResult(Lang.Pick("Toegevoegd aan het netwerk.", "Added to the network."));
        }, "Member.Name", () => LoadAsync(id, cancellationToken), cancellationToken);
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, Guid memberId, CancellationToken cancellationToken)
    {
        if (await CheckAsync(id, AccessAction.Change, "case-network", d => d.MayRun, cancellationToken) is { } refused)
        {
            return refused;
        }
        var member = await Db.NetworkMembers.SingleOrDefaultAsync(m => m.Id == memberId && m.CaseId == id, cancellationToken);
        if (member is null)
        {
            return NotFound();
        }
        return await SaveAsync(id, (@case, now) =>
        {
            @case.RemoveNetworkMember(member, now);
            return Task.FromResult(Lang.Pick($"{member.Name} staat niet meer in het netwerk.", $"{member.Name} is no longer in the network."));
        }, string.Empty, () => LoadAsync(id, cancellationToken), cancellationToken);
    }

    public async Task<IActionResult> OnPostLivingAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await CheckAsync(id, AccessAction.Change, "case-network", d => d.MayRun, cancellationToken) is { } refused)
        {
            return refused;
        }
        bool? value = LivesAlone switch { "ja" => true, "nee" => false, _ => null };
        return await SaveAsync(id, (@case, _) =>
        {
            @case.SetLivesAlone(value);
            return Task.FromResult(Lang.Pick("De woonsituatie is opgeslagen.", "The living situation is saved."));
        }, "LivesAlone", () => LoadAsync(id, cancellationToken), cancellationToken);
    }

    private async Task LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var members = await Db.NetworkMembers.AsNoTracking().Where(m => m.CaseId == id && m.RemovedAt == null)
            .OrderBy(m => m.Kind).ThenBy(m => m.CreatedAt).ToListAsync(cancellationToken);
        var visible = members.Where(m => Visibility.Sees(SharedParts.Network, null, m.CreatedAt)).ToList();
        Hidden = visible.Count < members.Count || !Visibility.SeesAny(SharedParts.Network);
        Members = visible.Select(m => new MemberRow(m.Id, m.Kind, m.Name, m.Relation, m.WhatTheyDo)).ToList();
        LivesAloneNow = Visibility.Sees(SharedParts.Network) ? await Db.Cases.Where(c => c.Id == id).Select(c => c.LivesAlone).SingleAsync(cancellationToken) : null;
    }

    /// <summary>People on an inner ring, organisations on an outer ring, evenly spread around the resident.</summary>
    public IReadOnlyList<Placed> Layout(double centre, double inner, double outer)
    {
        var result = new List<Placed>();
        foreach (var (ring, radius) in new[] { (NetworkMemberKind.Person, inner), (NetworkMemberKind.Organization, outer) })
        {
            var onRing = Members.Where(m => m.Kind == ring).ToList();
            for (var n = 0; n < onRing.Count; n++)
            {
                var angle = (2 * Math.PI * n / onRing.Count) - (Math.PI / 2) + (ring == NetworkMemberKind.Organization ? Math.PI / Math.Max(onRing.Count, 1) : 0);
                var x = centre + (radius * Math.Cos(angle));
                var y = centre + (radius * Math.Sin(angle));
                var labelX = centre + ((radius + 16) * Math.Cos(angle));
                var labelY = centre + ((radius + 16) * Math.Sin(angle)) + 4;
                var anchor = Math.Abs(Math.Cos(angle)) < 0.3 ? "middle" : Math.Cos(angle) > 0 ? "start" : "end";
                result.Add(new Placed(onRing[n], x, y, labelX, labelY, anchor));
            }
        }
        return result;
    }
}
