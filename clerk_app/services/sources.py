"""Where a body's rule comes from, in words a clerk can read (DOMAIN.md §8).

A preset's source names a seed by number ("002 §4.2"); the clerk reads the document's
title instead. A rule the constitution does not give is "assumed — please confirm", and
a refusal that applies it says so rather than citing another body's document.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache

from clerk_app import paths

ASSUMED = "assumed — please confirm"
SEED_NUMBER = re.compile(r"\b(00\d)\b")


@cache
def seed_documents() -> dict[str, str]:
    """Seed number ("002") -> the title of the governance document it stands for."""
    with paths.SEED_DOCUMENTS.open("rb") as handle:
        return tomllib.load(handle)["documents"]


def readable_source(text: str) -> str:
    """A preset's source or note as the clerk reads it: "002 §4.1" becomes "Lincolnshire
    CYPSP Governance Arrangements and Terms of Reference 2013/15 §4.1". What the clerk
    typed (their own document's name) is left as it is."""
    documents = seed_documents()
    return SEED_NUMBER.sub(lambda m: documents.get(m.group(1), m.group(1)), text)


def cited(source: str, assumed: bool) -> str:
    """What a refusal cites for the body's rule it applies: its document and section, or
    the assumed mark when the constitution is silent and the clerk has not confirmed it."""
    if assumed:
        return ASSUMED
    return readable_source(source) or "the body's own setting"
