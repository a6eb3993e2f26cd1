using Microsoft.AspNetCore.Identity;

namespace Meedenker.Domain;

public enum SupporterKind
{
    Professional = 1,
    Volunteer = 2,
    PeerExpert = 3,
}

/// <summary>The staff roles; names are used as Identity role names, so never rename one.</summary>
public static class StaffRoles
{
    public const string Admin = "Admin";
    public const string Coordinator = "Coordinator";
    public const string Supporter = "Supporter";
    public const string Referrer = "Referrer";
    public const string MunicipalityAnalyst = "MunicipalityAnalyst";

    public static readonly IReadOnlyList<string> All = [Admin, Coordinator, Supporter, Referrer, MunicipalityAnalyst];
}

/// <summary>A staff account. Every staff member belongs to exactly one organisation.</summary>
public sealed class StaffUser : IdentityUser<Guid>
{
    public required string DisplayName { get; set; }
    public Guid OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public SupporterKind? SupporterKind { get; set; }
    /// <summary>Peer-expert level 1 (own experience) to 3 (trained); only for peer experts.</summary>
    public int? PeerExpertLevel { get; set; }
    public bool IsDisabled { get; private set; }
    public bool IsDemo { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DisabledAt { get; private set; }

    public void Disable(DateTimeOffset now)
    {
        if (IsDisabled)
        {
            return;
        }
        IsDisabled = true;
        DisabledAt = now;
        // Ends every session on its next security-stamp check.
        SecurityStamp = Guid.NewGuid().ToString("N");
    }

    public void Enable()
    {
        IsDisabled = false;
        DisabledAt = null;
    }

    public void SetSupporterKind(SupporterKind? kind, int? peerExpertLevel)
    {
        if (kind == Domain.SupporterKind.PeerExpert)
        {
            if (peerExpertLevel is not (>= 1 and <= 3))
            {
                throw new DomainException("Een ervaringsdeskundige heeft niveau 1, 2 of 3.", "A peer expert has level 1, 2 or 3.");
            }
        }
        else if (peerExpertLevel is not null)
        {
            throw new DomainException("Alleen een ervaringsdeskundige heeft een niveau.", "Only a peer expert has a level.");
        }
        SupporterKind = kind;
        PeerExpertLevel = peerExpertLevel;
    }
}
