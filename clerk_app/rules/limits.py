"""The longest text the record keeps, by kind: one definition for the record file's
schema, the services that store text and the widgets that take it.

Each limit is far beyond what a clerk types (the longest agency name in the seeds is
under 100 characters; a long agenda item's notes run to a few thousand) and small enough
that a record holding it everywhere still exports in seconds: a 50 MB venue once made the
agenda PDF run for minutes.
"""

from __future__ import annotations

from enum import Enum


class TextKind(Enum):
    """A kind of text; its value is the most characters the record keeps of it."""

    CODE = 200  # written by the application: keys, references, dates, times
    NAME = 500  # a person, an agency, a body, a seat, an office, a candidate
    TEXT = 10_000  # a title, a venue, a summary, a description, a reason, a short note
    NOTES = 200_000  # an item's notes, the text of a decision, a motion or a correction

    @property
    def limit(self) -> int:
        return self.value


_CODE = TextKind.CODE
_NAME = TextKind.NAME
_TEXT = TextKind.TEXT
_NOTES = TextKind.NOTES

# The kind of every text column, by its name (the record file uses the same names); a
# name means the same kind of text in every table.
FIELD_KINDS: dict[str, TextKind] = {
    **dict.fromkeys((
        "id", "key", "preset_key", "seed", "generator", "office", "action", "date",
        "start_time", "end_time", "at", "only_categories", "not_same_agency_as", "uuid",
    ), _CODE),
    **dict.fromkeys((
        "name", "short_name", "aliases", "role_title", "email", "seat_label", "seat_labels",
        "owner", "presenter", "dispensation_by", "presiding_label", "excluded_employers",
    ), _NAME),
    **dict.fromkeys((
        "title", "venue", "description", "source", "eligibility_source", "note", "papers",
        "public_names", "next_meeting_note", "apologies_note", "role_note", "for_items",
        "summary", "quorum_summary", "sentence", "show_of_hands", "reason", "referred_to",
        "dispensation_note",
    ), _TEXT),
    **dict.fromkeys(("notes", "text"), _NOTES),
}

_CODE_ENDINGS = ("_id", "_at", "_on", "_date")
_TEXT_ENDINGS = ("_reason",)


def kind_of(field: str) -> TextKind | None:
    """The kind of text a column or file field holds; None for one that is not listed."""
    if field in FIELD_KINDS:
        return FIELD_KINDS[field]
    if field.endswith(_CODE_ENDINGS):
        return _CODE
    if field.endswith(_TEXT_ENDINGS):
        return _TEXT
    return None


EXCERPT = 24  # characters of a refused value that a message quotes


def excerpt(text: str, size: int = EXCERPT) -> str:
    """The start of a value for a message, marked as cut when it is longer: a message
    never quotes a huge value whole. A right-to-left override or isolate left open by
    the cut is closed, so that the rest of the message reads the right way round."""
    if len(text) <= size:
        return text
    start = text[:size]
    embeddings = sum(start.count(c) for c in "\u202a\u202b\u202d\u202e") - start.count("\u202c")
    isolates = sum(start.count(c) for c in "\u2066\u2067\u2068") - start.count("\u2069")
    return start + "\u202c" * max(embeddings, 0) + "\u2069" * max(isolates, 0) + "…"


def too_long(text: str, kind: TextKind, what: str) -> str | None:
    """Why a text is refused for its length, or None when it fits."""
    if len(text) <= kind.limit:
        return None
    return (f"The {what} is {len(text):,} characters long (“{excerpt(text)}”); at most "
            f"{kind.limit:,} are kept: shorten it.")
