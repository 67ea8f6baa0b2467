"""A body's rules in words, for Help › This body's rules in words (DOMAIN.md §1-§9).

Read from the same rows the body set-up shows (services/body_setup.py), grouped as a
clerk reads a constitution: who sits, the quorum, who chairs, votes, declarations,
substitutes, attendance, deadlines, the public and remote attendance. Each line keeps
its source as the document's title (presets.readable_source) and says when it is
assumed and waits for the clerk to confirm it. The words are plain text: showing them
is the screen's business, and the clerk's names are never markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Engine

from clerk_app.rules.vocabulary import SettingKey
from clerk_app.services import body_setup
from clerk_app.services.body_setup import BodySetup, CategoryRow, OfficeRow
from clerk_app.services.constitution import SettingRow, known_setting
from clerk_app.services.presets import readable_source

ASSUMED = "assumed — please confirm"

# The settings under each heading, in the order a clerk reads them; a setting in none of
# them (one this list does not know yet) is shown under "Other settings", never dropped.
SETTING_SECTIONS: tuple[tuple[str, tuple[SettingKey, ...]], ...] = (
    ("Quorum", (SettingKey.QUORUM, SettingKey.QUORUM_PERSON_FILLS_EVERY_GROUP,
                SettingKey.QUORUM_SUBSTITUTE_FILLS_OFFICE)),
    ("Votes", (SettingKey.CASTING_VOTE, SettingKey.CHAIR_ORDINARY_VOTE,
               SettingKey.CHAIR_VOTES_ONLY_TO_CHANGE_RESULT, SettingKey.MAJORITY)),
    ("Declarations of interest", (SettingKey.DECLARATION_EFFECTS,)),
    ("Substitutes", (SettingKey.SUBSTITUTES, SettingKey.DEPUTY_LIMIT_PER_YEAR,
                     SettingKey.SUBSTITUTE_COUNTS_AS_ATTENDANCE)),
    ("Attendance", (SettingKey.ATTENDANCE_THRESHOLD, SettingKey.ATTENDANCE_YEAR_START_MONTH)),
    ("Meetings and deadlines", (SettingKey.MEETING_FREQUENCY_MONTHS,
                                SettingKey.DISPATCH_WORKING_DAYS, SettingKey.DISPATCH_COUNTING,
                                SettingKey.MINUTES_DUE_DAYS, SettingKey.MINUTE_NUMBERING)),
    ("The public and remote attendance", (SettingKey.MEETINGS_OPEN_TO_PUBLIC,
                                          SettingKey.REMOTE_ATTENDANCE)),
)


@dataclass(frozen=True)
class RuleLine:
    """One rule: what it says, why (the clerk's or the preset's note), where it comes
    from, and whether it is assumed and still to be confirmed."""

    text: str
    detail: str = ""
    source: str = ""
    assumed: bool = False


@dataclass(frozen=True)
class RuleSection:
    title: str
    lines: tuple[RuleLine, ...]


@dataclass(frozen=True)
class BodyRulesInWords:
    name: str
    description: str
    sections: tuple[RuleSection, ...]

    def as_text(self) -> str:
        """The whole page as plain text, to read, copy or search."""
        out = [self.name]
        if self.description:
            out.append(self.description)
        for section in self.sections:
            out += ["", section.title.upper()]
            for line in section.lines:
                out.append(f"- {line.text}" + (f" ({ASSUMED})" if line.assumed else ""))
                if line.detail:
                    out.append(f"    {line.detail}")
                if line.source:
                    out.append(f"    Source: {line.source}")
        return "\n".join(out)


def rules_in_words(engine: Engine, body_id: int) -> BodyRulesInWords:
    """The body's constitution as a readable page. Raises NotFound for no such body."""
    setup = body_setup.body_setup(engine, body_id)
    name = f"{setup.name} ({setup.short_name})" if setup.short_name else setup.name
    offices = tuple(_office_line(office) for office in setup.offices)
    quorum, *others = _settings(setup)
    sections = [_who_sits(setup), quorum, RuleSection("Chair and Vice-Chair", offices or (
        RuleLine("No offices are set up for this body."),)), *others]
    return BodyRulesInWords(name, setup.description, tuple(s for s in sections if s.lines))


def _who_sits(setup: BodySetup) -> RuleSection:
    voting = sum(c.seats for c in setup.categories if c.voting)
    summary = (f"{_count(setup.seats, 'seat')} in {_count(len(setup.categories), 'category')}: "
               f"{voting} with a vote, {setup.seats - voting} without; "
               f"{_count(len(setup.members), 'member')} seated, "
               f"{_count(setup.vacancies, 'vacancy')}.")
    return RuleSection("Who sits", (RuleLine(summary),
                                    *(_category_line(c) for c in setup.categories)))


def _category_line(category: CategoryRow) -> RuleLine:
    if category.voting:
        vote = "with a vote, counting for quorum"
    else:
        vote = "no vote, not counting for quorum (observer or adviser)"
    core = "" if category.core else ", not a core member"
    filled = category.seats - category.vacancies
    text = (f"{category.name}: {_count(category.seats, 'seat')}, {vote}{core}; "
            f"{filled} filled.")
    return RuleLine(text, readable_source(category.notes), readable_source(category.source),
                    category.assumed)


def _office_line(office: OfficeRow) -> RuleLine:
    rules = "; ".join(office.eligibility)
    term = f" Term: {office.term_months} months." if office.term_months else ""
    holder = (f" Held by {office.holder.name}." if office.holder
              else " Nobody holds it now.")
    return RuleLine(f"{office.name}: {rules}.{term}{holder}",
                    source=readable_source(office.source), assumed=office.assumed)


def _settings(setup: BodySetup) -> list[RuleSection]:
    rows = {known_setting(row.key) or row.key: row for row in setup.settings}
    sections = []
    for title, keys in SETTING_SECTIONS:
        sections.append(RuleSection(title, tuple(_setting_line(rows.pop(key))
                                                 for key in keys if key in rows)))
    sections.append(RuleSection("Other settings", tuple(_setting_line(row)
                                                        for row in rows.values())))
    return sections


def _setting_line(row: SettingRow) -> RuleLine:
    return RuleLine(f"{row.label}: {row.text}", readable_source(row.note),
                    readable_source(row.source), row.needs_confirming)


def _count(n: int, noun: str) -> str:
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{n} {noun if n == 1 else plural}"
