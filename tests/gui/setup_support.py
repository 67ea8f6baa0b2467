"""The guided set-up driven as a clerk would, for the tests that need a body typed in by
hand: the Lincolnshire CYPSP's terms of reference (002 §4.1, DOMAIN.md §1), its categories
named as the document names them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from clerk_app.gui.views.body_setup.setup_wizard import SetUpBodyDialog

TERMS = "Terms of reference 2013/15"
# 002 §4.1: fifteen categories, thirty seats; the LSCB's Independent Chair observes.
LINCOLNSHIRE = [
    ("Director of Children's Services (Chair)", 1),
    ("Lincolnshire County Council Lead Member", 1),
    ("Lincolnshire County Council (adult and Public Health)", 2),
    ("Clinical Commissioning Groups", 4), ("Lincolnshire Police", 1),
    ("Lincolnshire Probation", 1), ("Schools", 4), ("District Councils", 7),
    ("Health Providers", 2), ("Voluntary Sector Forum", 2), ("FE Colleges", 1),
    ("Work based providers", 1),
    ("Independent Chair of the Lincolnshire Safeguarding Children Board", 1),
    ("Economic Development", 1), ("Chair of LPAG (Lincolnshire Participation Action Group)", 1),
]
OBSERVER = "Independent Chair of the Lincolnshire Safeguarding Children Board"



def next_page(qtbot, wizard: SetUpBodyDialog) -> None:
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)


def replace_text(qtbot, field, text: str) -> None:
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)


def type_seats(qtbot, page) -> None:
    qtbot.keyClicks(page.source, f"{TERMS} §4.1")
    for name, seats in LINCOLNSHIRE:
        replace_text(qtbot, page.seats.lineEdit(), str(seats))
        if name == OBSERVER:  # voting members, members without a vote, observers
            qtbot.keyClick(page.kind, Qt.Key.Key_Down)
            qtbot.keyClick(page.kind, Qt.Key.Key_Down)
        qtbot.keyClicks(page.name, name)
        qtbot.keyClick(page.name, Qt.Key.Key_Return)  # adds it, stays on the page
    assert page.total.text() == "30 seats, 29 of them voting."


def verdict_with(qtbot, page, present: dict[str, int]) -> str:
    for name, count in present.items():
        spin = page.spins[next(c["key"] for c in page.draft["categories"] if c["name"] == name)]
        replace_text(qtbot, spin.lineEdit(), str(count))
    return page.verdict.text()


def type_lincolnshire(qtbot, wizard: SetUpBodyDialog) -> None:
    next_page(qtbot, wizard)  # blank is offered first
    assert wizard.currentPage() is wizard.name
    qtbot.keyClick(wizard.name.name, Qt.Key.Key_Return)  # Enter on an empty name
    assert wizard.currentPage() is wizard.name
    assert "body's name is empty" in wizard.name.error.text()
    qtbot.keyClicks(wizard.name.name, "Lincolnshire Children and Young People's Strategic "
                                      "Partnership")
    qtbot.keyClicks(wizard.name.short_name, "Lincolnshire CYPSP")
    qtbot.keyClicks(wizard.name.document, TERMS)
    for agency in ("Lincolnshire County Council", "Lincolnshire Police"):
        qtbot.keyClicks(wizard.name.agency, agency)
        qtbot.keyClick(wizard.name.agency, Qt.Key.Key_Return)
    assert wizard.name.agencies.count() == 2
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)  # no seats yet: refused, saying what to do
    assert wizard.currentPage() is wizard.seats
    assert "at least one category" in wizard.seats.error.text()
    type_seats(qtbot, wizard.seats)
    next_page(qtbot, wizard)
    offices = wizard.offices  # the DCS chairs (002 §4.1)
    dcs = offices.chair_from.boxes["director_of_children_s_services_chair"]
    dcs.setFocus()
    qtbot.keyClick(dcs, Qt.Key.Key_Space)
    qtbot.keyClicks(offices.chair_source, f"{TERMS} §4.1")
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)  # no quorum groups
    assert wizard.currentPage() is wizard.quorum
    check_quorum_preview(qtbot, wizard.quorum)
    next_page(qtbot, wizard)  # the quorum left as offered
    next_page(qtbot, wizard)  # votes and declarations as offered
    attendance = wizard.attendance
    replace_text(qtbot, attendance.threshold, "seventy per cent")
    next_page(qtbot, wizard)
    assert wizard.currentPage() is attendance
    assert "type it like 7/10" in attendance.error.text()
    replace_text(qtbot, attendance.threshold, "7/10")
    attendance.fields[3].source.setFocus()
    qtbot.keyClicks(attendance.fields[3].source, f"{TERMS} §5.1")
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)
    assert wizard.currentPage() is wizard.summary


def check_quorum_preview(qtbot, page) -> None:
    """The rules answer: 10 of the 29 voting seats (a third, rounded up); the observer
    present does not count."""
    assert page.fraction.text() == "1/3"
    text = verdict_with(qtbot, page, {"District Councils": 7, "Schools": 2, OBSERVER: 1})
    assert text.startswith("Not quorate, because"), text
    assert "1 more" in text
    assert verdict_with(qtbot, page, {"Schools": 3}).startswith("Quorate")
