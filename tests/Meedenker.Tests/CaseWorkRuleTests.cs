using Meedenker.Domain;
using Microsoft.Extensions.Time.Testing;

namespace Meedenker.Tests;

/// <summary>The rules of case work on the entities: plan, handover states, partial scope, consent scope, closing, reopening.</summary>
public sealed class CaseWorkRuleTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Volunteer = Guid.NewGuid();
    private static readonly Guid Professional = Guid.NewGuid();
    private static readonly Guid VolunteerOrg = Guid.NewGuid();
    private static readonly Guid FormalOrg = Guid.NewGuid();

    private readonly FakeTimeProvider _time = new(Start);

    private (Case Case, HelpRequest Request) OpenCase()
    {
        var request = new HelpRequest { Id = Guid.NewGuid(), ReferenceCode = "MD-TEST-0001", ResidentId = Guid.NewGuid(), Status = HelpRequestStatus.Received, ReceivedAt = Start };
        var @case = Case.Offer(request, VolunteerOrg, Volunteer, _time.GetUtcNow());
        @case.Accept(request, _time.GetUtcNow());
        return (@case, request);
    }

    private HandoverProposal Up(bool partial = false, IReadOnlyCollection<string>? domains = null, IReadOnlyCollection<Guid>? actions = null, SharedParts parts = SharedParts.None) =>
        new(HandoverDirection.InformalToFormal, ["complex"], null, partial, domains ?? [], actions ?? [], Professional, FormalOrg, SupporterKind.Professional,
            SupporterKind.Volunteer, DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime).AddDays(3), ResidentPresent: true, "Wat er speelt", parts, ConsentGivenHow.Verbal);

    [Fact]
    public void A_whole_handover_keeps_the_current_supporter_responsible_until_the_receiver_accepts()
    {
        var (@case, _) = OpenCase();
        var (handover, consent) = @case.ProposeHandover(Up(parts: SharedParts.Plan | SharedParts.Network), ["wonen"], [], [], Volunteer, _time.GetUtcNow());
        Assert.Equal(HandoverStatus.Proposed, handover.Status);
        Assert.Equal(Volunteer, @case.SupporterId);
        Assert.NotNull(consent);
        Assert.True(consent.Covers(SharedParts.Plan, "wonen"));
        Assert.False(consent.Covers(SharedParts.ContactsAndNotes, "wonen"));

        _time.Advance(TimeSpan.FromDays(2));
        var participant = @case.AcceptHandover(handover, Professional, [], _time.GetUtcNow());
        Assert.Null(participant);
        Assert.Equal(Professional, @case.SupporterId);
        Assert.Equal(FormalOrg, @case.OrganizationId);
        Assert.Equal(_time.GetUtcNow(), @case.ResponsibleSince);
        Assert.Equal(HandoverStatus.Accepted, handover.Status);
    }

    [Fact]
    public void A_partial_handover_adds_a_participant_for_its_life_domains_and_moves_the_actions_in_scope()
    {
        var (@case, _) = OpenCase();
        var goal = @case.AddGoal("financien-inkomen", "Rust in de post", Volunteer, _time.GetUtcNow());
        var action = @case.AddAction(goal, "Bezwaar maken tegen de beschikking", PlanActionOwner.Resident, null, null, null, _time.GetUtcNow());
        var other = @case.AddAction(goal, "Samen de post openen", PlanActionOwner.Supporter, null, null, null, _time.GetUtcNow());
        var (handover, _) = @case.ProposeHandover(Up(partial: true, domains: ["financien-inkomen"], actions: [action.Id]), ["financien-inkomen", "wonen"], [action.Id, other.Id], [], Volunteer, _time.GetUtcNow());

        var participant = @case.AcceptHandover(handover, Professional, [action, other], _time.GetUtcNow());

        Assert.NotNull(participant);
        Assert.Equal(["financien-inkomen"], participant.LifeDomainCodes);
        Assert.Equal(Volunteer, @case.SupporterId);
        Assert.Equal(PlanActionOwner.Supporter, action.Owner);
        Assert.Equal(Professional, action.OwnerSupporterId);
        Assert.Equal(Volunteer, other.OwnerSupporterId);
    }

    [Fact]
    public void Scaling_a_part_that_is_not_in_the_case_is_refused()
    {
        var (@case, _) = OpenCase();
        var version = @case.Version;
        var e = Assert.Throws<DomainException>(() => @case.ProposeHandover(Up(partial: true, domains: ["veiligheid"]), ["wonen"], [], [], Volunteer, _time.GetUtcNow()));
        Assert.Contains("hoort niet bij deze casus", e.Dutch, StringComparison.Ordinal);
        Assert.Throws<DomainException>(() => @case.ProposeHandover(Up(partial: true, actions: [Guid.NewGuid()]), ["wonen"], [], [], Volunteer, _time.GetUtcNow()));
        Assert.Throws<DomainException>(() => @case.ProposeHandover(Up(partial: true), ["wonen"], [], [], Volunteer, _time.GetUtcNow()));
        Assert.Equal(version, @case.Version);
    }

    /// <summary>The resident being at the warm handover does not overwrite how they said yes ("mondeling" stays "mondeling").</summary>
    [Fact]
    public void Handover_consent_keeps_the_chosen_way_even_when_the_resident_is_present()
    {
        var (@case, _) = OpenCase();
        var proposal = Up(parts: SharedParts.Plan) with { ResidentPresent = true, ConsentHow = ConsentGivenHow.Verbal };

        var (_, consent) = @case.ProposeHandover(proposal, ["wonen"], [], [], Volunteer, _time.GetUtcNow());

        Assert.NotNull(consent);
        Assert.Equal(ConsentGivenHow.Verbal, consent.How);
    }

    /// <summary>A contact on the day before the case opened was let through (a day's slack); the opening day is the first allowed.</summary>
    [Fact]
    public void A_contact_dated_before_the_case_started_is_refused_and_changes_nothing()
    {
        var (@case, request) = OpenCase();
        var openedDay = new DateTimeOffset(@case.OpenedAt.UtcDateTime.Date, TimeSpan.Zero);
        var version = @case.Version;

        var e = Assert.Throws<DomainException>(() => @case.RecordContact(request, openedDay.AddMinutes(-1), ContactMode.Phone, 30, null, Volunteer, _time.GetUtcNow()));

        Assert.Contains("voor het begin van de casus", e.Dutch, StringComparison.Ordinal);
        Assert.Contains(openedDay.ToString("d-M-yyyy", System.Globalization.CultureInfo.InvariantCulture), e.Dutch, StringComparison.Ordinal);
        Assert.Equal(version, @case.Version);
        Assert.Null(@case.FirstContactAt);
        // Earlier on the opening day itself is fine: a date without a time counts as that day.
        @case.RecordContact(request, openedDay.AddMinutes(1), ContactMode.Phone, 30, null, Volunteer, _time.GetUtcNow());
    }

    [Fact]
    public void Directions_need_the_right_kinds_of_supporter()
    {
        var (@case, _) = OpenCase();
        var toVolunteer = Up() with { ReceiverKind = SupporterKind.Volunteer };
        Assert.Throws<DomainException>(() => @case.ProposeHandover(toVolunteer, ["wonen"], [], [], Volunteer, _time.GetUtcNow()));
        var down = Up() with { Direction = HandoverDirection.FormalToInformal, Criteria = ["lichter"] };
        Assert.Throws<DomainException>(() => @case.ProposeHandover(down, ["wonen"], [], [], Volunteer, _time.GetUtcNow()));
        var wrongCriterion = Up() with { Criteria = ["lichter"] };
        Assert.Throws<DomainException>(() => @case.ProposeHandover(wrongCriterion, ["wonen"], [], [], Volunteer, _time.GetUtcNow()));
        var noReason = Up() with { Criteria = [] };
        Assert.Throws<DomainException>(() => @case.ProposeHandover(noReason, ["wonen"], [], [], Volunteer, _time.GetUtcNow()));
    }

    [Fact]
    public void Accepting_a_withdrawn_or_declined_handover_is_refused_and_its_consent_ends()
    {
        var (@case, _) = OpenCase();
        var (handover, consent) = @case.ProposeHandover(Up(parts: SharedParts.Plan), ["wonen"], [], [], Volunteer, _time.GetUtcNow());
        handover.Withdraw(_time.GetUtcNow(), consent);
        Assert.False(consent!.IsActive);
        var e = Assert.Throws<DomainException>(() => @case.AcceptHandover(handover, Professional, [], _time.GetUtcNow()));
        Assert.Contains("niet meer open", e.Dutch, StringComparison.Ordinal);
        Assert.Equal(Volunteer, @case.SupporterId);

        var (second, secondConsent) = @case.ProposeHandover(Up(parts: SharedParts.Plan), ["wonen"], [], [handover], Volunteer, _time.GetUtcNow());
        Assert.Throws<DomainException>(() => second.Decline(Guid.NewGuid(), "Niet mijn casus", _time.GetUtcNow(), secondConsent));
        Assert.Throws<DomainException>(() => second.Decline(Professional, " ", _time.GetUtcNow(), secondConsent));
        second.Decline(Professional, "Geen ruimte deze maand", _time.GetUtcNow(), secondConsent);
        Assert.False(secondConsent!.IsActive);
        Assert.Throws<DomainException>(() => @case.AcceptHandover(second, Professional, [], _time.GetUtcNow()));
    }

    [Fact]
    public void Only_one_open_whole_handover_at_a_time()
    {
        var (@case, _) = OpenCase();
        var (first, _) = @case.ProposeHandover(Up(), ["wonen"], [], [], Volunteer, _time.GetUtcNow());
        var other = Up() with { ToSupporterId = Guid.NewGuid() };
        Assert.Throws<DomainException>(() => @case.ProposeHandover(other, ["wonen"], [], [first], Volunteer, _time.GetUtcNow()));
    }

    [Fact]
    public void Consent_covers_only_its_parts_and_life_domains_and_stops_when_withdrawn()
    {
        var consent = CaseConsent.Give(Guid.NewGuid(), Professional, FormalOrg, SharedParts.Plan | SharedParts.Network, ["wonen"], "inwoner", ConsentGivenHow.Written, Volunteer, Start);
        Assert.True(consent.Covers(SharedParts.Plan, "wonen"));
        Assert.False(consent.Covers(SharedParts.Plan, "financien-inkomen"));
        Assert.False(consent.Covers(SharedParts.ContactsAndNotes, "wonen"));
        var visibility = CaseVisibility.Limited([consent]);
        Assert.True(visibility.Sees(SharedParts.Network, "wonen"));
        Assert.False(visibility.Sees(SharedParts.ContactDetails));

        consent.Withdraw("resident", Start.AddDays(1));
        Assert.False(CaseVisibility.Limited([consent]).Sees(SharedParts.Plan, "wonen"));
        Assert.Throws<DomainException>(() => consent.Withdraw("resident", Start.AddDays(2)));
        Assert.Throws<DomainException>(() => CaseConsent.Give(Guid.NewGuid(), null, FormalOrg, SharedParts.None, [], "inwoner", ConsentGivenHow.Verbal, null, Start));
    }

    [Fact]
    public void An_informal_supporter_who_took_over_sees_what_came_before_only_with_consent()
    {
        var since = Start.AddDays(10);
        var visibility = CaseVisibility.Limited([], since);
        Assert.False(visibility.Sees(SharedParts.ContactsAndNotes, null, Start.AddDays(1)));
        Assert.True(visibility.Sees(SharedParts.ContactsAndNotes, null, Start.AddDays(11)));
        Assert.True(CaseVisibility.Full.Sees(SharedParts.ContactsAndNotes, null, Start));
    }

    [Fact]
    public void Closing_with_an_open_part_is_refused_and_changes_nothing_until_the_part_is_finished()
    {
        var (@case, request) = OpenCase();
        var followUpOn = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime).AddMonths(3);
        var part = new CaseParticipant { Id = Guid.NewGuid(), CaseId = @case.Id, SupporterId = Guid.NewGuid(), LifeDomainCodes = ["wonen"], Since = _time.GetUtcNow() };

        var refused = Assert.Throws<DomainException>(() => @case.Close(request, CloseReason.QuestionAnswered, 4, followUpOn, ["Piet Professional"], _time.GetUtcNow()));
        Assert.Contains("Piet Professional werkt nog aan een deel", refused.Dutch, StringComparison.Ordinal);
        Assert.Equal(CaseStatus.Open, @case.Status);
        Assert.NotEqual(HelpRequestStatus.Closed, request.Status);

        @case.FinishPart(part, _time.GetUtcNow());
        Assert.NotNull(part.EndedAt);
        Assert.Throws<DomainException>(() => @case.FinishPart(part, _time.GetUtcNow()));
        @case.Close(request, CloseReason.QuestionAnswered, 4, followUpOn, [], _time.GetUtcNow());
        Assert.Equal(CaseStatus.Closed, @case.Status);
    }

    [Fact]
    public void Closing_plans_a_waakvlam_and_the_job_makes_the_task_on_its_date()
    {
        var (@case, request) = OpenCase();
        var followUpOn = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime).AddMonths(3);
        var followUp = @case.Close(request, CloseReason.QuestionAnswered, 4, followUpOn, [], _time.GetUtcNow());
        Assert.Equal(CaseStatus.Closed, @case.Status);
        Assert.Equal(HelpRequestStatus.Closed, request.Status);
        Assert.Throws<DomainException>(() => @case.Close(request, CloseReason.QuestionAnswered, 4, followUpOn, [], _time.GetUtcNow()));

        _time.Advance(TimeSpan.FromDays(60));
        Assert.False(followUp.MakeTaskIfDue(_time.GetUtcNow()));
        _time.SetUtcNow(new DateTimeOffset(followUpOn.ToDateTime(new TimeOnly(6, 0)), TimeSpan.Zero));
        Assert.True(followUp.MakeTaskIfDue(_time.GetUtcNow()));
        Assert.False(followUp.MakeTaskIfDue(_time.GetUtcNow()));
    }

    [Fact]
    public void Help_again_reopens_the_closed_case_with_the_same_supporter()
    {
        var (@case, request) = OpenCase();
        @case.Close(request, CloseReason.QuestionAnswered, null, DateOnly.FromDateTime(Start.UtcDateTime).AddMonths(3), [], _time.GetUtcNow());
        Assert.Throws<DomainException>(() => OpenCase().Case.Reopen(request, _time.GetUtcNow()));

        _time.Advance(TimeSpan.FromDays(40));
        request.RequestHelpAgain(_time.GetUtcNow());
        @case.Reopen(request, _time.GetUtcNow());

        Assert.Equal(CaseStatus.Open, @case.Status);
        Assert.Null(@case.ClosedAt);
        Assert.Equal(Volunteer, request.MatchedSupporterId);
        Assert.Equal(HelpRequestStatus.Matched, request.Status);
        Assert.Equal(_time.GetUtcNow(), @case.ReopenedAt);
    }

    [Fact]
    public void Plan_actions_need_an_owner_and_a_sensible_date_and_change_the_version()
    {
        var (@case, _) = OpenCase();
        var goal = @case.AddGoal("wonen", "Een betaalbare woning", Volunteer, _time.GetUtcNow());
        var version = @case.Version;
        Assert.Throws<DomainException>(() => @case.AddAction(goal, "Bellen met de corporatie", PlanActionOwner.OtherOrganization, null, null, null, _time.GetUtcNow()));
        Assert.Throws<DomainException>(() => @case.AddAction(goal, "Iets", PlanActionOwner.Resident, null, null, DateOnly.FromDateTime(Start.UtcDateTime).AddYears(3), _time.GetUtcNow()));
        Assert.Throws<DomainException>(() => @case.AddAction(goal, "  ", PlanActionOwner.Resident, null, null, null, _time.GetUtcNow()));
        Assert.Equal(version, @case.Version);
        var action = @case.AddAction(goal, "Inschrijven bij de corporatie", PlanActionOwner.NetworkMember, "Dochter Sanne", null, DateOnly.FromDateTime(Start.UtcDateTime).AddDays(14), _time.GetUtcNow());
        Assert.NotEqual(version, @case.Version);
        @case.SetActionStatus(action, PlanActionStatus.Done, _time.GetUtcNow());
        Assert.Equal(PlanActionStatus.Done, action.Status);
        var foreign = new Goal();
        Assert.Throws<DomainException>(() => @case.AddAction(foreign.Value, "x", PlanActionOwner.Resident, null, null, null, _time.GetUtcNow()));
    }

    [Fact]
    public void Outreach_calls_are_for_open_cases_and_cases_closed_within_a_year()
    {
        var (@case, request) = OpenCase();
        var call = @case.RecordOutreachCall(10, "Even gebeld", Volunteer, _time.GetUtcNow());
        Assert.True(call.IsOutreach);
        @case.Close(request, CloseReason.QuestionAnswered, null, DateOnly.FromDateTime(Start.UtcDateTime).AddMonths(3), [], _time.GetUtcNow());
        _time.Advance(TimeSpan.FromDays(200));
        Assert.NotNull(@case.RecordOutreachCall(5, null, Volunteer, _time.GetUtcNow()));
        _time.Advance(TimeSpan.FromDays(200));
        Assert.Throws<DomainException>(() => @case.RecordOutreachCall(5, null, Volunteer, _time.GetUtcNow()));
    }

    [Fact]
    public void A_request_waits_in_its_intake_queues_exactly_while_it_is_received()
    {
        var request = new HelpRequest { Id = Guid.NewGuid(), ReferenceCode = "MD-TEST-0002", ResidentId = Guid.NewGuid(), Status = HelpRequestStatus.Received, ReceivedAt = Start };
        request.IntakeAssignments.AddRange([
            new IntakeAssignment { HelpRequestId = request.Id, OrganizationId = VolunteerOrg, Waiting = true },
            new IntakeAssignment { HelpRequestId = request.Id, OrganizationId = FormalOrg, Waiting = true }]);

        request.Match(VolunteerOrg, Volunteer, _time.GetUtcNow());
        Assert.All(request.IntakeAssignments, a => Assert.False(a.Waiting));

        request.Withdraw(_time.GetUtcNow());
        Assert.All(request.IntakeAssignments, a => Assert.False(a.Waiting));

        request.RequestHelpAgain(_time.GetUtcNow());
        Assert.All(request.IntakeAssignments, a => Assert.True(a.Waiting));

        request.Decline("Past niet bij ons", _time.GetUtcNow());
        Assert.All(request.IntakeAssignments, a => Assert.False(a.Waiting));
    }

    private sealed class Goal
    {
        public PlanGoal Value { get; } = new() { Id = Guid.NewGuid(), CaseId = Guid.NewGuid(), LifeDomainCode = "wonen", Text = "Elders" };
    }
}
