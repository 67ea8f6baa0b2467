"""The year's printable registers as PDF: the register of interests (DOMAIN.md §4), the
membership list (§1, 000 §9.3) and the annual report pack (§4, §5, §7).

Each is worded here as a `document.Document` and drawn by the minutes' own PDF renderer
(export/minutes_pdf.py), so every printed page of the application looks alike, embeds
the same Unicode fonts and escapes every piece of typed text: a name such as
``<font color=red>`` is printed as those characters, never obeyed.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from clerk_app.export import document as d
from clerk_app.export.files import write_private_file
from clerk_app.export.minutes_pdf import render_pdf
from clerk_app.export.year_data import (
    AnnualReport,
    InterestsRegister,
    MembershipList,
    YearReport,
)
from clerk_app.export.year_words import counted_words, deputy_words, percent, status_words
from clerk_app.rules.vocabulary import YearMeetingState


def _day(day: date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else ""


def _short(day: date | None) -> str:
    return f"{day.day} {day:%b %Y}" if day else ""


def interests_document(register: InterestsRegister) -> d.Document:
    """Each member's standing interests, with the declarations they made beside them."""
    as_of = _day(register.as_of)
    blocks: list[d.Block] = [
        d.Heading("Register of interests", 1),
        d.Paragraph(d.line(d.bold(register.body_name))),
        d.Paragraph(d.line(f"As at {as_of}. Each member's registered interests, then the "
                           "interests they declared at meetings.")),
    ]
    for member in register.members:
        title = member.name + (f", {member.agency}" if member.agency else "")
        blocks.append(d.Heading(f"{title} — {member.seat}", 3))
        if member.interests:
            blocks.append(d.Table(
                ("Registered interest", "Kind", "From", "Until"),
                tuple((i.description, i.kind_words, _short(i.from_date), _short(i.to_date))
                      for i in member.interests),
                (0.52, 0.2, 0.14, 0.14)))
        else:
            blocks.append(d.Paragraph(d.line("No interests registered."), "note"))
        if member.declarations:
            blocks.append(d.Table(
                ("Declared at", "Item", "Interest declared", "Effect"),
                tuple((_short(x.meeting_date), x.item_words, x.description or x.kind_words,
                       x.effect_words) for x in member.declarations),
                (0.14, 0.3, 0.32, 0.24)))
        else:
            blocks.append(d.Paragraph(d.line("No declarations at meetings."), "note"))
    return d.Document(title=f"Register of interests — {register.body_name}",
                      footer=f"{register.body_name} — register of interests, "
                             f"{_short(register.as_of)}",
                      blocks=tuple(blocks))


def membership_document(members: MembershipList) -> d.Document:
    """Seats by category with holders, substitutes and vacancies; offices and terms."""
    as_of = _day(members.as_of)
    filled = len(members.seats) - members.vacancies
    blocks: list[d.Block] = [
        d.Heading("Membership list", 1),
        d.Paragraph(d.line(d.bold(members.body_name))),
        d.Paragraph(d.line(f"As at {as_of}: {len(members.seats)} seats, {filled} filled, "
                           f"{members.vacancies} vacant.")),
        d.Heading("Offices"),
        d.Table(("Office", "Held by", "Term"),
                tuple((o.office, o.holder or "Not filled", o.term_words)
                      for o in members.offices),
                (0.22, 0.36, 0.42)),
        d.Heading("Seats"),
        d.Table(("Category", "Seat", "Member", "Agency", "Named substitute", "Since",
                 "Signed"),
                tuple((s.category + ("" if s.voting else " (non-voting)"), s.seat_label,
                       s.holder or "Vacancy", s.agency, s.substitute, _short(s.since),
                       _short(s.agreement_signed_on)) for s in members.seats),
                (0.13, 0.18, 0.18, 0.15, 0.16, 0.095, 0.105)),
        d.Paragraph(d.line("Since: member from. Signed: the date the member signed the "
                           "body's partner agency agreement, where it has one."), "note"),
    ]
    return d.Document(title=f"Membership list — {members.body_name}",
                      footer=f"{members.body_name} — membership list as at {as_of}",
                      blocks=tuple(blocks))


