namespace Meedenker.Domain;

/// <summary>One question of the resident in one life domain, with the laws it touches (several is common).</summary>
public sealed class CaseQuestion
{
    public const int MaxText = 1000;

    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public required string LifeDomainCode { get; set; }
    public List<string> LawCodes { get; set; } = [];
    public required string Text { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public Guid? RecordedById { get; set; }

    /// <summary>Erasure: the resident's words go; the life domain and laws stay for the monitoring.</summary>
    public void Erase() => Text = "";
}

public enum NetworkMemberKind
{
    Person = 1,
    Organization = 2,
}

/// <summary>Someone around the resident: family, neighbour, friend, or an organisation (GP, housing association).</summary>
public sealed class NetworkMember
{
    public const int MaxName = 100;
    public const int MaxRelation = 100;
    public const int MaxWhat = 300;

    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public NetworkMemberKind Kind { get; set; }
    public required string Name { get; set; }
    /// <summary>Relation to the resident in plain words: daughter, neighbour, GP, housing association.</summary>
    public required string Relation { get; set; }
    /// <summary>What they do for the resident.</summary>
    public string? WhatTheyDo { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RemovedAt { get; set; }
    public Guid? RecordedById { get; set; }

    /// <summary>Erasure: who they are and what they do go; that there was someone (and of which kind) stays.</summary>
    public void Erase()
    {
        Name = "";
        Relation = "";
        WhatTheyDo = null;
    }
}

public enum PlanActionOwner
{
    Resident = 1,
    NetworkMember = 2,
    Supporter = 3,
    OtherOrganization = 4,
}

public enum PlanActionStatus
{
    Open = 1,
    Done = 2,
    Dropped = 3,
}

/// <summary>A goal of the plan made with the resident, in one life domain.</summary>
public sealed class PlanGoal
{
    public const int MaxText = 500;

    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public required string LifeDomainCode { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public Guid? RecordedById { get; set; }

    /// <summary>Erasure: the words go; the life domain stays.</summary>
    public void Erase() => Text = "";
}

/// <summary>An action towards a goal, with an owner, a due date and a status.</summary>
public sealed class PlanAction
{
    public const int MaxText = 500;
    public const int MaxOwnerName = 100;

    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public Guid GoalId { get; set; }
    public required string Text { get; set; }
    public PlanActionOwner Owner { get; set; }
    /// <summary>The network member's or organisation's name, when they own the action.</summary>
    public string? OwnerName { get; set; }
    /// <summary>The supporter who owns it, when a supporter does (after a partial handover: the receiver).</summary>
    public Guid? OwnerSupporterId { get; set; }
    public DateOnly? DueOn { get; set; }
    public PlanActionStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ChangedAt { get; set; }

    /// <summary>Erasure: the words and the owner's name go; owner kind, dates and status stay.</summary>
    public void Erase()
    {
        Text = "";
        OwnerName = null;
    }
}

/// <summary>The reflective compass (kompas) of the domain brief: questions a supporter asks themselves.</summary>
public static class Kompas
{
    public sealed record Question(string Code, string Nl, string En);

    public static readonly IReadOnlyList<Question> Questions =
    [
        new("wat-speelt", "Wat speelt hier?", "What is going on here?"),
        new("wat-nodig", "Wat is er nodig?", "What is needed?"),
        new("kan-ik-bieden", "Kan ik dat bieden?", "Can I offer that?"),
        new("meerwaarde", "Wat is mijn meerwaarde?", "What value do I add?"),
        new("wat-wil-je", "Wat wil de inwoner dat ik doe en niet doe?", "What does the resident want me to do and not do?"),
        new("contact", "Heb ik contact?", "Am I in contact?"),
        new("rust-beweging", "Brengt mijn aanwezigheid rust en beweging?", "Does my presence bring calm and movement?"),
        new("goede-dingen", "Doe ik de goede dingen voor de inwoner en het geheel?", "Am I doing the right things for the resident and the whole?"),
        new("open", "Sta ik open?", "Am I open-minded?"),
        new("overdragen", "Wanneer moet ik overdragen?", "When should I hand over?"),
        new("onafhankelijk", "Ben ik onafhankelijk?", "Am I independent?"),
        new("medicaliseren", "Medicaliseer ik onnodig?", "Am I medicalising needlessly?"),
        new("effectief", "Is mijn werk effectief, efficiënt, ethisch en zo eenvoudig mogelijk?", "Is my work effective, efficient, ethical and as simple as possible?"),
    ];
}

/// <summary>A supporter's kompas reflection at a moment in the case; their coordinator sees it too.</summary>
public sealed class KompasReflection
{
    public const int MaxAnswer = 1000;

    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public Guid SupporterId { get; set; }
    public SelfRelianceMoment Moment { get; set; }
    public DateTimeOffset At { get; set; }
    public List<KompasAnswer> Answers { get; set; } = [];
}

public sealed class KompasAnswer
{
    public Guid ReflectionId { get; set; }
    public required string QuestionCode { get; set; }
    public required string Answer { get; set; }

    public void Erase() => Answer = "";
}

/// <summary>The resident's own experience at closing (1–5 per question), from the case file or the status link.</summary>
public sealed class ResidentExperience
{
    public const int MaxComment = 1000;

    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>"I felt heard."</summary>
    public int Heard { get; set; }
    /// <summary>"My question is sorted."</summary>
    public int Helped { get; set; }
    /// <summary>"I can manage on my own again."</summary>
    public int Manages { get; set; }
    public string? Comment { get; set; }
    public bool ViaStatusLink { get; set; }

    /// <summary>Erasure: the comment goes; the three scores stay for the monitoring.</summary>
    public void EraseComment() => Comment = null;

    public static ResidentExperience Record(Guid caseId, int heard, int helped, int manages, string? comment, bool viaStatusLink, DateTimeOffset now)
    {
        if (heard is < 1 or > 5 || helped is < 1 or > 5 || manages is < 1 or > 5)
        {
            throw new DomainException("Kies bij elke vraag 1 tot en met 5.", "Choose 1 to 5 for every question.");
        }
        if (comment is { Length: > MaxComment })
        {
            throw new DomainException($"De opmerking is te lang (hoogstens {MaxComment} tekens).", $"The comment is too long (at most {MaxComment} characters).");
        }
        return new ResidentExperience { Id = Guid.NewGuid(), CaseId = caseId, At = now, Heard = heard, Helped = helped, Manages = manages, Comment = comment, ViaStatusLink = viaStatusLink };
    }
}
