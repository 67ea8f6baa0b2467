"""Headless commands: list, import and export meeting records, build the demo.

Usage:
    clerk-app [--db PATH]                      run the application
    clerk-app list [--db PATH]                 bodies and meetings with their numbers
    clerk-app import FILE [--db PATH]          add a meeting record file to the database
    clerk-app export MEETING --format pdf|docx|json -o FILE [--public|--confidential] [--db PATH]
    clerk-app agenda MEETING --format pdf|docx -o FILE [--db PATH]
    clerk-app demo [--db PATH]                 add the demonstration body and meetings
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from clerk_app import paths
from clerk_app.db.migrate import SchemaTooNewError
from clerk_app.export.files import write_private_file
from clerk_app.rules.limits import excerpt
from clerk_app.services import body_setup, demo, meetings, minutes, records
from clerk_app.services.errors import ClerkError
from clerk_app.services.opening import open_record, open_record_for_reading, record_location


def parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", type=record_location, default=argparse.SUPPRESS,
                        help="the database file, or a team record's "
                             "postgresql+psycopg://user@host:port/database (its password "
                             "in PGPASSWORD or ~/.pgpass) "
                             f"(default: {paths.default_database()})")
    top = argparse.ArgumentParser(prog="clerk-app", parents=[common],
                                  description="The clerk's record of partnership board meetings.")
    sub = top.add_subparsers(dest="command")
    sub.add_parser("run", parents=[common], help="run the application (the default)")
    sub.add_parser("list", parents=[common], help="list bodies and meetings")
    imp = sub.add_parser("import", parents=[common], help="import a meeting record file")
    imp.add_argument("file", type=Path)
    exp = sub.add_parser("export", parents=[common], help="export a meeting")
    exp.add_argument("meeting", type=int, help="the meeting's number (see 'list')")
    exp.add_argument("--format", choices=["pdf", "docx", "json"], default="json")
    exp.add_argument("-o", "--output", type=Path, required=True)
    version = exp.add_mutually_exclusive_group()
    version.add_argument("--public", dest="version", action="store_const", const="public",
                         help="minutes without the exempt items' content")
    version.add_argument("--confidential", dest="version", action="store_const",
                         const="confidential", help="only the confidential annex")
    agenda = sub.add_parser("agenda", parents=[common], help="write a meeting's agenda")
    agenda.add_argument("meeting", type=int, help="the meeting's number (see 'list')")
    agenda.add_argument("--format", choices=["pdf", "docx"], default="pdf")
    agenda.add_argument("-o", "--output", type=Path, required=True)
    sub.add_parser("demo", parents=[common], help="add the demonstration body")
    return top


def database_path(args: argparse.Namespace) -> Path | str:
    return getattr(args, "db", None) or paths.default_database()


def write_private(path: Path, text: str) -> None:
    """Exports hold personal data: the file is readable by its owner only."""
    write_private_file(path, text.encode("utf-8"))


READING = ("list", "export", "agenda")  # commands that only read the record


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
    return 0


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
