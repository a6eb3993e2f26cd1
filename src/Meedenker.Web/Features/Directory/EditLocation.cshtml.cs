using System.Text.RegularExpressions;
using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Features.Shared;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Directory;

/// <summary>Edit or add a location of an organisation: address, municipality, accessibility and how to get there.</summary>
[Authorize(Policy = Policies.Staff, Roles = DirectoryEditing.Roles)]
public sealed partial class EditLocationModel(AppDbContext db, ReferenceData referenceData) : FormPageModel
{
    public sealed class LocationInput
    {
        public string? Name { get; set; }
        public string? Address { get; set; }
        public string? PostalCode { get; set; }
        public string? City { get; set; }
        public string? Municipality { get; set; }
        public string? Accessibility { get; set; }
        public string? Transportation { get; set; }
    }

    [GeneratedRegex("^[1-9][0-9]{3} ?[A-Za-z]{2}$")]
    private static partial Regex PostalCodePattern();

    [BindProperty]
    public LocationInput Input { get; set; } = new();

    public Guid? LocationId { get; private set; }
    public Guid OrganizationId { get; private set; }
    public string OrganizationName { get; private set; } = "";
    public ReferenceSnapshot Reference { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid? id, [FromQuery(Name = "organisatie")] Guid? organization, CancellationToken cancellationToken)
    {
        var location = await LoadAsync(id, organization, cancellationToken);
        if (location is null && id is not null || OrganizationName.Length == 0)
        {
            return NotFound();
        }
        if (location is not null)
        {
            Input = new LocationInput
            {
                Name = location.Name,
                Address = location.Address,
                PostalCode = location.PostalCode,
                City = location.City,
                Municipality = Reference.Municipalities.FirstOrDefault(m => m.Id == location.MunicipalityId)?.Code,
                Accessibility = location.Accessibility,
                Transportation = location.Transportation,
            };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, [FromQuery(Name = "organisatie")] Guid? organization, CancellationToken cancellationToken)
    {
        var location = await LoadAsync(id, organization, cancellationToken);
        if (location is null && id is not null || OrganizationName.Length == 0)
        {
            return NotFound();
        }
        ModelState.Clear();
        var name = InputText.Clean(Input.Name);
        var address = InputText.Clean(Input.Address);
        var postalCode = InputText.Clean(Input.PostalCode)?.ToUpperInvariant();
        var city = InputText.Clean(Input.City);
        var accessibility = InputText.Clean(Input.Accessibility, multiline: true);
        var transportation = InputText.Clean(Input.Transportation, multiline: true);
        var municipality = Reference.Municipalities.FirstOrDefault(m => m.Code == Input.Municipality);
        void Error(string field, string nl, string en) => ModelState.AddModelError("Input." + field, Lang.Pick(nl, en));
        if (name is null || name.Length > 200)
        {
            Error(nameof(LocationInput.Name), "Geef de locatie een naam van hoogstens 200 tekens.", "Give the location a name of at most 200 characters.");
        }
        else if (InputText.IsFormula(name))
        {
            Error(nameof(LocationInput.Name), InputText.FormulaNameNl, InputText.FormulaNameEn);
        }
        if (address is null || address.Length > 200)
        {
            Error(nameof(LocationInput.Address), "Vul straat en huisnummer in (hoogstens 200 tekens).", "Enter street and number (at most 200 characters).");
        }
        if (postalCode is null || !PostalCodePattern().IsMatch(postalCode))
        {
            Error(nameof(LocationInput.PostalCode), "Vul een postcode in zoals 4461 AA.", "Enter a postal code like 4461 AA.");
        }
        if (city is null || city.Length > 100)
        {
            Error(nameof(LocationInput.City), "Vul de plaats in (hoogstens 100 tekens).", "Enter the town (at most 100 characters).");
        }
        if (municipality is null)
        {
            Error(nameof(LocationInput.Municipality), "Kies de gemeente uit de lijst.", "Choose the municipality from the list.");
        }
        if (accessibility?.Length > 1000)
        {
            Error(nameof(LocationInput.Accessibility), "Toegankelijkheid is hoogstens 1000 tekens.", "Accessibility is at most 1000 characters.");
        }
        if (transportation?.Length > 1000)
        {
            Error(nameof(LocationInput.Transportation), "Bereikbaarheid is hoogstens 1000 tekens.", "Getting there is at most 1000 characters.");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (location is null)
        {
            location = new Location { Id = Guid.NewGuid(), OrganizationId = OrganizationId, Name = name!, Address = address!, PostalCode = postalCode!, City = city! };
            db.Locations.Add(location);
        }
        location.Name = name!;
        location.Address = address!;
        location.PostalCode = postalCode!.Length == 6 ? $"{postalCode[..4]} {postalCode[4..]}" : postalCode;
        location.City = city!;
        location.MunicipalityId = municipality!.Id;
        location.Accessibility = accessibility;
        location.Transportation = transportation;
        await db.SaveChangesAsync(cancellationToken);
        TempData["Message"] = Lang.Pick($"De locatie ‘{location.Name}’ is opgeslagen.", $"The location ‘{location.Name}’ has been saved.");
        return Redirect("/werk/sociale-kaart");
    }

    private async Task<Location?> LoadAsync(Guid? id, Guid? organization, CancellationToken cancellationToken)
    {
        LocationId = id;
        Reference = await referenceData.GetAsync(cancellationToken);
        var location = id is { } locationId ? await db.Locations.SingleOrDefaultAsync(l => l.Id == locationId, cancellationToken) : null;
        OrganizationId = location?.OrganizationId ?? organization ?? StaffClaims.OrganizationOf(User) ?? Guid.Empty;
        if ((id is not null && location is null) || !DirectoryEditing.MayEdit(User, OrganizationId))
        {
            return null;
        }
        OrganizationName = await db.Organizations.Where(o => o.Id == OrganizationId).Select(o => o.Name).SingleOrDefaultAsync(cancellationToken) ?? "";
        return location;
    }
}
