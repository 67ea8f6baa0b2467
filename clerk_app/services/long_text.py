"""Text kept before the limits existed that is longer than its kind now keeps.

Such a record still opens, shows and exports as it is: nothing the clerk recorded is cut
or lost. The record says where the long text is when it opens, so that the clerk can
shorten it; a change that keeps it too long is refused like any other over-long text.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from clerk_app.db import tables as t
from clerk_app.rules.limits import kind_of

# What one row of each table is, for the message.
_ROW = {table.__tablename__: row for table, row in (
    (t.Body, "body"), (t.BodySetting, "rule setting"), (t.Category, "seat category"),
    (t.Office, "office"), (t.Organisation, "organisation"), (t.Person, "person"),
    (t.Membership, "membership"), (t.OfficeTerm, "term of office"),
    (t.RegisteredInterest, "registered interest"), (t.Meeting, "meeting"),
    (t.AgendaItem, "agenda item"), (t.RegisterEntry, "register entry"),
    (t.AttendanceEvent, "arrival or departure"), (t.QuorumEvent, "quorum change"),
    (t.Declaration, "declaration"), (t.Decision, "decision"), (t.Vote, "vote"),
    (t.VotePosition, "member's vote"), (t.Action, "action"),
    (t.MinutesApproval, "approval of minutes"), (t.MinutesCorrection, "correction to the minutes"),
    (t.AuditEntry, "audit entry"),
)}
_LISTED = 8  # places named in the message; the rest are counted


def _is_text(column: sa.Column) -> bool:
    column_type = column.type
    while isinstance(column_type, sa.types.TypeDecorator):
        column_type = column_type.impl_instance
    return isinstance(column_type, sa.String)


def over_limit(engine: Engine) -> list[tuple[str, str, int]]:
    """Each text column holding values over its kind's limit: (what a row is, the
    column's name, how many rows). Columns a record of an older schema lacks are skipped."""
    found = []
    with engine.connect() as connection:
        present = set(sa.inspect(connection).get_table_names())
        for table in SQLModel.metadata.sorted_tables:
            if table.name not in present:
                continue
            have = {c["name"] for c in sa.inspect(connection).get_columns(table.name)}
            checked = [(c, kind_of(c.name)) for c in table.columns
                       if c.name in have and _is_text(c) and kind_of(c.name)]
            if not checked:
                continue
            counts = connection.execute(sa.select(*(
                sa.func.coalesce(sa.func.sum(sa.case(
                    (sa.func.length(column) > kind.limit, 1), else_=0)), 0)
                for column, kind in checked))).one()
            found += [(_ROW.get(table.name, table.name), column.name, count)
                      for (column, _), count in zip(checked, counts, strict=True) if count]
    return found


def long_text_warning(engine: Engine) -> str | None:
    """The message telling the clerk where text is longer than is kept, or None."""
    places = [f"{row} {column.replace('_', ' ')} ({count})"
              for row, column, count in over_limit(engine)]
    if not places:
        return None
    more = len(places) - _LISTED
    listed = "; ".join(places[:_LISTED]) + (f"; and {more} more" if more > 0 else "")
    return ("Some text in this record is longer than clerk-app now keeps (an earlier "
            f"version kept it), in these places (how many): {listed}. It opens, shows and "
            "exports as it is; shorten it when you next change it, as a change that leaves "
            "it too long is refused.")
