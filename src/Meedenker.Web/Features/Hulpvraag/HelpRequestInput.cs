using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Meedenker.Domain;
using Meedenker.Web.Infrastructure;

namespace Meedenker.Web.Features.Hulpvraag;

/// <summary>What a resident or relative fills in to ask for help, from the form or the JSON API.</summary>
public sealed class HelpRequestInput
{
    /// <summary><c>self</c>, <c>relative</c> or <c>professional</c>.</summary>
    public string? AskedBy { get; set; }
    public string? RelativeName { get; set; }
    public bool ResidentAgrees { get; set; }
    /// <summary>CBS code, e.g. GM0664.</summary>
    public string? MunicipalityCode { get; set; }
    public string? NeighbourhoodCode { get; set; }
    public string? Postcode { get; set; }
    public List<string> LifeDomains { get; set; } = [];
    public string? Question { get; set; }
    public string? FirstName { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Address { get; set; }
    /// <summary>Any of <c>phone</c>, <c>email</c>, <c>letter</c>, <c>home-visit</c>, <c>call-back</c>.</summary>
    public List<string> ContactPreferences { get; set; } = [];
    /// <summary>Any of <c>morning</c>, <c>afternoon</c>, <c>evening</c>.</summary>
    public List<string> ContactTimes { get; set; } = [];
    public string? ContactTimeNote { get; set; }
    public string? LanguageCode { get; set; }
    public bool NeedsInterpreter { get; set; }
    public bool EasyLanguage { get; set; }
    public string? AccessibilityNeeds { get; set; }
    /// <summary>Code from the channel taxonomy: how the resident heard of client support.</summary>
    public string? HowHeard { get; set; }
    public bool SendConfirmation { get; set; }
    /// <summary>The resident says it cannot wait (e.g. after an urgent self-check answer): the request is marked urgent.</summary>
    public bool Urgent { get; set; }
}

/// <summary>One problem with one field, in both languages.</summary>
public sealed record FieldProblem(string Field, string Dutch, string English)
{
    public string Message => Lang.Pick(Dutch, English);
}

/// <summary>A request that passed every check, with its text cleaned and its codes resolved.</summary>
public sealed record ValidHelpRequest(
    RequestChannel Channel,
    string? RelativeName,
    Guid MunicipalityId,
    Guid? NeighbourhoodId,
    string? Postcode,
    IReadOnlyList<string> LifeDomains,
    string Question,
    string FirstName,
    string? LastName,
    string? Phone,
    string? Email,
    string? Address,
    ContactPreferences ContactPreferences,
    ContactTimes ContactTimes,
    string? ContactTimeNote,
    string LanguageCode,
    bool NeedsInterpreter,
    bool EasyLanguage,
    string? AccessibilityNeeds,
    string? SourceCode,
    bool SendConfirmation,
    bool Urgent = false);

public static partial class HelpRequestRules
{
    public const int QuestionMax = 2000;
    public const int NameMax = 100;

    [GeneratedRegex(@"^[1-9][0-9]{3} ?[A-Za-z]{2}$")]
    private static partial Regex PostcodePattern();

    [GeneratedRegex(@"^\+?[0-9 ()-]{8,20}$")]
    private static partial Regex PhonePattern();

    public static readonly IReadOnlyDictionary<string, ContactPreferences> PreferenceCodes = new Dictionary<string, ContactPreferences>
    {
        ["phone"] = ContactPreferences.Phone,
        ["email"] = ContactPreferences.Email,
        ["letter"] = ContactPreferences.Letter,
        ["home-visit"] = ContactPreferences.HomeVisit,
        ["call-back"] = ContactPreferences.CallBack,
    };

    public static readonly IReadOnlyDictionary<string, ContactTimes> TimeCodes = new Dictionary<string, ContactTimes>
    {
        ["morning"] = ContactTimes.Morning,
        ["afternoon"] = ContactTimes.Afternoon,
        ["evening"] = ContactTimes.Evening,
    };

    /// <summary>Checks everything and returns either the clean request or every problem at once.</summary>
    public static (ValidHelpRequest? Request, List<FieldProblem> Problems) Validate(HelpRequestInput input, ReferenceSnapshot reference)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(reference);
        var problems = new List<FieldProblem>();
        void Problem(string field, string nl, string en) => problems.Add(new FieldProblem(field, nl, en));

