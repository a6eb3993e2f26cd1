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
            .WithDescription("Send an Idempotency-Key header (16 to 100 visible ASCII characters, e.g. a UUID) to make retries safe: the same key with the same body returns the same request and status link for 24 hours; the same key with a different body gets 422. The status link's secret is always made by the server. Messages follow Accept-Language (nl or en).")
            .Accepts<HelpRequestInput>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireRateLimiting(RateLimitPolicies.PublicForms)
            .DisableAntiforgery();
        return endpoints;
    }

    public const string IdempotencyScope = "api:help-request";

    private static async Task<Results<Created<HelpRequestCreated>, Ok<HelpRequestCreated>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        HttpContext context, ReferenceData referenceData, Intake intake, CancellationToken cancellationToken)
    {
        ApiLanguage.Apply(context);
        var (input, bodyErrors, tooLarge) = await JsonBody.ReadAsync<HelpRequestInput>(context, cancellationToken);
        if (tooLarge)
        {
            return JsonBody.TooLarge();
        }
        if (input is null)
        {
            return TypedResults.ValidationProblem(bodyErrors!);
        }
        var (key, keyProblem) = ApiLanguage.IdempotencyKey(context);
        if (keyProblem is not null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [ApiLanguage.IdempotencyHeader] = [keyProblem] });
        }
        var (request, problems) = HelpRequestRules.Validate(input, await referenceData.GetAsync(cancellationToken));
        if (request is null)
        {
            return TypedResults.ValidationProblem(ApiLanguage.Errors(problems),
                title: Lang.Pick("De hulpvraag is niet opgeslagen. Verbeter de velden hieronder.", "The help request was not stored. Correct the fields below."));
        }
        var receipt = await intake.SubmitAsync(request, key is null ? null : IdempotencyKey.For(IdempotencyScope, key, input), cancellationToken);
        if (receipt is null)
        {
            return ApiLanguage.IdempotencyKeyReused();
        }
        var body = new HelpRequestCreated(receipt.ReferenceCode, $"{context.Request.Scheme}://{context.Request.Host}/status/{receipt.LinkSecret}");
        return receipt.IsNew ? TypedResults.Created($"/status/{receipt.LinkSecret}", body) : TypedResults.Ok(body);
    }
}
