using System.Globalization;
using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Features.Shared;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Directory;

/// <summary>
/// Edit one service of the social map, or add one (<c>nieuw?organisatie=…</c>): texts, status, free or paid,
/// terms, municipalities, locations, phones and weekly opening hours. The form carries the version it was
/// loaded with; if someone else saved in between, nothing is overwritten and the editor is told.
/// </summary>
[Authorize(Policy = Policies.Staff, Roles = DirectoryEditing.Roles)]
public sealed class EditServiceModel(AppDbContext db, ReferenceData referenceData, TimeProvider time) : FormPageModel
{
    public sealed class PhoneInput
    {
        public string? Number { get; set; }
        public string? Description { get; set; }
    }

    public sealed class HoursInput
    {
        public DayOfWeek Day { get; set; }
        public string? Opens { get; set; }
        public string? Closes { get; set; }
    }

    public sealed class ServiceInput
    {
        public string? Name { get; set; }
        public string? Description { get; set; }
        public ServiceStatus Status { get; set; } = ServiceStatus.Active;
        public bool IsFree { get; set; } = true;
        public string? FeesDescription { get; set; }
        public string? ApplicationProcess { get; set; }
        public string? Email { get; set; }
        public string? Url { get; set; }
        public List<string> LifeDomains { get; set; } = [];
        public List<string> TargetGroups { get; set; } = [];
        public List<string> Languages { get; set; } = [];
        public List<string> ContactModes { get; set; } = [];
        public List<string> Municipalities { get; set; } = [];
        public List<string> Locations { get; set; } = [];
        public List<PhoneInput> Phones { get; set; } = [];
        public List<HoursInput> Hours { get; set; } = [];
        public string? Version { get; set; }
    }

    public const int PhoneRows = 3;

    private static readonly (TaxonomyKind Kind, string Field)[] TermFields =
        [(TaxonomyKind.LifeDomain, nameof(ServiceInput.LifeDomains)), (TaxonomyKind.TargetGroup, nameof(ServiceInput.TargetGroups)),
         (TaxonomyKind.Language, nameof(ServiceInput.Languages)), (TaxonomyKind.ContactMode, nameof(ServiceInput.ContactModes))];

    [BindProperty]
    public ServiceInput Input { get; set; } = new();

    public Guid? ServiceId { get; private set; }
    public Guid OrganizationId { get; private set; }
    public string OrganizationName { get; private set; } = "";
    public ReferenceSnapshot Reference { get; private set; } = null!;
    public IReadOnlyList<Choice> LocationChoices { get; private set; } = [];
    public string? Message { get; private set; }
    public bool Conflict { get; private set; }

    public IEnumerable<TaxonomyKind> TermKinds => TermFields.Select(t => t.Kind);

    public Choices TermChoices(TaxonomyKind kind, string legend)
    {
        var field = TermFields.First(f => f.Kind == kind).Field;
        var chosen = (List<string>)typeof(ServiceInput).GetProperty(field)!.GetValue(Input)!;
        return new Choices(field, legend, Reference.Of(kind).Select(t => new Choice(t.Code, t.Name)).ToList(), chosen, ErrorFor("Input." + field));
    }

