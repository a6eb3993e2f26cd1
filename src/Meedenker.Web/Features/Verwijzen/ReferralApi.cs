using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Features.Hulpvraag;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Verwijzen;

/// <summary>
/// Referrals from referrer systems (a GP's information system, a district team's case system), authenticated
/// with a per-organisation API key in the X-Api-Key header. A key only reaches its own organisation's referrals.
/// </summary>
public static class ReferralApi
{
    public const string KeyHeader = "X-Api-Key";

    public sealed record ReferralCreated(Guid Id, string ReferenceCode, string Status);

    public sealed record StatusChange(string Status, DateTimeOffset At, string? Reason);

    public sealed record ReferralStatus(
        Guid Id,
        string ReferenceCode,
        string Status,
        string? Reason,
        DateTimeOffset ReceivedAt,
        DateTimeOffset? AcceptedAt,
        DateTimeOffset? FirstContactAt,
        DateTimeOffset? ClosedAt,
        DateTimeOffset? DeclinedAt,
        IReadOnlyList<StatusChange> History);

    public static IEndpointRouteBuilder MapReferralApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/referrals").WithTags("Referrals").DisableAntiforgery();
        group.MapPost("", CreateAsync)
            .WithName("CreateReferral")
            .WithSummary("Refer a resident, with the resident's consent. Needs an API key (X-Api-Key).")
            .WithDescription("Send an Idempotency-Key header (16 to 100 visible ASCII characters, e.g. a UUID) to make retries safe: the same key with the same body returns the same referral for 24 hours; the same key with a different body gets 422. Keys are your organisation's own.")
            .Accepts<ReferralInput>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireRateLimiting(RateLimitPolicies.PublicForms);
        group.MapGet("/{id:guid}", GetAsync)
            .WithName("GetReferral")
            .WithSummary("The status of one of your organisation's referrals, with reason and timestamps. Never case content.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    /// <summary>code used in the API for each status.</summary>
    public static string Code(HelpRequestStatus status) => status switch
    {
        HelpRequestStatus.Received => "received",
        HelpRequestStatus.Matched => "accepted",
        HelpRequestStatus.InContact => "first-contact",
        HelpRequestStatus.Closed or HelpRequestStatus.Withdrawn => "closed",
        HelpRequestStatus.Declined => "declined",
        _ => "unknown",
    };

    private static async Task<(Guid OrganizationId, string KeyName, string OrganizationName)?> AuthenticateAsync(HttpContext context, AppDbContext db, CancellationToken cancellationToken)
    {
        var key = context.Request.Headers[KeyHeader].ToString();
        if (string.IsNullOrEmpty(key) || key.Length > 200)
        {
            return null;
        }
        var hash = SecretToken.Hash(key);
        var found = await db.ApiKeys.AsNoTracking()
            .Where(k => k.KeyHash == hash && k.RevokedAt == null)
            .Join(db.Organizations, k => k.OrganizationId, o => o.Id, (k, o) => new { k.OrganizationId, k.Name, Organization = o.Name })
            .SingleOrDefaultAsync(cancellationToken);
        return found is null ? null : (found.OrganizationId, found.Name, found.Organization);
    }

    private static ProblemHttpResult Unauthorized() =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized,
            title: Lang.Pick("Geen geldige API-sleutel", "No valid API key"),
            detail: Lang.Pick($"Stuur de API-sleutel van je organisatie in de header {KeyHeader}. Vraag een sleutel aan bij de beheerder.",
                $"Send your organisation's API key in the {KeyHeader} header. Ask the administrator for a key."));

