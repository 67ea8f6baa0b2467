"""The minutes' matters arising: the actions agreed at earlier meetings that were still
open when this meeting met, with those it marked done (DOMAIN.md §9 "Actions"). Actions
agreed under exempt items are confidential and left out."""

from __future__ import annotations

from clerk_app.export import document as d
from clerk_app.export.minutes_data import MinutesData
from clerk_app.export.minutes_words import item_ref


def matters_arising(data: MinutesData) -> list[d.Block]:
    """The section, or nothing when no action was open from an earlier meeting."""
    arising = [a for a in data.matters_arising if not a.exempt]
    if not arising:
        return []
    rows = tuple(
        (f"{a.agreed_on.day} {a.agreed_on:%b %Y}"
         + (f", {item_ref(a.minute)}" if a.minute else ""), a.description, a.owner,
         f"{a.due.day} {a.due:%B %Y}" if a.due else "",
         "Done at this meeting" if a.done_here else "Open")
        for a in arising)
    return [d.Heading("Matters arising: actions from earlier meetings"),
            d.Table(("From", "Action", "Owner", "Due", "Status"), rows,
                    (0.15, 0.37, 0.18, 0.15, 0.15))]
