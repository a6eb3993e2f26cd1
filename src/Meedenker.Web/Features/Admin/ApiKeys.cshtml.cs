using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Features.Shared;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Admin;

/// <summary>API keys for referrer systems: made here, shown once, stored as a hash, revocable.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class ApiKeysModel(AppDbContext db, TimeProvider time) : FormPageModel
{
    public sealed record KeyRow(Guid Id, string Organization, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

    public sealed record OrganizationOption(Guid Id, string Name);

    [BindProperty]
    public Guid? OrganizationId { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    public IReadOnlyList<KeyRow> Keys { get; private set; } = [];
    public IReadOnlyList<OrganizationOption> Organizations { get; private set; } = [];
    public string? NewKey { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        ModelState.Clear();
        var name = InputText.Clean(Name);
        if (name is null || name.Length > 100)
        {
            ModelState.AddModelError(nameof(Name), Lang.Pick("Geef de sleutel een naam van hoogstens 100 tekens, bijvoorbeeld het systeem dat hem gebruikt.",
                "Give the key a name of at most 100 characters, for example the system that uses it."));
        }
        if (OrganizationId is null || Organizations.All(o => o.Id != OrganizationId))
        {
            ModelState.AddModelError(nameof(OrganizationId), Lang.Pick("Kies een organisatie uit de lijst.", "Choose an organisation from the list."));
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var key = "mdk_" + SecretToken.New();
        db.ApiKeys.Add(new ApiKey
        {
            Id = Guid.NewGuid(),
            OrganizationId = OrganizationId!.Value,
            Name = name!,
            KeyHash = SecretToken.Hash(key),
            Prefix = key[..10],
            CreatedAt = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        NewKey = key;
        Name = null;
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (key is null)
        {
            return NotFound();
        }
        key.Revoke(time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        Message = Lang.Pick($"De sleutel {key.Prefix}… werkt niet meer.", $"The key {key.Prefix}… no longer works.");
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Organizations = await db.Organizations.OrderBy(o => o.Name).Select(o => new OrganizationOption(o.Id, o.Name)).ToListAsync(cancellationToken);
        Keys = await db.ApiKeys.AsNoTracking()
            .Join(db.Organizations, k => k.OrganizationId, o => o.Id, (k, o) => new KeyRow(k.Id, o.Name, k.Name, k.Prefix, k.CreatedAt, k.RevokedAt))
            .ToListAsync(cancellationToken);
        Keys = Keys.OrderBy(k => k.RevokedAt is not null).ThenBy(k => k.Organization).ToList();
    }
}
