"""A throwaway PostgreSQL server for the tests: the real server, never a stand-in.

`initdb` and `pg_ctl` make a cluster in a temporary folder and start it on a free local
port, for the session; each test gets a fresh database copied from a template already
migrated to the current schema (`CREATE DATABASE … TEMPLATE`, a few milliseconds).
PostgreSQL refuses to run as root, so under root (CI) the server runs as `nobody`, in a
folder that user owns.

Two roles: `clerk`, the superuser the fixtures use (trusted on 127.0.0.1), and `team`,
who signs in with a password (scram-sha-256), to test that the password comes from the
environment and never shows.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

HOW_TO_INSTALL = (
    "The tests need PostgreSQL's server programs (initdb, pg_ctl), which they start "
    "themselves in a temporary folder. Install them: `sudo apt install postgresql` "
    "(Debian, Ubuntu), `brew install postgresql` (macOS), or put their folder on PATH.")

SUPERUSER = "clerk"
TEAM_USER = "team"
TEAM_PASSWORD = "s3cret-Board&<pw>"  # hostile characters on purpose


def server_programs() -> Path | None:
    """The folder holding initdb and pg_ctl: on PATH, or Debian's versioned folder."""
    initdb = shutil.which("initdb")
    if initdb and shutil.which("pg_ctl"):
        return Path(initdb).resolve().parent
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(folder, "initdb").exists() and Path(folder, "pg_ctl").exists():
            return Path(folder)
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    """A running cluster: where it lives, and how to reach it."""

    programs: Path
    folder: Path
    port: int
    as_user: list[str]  # the command prefix that runs a program as the cluster's owner

    def url(self, database: str, user: str = SUPERUSER, password: str | None = None) -> str:
        secret = f":{password}" if password else ""
        return f"postgresql+psycopg://{user}{secret}@127.0.0.1:{self.port}/{database}"

    def run(self, program: str, *args: str) -> None:
        subprocess.run([*self.as_user, str(self.programs / program), *args], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120)

    def stop(self) -> None:
        try:
            self.run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def _owner_prefix(folder: Path) -> list[str]:
    """Run as the current user, or, under root, as `nobody` owning the folder."""
    if os.geteuid() != 0:
        return []
    nobody = pwd.getpwnam("nobody")
    os.chown(folder, nobody.pw_uid, nobody.pw_gid)
    return ["setpriv", f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}",
            "--clear-groups", "--"]


def start_server() -> Server:
    """Start a throwaway cluster; raise RuntimeError (saying how to install) without one."""
    programs = server_programs()
    if programs is None:
        raise RuntimeError(HOW_TO_INSTALL)
    folder = Path(tempfile.mkdtemp(prefix="clerk-pg-"))
    server = Server(programs, folder, free_port(), _owner_prefix(folder))
    data = folder / "data"
    try:
        server.run("initdb", "-D", str(data), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8",
                   "--locale=C.UTF-8", "--no-sync")
        (data / "pg_hba.conf").write_text(
            f"host all {SUPERUSER} 127.0.0.1/32 trust\n"
            "host all all 127.0.0.1/32 scram-sha-256\n")
        # Throwaway data: no fsync; the unix socket in the cluster's own folder.
        options = (f"-p {server.port} -k {folder} -c listen_addresses=127.0.0.1 "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                   "-c max_connections=200")
        server.run("pg_ctl", "-D", str(data), "-o", options, "-l", str(folder / "log"),
                   "-w", "start")
    except (OSError, subprocess.SubprocessError) as error:
        log = folder / "log"
        detail = log.read_text()[-2000:] if log.exists() else getattr(error, "stderr", "")
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError(f"The test PostgreSQL server did not start: {error}\n{detail}") \
            from error
    return server