        var channel = input.AskedBy switch
        {
            "self" => RequestChannel.Self,
            "relative" => RequestChannel.Relative,
            _ => (RequestChannel?)null,
        };
        if (input.AskedBy == "professional")
        {
            Problem(nameof(input.AskedBy), "Ben je een professional? Gebruik dan het verwijsformulier op /verwijzen. Daar leg je ook de toestemming van de inwoner vast.",
                "Are you a professional? Then please use the referral form at /verwijzen. There you also record the resident's consent.");
        }
        else if (channel is null)
        {
            Problem(nameof(input.AskedBy), "Kies voor wie je hulp vraagt.", "Choose who you are asking help for.");
        }

        var relativeName = InputText.Clean(input.RelativeName);
        if (channel == RequestChannel.Relative)
        {
            if (relativeName is null || relativeName.Length > 200)
            {
                Problem(nameof(input.RelativeName), "Vul je eigen naam in (hoogstens 200 tekens).", "Enter your own name (at most 200 characters).");
            }
            if (!input.ResidentAgrees)
            {
                Problem(nameof(input.ResidentAgrees), "Vraag je hulp voor een ander? Dan moet die persoon het goed vinden. Zet een vinkje als dat zo is.",
                    "Asking for someone else? Then that person must agree. Tick the box if they do.");
            }
        }

