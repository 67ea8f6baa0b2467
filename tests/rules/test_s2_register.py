"""DOMAIN.md §2 The register: what coming back into the room records."""

from __future__ import annotations

from clerk_app.rules.register import back_in_the_room
from clerk_app.rules.vocabulary import AttendanceKind, RegisterState


def test_back_in_the_room_after_withdrawing_or_leaving():
    assert back_in_the_room(True, RegisterState.PRESENT) is AttendanceKind.RETURN
    assert back_in_the_room(False, RegisterState.LEFT) is AttendanceKind.ARRIVE
    # Withdrawn from the item, then left the meeting: back to the item first.
    assert back_in_the_room(True, RegisterState.LEFT) is AttendanceKind.RETURN
    for state in (RegisterState.PRESENT, RegisterState.EXPECTED, RegisterState.APOLOGIES):
        assert back_in_the_room(False, state) is None
