using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Meedenker.Web.Features.Hulpvraag;

/// <summary>POST /api/help-requests: the ask-for-help form as JSON, with the same rules and rate limit.</summary>
public static class HelpRequestApi
{
    public sealed record HelpRequestCreated(string ReferenceCode, string StatusUrl);

    public static IEndpointRouteBuilder MapHelpRequestApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/help-requests", CreateAsync)
            .WithTags("Help requests")
            .WithName("CreateHelpRequest")
            .WithSummary("Ask for help on behalf of a resident's own channel (app, chat). Stored before the reference code is returned.")
            .WithDescription("Send an Idempotency-Key header (43 URL-safe characters) to make retries safe: the same key returns the same request. Messages follow Accept-Language (nl or en).")
            .Accepts<HelpRequestInput>("application/json")
            .ProducesValidationProblem()
            .RequireRateLimiting(RateLimitPolicies.PublicForms)
            .DisableAntiforgery();
        return endpoints;
    }

    private static async Task<Results<Created<HelpRequestCreated>, Ok<HelpRequestCreated>, ValidationProblem>> CreateAsync(
        HttpContext context, ReferenceData referenceData, Intake intake, CancellationToken cancellationToken)
    {
        ApiLanguage.Apply(context);
        var (input, bodyErrors) = await JsonBody.ReadAsync<HelpRequestInput>(context, cancellationToken);
        if (input is null)
        {
            return TypedResults.ValidationProblem(bodyErrors!);
        }
        var (token, tokenProblem) = ApiLanguage.IdempotencyToken(context);
        if (token is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["Idempotency-Key"] = [tokenProblem!] });
        }
        var (request, problems) = HelpRequestRules.Validate(input, await referenceData.GetAsync(cancellationToken));
        if (request is null)
        {
            return TypedResults.ValidationProblem(ApiLanguage.Errors(problems),
                title: Lang.Pick("De hulpvraag is niet opgeslagen. Verbeter de velden hieronder.", "The help request was not stored. Correct the fields below."));
        }
        var receipt = await intake.SubmitAsync(request, token, cancellationToken: cancellationToken);
        var body = new HelpRequestCreated(receipt.ReferenceCode, $"{context.Request.Scheme}://{context.Request.Host}/status/{token}");
        return receipt.IsNew ? TypedResults.Created($"/status/{token}", body) : TypedResults.Ok(body);
    }
}
