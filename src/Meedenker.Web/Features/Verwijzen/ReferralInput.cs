using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Meedenker.Domain;
using Meedenker.Web.Features.Hulpvraag;
using Meedenker.Web.Infrastructure;

namespace Meedenker.Web.Features.Verwijzen;

/// <summary>What a referrer fills in: the resident, the question, the consent and, without an account, who they are.</summary>
public sealed class ReferralInput
{
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? MunicipalityCode { get; set; }
    public List<string> LifeDomains { get; set; } = [];
    /// <summary>Why the referrer thinks a meedenker can help, shared with the coordinator.</summary>
    public string? Question { get; set; }
    public string? LanguageCode { get; set; }
    public bool NeedsInterpreter { get; set; }

    public bool ConsentConfirmed { get; set; }
    /// <summary><c>resident</c> or <c>representative</c>.</summary>
    public string? ConsentGivenBy { get; set; }
    /// <summary><c>verbal</c>, <c>written</c> or <c>resident-present</c>.</summary>
    public string? ConsentMethod { get; set; }
    /// <summary>yyyy-MM-dd.</summary>
    public string? ConsentDate { get; set; }

    public string? ReferrerName { get; set; }
    public string? ReferrerOrganization { get; set; }
    public string? ReferrerEmail { get; set; }
    public string? ReferrerPhone { get; set; }
    /// <summary>Channel taxonomy code: huisarts, sociaal-team, school, …</summary>
    public string? ReferrerKind { get; set; }
    public bool NotifyReferrer { get; set; }
}

/// <summary>The referrer as known from an account or an API key; null for the public form.</summary>
public sealed record KnownReferrer(Guid OrganizationId, Guid? UserId, string Name, string OrganizationName, string? Email, string? KindCode);

/// <param name="CreateReferral">Makes the referral for the stored request, with the hash of the referrer's link secret (or null).</param>
/// <param name="NeedsLink">A referrer without an account follows the status by a secret link.</param>
public sealed record ValidReferral(ValidHelpRequest Request, Func<HelpRequest, string?, Referral> CreateReferral, string? ReferrerEmail, bool NeedsLink);

public static class ReferralRules
{
    public static readonly IReadOnlyDictionary<string, ConsentGivenBy> GivenByCodes = new Dictionary<string, ConsentGivenBy>
    {
        ["resident"] = Domain.ConsentGivenBy.Resident,
        ["representative"] = Domain.ConsentGivenBy.Representative,
    };

    public static readonly IReadOnlyDictionary<string, ConsentMethod> MethodCodes = new Dictionary<string, ConsentMethod>
    {
        ["verbal"] = Domain.ConsentMethod.Verbal,
        ["written"] = Domain.ConsentMethod.Written,
        ["resident-present"] = Domain.ConsentMethod.ResidentPresent,
    };

