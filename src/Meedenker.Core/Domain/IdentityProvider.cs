namespace Meedenker.Domain;

/// <summary>One line of an organisation's role mapping: a value of the IdP's role claim gives this Meedenker role.</summary>
public sealed record RoleMapping(string ClaimValue, string Role);

/// <summary>
/// An organisation's own OpenID Connect identity provider (Entra ID, Keycloak, a municipal IdP): its staff sign in
/// there with one click instead of with a Meedenker password. One per organisation; the client secret is stored
/// encrypted by the web app's data-protection keys (this entity never sees it in plain text).
/// See docs/decisions/0102-staff-single-sign-on.md.
/// </summary>
public sealed class IdentityProviderSettings
{
    public const int MaxIssuerLength = 300;
    public const int MaxClientIdLength = 200;
    public const int MaxClaimLength = 100;
    public const int MaxMappingLength = 4000;
    public const int MaxAcrLength = 500;

    /// <summary>Authentication method references (RFC 8176) that on their own say the IdP checked more than one factor.</summary>
    private static readonly string[] MultiFactorMethods = ["mfa", "mca"];
    /// <summary>Something the user knows (RFC 8176)...</summary>
    private static readonly string[] KnowledgeMethods = ["pwd", "pin", "kba"];
    /// <summary>...and something they have or are: together two factors.</summary>
    private static readonly string[] PossessionOrInherenceMethods = ["otp", "hwk", "swk", "sms", "tel", "sc", "fpt", "face", "iris", "retina", "vbm"];

