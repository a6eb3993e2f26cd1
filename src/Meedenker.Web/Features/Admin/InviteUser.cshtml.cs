using System.ComponentModel.DataAnnotations;
using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Features.Shared;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meedenker.Web.Features.Admin;

[Authorize(Policy = Policies.Admin)]
public sealed class InviteUserModel(AppDbContext db, UserManager<StaffUser> users, MailSender mail, TimeProvider time, IOptions<DemoSettings> demo) : FormPageModel
{
    public sealed class InputModel
    {
        public string? DisplayName { get; set; }
        public string? Email { get; set; }
        public Guid? OrganizationId { get; set; }
        public string? Role { get; set; }
        public SupporterKind? SupporterKind { get; set; }
        public int? PeerExpertLevel { get; set; }
    }

    public sealed record OrganizationOption(Guid Id, string Name);

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<OrganizationOption> Organizations { get; private set; } = [];
    public string? Invited { get; private set; }
    public string? InvitationLink { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        // Binding errors (an unknown kind, a level that is no number) get our own plain message below.
        foreach (var key in ModelState.Keys.ToList())
        {
            ModelState.Remove(key);
        }
        var name = Input.DisplayName?.Trim();
        var email = Input.Email?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            ModelState.AddModelError("Input.DisplayName", Lang.Pick("Vul een naam in van hoogstens 200 tekens.", "Enter a name of at most 200 characters."));
        }
        else if (InputText.IsFormula(name))
        {
            ModelState.AddModelError("Input.DisplayName", Lang.Pick(InputText.FormulaNameNl, InputText.FormulaNameEn));
        }
        if (string.IsNullOrEmpty(email) || email.Length > 254 || !new EmailAddressAttribute().IsValid(email))
        {
            ModelState.AddModelError("Input.Email", Lang.Pick("Vul een geldig e-mailadres in, zoals naam@organisatie.nl.", "Enter a valid e-mail address, like name@organisation.nl."));
        }
        else if (await users.FindByEmailAsync(email) is not null)
        {
            ModelState.AddModelError("Input.Email", Lang.Pick("Er is al een account met dit e-mailadres.", "An account with this e-mail address already exists."));
        }
        if (Input.OrganizationId is null || Organizations.All(o => o.Id != Input.OrganizationId))
        {
            ModelState.AddModelError("Input.OrganizationId", Lang.Pick("Kies een organisatie uit de lijst.", "Choose an organisation from the list."));
        }
        if (Input.Role is null || !StaffRoles.All.Contains(Input.Role))
        {
            ModelState.AddModelError("Input.Role", Lang.Pick("Kies een rol uit de lijst.", "Choose a role from the list."));
        }
        if (Input.Role == StaffRoles.Supporter && Input.SupporterKind is null)
        {
            ModelState.AddModelError("Input.SupporterKind", Lang.Pick("Kies wat voor meedenker dit is.", "Choose what kind of supporter this is."));
        }
        if (Input.Role != StaffRoles.Supporter && Input.SupporterKind is not null)
        {
            ModelState.AddModelError("Input.SupporterKind", Lang.Pick("Alleen de rol meedenker heeft een soort.", "Only the supporter role has a kind."));
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = new StaffUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = name!,
            OrganizationId = Input.OrganizationId!.Value,
            CreatedAt = time.GetUtcNow(),
        };
        try
        {
            user.SetSupporterKind(Input.SupporterKind, Input.PeerExpertLevel);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError("Input.PeerExpertLevel", Lang.Pick(e.Dutch, e.English));
            return Page();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            ModelState.AddModelError("Input.Email", Lang.Pick("Dit account kon niet worden gemaakt: ", "This account could not be created: ") + string.Join(" ", created.Errors.Select(e => e.Description)));
            return Page();
        }
        await users.AddToRoleAsync(user, Input.Role!);
        await transaction.CommitAsync(cancellationToken);

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = $"{Request.Scheme}://{Request.Host}/account/wachtwoord-instellen?userId={user.Id}&token={Uri.EscapeDataString(token)}";
        await mail.SendAsync(email!, "Je account voor Meedenker / Your Meedenker account",
            $"Hallo {name},\n\nJe bent uitgenodigd voor Meedenker. Kies je wachtwoord via deze link:\n{link}\n\n" +
            $"Hello {name},\n\nYou have been invited to Meedenker. Choose your password with this link:\n{link}\n", cancellationToken);
        Invited = email;
        InvitationLink = demo.Value.Enabled ? link : null;
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Organizations = await db.Organizations.OrderBy(o => o.Name).Select(o => new OrganizationOption(o.Id, o.Name)).ToListAsync(cancellationToken);
}
