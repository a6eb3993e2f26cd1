using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Meedenker.Web.Features.Errors;

[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "";
    public string Explanation { get; private set; } = "";
    public string ReferenceId { get; private set; } = "";
    public bool ShowReference { get; private set; }

    // From the route only: a re-executed form post (the sign-in code page has a field "Code") must not set the status.
    public void OnGet([FromRoute] int? code) => Describe(code);

    public void OnPost([FromRoute] int? code) => Describe(code);

    private void Describe(int? code)
    {
        // From the exception handler there is no code in the route; a bad request (e.g. a NUL in a form) keeps its 400.
        var status = code ?? (Response.StatusCode is >= 400 and < 500 ? Response.StatusCode : StatusCodes.Status500InternalServerError);
        ReferenceId = HttpContext.TraceIdentifier;
        (Title, Explanation, ShowReference) = status switch
        {
            404 => (Lang.Pick("Deze pagina bestaat niet", "This page does not exist"),
                Lang.Pick("Misschien is de link oud of zit er een typfout in.", "Perhaps the link is old or has a typo."), false),
            403 => (Lang.Pick("Je hebt geen toegang tot deze pagina", "You have no access to this page"),
                Lang.Pick("Deze gegevens zijn niet voor jou. We hebben deze poging vastgelegd.", "This information is not for you. We have recorded this attempt."), true),
            400 => (Lang.Pick("Dit verzoek klopt niet", "This request is not valid"),
                Lang.Pick("Probeer het opnieuw vanaf de vorige pagina.", "Please try again from the previous page."), true),
            429 => (Lang.Pick("Even wachten", "Please wait"),
                Lang.Pick("Je hebt dit te vaak geprobeerd. Probeer het over een minuut opnieuw.", "You tried this too often. Please try again in a minute."), false),
            _ => (Lang.Pick("Er ging iets mis", "Something went wrong"),
                Lang.Pick("Dit ligt niet aan jou. Probeer het later nog eens.", "This is not your fault. Please try again later."), true),
        };
        if (code is >= 400 and <= 599)
        {
            Response.StatusCode = code.Value;
        }
    }
}
