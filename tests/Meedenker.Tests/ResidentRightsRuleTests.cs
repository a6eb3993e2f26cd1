using Meedenker.Domain;
using Microsoft.Extensions.Time.Testing;

namespace Meedenker.Tests;

/// <summary>The rules of the resident's one-time code and of privacy requests, with a clock the test moves.</summary>
public sealed class ResidentRightsRuleTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_code_works_once_and_only_within_its_time()
    {
        var gate = new OwnViewAccess { HelpRequestId = Guid.NewGuid() };
        var code = gate.Issue(OwnViewCodeChannel.Email, _time.GetUtcNow());
        Assert.Matches("^[0-9]{6}$", code);
        Assert.NotEqual(code, gate.CodeHash);
        Assert.Equal(OwnViewCodeResult.Accepted, gate.Verify($" {code[..3]} {code[3..]} ", _time.GetUtcNow()));
        Assert.Equal(OwnViewCodeResult.Refused, gate.Verify(code, _time.GetUtcNow()));

        _time.Advance(OwnViewAccess.ResendAfter);
        var late = gate.Issue(OwnViewCodeChannel.Email, _time.GetUtcNow());
        _time.Advance(OwnViewAccess.SentCodeValidFor + TimeSpan.FromSeconds(1));
        Assert.Equal(OwnViewCodeResult.Refused, gate.Verify(late, _time.GetUtcNow()));
    }

    [Fact]
    public void A_handed_over_code_lasts_a_week_and_a_new_code_voids_the_old_one()
    {
        var gate = new OwnViewAccess { HelpRequestId = Guid.NewGuid() };
        var first = gate.Issue(OwnViewCodeChannel.HandedOver, _time.GetUtcNow());
        var second = gate.Issue(OwnViewCodeChannel.HandedOver, _time.GetUtcNow());
        _time.Advance(TimeSpan.FromDays(6));
        if (first != second)
        {
            Assert.Equal(OwnViewCodeResult.Refused, gate.Verify(first, _time.GetUtcNow()));
        }
        Assert.Equal(OwnViewCodeResult.Accepted, gate.Verify(second, _time.GetUtcNow()));
    }

    [Fact]
    public void Three_wrong_codes_lock_the_route_void_the_code_and_stop_new_codes_until_the_lock_ends()
    {
        var gate = new OwnViewAccess { HelpRequestId = Guid.NewGuid() };
        var code = gate.Issue(OwnViewCodeChannel.Email, _time.GetUtcNow());
        var wrong = code == "123456" ? "654321" : "123456";
        Assert.Equal(OwnViewCodeResult.Refused, gate.Verify(wrong, _time.GetUtcNow()));
        Assert.Equal(OwnViewCodeResult.Refused, gate.Verify("", _time.GetUtcNow()));
        Assert.Equal(OwnViewCodeResult.Locked, gate.Verify(wrong, _time.GetUtcNow()));
        Assert.Equal(OwnViewCodeResult.Locked, gate.Verify(code, _time.GetUtcNow()));
        Assert.False(gate.MaySend(_time.GetUtcNow()));
        Assert.Throws<DomainException>(() => gate.Issue(OwnViewCodeChannel.Email, _time.GetUtcNow()));

        _time.Advance(OwnViewAccess.LockFor);
        Assert.True(gate.MaySend(_time.GetUtcNow()));
        Assert.Equal(OwnViewCodeResult.Refused, gate.Verify(code, _time.GetUtcNow()));
        var fresh = gate.Issue(OwnViewCodeChannel.Email, _time.GetUtcNow());
        Assert.Equal(OwnViewCodeResult.Accepted, gate.Verify(fresh, _time.GetUtcNow()));
    }

    [Fact]
    public void Codes_are_not_sent_more_than_once_a_minute()
    {
        var gate = new OwnViewAccess { HelpRequestId = Guid.NewGuid() };
        gate.Issue(OwnViewCodeChannel.Phone, _time.GetUtcNow());
        Assert.False(gate.MaySend(_time.GetUtcNow().AddSeconds(30)));
        Assert.True(gate.MaySend(_time.GetUtcNow().Add(OwnViewAccess.ResendAfter)));
    }

    [Fact]
    public void A_privacy_request_is_due_in_a_month_and_is_handled_once_with_a_reason_for_a_refusal()
    {
        var correctionWithoutText = Assert.Throws<DomainException>(() =>
            PrivacyRequest.Submit(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), PrivacyRequestKind.Correction, " ", _time.GetUtcNow()));
        Assert.Contains("wat er niet klopt", correctionWithoutText.Dutch, StringComparison.Ordinal);
        Assert.Throws<DomainException>(() => PrivacyRequest.Submit(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), (PrivacyRequestKind)9, "x", _time.GetUtcNow()));

        var request = PrivacyRequest.Submit(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), PrivacyRequestKind.Erasure, null, _time.GetUtcNow());
        Assert.Equal(new DateOnly(2026, 12, 25), request.DueOn);
        Assert.False(request.IsOverdue(new DateOnly(2026, 12, 25)));
        Assert.True(request.IsOverdue(new DateOnly(2026, 12, 26)));

        Assert.Throws<DomainException>(() => request.Handle(PrivacyRequestOutcome.Refused, "  ", Guid.NewGuid(), _time.GetUtcNow()));
        Assert.True(request.IsOpen);
        request.Handle(PrivacyRequestOutcome.Refused, "Er loopt nog een klacht.", Guid.NewGuid(), _time.GetUtcNow());
        Assert.False(request.IsOverdue(new DateOnly(2027, 1, 30)));
        Assert.Throws<DomainException>(() => request.Handle(PrivacyRequestOutcome.Done, null, Guid.NewGuid(), _time.GetUtcNow()));
    }

    [Fact]
    public void Erasing_case_work_keeps_the_codes_and_scores_the_monitor_counts()
    {
        var question = new CaseQuestion { Id = Guid.NewGuid(), LifeDomainCode = "wonen", LawCodes = ["wmo"], Text = "Huur van Jan" };
        question.Erase();
        Assert.Equal("", question.Text);
        Assert.Equal(["wmo"], question.LawCodes);
        var member = new NetworkMember { Id = Guid.NewGuid(), Kind = NetworkMemberKind.Person, Name = "Jan", Relation = "zoon", WhatTheyDo = "boodschappen" };
        member.Erase();
        Assert.Equal(("", "", null), (member.Name, member.Relation, member.WhatTheyDo));
        Assert.Equal(NetworkMemberKind.Person, member.Kind);
        var experience = ResidentExperience.Record(Guid.NewGuid(), 4, 3, 5, "Dank aan Jan", viaStatusLink: true, _time.GetUtcNow());
        experience.EraseComment();
        Assert.Null(experience.Comment);
        Assert.Equal((4, 3, 5), (experience.Heard, experience.Helped, experience.Manages));
    }
}
