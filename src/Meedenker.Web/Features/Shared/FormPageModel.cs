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
