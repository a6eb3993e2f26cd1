using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Meedenker.Web.Features.Shared;

/// <summary>One field's message, rendered next to the field by the _FieldError partial.</summary>
public sealed record FieldError(string Field, string? Message);

/// <summary>Helpers every form page uses to show its messages next to the fields.</summary>
public abstract class FormPageModel : PageModel
{
    public bool HasError(string field) => ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0;

    public string? ErrorFor(string field) =>
        ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    protected static string SafeReturnUrl(string? returnUrl, string fallback) =>
        !string.IsNullOrEmpty(returnUrl) && LanguageSwitch.IsLocal(returnUrl) ? returnUrl : fallback;
}

/// <summary>One text input of an <c>Input</c> model, with its label, hint and message (the _TextField partial).</summary>
public sealed record TextField(string Name, string Label, string? Value, string? Error, string AutoComplete = "off", int MaxLength = 200, string Type = "text", string? Hint = null);

/// <summary>The life-domain checkboxes (the _LifeDomainChoices partial).</summary>
public sealed record LifeDomainChoices(string Legend, string? Hint, IEnumerable<Infrastructure.ReferenceSnapshot.Term> Domains, IReadOnlyCollection<string> Chosen, string? Error);
