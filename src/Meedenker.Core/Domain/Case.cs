namespace Meedenker.Domain;

public enum CaseStatus
{
    Open = 1,
    Closed = 2,
    /// <summary>Offered to a supporter by the coordinator; not yet accepted.</summary>
    Offered = 3,
    /// <summary>The supporter said no; the request is back in the queue.</summary>
    OfferDeclined = 4,
}

public enum SelfRelianceMoment
{
    Start = 1,
    During = 2,
    Close = 3,
}

/// <summary>
/// The support given on one or more help requests (casus, traject). It starts as an offer to a supporter,
/// becomes open when they accept, and holds the contacts and self-reliance scores.
/// </summary>
public sealed class Case
{
    public Guid Id { get; set; }
    public Guid HelpRequestId { get; set; }
    public Guid ResidentId { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid? SupporterId { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset? FirstContactAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public CaseStatus Status { get; set; }
    /// <summary>Self-reliance (zelfredzaamheid) 1–5 at start and close, for outcome monitoring.</summary>
    public int? SelfRelianceStart { get; set; }
    public int? SelfRelianceClose { get; set; }
    public DateTimeOffset? OfferedAt { get; set; }
    public DateTimeOffset? OfferDeclinedAt { get; set; }
    public string? OfferDeclineReason { get; set; }
    /// <summary>Changes on every save, so a second person's save of an older copy is refused, not silently applied.</summary>
    public Guid Version { get; set; }
    public CloseReason? CloseReason { get; set; }
    /// <summary>Since when the current supporter is responsible (the accept, or the accepted whole handover).</summary>
    public DateTimeOffset? ResponsibleSince { get; set; }
    /// <summary>The roles used in this case (clarifier, signposter, advocate): codes of the supporter-role taxonomy.</summary>
    public List<string> RoleCodes { get; set; } = [];
    /// <summary>Whether the resident lives alone (for the outreach list in a crisis).</summary>
    public bool? LivesAlone { get; set; }
    public DateTimeOffset? ReopenedAt { get; set; }
    /// <summary>A short summary written for the resident, in plain words; they see it in their own view.</summary>
    public string? SummaryForResident { get; set; }
    public DateTimeOffset? SummaryForResidentAt { get; set; }

    public const int MaxSummaryForResident = 2000;

    /// <summary>Writes (or clears, when empty) the summary the resident reads in their own view.</summary>
    public void WriteSummaryForResident(string? text, DateTimeOffset now)
    {
        if (Status is not (CaseStatus.Open or CaseStatus.Closed))
        {
            throw new DomainException("Een samenvatting kan pas als de casus loopt.", "A summary can only be written once the case has started.");
        }
        if (text is { Length: > MaxSummaryForResident })
        {
            throw new DomainException($"De samenvatting is te lang (hoogstens {MaxSummaryForResident} tekens).", $"The summary is too long (at most {MaxSummaryForResident} characters).");
        }
        SummaryForResident = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        SummaryForResidentAt = SummaryForResident is null ? null : now;
        Touch();
    }

    private void Touch() => Version = Guid.NewGuid();

    private void EnsureOpen()
    {
        if (Status != CaseStatus.Open)
        {
            throw new DomainException("Dit kan alleen in een open casus.", "This can only be done in an open case.");
        }
    }

    private static string Required(string? text, int max, string nl, string en)
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value) || value.Length > max)
        {
            throw new DomainException($"{nl} (hoogstens {max} tekens).", $"{en} (at most {max} characters).");
        }
        return value;
    }

    public CaseQuestion AddQuestion(string lifeDomainCode, IEnumerable<string> lawCodes, string text, Guid recordedBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(lawCodes);
        EnsureOpen();
        var value = Required(text, CaseQuestion.MaxText, "Beschrijf de vraag", "Describe the question");
        Touch();
        return new CaseQuestion
        {
            Id = Guid.NewGuid(),
            CaseId = Id,
            LifeDomainCode = lifeDomainCode,
            LawCodes = lawCodes.Distinct().ToList(),
            Text = value,
            CreatedAt = now,
            RecordedById = recordedBy,
        };
    }

    public void SetRoles(IEnumerable<string> roleCodes)
    {
        ArgumentNullException.ThrowIfNull(roleCodes);
        EnsureOpen();
        RoleCodes = roleCodes.Distinct().ToList();
        Touch();
    }

    public NetworkMember AddNetworkMember(NetworkMemberKind kind, string name, string relation, string? whatTheyDo, Guid recordedBy, DateTimeOffset now)
    {
        EnsureOpen();
        if (!Enum.IsDefined(kind))
        {
            throw new DomainException("Kies of het een persoon of een organisatie is.", "Choose whether it is a person or an organisation.");
        }
        if (whatTheyDo is { Length: > NetworkMember.MaxWhat })
        {
            throw new DomainException($"Wat ze doen is te lang (hoogstens {NetworkMember.MaxWhat} tekens).", $"What they do is too long (at most {NetworkMember.MaxWhat} characters).");
        }
        var memberName = Required(name, NetworkMember.MaxName, "Vul een naam in", "Enter a name");
        var memberRelation = Required(relation, NetworkMember.MaxRelation, "Vul de relatie in", "Enter the relation");
        Touch();
        return new NetworkMember
        {
            Id = Guid.NewGuid(),
            CaseId = Id,
            Kind = kind,
            Name = memberName,
            Relation = memberRelation,
            WhatTheyDo = string.IsNullOrWhiteSpace(whatTheyDo) ? null : whatTheyDo.Trim(),
            CreatedAt = now,
            RecordedById = recordedBy,
        };
    }

    public void RemoveNetworkMember(NetworkMember member, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(member);
        EnsureOpen();
        if (member.CaseId != Id || member.RemovedAt is not null)
        {
            throw new DomainException("Deze persoon staat niet (meer) in het netwerk.", "This person is not (or no longer) in the network.");
        }
        member.RemovedAt = now;
        Touch();
    }

    public void SetLivesAlone(bool? livesAlone)
    {
        EnsureOpen();
        LivesAlone = livesAlone;
        Touch();
    }

    public PlanGoal AddGoal(string lifeDomainCode, string text, Guid recordedBy, DateTimeOffset now)
    {
        EnsureOpen();
        var value = Required(text, PlanGoal.MaxText, "Beschrijf het doel", "Describe the goal");
        Touch();
        return new PlanGoal { Id = Guid.NewGuid(), CaseId = Id, LifeDomainCode = lifeDomainCode, Text = value, CreatedAt = now, RecordedById = recordedBy };
    }

    public PlanAction AddAction(PlanGoal goal, string text, PlanActionOwner owner, string? ownerName, Guid? ownerSupporterId, DateOnly? dueOn, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(goal);
        EnsureOpen();
        if (goal.CaseId != Id)
        {
            throw new DomainException("Dit doel hoort niet bij deze casus.", "This goal does not belong to this case.");
        }
        if (!Enum.IsDefined(owner))
        {
            throw new DomainException("Kies wie de actie doet.", "Choose who does the action.");
        }
        var name = ownerName?.Trim();
        if (owner is PlanActionOwner.NetworkMember or PlanActionOwner.OtherOrganization && string.IsNullOrEmpty(name))
        {
            throw new DomainException("Vul in wie uit het netwerk of welke organisatie de actie doet.", "Enter who from the network or which organisation does the action.");
        }
        if (name is { Length: > PlanAction.MaxOwnerName })
        {
            throw new DomainException($"De naam is te lang (hoogstens {PlanAction.MaxOwnerName} tekens).", $"The name is too long (at most {PlanAction.MaxOwnerName} characters).");
        }
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (dueOn is { } due && (due < today.AddDays(-1) || due > today.AddYears(2)))
        {
            throw new DomainException("Kies een datum vanaf vandaag en binnen twee jaar.", "Choose a date from today and within two years.");
        }
        var value = Required(text, PlanAction.MaxText, "Beschrijf de actie", "Describe the action");
        Touch();
        return new PlanAction
        {
            Id = Guid.NewGuid(),
            CaseId = Id,
            GoalId = goal.Id,
            Text = value,
            Owner = owner,
            OwnerName = owner is PlanActionOwner.NetworkMember or PlanActionOwner.OtherOrganization ? name : null,
            OwnerSupporterId = owner == PlanActionOwner.Supporter ? ownerSupporterId ?? SupporterId : null,
            DueOn = dueOn,
            Status = PlanActionStatus.Open,
            CreatedAt = now,
            ChangedAt = now,
        };
    }

    public void SetActionStatus(PlanAction action, PlanActionStatus status, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(action);
        EnsureOpen();
        if (action.CaseId != Id)
        {
            throw new DomainException("Deze actie hoort niet bij deze casus.", "This action does not belong to this case.");
        }
        if (!Enum.IsDefined(status))
        {
            throw new DomainException("Kies een status.", "Choose a status.");
        }
        action.Status = status;
        action.ChangedAt = now;
        Touch();
    }

    /// <summary>
    /// Proposes op- or afschalen of the whole case or a part (life domains and/or plan actions) to another
    /// meedenker, with a warm handover. The current meedenker stays responsible until the receiver accepts.
    /// Returns the handover and, when the resident agreed to share parts with the receiver, that consent.
    /// </summary>
    public (Handover Handover, CaseConsent? Consent) ProposeHandover(HandoverProposal proposal, IReadOnlyCollection<string> caseLifeDomains,
        IReadOnlyCollection<Guid> caseActionIds, IReadOnlyCollection<Handover> openHandovers, Guid proposedBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        ArgumentNullException.ThrowIfNull(caseLifeDomains);
        ArgumentNullException.ThrowIfNull(caseActionIds);
        ArgumentNullException.ThrowIfNull(openHandovers);
        EnsureOpen();
        if (!Enum.IsDefined(proposal.Direction))
        {
            throw new DomainException("Kies de richting van de overdracht.", "Choose the direction of the handover.");
        }
        var known = HandoverCriteria.For(proposal.Direction).Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        if (proposal.Criteria.Any(c => !known.Contains(c)))
        {
            throw new DomainException("Een gekozen reden hoort niet bij deze richting.", "A chosen criterion does not belong to this direction.");
        }
        var reason = string.IsNullOrWhiteSpace(proposal.Reason) ? null : proposal.Reason.Trim();
        if (proposal.Criteria.Count == 0 && reason is null)
        {
            throw new DomainException("Kies minstens één reden of beschrijf de reden.", "Choose at least one criterion or describe the reason.");
        }
        if (reason is { Length: > Handover.MaxReason } || proposal.PassedOn is { Length: > Handover.MaxPassedOn })
        {
            throw new DomainException("De toelichting is te lang.", "The explanation is too long.");
        }
        var receiverIsFormal = proposal.ReceiverKind == Domain.SupporterKind.Professional;
        var currentIsFormal = proposal.CurrentKind == Domain.SupporterKind.Professional;
        if (proposal.Direction == HandoverDirection.InformalToFormal && (!receiverIsFormal || currentIsFormal))
        {
            throw new DomainException("Opschalen gaat van een informele naar een formele (beroepskracht) meedenker.", "Scaling up goes from an informal to a formal (professional) supporter.");
        }
        if (proposal.Direction == HandoverDirection.FormalToInformal && (receiverIsFormal || !currentIsFormal))
        {
            throw new DomainException("Afschalen gaat van een formele naar een informele meedenker (vrijwilliger of ervaringsdeskundige).", "Scaling down goes from a formal to an informal supporter (volunteer or peer expert).");
        }
        if (proposal.ToSupporterId == SupporterId && !(proposal.Direction == HandoverDirection.NetworkToSupporter && proposal.Partial))
        {
            throw new DomainException("Kies een andere meedenker dan de huidige.", "Choose a supporter other than the current one.");
        }
        var domains = proposal.ScopeLifeDomains.Distinct().ToList();
        var actions = proposal.ScopeActionIds.Distinct().ToList();
        if (proposal.Partial)
        {
            if (domains.Count == 0 && actions.Count == 0)
            {
                throw new DomainException("Kies welk deel je overdraagt: een leefgebied of een actie.", "Choose which part you hand over: a life domain or an action.");
            }
            if (domains.Any(d => !caseLifeDomains.Contains(d)) || actions.Any(a => !caseActionIds.Contains(a)))
            {
                throw new DomainException("Een gekozen deel hoort niet bij deze casus.", "A chosen part is not in this case.");
            }
        }
        else if (domains.Count > 0 || actions.Count > 0)
        {
            throw new DomainException("Bij een hele overdracht kies je geen delen.", "A whole handover has no parts to choose.");
        }
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (proposal.PlannedOn < today || proposal.PlannedOn > today.AddDays(90))
        {
            throw new DomainException("Plan de warme overdracht vanaf vandaag en binnen 90 dagen.", "Plan the warm handover from today and within 90 days.");
        }
        if (openHandovers.Any(h => h.IsOpen && (h.ToSupporterId == proposal.ToSupporterId || (!h.Partial && !proposal.Partial))))
        {
            throw new DomainException("Er staat al een overdracht open naar deze meedenker of voor de hele casus.", "There is already an open handover to this supporter or for the whole case.");
        }
        var handover = new Handover
        {
            Id = Guid.NewGuid(),
            CaseId = Id,
            Direction = proposal.Direction,
            CriteriaCodes = proposal.Criteria.Distinct().ToList(),
            Reason = reason,
            Partial = proposal.Partial,
            ScopeLifeDomains = domains,
            ScopeActionIds = actions,
            FromSupporterId = SupporterId,
            ToSupporterId = proposal.ToSupporterId,
            ToOrganizationId = proposal.ToOrganizationId,
            PlannedOn = proposal.PlannedOn,
            ResidentPresent = proposal.ResidentPresent,
            PassedOn = string.IsNullOrWhiteSpace(proposal.PassedOn) ? null : proposal.PassedOn.Trim(),
            ConsentedParts = proposal.ConsentedParts,
            Status = HandoverStatus.Proposed,
            CreatedAt = now,
            CreatedById = proposedBy,
        };
        var consent = proposal.ConsentedParts == SharedParts.None ? null
            : CaseConsent.Give(Id, proposal.ToSupporterId, proposal.ToOrganizationId, proposal.ConsentedParts, proposal.Partial ? domains : [],
                "inwoner", proposal.ConsentHow, proposedBy, now, handover.Id);
        Touch();
        return (handover, consent);
    }

    /// <summary>
    /// The receiver accepts: for the whole case they become the responsible meedenker; for a part they join the
    /// case for those life domains and the actions in scope become theirs. Returns the participant for a part.
    /// </summary>
    public CaseParticipant? AcceptHandover(Handover handover, Guid receiverId, IEnumerable<PlanAction> actionsInScope, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(handover);
        ArgumentNullException.ThrowIfNull(actionsInScope);
        if (handover.CaseId != Id)
        {
            throw new DomainException("Deze overdracht hoort niet bij deze casus.", "This handover does not belong to this case.");
        }
        if (handover.IsOpen && Status != CaseStatus.Open)
        {
            throw new DomainException("De casus is inmiddels afgesloten; de overdracht kan niet meer.", "The case has been closed in the meantime; the handover can no longer take place.");
        }
        if (handover.IsOpen && receiverId != handover.ToSupporterId)
        {
            throw new DomainException("Alleen de ontvangende meedenker kan deze overdracht accepteren.", "Only the receiving supporter can accept this handover.");
        }
        handover.MarkAccepted(now);
        foreach (var action in actionsInScope.Where(a => handover.ScopeActionIds.Contains(a.Id) && a.CaseId == Id))
        {
            action.Owner = PlanActionOwner.Supporter;
            action.OwnerSupporterId = handover.ToSupporterId;
            action.OwnerName = null;
            action.ChangedAt = now;
        }
        Touch();
        if (!handover.Partial)
        {
            SupporterId = handover.ToSupporterId;
            OrganizationId = handover.ToOrganizationId;
            ResponsibleSince = now;
            return null;
        }
        return new CaseParticipant
        {
            Id = Guid.NewGuid(),
            CaseId = Id,
            SupporterId = handover.ToSupporterId,
            OrganizationId = handover.ToOrganizationId,
            LifeDomainCodes = handover.ScopeLifeDomains.ToList(),
            HandoverId = handover.Id,
            Since = now,
        };
    }

    /// <summary>The meedenker on a part (or the case's coordinator) finishes that part; the case stays open with the responsible meedenker.</summary>
    public void FinishPart(CaseParticipant part, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(part);
        if (part.CaseId != Id)
        {
            throw new DomainException("Dit deel hoort bij een andere casus.", "This part belongs to another case.");
        }
        if (part.EndedAt is not null)
        {
            throw new DomainException("Dit deel is al afgerond.", "This part has already been finished.");
        }
        part.EndedAt = now;
        Touch();
    }

    /// <summary>
    /// The resident asked for help again after closing: the case reopens with the same meedenker, who is told.
    /// The request must have been put back to "received" by <see cref="HelpRequest.RequestHelpAgain"/>.
    /// </summary>
    public void Reopen(HelpRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Status != CaseStatus.Closed)
        {
            throw new DomainException("Alleen een afgesloten casus kan weer open.", "Only a closed case can be reopened.");
        }
        request.Match(OrganizationId, SupporterId, now);
        Status = CaseStatus.Open;
        ClosedAt = null;
        CloseReason = null;
        ReopenedAt = now;
        Touch();
    }

    /// <summary>A proactive call from the outreach list (e.g. in a lockdown): also for cases closed in the last year.</summary>
    public Contact RecordOutreachCall(int minutes, string? note, Guid recordedBy, DateTimeOffset now)
    {
        if (Status == CaseStatus.Closed ? ClosedAt < now.AddYears(-1) : Status != CaseStatus.Open)
        {
            throw new DomainException("Bel alleen inwoners met een open casus of een casus die in het laatste jaar is afgesloten.",
                "Only call residents with an open case or one closed in the last year.");
        }
        if (minutes is < 1 or > 600)
        {
            throw new DomainException("De duur is 1 tot 600 minuten.", "The duration is 1 to 600 minutes.");
        }
        if (note is { Length: > MaxNote })
        {
            throw new DomainException($"De notitie is te lang (hoogstens {MaxNote} tekens).", $"The note is too long (at most {MaxNote} characters).");
        }
        Touch();
        return new Contact { Id = Guid.NewGuid(), CaseId = Id, At = now, Mode = ContactMode.Phone, DurationMinutes = minutes, Note = note, RecordedById = recordedBy, IsOutreach = true };
    }
    /// <summary>When the case's content (notes, free text) was erased; the facts stay for the monitoring.</summary>
    public DateTimeOffset? ContentErasedAt { get; set; }

    public const int MaxNote = 2000;

    /// <summary>
    /// Erases the case's content: every contact note and the free-text reason of a declined offer. Keeps what
    /// the monitoring counts: dates, contact modes and durations, self-reliance scores, close reason. Pass all
    /// contacts of this case. Idempotent.
    /// </summary>
    public void EraseContent(IEnumerable<Contact> contacts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        foreach (var contact in contacts)
        {
            if (contact.CaseId != Id)
            {
                throw new DomainException("Dit contact hoort bij een andere casus.", "This contact belongs to another case.");
            }
            contact.Note = null;
        }
        OfferDeclineReason = null;
        SummaryForResident = null;
        ContentErasedAt ??= now;
        Version = Guid.NewGuid();
    }
    public static readonly TimeSpan DefaultFollowUp = TimeSpan.FromDays(91);

    /// <summary>
    /// Closes the case with a reason and plans a waakvlamcontact: a light check-in later, so the door stays
    /// open. The request closes too (the referrer sees "closed"). Refused while another meedenker still works on
    /// an accepted part (<paramref name="openParts"/>: their names): that part would vanish without notice
    /// (docs/decisions/0090-closing-with-open-parts.md). They finish their part first.
    /// </summary>
    public FollowUp Close(HelpRequest request, CloseReason reason, int? finalScore, DateOnly followUpOn, IReadOnlyCollection<string> openParts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(openParts);
        if (Status != CaseStatus.Open)
        {
            throw new DomainException("Alleen een open casus kan worden afgesloten.", "Only an open case can be closed.");
        }
        if (openParts.Count > 0)
        {
            var names = string.Join(", ", openParts);
            throw new DomainException(
                $"Je kunt de casus nog niet afsluiten. {names} werkt nog aan een deel ervan. Vraag eerst om dat deel af te ronden; daarna kun je afsluiten. Er is niets veranderd.",
                $"You cannot close the case yet. {names} is still working on a part of it. Ask them to finish that part first; then you can close. Nothing was changed.");
        }
        if (finalScore is not null and (< 1 or > 5))
        {
            throw new DomainException("De score is 1 tot en met 5.", "The score is 1 to 5.");
        }
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (followUpOn <= today || followUpOn > today.AddYears(1))
        {
            throw new DomainException("Plan het waakvlamcontact na vandaag en binnen een jaar.", "Plan the follow-up check-in after today and within a year.");
        }
        Status = CaseStatus.Closed;
        ClosedAt = now;
        CloseReason = reason;
        SelfRelianceClose = finalScore ?? SelfRelianceClose;
        Version = Guid.NewGuid();
        request.Close(now, reason.ToString());
        return new FollowUp { Id = Guid.NewGuid(), CaseId = Id, SupporterId = SupporterId, DueOn = followUpOn };
    }

    /// <summary>The coordinator offers a new request to a supporter of their organisation.</summary>
    public static Case Offer(HelpRequest request, Guid organizationId, Guid supporterId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Status != HelpRequestStatus.Received)
        {
            throw new DomainException("Deze vraag is niet meer nieuw en kan niet worden toegewezen.", "This request is no longer new and cannot be assigned.");
        }
        return new Case
        {
            Id = Guid.NewGuid(),
            HelpRequestId = request.Id,
            ResidentId = request.ResidentId,
            OrganizationId = organizationId,
            SupporterId = supporterId,
            OfferedAt = now,
            OpenedAt = now,
            Status = CaseStatus.Offered,
            Version = Guid.NewGuid(),
        };
    }

    /// <summary>The supporter accepts: the case opens and the first-contact clock runs (the referrer sees "accepted").</summary>
    public void Accept(HelpRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Status != CaseStatus.Offered)
        {
            throw new DomainException("Dit aanbod staat niet meer open.", "This offer is no longer open.");
        }
        request.Match(OrganizationId, SupporterId, now);
        Status = CaseStatus.Open;
        OpenedAt = now;
        ResponsibleSince = now;
        Version = Guid.NewGuid();
    }

    /// <summary>The supporter declines, with a reason for the coordinator; the request goes back to the queue.</summary>
    public void DeclineOffer(string reason, DateTimeOffset now)
    {
        if (Status != CaseStatus.Offered)
        {
            throw new DomainException("Dit aanbod staat niet meer open.", "This offer is no longer open.");
        }
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500)
        {
            throw new DomainException("Geef een reden van hoogstens 500 tekens.", "Give a reason of at most 500 characters.");
        }
        Status = CaseStatus.OfferDeclined;
        OfferDeclinedAt = now;
        OfferDeclineReason = reason.Trim();
        Version = Guid.NewGuid();
    }

    /// <summary>Records a contact; the first one also tells the request (and so the referrer) that contact was made.</summary>
    public Contact RecordContact(HelpRequest request, DateTimeOffset at, ContactMode mode, int minutes, string? note, Guid recordedBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Status != CaseStatus.Open)
        {
            throw new DomainException("Contacten leg je vast in een open casus.", "Contacts are recorded in an open case.");
        }
        if (at > now.AddMinutes(5))
        {
            throw new DomainException("Een contact kan niet in de toekomst liggen.", "A contact cannot be in the future.");
        }
        // By day: a contact entered with only a date counts on that day, so the opening day itself is allowed.
        if (at.UtcDateTime.Date < OpenedAt.UtcDateTime.Date)
        {
            var opened = OpenedAt.UtcDateTime.ToString("d-M-yyyy", System.Globalization.CultureInfo.InvariantCulture);
            throw new DomainException(
                $"Dit contact ligt voor het begin van de casus ({opened}). Kies een datum vanaf {opened}.",
                $"This contact is before the start of the case ({opened}). Choose a date from {opened}.");
        }
        if (minutes is < 1 or > 600)
        {
            throw new DomainException("De duur is 1 tot 600 minuten.", "The duration is 1 to 600 minutes.");
        }
        if (note is { Length: > MaxNote })
        {
            throw new DomainException($"De notitie is te lang (hoogstens {MaxNote} tekens).", $"The note is too long (at most {MaxNote} characters).");
        }
        if (FirstContactAt is null)
        {
            FirstContactAt = at;
            request.RecordFirstContact(at);
        }
        Version = Guid.NewGuid();
        return new Contact { Id = Guid.NewGuid(), CaseId = Id, At = at, Mode = mode, DurationMinutes = minutes, Note = note, RecordedById = recordedBy };
    }

    public SelfRelianceScore RecordSelfReliance(string lifeDomainCode, SelfRelianceMoment moment, int score, Guid recordedBy, DateTimeOffset now)
    {
        if (Status != CaseStatus.Open)
        {
            throw new DomainException("Scores leg je vast in een open casus.", "Scores are recorded in an open case.");
        }
        if (score is < 1 or > 5)
        {
            throw new DomainException("De score is 1 tot en met 5.", "The score is 1 to 5.");
        }
        if (moment == SelfRelianceMoment.Start)
        {
            SelfRelianceStart ??= score;
        }
        Version = Guid.NewGuid();
        return new SelfRelianceScore { Id = Guid.NewGuid(), CaseId = Id, LifeDomainCode = lifeDomainCode, Moment = moment, Score = score, At = now, RecordedById = recordedBy };
    }
}