    private static async Task<Results<Created<ReferralCreated>, Ok<ReferralCreated>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        HttpContext context, AppDbContext db, ReferenceData referenceData, Intake intake, ResidentConfirmation confirmation, TimeProvider time, CancellationToken cancellationToken)
    {
        ApiLanguage.Apply(context);
        if (await AuthenticateAsync(context, db, cancellationToken) is not { } caller)
        {
            return Unauthorized();
        }
        var (key, keyProblem) = ApiLanguage.IdempotencyKey(context);
        if (keyProblem is not null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [ApiLanguage.IdempotencyHeader] = [keyProblem] });
        }
        var (input, bodyErrors, tooLarge) = await JsonBody.ReadAsync<ReferralInput>(context, cancellationToken);
        if (tooLarge)
        {
            return JsonBody.TooLarge();
        }
        if (input is null)
        {
            return TypedResults.ValidationProblem(bodyErrors!);
        }
        var referrer = new KnownReferrer(caller.OrganizationId, null, InputText.Clean(input.ReferrerName) ?? caller.KeyName, caller.OrganizationName,
            InputText.Clean(input.ReferrerEmail)?.ToLowerInvariant(), null);
        var (referral, problems) = ReferralRules.Validate(input, referrer, await referenceData.GetAsync(cancellationToken), time.GetUtcNow());
        if (referral is null)
        {
            return TypedResults.ValidationProblem(ApiLanguage.Errors(problems),
                title: Lang.Pick("De verwijzing is niet opgeslagen. Verbeter de velden hieronder.", "The referral was not stored. Correct the fields below."));
        }
        // Keys are scoped per organisation: another organisation's key never finds this organisation's referral.
        var receipt = await intake.SubmitReferralAsync(referral, key is null ? null : IdempotencyKey.For($"api:referral:{caller.OrganizationId}", key, input), cancellationToken);
        if (receipt is null)
        {
            return ApiLanguage.IdempotencyKeyReused();
        }
        if (receipt.ResidentLinkSecret is { } residentSecret)
        {
            await confirmation.SendAsync(referral.Request.Email!, referral.Request.FirstName, receipt.ReferenceCode,
                $"{context.Request.Scheme}://{context.Request.Host}/status/{residentSecret}", referred: true, cancellationToken);
        }
        var id = await db.Referrals.Where(r => r.HelpRequestId == receipt.RequestId).Select(r => r.Id).SingleAsync(cancellationToken);
        var body = new ReferralCreated(id, receipt.ReferenceCode, Code(HelpRequestStatus.Received));
        return receipt.IsNew ? TypedResults.Created($"/api/referrals/{id}", body) : TypedResults.Ok(body);
    }

    private static async Task<Results<Ok<ReferralStatus>, ProblemHttpResult>> GetAsync(Guid id, HttpContext context, AppDbContext db, CancellationToken cancellationToken)
    {
        ApiLanguage.Apply(context);
        if (await AuthenticateAsync(context, db, cancellationToken) is not { } caller)
        {
            return Unauthorized();
        }
        // Another organisation's referral is answered exactly like one that does not exist.
        var row = await db.Referrals.AsNoTracking()
            .Where(r => r.Id == id && r.ReferrerOrganizationId == caller.OrganizationId)
            .Join(db.HelpRequests, r => r.HelpRequestId, h => h.Id, (r, h) => h)
            .Select(h => new { h.Id, h.ReferenceCode, h.Status, h.DeclineReason, h.ReceivedAt, h.MatchedAt, h.FirstContactAt, ClosedAt = h.ClosedAt ?? h.WithdrawnAt, h.DeclinedAt })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: Lang.Pick("Verwijzing niet gevonden", "Referral not found"),
                detail: Lang.Pick($"Je organisatie heeft geen verwijzing met id {id}.", $"Your organisation has no referral with id {id}."));
        }
        var history = await db.HelpRequestStatusChanges.AsNoTracking().Where(c => c.HelpRequestId == row.Id).OrderBy(c => c.At)
            .Select(c => new { c.Status, c.At, c.Reason }).ToListAsync(cancellationToken);
        return TypedResults.Ok(new ReferralStatus(id, row.ReferenceCode, Code(row.Status), row.Status == HelpRequestStatus.Declined ? row.DeclineReason : null,
            row.ReceivedAt, row.MatchedAt, row.FirstContactAt, row.ClosedAt, row.DeclinedAt,
            history.Select(c => new StatusChange(Code(c.Status), c.At, c.Status == HelpRequestStatus.Declined ? c.Reason : null)).ToList()));
    }
}
