"""DOMAIN.md §9 "Remote attendance" in the pure rules: a member on a video link counts for
quorum and votes only where the body counts remote attendance, and toward the attendance
expectation (§7) on the same terms."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from clerk_app.rules.attendance import MeetingMark, Status, Threshold, year_stats
from clerk_app.rules.eligibility import REMOTE_NOT_COUNTED, eligible_voters, presiding_member
from clerk_app.rules.quorum import QuorumRule, evaluate_quorum
from clerk_app.rules.roster import Attendee
from clerk_app.rules.vocabulary import Capacity, Mark


def member(person_id: int, name: str, **kw) -> Attendee:
    return Attendee(person_id, name, Capacity.MEMBER, "education", **kw)


def test_s9_a_remote_member_counts_only_where_the_body_counts_remote_attendance():
    on_video = member(1, "A. Remote", remote=True)
    counted = member(1, "A. Remote", remote=True, remote_counted=True)
    assert on_video.remote_uncounted and not on_video.counts_for_quorum
    assert not on_video.may_vote
    assert counted.counts_for_quorum and counted.may_vote
    # Having left the call, they are simply not in the meeting.
    assert not member(1, "A. Remote", remote=True, in_room=False).remote_uncounted


def test_s9_head_count_quorum_and_the_reasons_name_the_remote_member():
    rule = QuorumRule.from_setting({"head_count": 3})
    people = [member(1, "In Room"), member(2, "Also Here"), member(3, "On Video", remote=True)]
    result = evaluate_quorum(rule, people, 7, 7)
    assert not result.quorate and result.counting == ("In Room", "Also Here")
    assert result.remote_not_counted == ("On Video",)
    assert "Attending remotely, not counted (the body's setting): On Video" in \
        result.explanation()
    counted = [*people[:2], member(3, "On Video", remote=True, remote_counted=True)]
    assert evaluate_quorum(rule, counted, 7, 7).quorate


def test_s9_the_vote_screen_reason_and_who_presides():
    chair = member(1, "The Chair", remote=True, offices=frozenset({"chair"}))
    vice = member(2, "The Vice", offices=frozenset({"vice_chair"}))
    split = eligible_voters([chair, vice])
    assert [(i.name, i.reason) for i in split.ineligible] == [("The Chair", REMOTE_NOT_COUNTED)]
    presiding = presiding_member([chair, vice])
    assert presiding.name == "The Vice"
    assert "attending remotely" in presiding.reason


def test_s9_attendance_year_counts_remote_meetings_only_when_counted():
    marks = [MeetingMark(date(2026, month, 1), mark) for month, mark in (
        (6, Mark.PRESENT), (9, Mark.REMOTE), (12, Mark.REMOTE), (3, Mark.PRESENT))]
    recorded = year_stats(marks, Threshold(Fraction(3, 4)))
    assert (recorded.present, recorded.remote, recorded.attended) == (2, 2, 2)
    assert recorded.status is Status.MISSED
    counted = year_stats(marks, Threshold(Fraction(3, 4), remote_counts=True))
    assert counted.attended == 4 and counted.status is Status.MET