/// <summary>What a meedenker fills in to propose op- or afschalen.</summary>
public sealed record HandoverProposal(
    HandoverDirection Direction,
    IReadOnlyCollection<string> Criteria,
    string? Reason,
    bool Partial,
    IReadOnlyCollection<string> ScopeLifeDomains,
    IReadOnlyCollection<Guid> ScopeActionIds,
    Guid ToSupporterId,
    Guid ToOrganizationId,
    SupporterKind ReceiverKind,
    SupporterKind? CurrentKind,
    DateOnly PlannedOn,
    bool ResidentPresent,
    string? PassedOn,
    SharedParts ConsentedParts,
    ConsentGivenHow ConsentHow);

public enum CloseReason
{
    QuestionAnswered = 1,
    ReferredToLongTermSupport = 2,
    ResidentStopped = 3,
    Moved = 4,
    Unreachable = 5,
}

/// <summary>
/// A waakvlamcontact: a planned light check-in after closing. On its date the follow-up job turns it into a
/// task for the supporter (and a reminder mail); the supporter marks it done.
/// </summary>
public sealed class FollowUp
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public Guid? SupporterId { get; set; }
    public DateOnly DueOn { get; set; }
    public DateTimeOffset? TaskCreatedAt { get; set; }
    public DateTimeOffset? DoneAt { get; set; }

    /// <summary>Makes the task when it is due; false when it is not due yet or was made already.</summary>
    public bool MakeTaskIfDue(DateTimeOffset now)
    {
        if (TaskCreatedAt is not null || DueOn > DateOnly.FromDateTime(now.UtcDateTime))
        {
            return false;
        }
        TaskCreatedAt = now;
        return true;
    }

    public void MarkDone(DateTimeOffset now)
    {
        if (TaskCreatedAt is null)
        {
            throw new DomainException("Dit waakvlamcontact is nog niet aan de beurt.", "This follow-up is not due yet.");
        }
        DoneAt ??= now;
    }
}

/// <summary>Self-reliance (zelfredzaamheid) on the 5-level scale for one life domain at one moment.</summary>
public sealed class SelfRelianceScore
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public required string LifeDomainCode { get; set; }
    public SelfRelianceMoment Moment { get; set; }
    public int Score { get; set; }
    public DateTimeOffset At { get; set; }
    public Guid? RecordedById { get; set; }
}

public enum ContactMode
{
    Phone = 1,
    Video = 2,
    HomeVisit = 3,
    OnSite = 4,
    Walk = 5,
    Message = 6,
}

/// <summary>One contact with or about the resident (contactmoment).</summary>
public sealed class Contact
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public DateTimeOffset At { get; set; }
    public ContactMode Mode { get; set; }
    public int DurationMinutes { get; set; }
    public string? Note { get; set; }
    public Guid? RecordedById { get; set; }
    /// <summary>A proactive call from the outreach list.</summary>
    public bool IsOutreach { get; set; }
}
