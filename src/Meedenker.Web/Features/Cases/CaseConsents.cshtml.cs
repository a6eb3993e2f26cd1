using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Cases;

/// <summary>
/// The resident's recorded agreements to share parts of the case (which parts, which life domains, with whom,
/// when and how given), with their history. Recording a new one or withdrawing one takes effect at the next read.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class CaseConsentsModel(AppDbContext db, AccessCheck access, ReferenceData referenceData, TimeProvider time) : CasePageModel(db, access, time)
{
    public sealed record ConsentRow(Guid Id, string Grantee, SharedParts Parts, IReadOnlyList<string> LifeDomains, string GivenBy, ConsentGivenHow How,
        DateTimeOffset GivenAt, DateTimeOffset? WithdrawnAt, string? WithdrawnBy, bool FromHandover);

    public sealed record Option(string Value, string Name);

    public sealed class ConsentInput
    {
        public string? Grantee { get; set; }
        public List<SharedParts> Parts { get; set; } = [];
        public List<string> LifeDomains { get; set; } = [];
        public string? GivenBy { get; set; }
        public ConsentGivenHow? How { get; set; }
    }

    [BindProperty]
    public ConsentInput Input { get; set; } = new();

    public IReadOnlyList<ConsentRow> Consents { get; private set; } = [];
    public IReadOnlyList<Option> Grantees { get; private set; } = [];
    public ReferenceSnapshot Reference { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await CheckAsync(id, AccessAction.View, "case-consents", d => d.MayRun, cancellationToken) is { } refused)
        {
            return refused;
        }
        await LoadHeaderAsync(id, cancellationToken);
        await LoadAsync(id, cancellationToken);
        Input.GivenBy = Lang.Pick("de inwoner", "the resident");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await CheckAsync(id, AccessAction.Change, "case-consents", d => d.MayRun, cancellationToken) is { } refused)
        {
            return refused;
        }
        ModelState.Clear();
        await LoadHeaderAsync(id, cancellationToken);
        await LoadAsync(id, cancellationToken);
        (Guid? Supporter, Guid Organization)? grantee = null;
        if (Grantees.Any(g => g.Value == Input.Grantee))
        {
            var value = Input.Grantee!;
            var target = Guid.Parse(value[2..]);
            grantee = value[0] == 's'
                ? (target, await Db.Users.Where(u => u.Id == target).Select(u => u.OrganizationId).SingleAsync(cancellationToken))
                : (null, target);
        }
        else
        {
            ModelState.AddModelError("Input.Grantee", Lang.Pick("Kies met wie de inwoner deelt.", "Choose whom the resident shares with."));
        }
        if (Input.LifeDomains.Any(d => !Header!.LifeDomains.Contains(d)))
        {
            ModelState.AddModelError("Input.LifeDomains", Lang.Pick("Kies leefgebieden van deze casus.", "Choose life domains of this case."));
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        return await SaveAsync(id, (@case, now) =>
        {
            Db.CaseConsents.Add(CaseConsent.Give(@case.Id, grantee!.Value.Supporter, grantee.Value.Organization, Combine(Input.Parts), Input.LifeDomains,
                InputText.Clean(Input.GivenBy) ?? "", Input.How ?? 0, UserId, now));
            return Task.FromResult(Lang.Pick("De toestemming is vastgelegd.", "The consent is recorded."));
        }, "Input.Parts", () => LoadAsync(id, cancellationToken), cancellationToken);
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, Guid consentId, CancellationToken cancellationToken)
    {
        if (await CheckAsync(id, AccessAction.Change, "case-consents", d => d.MayRun, cancellationToken) is { } refused)
        {
            return refused;
        }
        var consent = await Db.CaseConsents.SingleOrDefaultAsync(c => c.Id == consentId && c.CaseId == id, cancellationToken);
        if (consent is null)
        {
            return NotFound();
        }
        return await SaveAsync(id, (_, now) =>
        {
            consent.Withdraw(UserId.ToString(), now);
            return Task.FromResult(Lang.Pick("De toestemming is ingetrokken. Vanaf nu ziet de ander die delen niet meer.", "The consent is withdrawn. From now on the other no longer sees those parts."));
        }, string.Empty, () => LoadAsync(id, cancellationToken), cancellationToken);
    }

    private async Task LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        Reference = await referenceData.GetAsync(cancellationToken);
        var consents = await Db.CaseConsents.AsNoTracking().Where(c => c.CaseId == id).ToListAsync(cancellationToken);
        var supporterIds = await Db.CaseParticipants.Where(p => p.CaseId == id && p.EndedAt == null).Select(p => p.SupporterId)
            .Concat(Db.Handovers.Where(h => h.CaseId == id && h.Status == HandoverStatus.Proposed).Select(h => h.ToSupporterId))
            .ToListAsync(cancellationToken);
        supporterIds.AddRange(consents.Where(c => c.GranteeSupporterId is not null).Select(c => c.GranteeSupporterId!.Value));
        var people = await Db.Users.AsNoTracking().Where(u => supporterIds.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName, u.OrganizationId }).ToListAsync(cancellationToken);
        var organizationIds = people.Select(p => p.OrganizationId).Concat(consents.Select(c => c.GranteeOrganizationId)).Append(Header!.OrganizationId).Distinct().ToList();
        var organizations = await Db.Organizations.AsNoTracking().Where(o => organizationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        string Grantee(Guid? supporter, Guid organization) => supporter is { } s && people.FirstOrDefault(p => p.Id == s) is { } person
            ? $"{person.DisplayName} ({organizations.GetValueOrDefault(organization)})"
            : Lang.Pick($"alle meedenkers van {organizations.GetValueOrDefault(organization)}", $"every supporter of {organizations.GetValueOrDefault(organization)}");
        Consents = consents.OrderByDescending(c => c.GivenAt)
            .Select(c => new ConsentRow(c.Id, Grantee(c.GranteeSupporterId, c.GranteeOrganizationId), c.Parts, c.LifeDomainCodes, c.GivenBy, c.How, c.GivenAt,
                c.WithdrawnAt, c.WithdrawnBy, c.HandoverId is not null))
            .ToList();
        Grantees = people.DistinctBy(p => p.Id).Where(p => p.Id != Header.SupporterId).Select(p => new Option("s:" + p.Id, Grantee(p.Id, p.OrganizationId)))
            .Concat(organizationIds.Select(o => new Option("o:" + o, Grantee(null, o))))
            .ToList();
    }

    public static string HowName(ConsentGivenHow how) => how switch
    {
        ConsentGivenHow.Verbal => Lang.Pick("mondeling", "verbally"),
        ConsentGivenHow.Written => Lang.Pick("schriftelijk", "in writing"),
        _ => Lang.Pick("inwoner was erbij", "resident was present"),
    };
}
