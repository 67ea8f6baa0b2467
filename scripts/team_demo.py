"""`make team-demo`: a team record on a local PostgreSQL server, with the demonstration
body, and the application open on it; the server stops when the window closes.

The server is the tests' throwaway one (tests/postgres.py: initdb and pg_ctl in a
temporary folder, on a free local port), so nothing is installed or left running.
`--serve` keeps it running without the window, for the command line or a second copy
of the application (another clerk), until Ctrl+C.
"""

from __future__ import annotations

import argparse
import signal
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import psycopg  # noqa: E402

from clerk_app.db.migrate import open_database  # noqa: E402
from clerk_app.services import demo  # noqa: E402
from tests.postgres import start_server  # noqa: E402

DATABASE = "democratic_services"


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--serve", action="store_true",
                         help="keep the server running without opening the window")
    args = options.parse_args()
    # Stopped by the system (a terminal closed, `kill`) as by Ctrl+C: the server goes too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        server = start_server()
    except RuntimeError as error:
        print(f"team-demo: {error}", file=sys.stderr)
        return 2
    try:
        admin = server.url("postgres").replace("postgresql+psycopg", "postgresql")
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {DATABASE}")
        url = server.url(DATABASE)
        engine = open_database(url)  # the same migrations as a file
        demo.build_demo(engine)
        engine.dispose()
        print(f"The team record: {url}\n"
              f"  clerk-app list --db {url}\n"
              f"  clerk-app offline MEETING -o offline.json --into laptop.sqlite3 --db {url}\n"
              f"  clerk-app bring-back laptop.sqlite3 --db {url}")
        if args.serve:
            print("Serving until Ctrl+C.")
            while True:
                time.sleep(3600)
        return subprocess.call([sys.executable, "-m", "clerk_app", "--db", url])
    except KeyboardInterrupt:
        return 0
    finally:
        server.stop()


if __name__ == "__main__":
    sys.exit(main())
