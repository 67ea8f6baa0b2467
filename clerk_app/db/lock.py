"""One writer per record file, and a warning for files on network drives.

SQLite's WAL mode needs every process that uses a file to be on one computer
(https://sqlite.org/wal.html: "WAL does not work over a network filesystem"), and two
copies of clerk-app recording the same meeting would interleave two clerks' records. So
the copy that records holds an operating-system lock on a small file beside the record
(`record.sqlite3.lock`); a second copy is told who holds it and may open the record
read-only. The lock is released by the operating system when the process ends, even
when it is killed, so a crash never leaves the record locked.
"""

from __future__ import annotations

import json
import os
import socket
import sys
from datetime import datetime
from pathlib import Path

from clerk_app.db.errors import RecordInUse

if sys.platform == "win32":
    import msvcrt
else:
    import fcntl


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def _try_lock(fd: int) -> bool:
    try:
        if sys.platform == "win32":
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            # flock, not fcntl's record locks: these conflict between two opens in one
            # process too, and are kept by the open file, not the process.
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _holder(path: Path) -> dict:
    try:
        # Byte 0 is the locked byte on Windows; the holder's details follow it.
        return json.loads(path.read_bytes()[1:].decode("utf-8"))
    except (OSError, ValueError):
        return {}


class WriterLock:
    """The right to write to one record file, held until `release` or the process ends.

    Asking again in the same process shares the lock already held (the restore dialog
    runs in the copy that is recording); it is released with the last holder.
    """

    def __init__(self, db_path: Path) -> None:
        self.db_path = Path(db_path)
        self._key: str | None = None

    @property
    def held(self) -> bool:
        return self._key is not None

    def acquire(self) -> WriterLock:
        if self._key is not None:
            return self
        key = str(self.db_path.resolve())
        if key in _held:
            _held[key][1] += 1
        else:
            path = lock_path(self.db_path)
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
            if not _try_lock(fd):
                os.close(fd)
                raise RecordInUse(in_use_message(self.db_path, _holder(path)))
            details = {"host": socket.gethostname(), "pid": os.getpid(),
                       "since": datetime.now().astimezone().isoformat(timespec="minutes")}
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, b" " + json.dumps(details).encode("utf-8"))
            _held[key] = [fd, 1]
        self._key = key
        return self

    def release(self) -> None:
        if self._key is None:
            return
        entry = _held[self._key]
        entry[1] -= 1
        if entry[1] == 0:
            # The file stays: removing it would let a third copy lock a new file while a
            # second still waits on the old one.
            os.close(entry[0])
            del _held[self._key]
        self._key = None

    def __enter__(self) -> WriterLock:
        return self.acquire()

    def __exit__(self, *_exc) -> None:
        self.release()


# Locks this process holds: resolved record path -> [file descriptor, holders].
_held: dict[str, list[int]] = {}


def in_use_message(db_path: Path, holder: dict) -> str:
    who = ""
    if holder.get("host"):
        since = holder.get("since", "")
        try:
            since = datetime.fromisoformat(since).strftime(" since %H:%M on %d %B %Y")
        except ValueError:
            since = ""
        who = f" (on the computer {holder['host']}{since})"
    return (f"{db_path.name} is already open for recording in another copy of clerk-app"
            f"{who}. Only one copy can record in a file at a time, so that no action is "
            "lost or recorded twice. Close the other copy, or open this one read-only to "
            "look at the record.")


# --- Network drives ---------------------------------------------------------------------

# Filesystems that live on another computer (or behind a network protocol).
NETWORK_FILESYSTEMS = {
    "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "afpfs", "afs", "9p", "ncpfs",
    "coda", "ceph", "glusterfs", "lustre", "gpfs", "davfs", "webdav", "sshfs", "ftpfs",
    "curlftpfs", "s3fs",
}
# FUSE filesystems that are local disks (an NTFS or exFAT USB stick).
LOCAL_FUSE = {"fuseblk", "fuse.exfat", "fuse.ntfs-3g", "fuse.ntfs", "fuse.lxcfs"}


def is_network_filesystem(fstype: str) -> bool:
    fstype = fstype.lower()
    if fstype in LOCAL_FUSE:
        return False
    return fstype in NETWORK_FILESYSTEMS or fstype.startswith("fuse.") or fstype == "fuse"


def filesystem_type(path: Path, mounts: str | None = None) -> str | None:
    """The type of the filesystem holding `path` (Linux: from /proc/mounts), or None."""
    if mounts is None:
        try:
            mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    target = str(path.resolve()) if path.exists() else str(path.parent.resolve())
    best, best_type = "", None
    for line in mounts.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        # /proc/mounts escapes spaces in mount points as \040.
        mount_point = parts[1].replace("\\040", " ")
        inside = target == mount_point or target.startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) >= len(best):
            best, best_type = mount_point, parts[2]
    return best_type


def _windows_network_drive(path: Path) -> bool:
    resolved = str(path.resolve())
    if resolved.startswith("\\\\"):
        return True  # a UNC path, \\server\share
    import ctypes  # here: its Windows half exists only on Windows

    drive = os.path.splitdrive(resolved)[0] + "\\"
    return ctypes.windll.kernel32.GetDriveTypeW(drive) == 4  # DRIVE_REMOTE


def network_warning(db_path: Path, mounts: str | None = None) -> str | None:
    """A warning for the clerk when the record is on a network drive, else None."""
    if sys.platform == "win32":
        remote = _windows_network_drive(db_path)
        kind = "a network drive"
    else:
        fstype = filesystem_type(db_path, mounts)
        remote = fstype is not None and is_network_filesystem(fstype)
        kind = f"a network drive ({fstype})"
    if not remote:
        return None
    return (f"{db_path.name} is on {kind}. SQLite, which keeps the record, is only safe "
            "when one computer uses the file: a dropped connection can lose the last "
            "actions, and two computers opening it can damage it. Copy the record to this "
            "computer's own disk to record a meeting, and copy it back afterwards.")


def can_write(path: Path) -> bool:
    """Whether this process may write the record file and create SQLite's files beside it."""
    folder = path.parent
    return os.access(folder, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))
