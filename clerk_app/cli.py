"""Headless commands: list, import and export meeting records, build the demo.

Their arguments are read by `clerk_app.arguments` (the usage is there).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from clerk_app import paths
from clerk_app.arguments import parser
from clerk_app.db.migrate import SchemaTooNewError
from clerk_app.export.files import write_private_file
from clerk_app.rules.limits import excerpt
from clerk_app.services import body_setup, demo, everything, meetings, minutes, offline, records
from clerk_app.services.errors import ClerkError
from clerk_app.services.opening import open_record, open_record_for_reading


def database_path(args: argparse.Namespace) -> Path | str:
    return getattr(args, "db", None) or paths.default_database()


def write_private(path: Path, text: str) -> None:
    """Exports hold personal data: the file is readable by its owner only."""
    write_private_file(path, text.encode("utf-8"))


# Commands that only read the record.
READING = ("list", "export", "agenda", "export-everything")


def run_command(args: argparse.Namespace) -> int:
    """Open the record, run the command, close.

    A command that only reads opens the record read-only: it creates nothing, takes no
    lock (the window may be recording), makes no backup and upgrades nothing. The others
    open it as the application does (lock, checks, backup, upgrade).
    """
    if args.command == "import":  # read first: a bad file must not leave a new record behind
        args.record_file = records.checked_record(records.read_record_file(args.file))
    path = database_path(args)
    if args.command in READING:
        record = open_record_for_reading(path)
    else:
        record = open_record(path, create_folder=getattr(args, "db", None) is None)
    try:
        return _command(args, record.engine)
    finally:
        record.close()


def _command(args: argparse.Namespace, engine) -> int:
    if args.command == "list":
        for body_id, key, name in body_setup.list_bodies(engine):
            # One line each, however long a name or venue an earlier version kept.
            print(f"{excerpt(name, 120)} [{excerpt(key, 60)}]")
            for m in meetings.meetings_of(engine, body_id):
                print(f"  {m.id:>5}  {m.date:%a %d %b %Y}  {m.status.label:<11} "
                      f"{excerpt(m.venue, 80)}")
    elif args.command == "import" and offline.holds_body(engine, args.record_file):
        meeting_id = offline.take_in(engine, args.record_file)  # a meeting taken offline
        print(f"Took in {args.file}: meeting {meeting_id}, merged into its body.")
    elif args.command == "import":
        body_id = records.import_record(engine, args.record_file)
        print(f"Imported {args.file} as body {body_id}.")
    elif args.command == "export" and args.format != "json":
        write_private_file(args.output, minutes.render_minutes(
            engine, args.meeting, args.format, args.version or "full"))
        print(f"Wrote {args.output}.")
    elif args.command == "export":
        if args.version:
            raise ClerkError("--public and --confidential are for minutes (pdf or docx); "
                             "the json record file always holds the whole meeting.")
        record = records.export_record(engine, [args.meeting])
        write_private(args.output, json.dumps(record, indent=2, ensure_ascii=False) + "\n")
        print(f"Wrote {args.output}.")
    elif args.command == "agenda":
        write_private_file(args.output, minutes.render_agenda(engine, args.meeting,
                                                              args.format))
        print(f"Wrote {args.output}.")
    elif args.command == "demo":
        demo.build_demo(engine)
        print("Added the demonstration body.")
    else:
        _team_command(args, engine)
    return 0


def _team_command(args: argparse.Namespace, engine) -> None:
    """Taking a meeting offline, bringing it back, exporting everything."""
    if args.command == "offline":
        away = offline.take_offline(engine, args.meeting, args.output)
        print(f"Wrote {args.output}; the meeting is marked as taken by {away.taken_by}.")
        if args.into:
            meeting_id = offline.take_into_record(args.into, args.output)
            print(f"Put it into {args.into} as meeting {meeting_id}.")
    elif args.command == "bring-back":
        back = offline.bring_back(engine, args.file)
        print(f"Brought back the meeting of {back.meeting_date} from {back.taken_by}.")
    elif args.command == "export-everything":
        for path in everything.export_everything(engine, args.folder):
            print(f"Wrote {path}.")


def main(argv: list[str] | None = None) -> int:
    """Run a headless command (the window is started by clerk_app.__main__)."""
    args = parser().parse_args(argv)
    try:
        return run_command(args)
    except (ClerkError, SchemaTooNewError) as error:
        print(f"clerk-app: {error}", file=sys.stderr)
        return 2
    except OSError as error:  # e.g. no permission to create the lock file beside the record
        print(f"clerk-app: {error}", file=sys.stderr)
        return 2