    public Guid OrganizationId { get; private set; }
    public bool IsEnabled { get; private set; }
    /// <summary>The IdP's issuer; its metadata is at <c>{Issuer}/.well-known/openid-configuration</c>.</summary>
    public string Issuer { get; private set; } = "";
    public string ClientId { get; private set; } = "";
    /// <summary>Encrypted with the data-protection keys; null for a public client (PKCE only).</summary>
    public string? ProtectedClientSecret { get; private set; }
    /// <summary>The claim in the ID token that holds roles or groups, e.g. <c>roles</c> (Entra ID) or <c>groups</c> (Keycloak).</summary>
    public string RoleClaim { get; private set; } = "roles";
    public string EmailClaim { get; private set; } = "email";
    /// <summary>Lines "claim value = role", first match wins.</summary>
    public string RoleMappingText { get; private set; } = "";
    /// <summary>Space-separated <c>acr</c> values that mean the IdP did multi-factor (e.g. a level of assurance).</summary>
    public string MultiFactorAcrValues { get; private set; } = "";
    /// <summary>Changes on every save: app instances rebuild their cached sign-in options when it does.</summary>
    public Guid Version { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public Guid? UpdatedBy { get; private set; }

    private IdentityProviderSettings()
    {
    }

    public static IdentityProviderSettings For(Guid organizationId) => new() { OrganizationId = organizationId };

    /// <summary>
    /// Sets everything an admin fills in. <paramref name="protectedClientSecret"/> null keeps the stored secret;
    /// <paramref name="removeSecret"/> removes it. Issuers must be https, except on this machine (localhost) for a
    /// test IdP.
    /// </summary>
    public void Configure(bool enabled, string? issuer, string? clientId, string? protectedClientSecret, bool removeSecret,
        string? roleClaim, string? emailClaim, string? roleMappingText, string? multiFactorAcrValues, Guid updatedBy, DateTimeOffset now)
    {
        issuer = issuer?.Trim() ?? "";
        clientId = clientId?.Trim() ?? "";
        roleClaim = string.IsNullOrWhiteSpace(roleClaim) ? "roles" : roleClaim.Trim();
        emailClaim = string.IsNullOrWhiteSpace(emailClaim) ? "email" : emailClaim.Trim();
        roleMappingText = (roleMappingText ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        multiFactorAcrValues = string.Join(' ', (multiFactorAcrValues ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (IssuerProblem(issuer) is { } problem)
        {
            throw problem;
        }
        if (clientId.Length == 0 || clientId.Length > MaxClientIdLength)
        {
            throw new DomainException($"Vul de client-id in die de IdP aan Meedenker gaf (hoogstens {MaxClientIdLength} tekens).",
                $"Enter the client id the IdP gave Meedenker (at most {MaxClientIdLength} characters).");
        }
        if (roleClaim.Length > MaxClaimLength || emailClaim.Length > MaxClaimLength)
        {
            throw new DomainException($"Een claimnaam heeft hoogstens {MaxClaimLength} tekens.", $"A claim name has at most {MaxClaimLength} characters.");
        }
        if (roleMappingText.Length > MaxMappingLength)
        {
            throw new DomainException($"De rollen zijn te lang (hoogstens {MaxMappingLength} tekens).", $"The role mapping is too long (at most {MaxMappingLength} characters).");
        }
        var mappings = ParseMappings(roleMappingText);
        if (enabled && mappings.Count == 0)
        {
            throw new DomainException("Geef minstens één regel voor de rollen, zoals: coordinatoren = Coordinator",
                "Give at least one role line, like: coordinators = Coordinator");
        }
        if (multiFactorAcrValues.Length > MaxAcrLength)
        {
            throw new DomainException($"De acr-waarden zijn te lang (hoogstens {MaxAcrLength} tekens).", $"The acr values are too long (at most {MaxAcrLength} characters).");
        }
        if (removeSecret)
        {
            ProtectedClientSecret = null;
        }
        else if (protectedClientSecret is not null)
        {
            ProtectedClientSecret = protectedClientSecret;
        }
        IsEnabled = enabled;
        Issuer = issuer;
        ClientId = clientId;
        RoleClaim = roleClaim;
        EmailClaim = emailClaim;
        RoleMappingText = string.Join('\n', mappings.Select(m => $"{m.ClaimValue} = {m.Role}"));
        MultiFactorAcrValues = multiFactorAcrValues;
        Version = Guid.NewGuid();
        UpdatedAt = now;
        UpdatedBy = updatedBy;
    }

    public IReadOnlyList<RoleMapping> RoleMappings => ParseMappings(RoleMappingText);

    /// <summary>The http scheme is for an IdP on this machine only (a test or development IdP).</summary>
    public static bool IsLoopback(Uri issuer) => issuer?.IsLoopback == true;

    public static DomainException? IssuerProblem(string issuer)
    {
        if (issuer.Length == 0 || issuer.Length > MaxIssuerLength || !Uri.TryCreate(issuer, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            return new DomainException("Vul de issuer in als volledig webadres, zoals https://login.gemeente.nl/realms/medewerkers.",
                "Enter the issuer as a full web address, like https://login.gemeente.nl/realms/staff.");
        }
        if (uri.Scheme != Uri.UriSchemeHttps && !IsLoopback(uri))
        {
            return new DomainException("De issuer moet met https:// beginnen. Alleen een test-IdP op deze computer (localhost) mag http gebruiken.",
                "The issuer must start with https://. Only a test IdP on this computer (localhost) may use http.");
        }
        return null;
    }

    /// <summary>The Meedenker role for these values of the role claim: the first mapping line that matches, or null.</summary>
    public string? RoleFor(IEnumerable<string> claimValues)
    {
        var values = claimValues.ToHashSet(StringComparer.Ordinal);
        return RoleMappings.FirstOrDefault(m => values.Contains(m.ClaimValue))?.Role;
    }

    /// <summary>
    /// Whether the IdP says it checked more than one factor: <c>amr</c> has <c>mfa</c> or <c>mca</c>, or a
    /// knowledge factor together with a possession or inherence factor (RFC 8176), or <c>acr</c> is one of the
    /// values the admin named. Anything else (no <c>amr</c>, only <c>pwd</c>) is one factor: our TOTP follows.
    /// </summary>
    public bool SaysMultiFactor(IEnumerable<string> amr, string? acr)
    {
        var methods = amr.ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (methods.Overlaps(MultiFactorMethods) || (methods.Overlaps(KnowledgeMethods) && methods.Overlaps(PossessionOrInherenceMethods)))
        {
            return true;
        }
        return !string.IsNullOrEmpty(acr) && MultiFactorAcrValues.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(acr, StringComparer.Ordinal);
    }

    /// <summary>Reads "value = role" lines; the role may be its English key or its Dutch name. Throws on a line it cannot read.</summary>
    public static IReadOnlyList<RoleMapping> ParseMappings(string text)
    {
        var result = new List<RoleMapping>();
        var lineNumber = 0;
        foreach (var raw in (text ?? "").Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var split = line.LastIndexOf('=');
            var value = split > 0 ? line[..split].Trim() : "";
            var role = split > 0 ? RoleByName(line[(split + 1)..].Trim()) : null;
            if (value.Length == 0 || role is null)
            {
                throw new DomainException(
                    $"Regel {lineNumber} van de rollen klopt niet: schrijf 'waarde = rol', met als rol Beheerder, Coordinator, Meedenker, Verwijzer of Analist.",
                    $"Line {lineNumber} of the role mapping is not right: write 'value = role', with role Admin, Coordinator, Supporter, Referrer or MunicipalityAnalyst.");
            }
            result.Add(new RoleMapping(value, role));
        }
        return result;
    }

    private static string? RoleByName(string name) => name.ToUpperInvariant() switch
    {
        "ADMIN" or "BEHEERDER" => StaffRoles.Admin,
        "COORDINATOR" or "COÖRDINATOR" => StaffRoles.Coordinator,
        "SUPPORTER" or "MEEDENKER" => StaffRoles.Supporter,
        "REFERRER" or "VERWIJZER" => StaffRoles.Referrer,
        "MUNICIPALITYANALYST" or "ANALIST" => StaffRoles.MunicipalityAnalyst,
        _ => null,
    };
}
