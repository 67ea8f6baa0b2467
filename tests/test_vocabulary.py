"""Every fixed vocabulary has one home (clerk_app/rules/vocabulary.py) and one label table.

The code must compare with the enum's members, not with the strings they are stored as:
a string compared in ten places is how a new value gets forgotten in one of them.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from clerk_app.rules.vocabulary import VOCABULARIES, DecisionKind, MeetingStatus

PACKAGE = Path(__file__).resolve().parents[1] / "clerk_app"
VOCABULARY_MODULE = PACKAGE / "rules" / "vocabulary.py"
VALUES = {member.value: f"{vocabulary.__name__}.{member.name}"
          for vocabulary in VOCABULARIES for member in vocabulary}
# Keys of the record file's JSON that are field names, not vocabulary values, though they
# are spelt like one: (module, key) -> what the key names. Only dict keys, never comparisons.
FIELD_NAMES = {
    ("clerk_app/services/elections.py", "votes"): "a candidate's votes in a stored election",
    ("clerk_app/services/record_export.py", "quorum"): "the quorum the rules derived, "
                                                       "in the record file",
}


@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=lambda v: v.__name__)
def test_every_value_has_a_label(vocabulary):
    for member in vocabulary:
        assert member.label.strip(), f"{vocabulary.__name__}.{member.name} has no label"
    labels = [member.label for member in vocabulary]
    assert len(set(labels)) == len(labels), f"{vocabulary.__name__} repeats a label"


def test_members_are_their_stored_strings():
    assert DecisionKind("vote") is DecisionKind.VOTE
    assert MeetingStatus.CLOSED == "closed"
    assert MeetingStatus.CLOSED.label == "Held"


def _literal_strings(node: ast.AST) -> list[ast.Constant]:
    """The string literals a comparison or a `in (...)` test reads."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node]
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return [e for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    return []


def _offences(source: str, module: str) -> list[str]:
    tree = ast.parse(source, filename=module)
    found = []
    for node in ast.walk(tree):
        literals: list[ast.Constant] = []
        if isinstance(node, ast.Compare):
            for operand in [node.left, *node.comparators]:
                literals += _literal_strings(operand)
        elif isinstance(node, ast.Dict):
            literals += [k for k in node.keys
                         if isinstance(k, ast.Constant) and isinstance(k.value, str)
                         and (module, k.value) not in FIELD_NAMES]
        elif isinstance(node, ast.match_case) and isinstance(node.pattern, ast.MatchValue):
            literals += _literal_strings(node.pattern.value)
        for literal in literals:
            if literal.value in VALUES:
                where = f"{module}:{literal.lineno}"
                found.append(f"{where} {literal.value!r} is {VALUES[literal.value]}")
    return found


def test_no_vocabulary_value_is_compared_or_keyed_as_a_string():
    offences = [offence for path in sorted(PACKAGE.rglob("*.py")) if path != VOCABULARY_MODULE
                for offence in _offences(path.read_text(encoding="utf-8"),
                                         path.relative_to(PACKAGE.parent).as_posix())]
    assert not offences, "use the vocabulary's member:\n" + "\n".join(offences)


def test_the_walk_finds_a_string_compared_or_keyed():
    found = _offences('if kind == "deferred":\n    pass\nWORDS = {"held": 1}\n'
                      'OK = {"name": 1}\n', "clerk_app/sample.py")
    assert [f.split(" ", 1)[1] for f in found] == [
        "'deferred' is DecisionKind.DEFERRED", "'held' is YearMeetingState.HELD"]