    public static (ValidReferral? Referral, List<FieldProblem> Problems) Validate(ReferralInput input, KnownReferrer? referrer, ReferenceSnapshot reference, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(input);
        var preferences = new List<string>();
        if (!string.IsNullOrWhiteSpace(input.Phone))
        {
            preferences.Add("phone");
        }
        if (!string.IsNullOrWhiteSpace(input.Email))
        {
            preferences.Add("email");
        }
        var (request, problems) = HelpRequestRules.Validate(new HelpRequestInput
        {
            AskedBy = "self",
            MunicipalityCode = input.MunicipalityCode,
            LifeDomains = input.LifeDomains ?? [],
            Question = input.Question,
            FirstName = input.FirstName,
            Phone = input.Phone,
            Email = input.Email,
            ContactPreferences = preferences,
            LanguageCode = input.LanguageCode,
            NeedsInterpreter = input.NeedsInterpreter,
        }, reference);
        void Problem(string field, string nl, string en) => problems.Add(new FieldProblem(field, nl, en));
        // The resident's contact details are checked as a pair here: one of them is enough.
        problems.RemoveAll(p => p.Field == nameof(HelpRequestInput.ContactPreferences));
        if (preferences.Count == 0)
        {
            Problem(nameof(input.Phone), "Vul een telefoonnummer of e-mailadres van de inwoner in, zodat de meedenker contact kan opnemen.",
                "Enter the resident's phone number or e-mail address, so the meedenker can get in touch.");
        }
        var lastName = InputText.Clean(input.LastName);
        if (lastName is { Length: > HelpRequestRules.NameMax })
        {
            Problem(nameof(input.LastName), "Deze achternaam is te lang.", "This last name is too long.");
        }

        ConsentGivenBy? givenBy = input.ConsentGivenBy is not null && GivenByCodes.TryGetValue(input.ConsentGivenBy, out var g) ? g : null;
        ConsentMethod? method = input.ConsentMethod is not null && MethodCodes.TryGetValue(input.ConsentMethod, out var m) ? m : null;
        DateTimeOffset? givenAt = DateOnly.TryParseExact(input.ConsentDate?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? new DateTimeOffset(date.ToDateTime(TimeOnly.FromTimeSpan(now.TimeOfDay)), TimeSpan.Zero)
            : null;
        if (!input.ConsentConfirmed)
        {
            Problem(nameof(input.ConsentConfirmed), "Je kunt alleen verwijzen als de inwoner toestemming heeft gegeven. Zet een vinkje als dat zo is.",
                "You can only refer when the resident has given consent. Tick the box if they have.");
        }
        if (givenBy is null)
        {
            Problem(nameof(input.ConsentGivenBy), "Kies wie de toestemming gaf.", "Choose who gave consent.");
        }
        if (method is null)
        {
            Problem(nameof(input.ConsentMethod), "Kies hoe de toestemming is gegeven.", "Choose how consent was given.");
        }
        if (givenAt is null)
        {
            Problem(nameof(input.ConsentDate), "Vul de datum van de toestemming in, zoals 2026-11-25.", "Enter the date of consent, like 2026-11-25.");
        }
        else if (givenAt.Value.Date > now.Date)
        {
            Problem(nameof(input.ConsentDate), "De datum van de toestemming ligt in de toekomst.", "The consent date is in the future.");
        }
        else if (givenAt < now.AddYears(-1))
        {
            Problem(nameof(input.ConsentDate), "Deze toestemming is ouder dan een jaar. Vraag de inwoner opnieuw.", "This consent is over a year old. Please ask the resident again.");
        }

        var name = referrer?.Name ?? InputText.Clean(input.ReferrerName);
        var organization = referrer?.OrganizationName ?? InputText.Clean(input.ReferrerOrganization);
        var email = referrer?.Email ?? InputText.Clean(input.ReferrerEmail)?.ToLowerInvariant();
        var phone = referrer is null ? InputText.Clean(input.ReferrerPhone) : null;
        var kind = referrer?.KindCode ?? (string.IsNullOrWhiteSpace(input.ReferrerKind) ? null : input.ReferrerKind.Trim());
        if (referrer is null)
        {
            if (name is null || name.Length > 200)
            {
                Problem(nameof(input.ReferrerName), "Vul je naam in (hoogstens 200 tekens).", "Enter your name (at most 200 characters).");
            }
            if (organization is null || organization.Length > 200)
            {
                Problem(nameof(input.ReferrerOrganization), "Vul de naam van je organisatie of plek in.", "Enter the name of your organisation or place.");
            }
            if (email is null || email.Length > 254 || !new EmailAddressAttribute().IsValid(email))
            {
                Problem(nameof(input.ReferrerEmail), "Vul je e-mailadres in. Daar sturen we de link om de status te volgen.", "Enter your e-mail address. We send the link to follow the status there.");
            }
            if (phone is { Length: > 20 })
            {
                Problem(nameof(input.ReferrerPhone), "Dit telefoonnummer is te lang.", "This phone number is too long.");
            }
        }
        // A kind typed in must be a kind of referrer; an account's own kind is taken as it is.
        if ((referrer is null && kind is null) || (kind is not null && !reference.HasTerm(TaxonomyKind.Channel, kind))
            || (referrer?.KindCode is null && kind is not null && !Referral.IsReferrerKind(kind)))
        {
            Problem(nameof(input.ReferrerKind), "Kies wat voor verwijzer je bent.", "Choose what kind of referrer you are.");
        }

        if (problems.Count > 0 || request is null)
        {
            return (null, problems);
        }
        var valid = request with { Channel = RequestChannel.Referrer, LastName = lastName, SourceCode = kind };
        Referral Create(HelpRequest helpRequest, string? linkSecretHash) => new()
        {
            Id = Guid.NewGuid(),
            HelpRequestId = helpRequest.Id,
            ReferrerOrganizationId = referrer?.OrganizationId,
            ReferrerUserId = referrer?.UserId,
            ReferrerName = name!,
            ReferrerOrganizationName = organization,
            ReferrerEmail = email,
            ReferrerPhone = phone,
            ReferrerKindCode = kind,
            ReferrerTokenHash = linkSecretHash,
            ConsentGivenBy = givenBy!.Value,
            ConsentMethod = method!.Value,
            ConsentGivenAt = givenAt!.Value,
            CreatedAt = now,
            NotifyReferrer = input.NotifyReferrer && email is not null,
        };
        Domain.Referral.EnsureConsent(input.ConsentConfirmed, givenBy, method, givenAt, now);
        return (new ValidReferral(valid, Create, email, NeedsLink: referrer is null), problems);
    }
}
