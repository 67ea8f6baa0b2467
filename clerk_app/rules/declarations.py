"""Declarations of interest: the default effect of each kind, and prompting the clerk.

DOMAIN.md §4. Members "declare any interest they may have in anything under discussion"
(000 §7.2); Lincolnshire distinguishes pecuniary and non-pecuniary (personal) interests,
and a member with a personal pecuniary interest remains silent on the matter (002 §6.4).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from clerk_app.rules.vocabulary import Capacity, InterestEffect, InterestKind, ItemKind

# The effect a declaration gets unless the clerk chooses another for it (§4).
DEFAULT_EFFECTS: Mapping[InterestKind, InterestEffect] = MappingProxyType(
    {
        InterestKind.PECUNIARY: InterestEffect.SILENT,  # 002 §6.4 "remain silent"
        InterestKind.NON_PECUNIARY: InterestEffect.PARTICIPATES,
        InterestKind.OTHER: InterestEffect.PARTICIPATES,
    }
)


def default_effect(
    kind: InterestKind, body_effects: Mapping[str, str] | None = None
) -> InterestEffect:
    """The effect a new declaration of this kind starts with.

    A body may set its own (Kent expects members with a personal gain to leave the
    meeting, 000 §7.2, so its pecuniary default would be "withdraws").

    Args:
        kind: the kind declared.
        body_effects: the body's setting, kind value -> effect value, e.g.
            {"pecuniary": "withdraws"}; kinds it leaves out keep DEFAULT_EFFECTS.
    """
    kind = InterestKind(kind)
    if body_effects and kind.value in body_effects:
        return InterestEffect(body_effects[kind.value])
    return DEFAULT_EFFECTS[kind]


def may_declare(capacity: Capacity) -> bool:
    """Members and substitutes declare interests for the minutes; people in attendance
    (officers, guests) never vote, so have nothing to declare (DOMAIN.md §4)."""
    return Capacity(capacity) is not Capacity.IN_ATTENDANCE


# The items that only run the meeting: an interest is declared in business, never in these.
PROCEDURAL = frozenset({ItemKind.APOLOGIES, ItemKind.DECLARATIONS, ItemKind.PREVIOUS_MINUTES})


def may_concern(kind: ItemKind) -> bool:
    """Whether an interest may be declared in an item of this kind: business and
    elections, not the procedural items (DOMAIN.md §4, §9 "A declaration's timing")."""
    return ItemKind(kind) not in PROCEDURAL


def must_withdraw(effect: InterestEffect | None, dispensation: bool) -> bool:
    """A declaration that withdraws takes the declarer out of the room for the item
    (000 §7.2), unless a dispensation lets them take part despite the interest."""
    return effect is not None and InterestEffect(effect) is InterestEffect.WITHDRAWS \
        and not dispensation


def must_stay_silent(effect: InterestEffect | None, dispensation: bool) -> bool:
    """A declaration that silences keeps the declarer in the room but barred from
    speaking and voting on the item (002 §6.4), unless a dispensation lets them."""
    return effect is not None and InterestEffect(effect) is InterestEffect.SILENT \
        and not dispensation


@dataclass(frozen=True)
class InterestMatch:
    """An agenda item that mentions something in a member's register of interests.

    Attributes:
        person_id, name: the member.
        interest: the registered interest, as entered.
        matched: the part of the interest the item mentions, e.g. "Maidstone Youth Trust".
    """

    person_id: int
    name: str
    interest: str
    matched: str


# Words too common in interests and agenda items to show that an item touches an interest:
# roles, family, and the generic parts of organisation names. Words under four letters
# are ignored anyway, unless written in capitals (NHS, KCC).
COMMON_WORDS = frozenset(
    """
    about after also been being from have into other over that their there these this
    those under upon which with within would
    member members trustee trustees director directors governor governors chair chairman
    chairperson chairwoman employee employed employer employment owner partner partners
    shareholder shareholding volunteer patron manager officer consultant adviser advisor
    president secretary treasurer worker works working paid unpaid role post executive
    chief deputy head headteacher teacher senior assistant lead staff
    spouse husband wife civil close family relative daughter father mother brother
    sister
    trust trusts council councils county district borough city school schools academy
    college colleges board group limited company services service partnership
    association society committee forum foundation charity centre center national local
    community communities organisation organization agency
    """.split()
)

_SPLIT = re.compile(r"[,;]")
_WORD = re.compile(r"[^\W_]+")


def _plain(text: str) -> str:
    """Accents off (NFKD, combining marks dropped), apostrophes out: "St Mary's" ~ "St Marys"."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.replace("'", "").replace("\u2019", "")


def _significant(phrase: str) -> set[str]:
    words = set()
    for word in _WORD.findall(_plain(phrase)):
        folded = word.casefold()
        if len(word) >= 4 and folded not in COMMON_WORDS:
            words.add(folded)
        elif 2 <= len(word) < 4 and word.isupper():
            words.add(folded)  # an acronym: NHS, KCC, CCG
    return words


def interests_mentioned(
    item_text: str, registered: Iterable[tuple[int, str, str]]
) -> list[InterestMatch]:
    """Find members whose registered interests an agenda item seems to mention (§4).

    A prompt for the clerk that a declaration may be due, not a decision, so the rule is
    simple: each interest is split into phrases at commas and semicolons; a phrase's
    significant words are those of four letters or more that are not in COMMON_WORDS,
    plus short acronyms in capitals. A phrase is mentioned when every one of its
    significant words appears in the item as a whole word, in any order, ignoring case
    and accents. "Trustee, Maidstone Youth Trust" is mentioned by "Grant to Maidstone
    Youth Trust" (maidstone, youth) but not by "Youth Justice Plan" (no maidstone).
    A phrase with no significant word ("Trustee") never matches.

    Args:
        item_text: the item's title and description.
        registered: (person id, person name, interest text) for each registered interest.

    Returns:
        At most one match per registered interest, in the order given.
    """
    item_words = {w.casefold() for w in _WORD.findall(_plain(item_text))}
    matches = []
    for person_id, name, interest in registered:
        for phrase in _SPLIT.split(interest):
            words = _significant(phrase)
            if words and words <= item_words:
                matches.append(InterestMatch(person_id, name, interest, phrase.strip()))
                break
    return matches