def _meetings_section(year: YearReport) -> list[d.Block]:
    """The meetings held, still to come, cancelled and never opened in the record."""
    held = [m for m in year.meetings if m.state == YearMeetingState.HELD]
    cancelled = [m for m in year.meetings if m.state == YearMeetingState.CANCELLED]
    return [
        d.Heading("Meetings"),
        d.Paragraph(d.line(
            f"{len(held)} held" + (f": {', '.join(_short(m.date) for m in held)}" if held
                                   else "") + "."
            + (f" {year.to_come} still to come." if year.to_come else "")
            + (f" Cancelled, and left out of attendance: "
               f"{', '.join(_short(m.date) for m in cancelled)}." if cancelled else ""))),
        *([d.Paragraph(d.line(
            "Never opened in the record, so everyone is counted absent: "
            f"{', '.join(_short(m.date) for m in year.unrecorded)}."), "note")]
          if year.unrecorded else []),
    ]


def _attendance_section(year: YearReport) -> list[d.Block]:
    """The threshold, and each member's year against it."""
    source = f" ({year.threshold_source})" if year.threshold_source else ""
    return [
        d.Heading("Attendance"),
        d.Paragraph(d.line(f"Threshold: {year.threshold_words}{source}. "
                           f"{counted_words(year.threshold)}")),
        # Nine figures do not fit across A4 in words: the deputies go under the standing.
        d.Table(("Member", "Held", "In person", "Remote", "By substitute", "Apologies",
                 "Absent", "Rate", "Standing"),
                tuple((m.name, str(m.stats.held), str(m.stats.present), str(m.stats.remote),
                       str(m.stats.substitute), str(m.stats.apologies), str(m.stats.absent),
                       percent(m.stats.rate), f"{status_words(m)}\nDeputies: {deputy_words(m)}")
                      for m in year.members),
                (0.122, 0.076, 0.1, 0.11, 0.14, 0.132, 0.102, 0.084, 0.134)),
    ]


def _decisions_section(report: AnnualReport) -> list[d.Block]:
    """The decisions of the year, saying how many on exempt items are left out."""
    blocks: list[d.Block] = [d.Heading("Decisions taken")]
    if report.decisions:
        blocks.append(d.Table(("Meeting", "Item", "Decision"),
                              tuple((_short(x.meeting_date), f"{x.item_position}. {x.item_title}",
                                     x.words) for x in report.decisions),
                              (0.13, 0.27, 0.6)))
    else:
        blocks.append(d.Paragraph(d.line("No decisions were recorded this year.")))
    if report.exempt_left_out:
        count = report.exempt_left_out
        blocks.append(d.Paragraph(d.line(
            f"{count} decision{'s' if count != 1 else ''} on exempt items "
            f"{'are' if count != 1 else 'is'} left out: they are in the confidential annexes "
            "of the minutes."), "note"))
    return blocks


def _declarations_section(report: AnnualReport) -> list[d.Block]:
    """The interests declared at the year's meetings."""
    if not report.declarations:
        return [d.Heading("Declarations of interest"),
                d.Paragraph(d.line("No interests were declared at this year's meetings."))]
    return [d.Heading("Declarations of interest"),
            d.Table(("Meeting", "Member", "Item", "Interest declared", "Effect"),
                    tuple((_short(x.meeting_date), x.name, x.item_words,
                           x.description or x.kind_words, x.effect_words)
                          for x in report.declarations),
                    (0.13, 0.2, 0.22, 0.25, 0.2))]


def annual_report_document(report: AnnualReport) -> d.Document:
    """The year's pack: meetings, attendance against the threshold, decisions, declarations."""
    year = report.attendance
    blocks: list[d.Block] = [
        d.Heading(f"Annual report {year.label}", 1),
        d.Paragraph(d.line(d.bold(year.body_name))),
        d.Paragraph(d.line(f"The year from {year.span}, as recorded on "
                           f"{_day(year.today)}.")),
        *_meetings_section(year),
        *_attendance_section(year),
        *_decisions_section(report),
        *_declarations_section(report),
    ]
    return d.Document(title=f"Annual report {year.label} — {year.body_name}",
                      footer=f"{year.body_name} — annual report {year.label}",
                      blocks=tuple(blocks))


def interests_register_pdf(path: Path | str, register: InterestsRegister) -> Path:
    return write_private_file(path, render_pdf(interests_document(register)))


def membership_list_pdf(path: Path | str, members: MembershipList) -> Path:
    return write_private_file(path, render_pdf(membership_document(members)))


def annual_report_pdf(path: Path | str, report: AnnualReport) -> Path:
    return write_private_file(path, render_pdf(annual_report_document(report)))