    public async Task<IActionResult> OnGetAsync(Guid? id, [FromQuery(Name = "organisatie")] Guid? organization, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, organization, cancellationToken))
        {
            return NotFound();
        }
        if (id is null)
        {
            Input = new ServiceInput();
        }
        else
        {
            var service = await db.Services.AsNoTracking().Include(s => s.Terms).ThenInclude(t => t.TaxonomyTerm).Include(s => s.Areas).ThenInclude(a => a.Municipality)
                .Include(s => s.Locations).Include(s => s.Phones).Include(s => s.Schedules).AsSplitQuery().SingleAsync(s => s.Id == id, cancellationToken);
            string[] Codes(TaxonomyKind kind) => service.Terms.Where(t => t.TaxonomyTerm!.Taxonomy == kind).Select(t => t.TaxonomyTerm!.Code).ToArray();
            Input = new ServiceInput
            {
                Name = service.Name,
                Description = service.Description,
                Status = service.Status,
                IsFree = service.IsFree,
                FeesDescription = service.FeesDescription,
                ApplicationProcess = service.ApplicationProcess,
                Email = service.Email,
                Url = service.Url,
                LifeDomains = [.. Codes(TaxonomyKind.LifeDomain)],
                TargetGroups = [.. Codes(TaxonomyKind.TargetGroup)],
                Languages = [.. Codes(TaxonomyKind.Language)],
                ContactModes = [.. Codes(TaxonomyKind.ContactMode)],
                Municipalities = [.. service.Areas.Select(a => a.Municipality!.Code)],
                Locations = [.. service.Locations.Select(l => l.LocationId.ToString())],
                Phones = [.. service.Phones.OrderBy(p => p.Number, StringComparer.Ordinal).Select(p => new PhoneInput { Number = p.Number, Description = p.Description })],
                Hours = [.. service.Schedules.Select(h => new HoursInput { Day = h.Day, Opens = EditTime(h.OpensAt), Closes = EditTime(h.ClosesAt) })],
                Version = DirectoryEditing.Version(service.LastModified),
            };
        }
        Normalise();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, [FromQuery(Name = "organisatie")] Guid? organization, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, organization, cancellationToken))
        {
            return NotFound();
        }
        ModelState.Clear();
        Normalise();
        var name = InputText.Clean(Input.Name);
        var description = InputText.Clean(Input.Description, multiline: true);
        if (name is null || name.Length > 200)
        {
            Error(nameof(ServiceInput.Name), "Geef de dienst een naam van hoogstens 200 tekens.", "Give the service a name of at most 200 characters.");
        }
        else if (InputText.IsFormula(name))
        {
            Error(nameof(ServiceInput.Name), InputText.FormulaNameNl, InputText.FormulaNameEn);
        }
        if (description?.Length > 4000)
        {
            Error(nameof(ServiceInput.Description), "De beschrijving is hoogstens 4000 tekens.", "The description is at most 4000 characters.");
        }
        if (!Enum.IsDefined(Input.Status))
        {
            Error(nameof(ServiceInput.Status), "Kies een status uit de lijst.", "Choose a status from the list.");
        }
        var fees = InputText.Clean(Input.FeesDescription, multiline: true);
        if (fees?.Length > 1000)
        {
            Error(nameof(ServiceInput.FeesDescription), "De uitleg over kosten is hoogstens 1000 tekens.", "The note on costs is at most 1000 characters.");
        }
        var application = InputText.Clean(Input.ApplicationProcess, multiline: true);
        if (application?.Length > 2000)
        {
            Error(nameof(ServiceInput.ApplicationProcess), "Hoe je je aanmeldt is hoogstens 2000 tekens.", "How to apply is at most 2000 characters.");
        }
        var email = InputText.Clean(Input.Email);
        if (email is not null && (email.Length > 254 || !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email)))
        {
            Error(nameof(ServiceInput.Email), "Vul een geldig e-mailadres in, zoals info@stichting.nl, of laat het leeg.", "Enter a valid e-mail address, like info@stichting.nl, or leave it empty.");
        }
        var url = InputText.Clean(Input.Url);
        if (url is not null && (url.Length > 300 || !Uri.TryCreate(url, UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttps && parsed.Scheme != Uri.UriSchemeHttp)))
        {
            Error(nameof(ServiceInput.Url), "Vul een webadres in dat begint met https://, of laat het leeg.", "Enter a web address that starts with https://, or leave it empty.");
        }
        var terms = new List<TaxonomyTerm>();
        var storedTerms = await db.TaxonomyTerms.AsNoTracking().ToListAsync(cancellationToken);
        foreach (var (kind, field) in TermFields)
        {
            var codes = (List<string>)typeof(ServiceInput).GetProperty(field)!.GetValue(Input)!;
            var found = storedTerms.Where(t => t.Taxonomy == kind && codes.Contains(t.Code)).ToList();
            if (found.Count != codes.Distinct().Count())
            {
                Error(field, "Kies alleen uit de lijst.", "Choose only from the list.");
            }
            terms.AddRange(found);
        }
        if (!terms.Any(t => t.Taxonomy == TaxonomyKind.LifeDomain))
        {
            Error(nameof(ServiceInput.LifeDomains), "Kies ten minste één leefgebied, zodat inwoners de dienst vinden.", "Choose at least one life domain, so residents find the service.");
        }
        var municipalities = Reference.Municipalities.Where(m => Input.Municipalities.Contains(m.Code)).ToList();
        if (municipalities.Count == 0 || municipalities.Count != Input.Municipalities.Distinct().Count())
        {
            Error(nameof(ServiceInput.Municipalities), "Kies ten minste één gemeente uit de lijst waar de dienst er is.", "Choose at least one municipality from the list where the service is offered.");
        }
        var locationIds = LocationChoices.Where(l => Input.Locations.Contains(l.Value)).Select(l => Guid.Parse(l.Value)).ToList();
        if (locationIds.Count != Input.Locations.Distinct().Count())
        {
            Error(nameof(ServiceInput.Locations), "Kies alleen locaties van de organisatie.", "Choose only locations of the organisation.");
        }
        var phones = new List<Phone>();
        for (var i = 0; i < Input.Phones.Count; i++)
        {
            var number = InputText.Clean(Input.Phones[i].Number);
            var note = InputText.Clean(Input.Phones[i].Description);
            if (number is null && note is null)
            {
                continue;
            }
            if (number is null || number.Length > 30 || number.Count(char.IsAsciiDigit) < 3 || number.Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '-' or '+' or '(' or ')')))
            {
                Error($"Phones[{i}].Number", $"Telefoonnummer {i + 1}: alleen cijfers, spaties, -, + en haakjes, hoogstens 30 tekens.", $"Phone {i + 1}: only digits, spaces, -, + and brackets, at most 30 characters.");
            }
            else if (note?.Length > 200)
            {
                Error($"Phones[{i}].Description", $"Toelichting bij telefoonnummer {i + 1}: hoogstens 200 tekens.", $"Note on phone {i + 1}: at most 200 characters.");
            }
            else
            {
                phones.Add(new Phone { Id = Guid.NewGuid(), Number = number, Description = note });
            }
        }
        var schedules = new List<Schedule>();
        foreach (var hours in Input.Hours)
        {
            var opens = ParseTime(hours.Opens);
            var closes = ParseTime(hours.Closes);
            var day = DirectoryEditing.DayName(hours.Day);
            if (string.IsNullOrWhiteSpace(hours.Opens) && string.IsNullOrWhiteSpace(hours.Closes))
            {
                continue;
            }
            if (opens is null || closes is null || closes <= opens)
            {
                Error($"Hours[{Array.IndexOf(DirectoryEditing.Week, hours.Day)}].Opens", $"Openingstijden op {day}: vul open en dicht in als 09:00 en 17:00, dicht na open; of laat beide leeg.",
                    $"Opening hours on {day}: enter open and closed like 09:00 and 17:00, closed after open; or leave both empty.");
            }
            else
            {
                schedules.Add(new Schedule { Id = Guid.NewGuid(), Day = hours.Day, OpensAt = opens.Value, ClosesAt = closes.Value });
            }
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        Service service;
        if (id is { } existingId)
        {
            service = await db.Services.SingleAsync(s => s.Id == existingId, cancellationToken);
            var loaded = service.LastModified;
            // Claim the row only if it is still the version the form was loaded with: one atomic update, so two
            // editors saving at the same moment cannot both pass.
            var claimed = DirectoryEditing.Version(loaded) == Input.Version &&
                await db.Services.Where(s => s.Id == existingId && s.LastModified == loaded)
                    .ExecuteUpdateAsync(set => set.SetProperty(s => s.LastModified, time.GetUtcNow()), cancellationToken) == 1;
            if (!claimed)
            {
                Conflict = true;
                ModelState.AddModelError("", Lang.Pick("Iemand anders heeft deze dienst net ook gewijzigd. Er is niets opgeslagen. Laad de pagina opnieuw om de nieuwe versie te zien en doe je wijziging daarna nog eens.",
                    "Someone else has just changed this service too. Nothing was saved. Reload the page to see the new version, then make your change again."));
                return Page();
            }
            await db.ServiceTerms.Where(t => t.ServiceId == existingId).ExecuteDeleteAsync(cancellationToken);
            await db.ServiceAreas.Where(t => t.ServiceId == existingId).ExecuteDeleteAsync(cancellationToken);
            await db.ServiceAtLocations.Where(t => t.ServiceId == existingId).ExecuteDeleteAsync(cancellationToken);
            await db.Phones.Where(t => t.ServiceId == existingId).ExecuteDeleteAsync(cancellationToken);
            await db.Schedules.Where(t => t.ServiceId == existingId).ExecuteDeleteAsync(cancellationToken);
        }
        else
        {
            service = new Service { Id = Guid.NewGuid(), OrganizationId = OrganizationId, Name = name! };
            db.Services.Add(service);
        }
        service.Name = name!;
        service.Description = description;
        service.Status = Input.Status;
        service.IsFree = Input.IsFree;
        service.FeesDescription = fees;
        service.ApplicationProcess = application;
        service.Email = email;
        service.Url = url;
        service.RefreshSearchText(OrganizationName, terms.SelectMany(t => new[] { t.NameNl, t.NameEn }));
        service.Touch(time.GetUtcNow());
        db.ServiceTerms.AddRange(terms.Select(t => new ServiceTerm { Id = Guid.NewGuid(), ServiceId = service.Id, TaxonomyTermId = t.Id }));
        db.ServiceAreas.AddRange(municipalities.Select(m => new ServiceArea { Id = Guid.NewGuid(), ServiceId = service.Id, MunicipalityId = m.Id }));
        db.ServiceAtLocations.AddRange(locationIds.Select(l => new ServiceAtLocation { Id = Guid.NewGuid(), ServiceId = service.Id, LocationId = l }));
        phones.ForEach(p => p.ServiceId = service.Id);
        schedules.ForEach(h => h.ServiceId = service.Id);
        db.Phones.AddRange(phones);
        db.Schedules.AddRange(schedules);
        await db.SaveChangesAsync(cancellationToken);
        await SearchIndex.RefreshAsync(db, [service], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        TempData["Message"] = Lang.Pick($"De dienst ‘{service.Name}’ is opgeslagen.", $"The service ‘{service.Name}’ has been saved.");
        return Redirect("/werk/sociale-kaart");
    }

    private void Error(string field, string nl, string en) => ModelState.AddModelError("Input." + field, Lang.Pick(nl, en));

    private static string EditTime(TimeOnly t) => t.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static TimeOnly? ParseTime(string? text) =>
        TimeOnly.TryParseExact(text?.Trim().Replace('.', ':'), ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;

    /// <summary>Always three phone rows and the seven days, Monday first, whatever was posted.</summary>
    private void Normalise()
    {
        Input.Phones = [.. Input.Phones.Take(PhoneRows)];
        while (Input.Phones.Count < PhoneRows)
        {
            Input.Phones.Add(new PhoneInput());
        }
        var posted = Input.Hours;
        Input.Hours = [.. DirectoryEditing.Week.Select(d => posted.FirstOrDefault(h => h.Day == d) ?? new HoursInput { Day = d })];
    }

    /// <summary>The service (or for a new one, the organisation) and whether this user may edit it.</summary>
    private async Task<bool> LoadAsync(Guid? id, Guid? organization, CancellationToken cancellationToken)
    {
        ServiceId = id;
        if (id is { } serviceId)
        {
            var owner = await db.Services.AsNoTracking().Where(s => s.Id == serviceId).Select(s => (Guid?)s.OrganizationId).SingleOrDefaultAsync(cancellationToken);
            if (owner is null)
            {
                return false;
            }
            OrganizationId = owner.Value;
        }
        else
        {
            OrganizationId = organization ?? StaffClaims.OrganizationOf(User) ?? Guid.Empty;
        }
        if (!DirectoryEditing.MayEdit(User, OrganizationId))
        {
            return false;
        }
        var org = await db.Organizations.AsNoTracking().Where(o => o.Id == OrganizationId).Select(o => o.Name).SingleOrDefaultAsync(cancellationToken);
        if (org is null)
        {
            return false;
        }
        OrganizationName = org;
        Reference = await referenceData.GetAsync(cancellationToken);
        LocationChoices = await db.Locations.AsNoTracking().Where(l => l.OrganizationId == OrganizationId).OrderBy(l => l.Name)
            .Select(l => new Choice(l.Id.ToString(), l.Name + ", " + l.Address + ", " + l.City)).ToListAsync(cancellationToken);
        Message = TempData["Message"] as string;
        return true;
    }
}
