"""The `clerk-app` command's arguments: the window, or a headless command.

Kept apart from `clerk_app.cli` so that reading the arguments imports no part of the
data layer: the window path (the default) starts Qt and shows the window first.

Usage:
    clerk-app [--db PATH|URL]                  run the application (URL: a team record)
    clerk-app list [--db PATH]                 bodies and meetings with their numbers
    clerk-app import FILE [--db PATH]          add a meeting record file to the database
    clerk-app export MEETING --format pdf|docx|json -o FILE [--public|--confidential] [--db PATH]
    clerk-app agenda MEETING --format pdf|docx -o FILE [--db PATH]
    clerk-app demo [--db PATH]                 add the demonstration body and meetings
    clerk-app offline MEETING -o FILE [--into LAPTOP] --db TEAM
                                               take a team record's meeting offline
    clerk-app bring-back FILE --db TEAM        bring it back from the laptop's record
    clerk-app export-everything FOLDER [--db PATH]  every body's record file
"""

from __future__ import annotations

import argparse
from pathlib import Path

from clerk_app import paths
from clerk_app.db.location import record_location


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
    off = sub.add_parser("offline", parents=[common],
                         help="take a team record's meeting offline to a laptop")
    off.add_argument("meeting", type=int, help="the meeting's number (see 'list')")
    off.add_argument("-o", "--output", type=Path, required=True,
                     help="the meeting record file to write (a USB stick will do)")
    off.add_argument("--into", type=Path,
                     help="also put it into this laptop record file at once")
    back = sub.add_parser("bring-back", parents=[common],
                          help="bring a meeting back from a laptop into the team record")
    back.add_argument("file", type=Path,
                      help="the laptop's record (.sqlite3) or a record file written from it")
    every = sub.add_parser("export-everything", parents=[common],
                           help="write every body's record file into a folder")
    every.add_argument("folder", type=Path)
    return top
