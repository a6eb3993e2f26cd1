using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Features.Shared;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Directory;

/// <summary>
/// Edit a supporter profile: kind (and peer-expert level), roles, expertise cells (target group × life domain),
/// languages, municipalities, capacity, evenings and weekends, training. Coordinators only their own
/// organisation's supporters; another organisation's profile does not exist for them (404).
/// </summary>
[Authorize(Policy = Policies.Staff, Roles = DirectoryEditing.Roles)]
public sealed class EditSupporterModel(AppDbContext db, ReferenceData referenceData) : FormPageModel
{
    public sealed class ProfileInput
    {
        public string? Kind { get; set; }
        public List<string> Roles { get; set; } = [];
        public List<string> Languages { get; set; } = [];
        public List<string> Municipalities { get; set; } = [];
        /// <summary>Cells as "targetgroup|lifedomain" codes.</summary>
        public List<string> Expertise { get; set; } = [];
        public string? Capacity { get; set; }
        public bool Evenings { get; set; }
        public bool Weekends { get; set; }
        public string? Training { get; set; }
    }

    public static readonly string[] KindValues = ["Professional", "Volunteer", "PeerExpert1", "PeerExpert2", "PeerExpert3"];

    [BindProperty]
    public ProfileInput Input { get; set; } = new();

    public string Name { get; private set; } = "";
    public string OrganizationName { get; private set; } = "";
    public ReferenceSnapshot Reference { get; private set; } = null!;

    public static string KindLabel(string value) => value switch
    {
        "Professional" => Lang.Pick("Beroepskracht", "Professional"),
        "Volunteer" => Lang.Pick("Vrijwilliger", "Volunteer"),
        _ => Lang.Pick($"Ervaringsdeskundige niveau {value[^1]}", $"Peer expert level {value[^1]}"),
    };

