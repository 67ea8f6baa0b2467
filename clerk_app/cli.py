"""Headless commands: list, import and export meeting records, build the demo.

Usage:
    clerk-app [--db PATH]                      run the application
    clerk-app list [--db PATH]                 bodies and meetings with their numbers
    clerk-app import FILE [--db PATH]          add a meeting record file to the database
    clerk-app export MEETING --format json -o FILE [--db PATH]
    clerk-app demo [--db PATH]                 add the demonstration body and meetings
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from clerk_app import paths
from clerk_app.db.migrate import SchemaTooNewError, open_database
from clerk_app.services import bodies, demo, meetings, records
from clerk_app.services.errors import ClerkError


def parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", type=Path, default=argparse.SUPPRESS,
                        help=f"the database file (default: {paths.default_database()})")
    top = argparse.ArgumentParser(prog="clerk-app", parents=[common],
                                  description="The clerk's record of partnership board meetings.")
    sub = top.add_subparsers(dest="command")
    sub.add_parser("run", parents=[common], help="run the application (the default)")
    sub.add_parser("list", parents=[common], help="list bodies and meetings")
    imp = sub.add_parser("import", parents=[common], help="import a meeting record file")
    imp.add_argument("file", type=Path)
    exp = sub.add_parser("export", parents=[common], help="export a meeting")
    exp.add_argument("meeting", type=int, help="the meeting's number (see 'list')")
    exp.add_argument("--format", choices=["json"], default="json")
    exp.add_argument("-o", "--output", type=Path, required=True)
    sub.add_parser("demo", parents=[common], help="add the demonstration body")
    return top


def database_path(args: argparse.Namespace) -> Path:
    return getattr(args, "db", None) or paths.default_database()


def write_private(path: Path, text: str) -> None:
    """Exports hold personal data: the file is readable by its owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)


def run_command(args: argparse.Namespace) -> int:
    engine = open_database(database_path(args))
    if args.command == "list":
        for body_id, key, name in bodies.list_bodies(engine):
            print(f"{name} [{key}]")
            for m in meetings.meetings_of(engine, body_id):
                print(f"  {m.id:>5}  {m.date:%a %d %b %Y}  {m.status:<11} {m.venue}")
    elif args.command == "import":
        try:
            data = json.loads(args.file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise ClerkError(f"Cannot read {args.file}: {error}") from error
        body_id = records.import_record(engine, data)
        print(f"Imported {args.file} as body {body_id}.")
    elif args.command == "export":
        record = records.export_record(engine, [args.meeting])
        write_private(args.output, json.dumps(record, indent=2, ensure_ascii=False) + "\n")
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
