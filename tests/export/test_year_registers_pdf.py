"""The annual report pack as PDF (DOMAIN.md §4, §5, §7): attendance against the
threshold, decisions with exempt ones left out but counted, declarations; typed text
printed as typed; the file readable by its owner only."""

from __future__ import annotations

import stat
from datetime import date

from pypdf import PdfReader

from clerk_app.export.registers_pdf import annual_report_pdf
from clerk_app.services import decisions, meetings, membership, register
from clerk_app.services.meetings import ItemSpec
from clerk_app.services.reports import annual_report
from tests.conftest import at

HOSTILE = "<font color=red>Ahmed</font> & Co"


def test_s7_annual_report_pack_says_what_the_year_held(kent, tmp_path):
    person = membership.add_person(kent.engine, HOSTILE, "Kent Police")
    membership.add_member(kent.engine, kent.body_id, person, "education",
                          start_date=date(2026, 4, 1))
    m = kent.meeting(date(2026, 9, 15), items=(
        ItemSpec("Early help plan"),
        ItemSpec("Staffing", exempt=True, exempt_reason="Information about individuals")))
    for n, key in enumerate(["chair", "police", "yos", "health", "district", "vcs"]):
        register.arrive(kent.engine, m, kent.ids[key], at(9, 50 + n))
    meetings.open_meeting(kent.engine, m, at(10, 0))
    meetings.start_item(kent.engine, m, kent.items[4], at(10, 1))
    decisions.record_decision(kent.engine, kent.items[4], "consensus", "the plan be approved",
                              at=at(10, 10))
    meetings.start_item(kent.engine, m, kent.items[5], at(10, 30), public_excluded=True)
    decisions.declare_interest(kent.engine, kent.items[5], kent.ids["vcs"], "non_pecuniary",
                               "Trustee of a provider", at=at(10, 31))
    decisions.record_decision(kent.engine, kent.items[5], "consensus", "the restructure proceed",
                              at=at(10, 40))
    meetings.close_meeting(kent.engine, m, at(11, 0))
    kent.meeting(date(2026, 10, 13))  # its day passed, never opened

    path = annual_report_pdf(tmp_path / "pack.pdf",
                             annual_report(kent.engine, kent.body_id, 2026, date(2026, 11, 23)))
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())
    assert "Annual report 2026-27" in text
    assert "Threshold: 75% of meetings held (3 of 4)" in text
    assert "Never opened in the record, so everyone is counted absent: 13 Oct 2026." in text
    assert "RESOLVED: that the plan be approved" in text
    assert "the restructure proceed" not in text  # exempt: in the confidential annex
    assert "1 decision on exempt items is left out" in text
    assert "Item 5 (exempt)" in text and "Staffing" not in text
    # Printed, not obeyed (a narrow cell may wrap it, so compare without the spaces).
    assert HOSTILE.replace(" ", "") in text.replace(" ", "")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