    public Choices TermChoices(string field, TaxonomyKind kind, string legend, List<string> chosen) =>
        new(field, legend, Reference.Of(kind).Select(t => new Choice(t.Code, t.Name)).ToList(), chosen, ErrorFor("Input." + field));

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var profile = await LoadAsync(id, cancellationToken);
        if (profile is null)
        {
            return NotFound();
        }
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == profile.UserId, cancellationToken);
        var terms = await db.TaxonomyTerms.AsNoTracking().ToDictionaryAsync(t => t.Id, cancellationToken);
        var places = Reference.Municipalities.ToDictionary(m => m.Id, m => m.Code);
        Input = new ProfileInput
        {
            Kind = profile.Kind == SupporterKind.PeerExpert ? $"PeerExpert{user.PeerExpertLevel ?? 1}" : profile.Kind.ToString(),
            Roles = [.. profile.Terms.Select(t => terms[t.TaxonomyTermId]).Where(t => t.Taxonomy == TaxonomyKind.SupporterRole).Select(t => t.Code)],
            Languages = [.. profile.Terms.Select(t => terms[t.TaxonomyTermId]).Where(t => t.Taxonomy == TaxonomyKind.Language).Select(t => t.Code)],
            Municipalities = [.. profile.Municipalities.Where(m => places.ContainsKey(m.MunicipalityId)).Select(m => places[m.MunicipalityId])],
            Expertise = [.. profile.Expertise.Select(e => $"{terms[e.TargetGroupTermId].Code}|{terms[e.LifeDomainTermId].Code}")],
            Capacity = profile.Capacity.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Evenings = profile.AvailableEvenings,
            Weekends = profile.AvailableWeekends,
            Training = profile.Training,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var profile = await LoadAsync(id, cancellationToken);
        if (profile is null)
        {
            return NotFound();
        }
        ModelState.Clear();
        var terms = await db.TaxonomyTerms.AsNoTracking().ToListAsync(cancellationToken);
        if (Input.Kind is null || !KindValues.Contains(Input.Kind))
        {
            Error(nameof(ProfileInput.Kind), "Kies wat voor meedenker dit is.", "Choose what kind of supporter this is.");
        }
        List<TaxonomyTerm> Pick(string field, TaxonomyKind kind, List<string> codes)
        {
            var found = terms.Where(t => t.Taxonomy == kind && codes.Contains(t.Code)).ToList();
            if (found.Count != codes.Distinct().Count())
            {
                Error(field, "Kies alleen uit de lijst.", "Choose only from the list.");
            }
            return found;
        }
        var roles = Pick(nameof(ProfileInput.Roles), TaxonomyKind.SupporterRole, Input.Roles);
        var languages = Pick(nameof(ProfileInput.Languages), TaxonomyKind.Language, Input.Languages);
        if (languages.Count == 0)
        {
            Error(nameof(ProfileInput.Languages), "Kies ten minste één taal.", "Choose at least one language.");
        }
        var municipalities = Reference.Municipalities.Where(m => Input.Municipalities.Contains(m.Code)).ToList();
        if (municipalities.Count != Input.Municipalities.Distinct().Count())
        {
            Error(nameof(ProfileInput.Municipalities), "Kies alleen gemeenten uit de lijst.", "Choose only municipalities from the list.");
        }
        var cells = new List<(Guid Group, Guid Domain)>();
        foreach (var cell in Input.Expertise.Distinct())
        {
            var parts = cell.Split('|');
            var group = parts.Length == 2 ? terms.FirstOrDefault(t => t.Taxonomy == TaxonomyKind.TargetGroup && t.Code == parts[0]) : null;
            var domain = parts.Length == 2 ? terms.FirstOrDefault(t => t.Taxonomy == TaxonomyKind.LifeDomain && t.Code == parts[1]) : null;
            if (group is null || domain is null)
            {
                Error(nameof(ProfileInput.Expertise), "Kies alleen vakjes uit de tabel.", "Choose only cells from the table.");
                break;
            }
            cells.Add((group.Id, domain.Id));
        }
        var training = InputText.Clean(Input.Training, multiline: true);
        if (training?.Length > 2000)
        {
            Error(nameof(ProfileInput.Training), "Opleiding en bagage zijn hoogstens 2000 tekens.", "Training and background are at most 2000 characters.");
        }
        if (!int.TryParse(Input.Capacity, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var capacity))
        {
            capacity = -1;
        }
        try
        {
            profile.SetCapacity(capacity);
        }
        catch (DomainException e)
        {
            Error(nameof(ProfileInput.Capacity), e.Dutch, e.English);
        }
        var user = await db.Users.SingleAsync(u => u.Id == profile.UserId, cancellationToken);
        if (ModelState.IsValid)
        {
            var kind = Input.Kind!.StartsWith("PeerExpert", StringComparison.Ordinal) ? SupporterKind.PeerExpert : Enum.Parse<SupporterKind>(Input.Kind);
            user.SetSupporterKind(kind, kind == SupporterKind.PeerExpert ? Input.Kind[^1] - '0' : null);
            profile.Kind = kind;
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        profile.AvailableEvenings = Input.Evenings;
        profile.AvailableWeekends = Input.Weekends;
        profile.Training = training;
        // Only what changed is removed or added, so unchanged rows keep their keys.
        var editedKinds = new[] { TaxonomyKind.SupporterRole, TaxonomyKind.Language };
        var edited = terms.Where(t => editedKinds.Contains(t.Taxonomy)).Select(t => t.Id).ToHashSet();
        var wantedTerms = roles.Concat(languages).Select(t => t.Id).ToHashSet();
        profile.Terms.RemoveAll(t => edited.Contains(t.TaxonomyTermId) && !wantedTerms.Contains(t.TaxonomyTermId));
        profile.Terms.AddRange(wantedTerms.Where(w => profile.Terms.All(t => t.TaxonomyTermId != w)).Select(w => new SupporterTerm { ProfileId = profile.Id, TaxonomyTermId = w }));
        profile.Expertise.RemoveAll(e => !cells.Contains((e.TargetGroupTermId, e.LifeDomainTermId)));
        profile.Expertise.AddRange(cells.Where(c => !profile.Expertise.Any(e => e.TargetGroupTermId == c.Group && e.LifeDomainTermId == c.Domain))
            .Select(c => new SupporterExpertise { ProfileId = profile.Id, TargetGroupTermId = c.Group, LifeDomainTermId = c.Domain }));
        var wantedPlaces = municipalities.Select(m => m.Id).ToHashSet();
        profile.Municipalities.RemoveAll(m => !wantedPlaces.Contains(m.MunicipalityId));
        profile.Municipalities.AddRange(wantedPlaces.Where(w => profile.Municipalities.All(m => m.MunicipalityId != w)).Select(w => new SupporterMunicipality { ProfileId = profile.Id, MunicipalityId = w }));
        await db.SaveChangesAsync(cancellationToken);
        TempData["Message"] = Lang.Pick($"Het profiel van {Name} is opgeslagen.", $"{Name}'s profile has been saved.");
        return Redirect("/werk/meedenkers");
    }

    private void Error(string field, string nl, string en) => ModelState.AddModelError("Input." + field, Lang.Pick(nl, en));

    private async Task<SupporterProfile?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var profile = await db.SupporterProfiles.Include(p => p.Terms).Include(p => p.Expertise).Include(p => p.Municipalities).AsSplitQuery()
            .SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (profile is null || !DirectoryEditing.MayEdit(User, profile.OrganizationId))
        {
            return null;
        }
        Name = await db.Users.Where(u => u.Id == profile.UserId).Select(u => u.DisplayName).SingleAsync(cancellationToken);
        OrganizationName = await db.Organizations.Where(o => o.Id == profile.OrganizationId).Select(o => o.Name).SingleAsync(cancellationToken);
        Reference = await referenceData.GetAsync(cancellationToken);
        return profile;
    }
}