        var municipality = reference.Municipalities.FirstOrDefault(m => string.Equals(m.Code, input.MunicipalityCode?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (municipality is null)
        {
            Problem(nameof(input.MunicipalityCode), "Kies je gemeente.", "Choose your municipality.");
        }
        Guid? neighbourhoodId = null;
        if (!string.IsNullOrWhiteSpace(input.NeighbourhoodCode))
        {
            var neighbourhood = reference.Neighbourhoods.FirstOrDefault(n => n.Code == input.NeighbourhoodCode.Trim());
            if (neighbourhood is null || (municipality is not null && neighbourhood.MunicipalityId != municipality.Id))
            {
                Problem(nameof(input.NeighbourhoodCode), "Deze woonplaats hoort niet bij de gekozen gemeente. Kies een andere, of laat dit leeg.",
                    "This place is not in the chosen municipality. Choose another one, or leave it empty.");
            }
            else
            {
                neighbourhoodId = neighbourhood.Id;
            }
        }
        var postcode = InputText.Clean(input.Postcode);
        if (postcode is not null)
        {
            if (postcode.Length > 10 || !PostcodePattern().IsMatch(postcode))
            {
                Problem(nameof(input.Postcode), "Vul een postcode in zoals 4461 AB, of laat dit leeg.", "Enter a postcode like 4461 AB, or leave it empty.");
            }
            else
            {
                postcode = postcode.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
                postcode = $"{postcode[..4]} {postcode[4..]}";
            }
        }

        var domains = (input.LifeDomains ?? []).Select(d => d?.Trim()).Where(d => !string.IsNullOrEmpty(d)).Distinct().ToList();
        if (domains.Count > 20 || domains.Any(d => !reference.HasTerm(TaxonomyKind.LifeDomain, d)))
        {
            Problem(nameof(input.LifeDomains), "Kies onderwerpen uit de lijst.", "Choose topics from the list.");
        }

        var question = InputText.Clean(input.Question, multiline: true);
        if (question is null)
        {
            Problem(nameof(input.Question), "Vertel in een paar woorden waar je hulp bij wilt.", "Tell us in a few words what you would like help with.");
        }
        else if (question.Length > QuestionMax)
        {
            Problem(nameof(input.Question), $"Je vraag is te lang: {question.Length} tekens. Maak hem korter dan {QuestionMax} tekens. De meedenker vraagt later door.",
                $"Your question is too long: {question.Length} characters. Keep it under {QuestionMax} characters. The meedenker will ask more later.");
        }

        var firstName = InputText.Clean(input.FirstName);
        if (firstName is null)
        {
            Problem(nameof(input.FirstName), "Vul in hoe we je mogen noemen.", "Enter what we may call you.");
        }
        else if (firstName.Length > NameMax)
        {
            Problem(nameof(input.FirstName), $"Deze naam is te lang (hoogstens {NameMax} tekens).", $"This name is too long (at most {NameMax} characters).");
        }

        var preferences = ContactPreferences.None;
        foreach (var code in input.ContactPreferences ?? [])
        {
            if (code is not null && PreferenceCodes.TryGetValue(code, out var preference))
            {
                preferences |= preference;
            }
            else
            {
                Problem(nameof(input.ContactPreferences), "Kies uit de manieren van contact in de lijst.", "Choose from the ways of contact in the list.");
                break;
            }
        }
        if (preferences == ContactPreferences.None && !problems.Any(p => p.Field == nameof(input.ContactPreferences)))
        {
            Problem(nameof(input.ContactPreferences), "Kies hoe we contact met je opnemen.", "Choose how we should contact you.");
        }
        var times = ContactTimes.None;
        foreach (var code in input.ContactTimes ?? [])
        {
            if (code is not null && TimeCodes.TryGetValue(code, out var time))
            {
                times |= time;
            }
            else
            {
                Problem(nameof(input.ContactTimes), "Kies uit de tijden in de lijst.", "Choose from the times in the list.");
                break;
            }
        }
        var timeNote = InputText.Clean(input.ContactTimeNote);
        if (timeNote is { Length: > 200 })
        {
            Problem(nameof(input.ContactTimeNote), "Dit is te lang (hoogstens 200 tekens).", "This is too long (at most 200 characters).");
        }

        var phone = InputText.Clean(input.Phone);
        if (phone is not null && (phone.Length > 20 || !PhonePattern().IsMatch(phone)))
        {
            Problem(nameof(input.Phone), "Vul een telefoonnummer in met alleen cijfers, zoals 06 12345678.", "Enter a phone number with digits only, like 06 12345678.");
        }
        else if (phone is not null)
        {
            // Stored without spaces and dashes, so the same number always matches (duplicate check).
            phone = (phone.StartsWith('+') ? "+" : "") + new string(phone.Where(char.IsAsciiDigit).ToArray());
        }
        else if (phone is null && (preferences & (ContactPreferences.Phone | ContactPreferences.CallBack)) != 0)
        {
            Problem(nameof(input.Phone), "Je wilt gebeld worden. Vul je telefoonnummer in.", "You want a call. Enter your phone number.");
        }
        var email = InputText.Clean(input.Email);
        if (email is not null && (email.Length > 254 || !new EmailAddressAttribute().IsValid(email) || !email.Contains('.', StringComparison.Ordinal)))
        {
            Problem(nameof(input.Email), "Vul een e-mailadres in zoals naam@voorbeeld.nl.", "Enter an e-mail address like name@example.nl.");
        }
        else if (email is not null)
        {
            email = email.ToLowerInvariant();
        }
        else if (email is null && ((preferences & ContactPreferences.Email) != 0 || input.SendConfirmation))
        {
            Problem(nameof(input.Email), "Je wilt mail van ons. Vul je e-mailadres in.", "You want e-mail from us. Enter your e-mail address.");
        }
        var address = InputText.Clean(input.Address);
        if (address is { Length: > 300 })
        {
            Problem(nameof(input.Address), "Dit adres is te lang (hoogstens 300 tekens).", "This address is too long (at most 300 characters).");
        }
        else if (address is null && (preferences & (ContactPreferences.Letter | ContactPreferences.HomeVisit)) != 0)
        {
            Problem(nameof(input.Address), "Je wilt een brief of een huisbezoek. Vul je adres in.", "You want a letter or a home visit. Enter your address.");
        }

        var language = string.IsNullOrWhiteSpace(input.LanguageCode) ? "nl" : input.LanguageCode.Trim();
        if (!reference.HasTerm(TaxonomyKind.Language, language))
        {
            Problem(nameof(input.LanguageCode), "Kies een taal uit de lijst.", "Choose a language from the list.");
        }
        var accessibility = InputText.Clean(input.AccessibilityNeeds, multiline: true);
        if (accessibility is { Length: > 500 })
        {
            Problem(nameof(input.AccessibilityNeeds), "Dit is te lang (hoogstens 500 tekens).", "This is too long (at most 500 characters).");
        }
        var source = string.IsNullOrWhiteSpace(input.HowHeard) ? null : input.HowHeard.Trim();
        if (source is not null && !reference.HasTerm(TaxonomyKind.Channel, source))
        {
            Problem(nameof(input.HowHeard), "Kies uit de lijst, of laat dit leeg.", "Choose from the list, or leave it empty.");
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }
        return (new ValidHelpRequest(channel!.Value, channel == RequestChannel.Relative ? relativeName : null, municipality!.Id, neighbourhoodId, postcode,
            domains!, question!, firstName!, null, phone, email, address, preferences, times, timeNote, language, input.NeedsInterpreter, input.EasyLanguage,
            accessibility, source, input.SendConfirmation, input.Urgent), problems);
    }
}
