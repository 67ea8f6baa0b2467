"""One writer per record file, whatever name it is reached by; a warning for network drives.

SQLite's WAL mode needs every process that uses a file to be on one computer
(https://sqlite.org/wal.html: "WAL does not work over a network filesystem"), and two
copies of clerk-app recording the same meeting would interleave two clerks' records. So
the copy that records holds operating-system locks; a second copy is told who holds
them and may open the record read-only. The operating system releases the locks when
the process ends, even when it is killed, so a crash never leaves the record locked.

A file can have several names: a symbolic link (another folder and name) or a hard link
(another name for the same file). SQLite names its `-wal` log from the name it was
given, so two names would mean two logs that disagree. Hence two locks:

- the *name lock*, beside the real file (symbolic links resolved): `record.sqlite3.lock`.
  It works between users and, on a shared drive, between computers;
- the *identity lock*, named from the file's device and inode, in this user's data
  folder: it catches a hard link, which shares the inode but not the name.

The identity lock also remembers the name the record was last recorded through, and
every opening, for reading or recording, goes through that name (`record_name`): one
name, one log, even after a crash left that log to be replayed.

The locks are on small files of their own, never on the database file: on Linux and
macOS, closing any handle on the database drops every POSIX lock SQLite holds on it in
the process, and on Windows byte locks are mandatory and would block SQLite's reads.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import sys
from datetime import datetime
from pathlib import Path

from clerk_app import paths
from clerk_app.db.errors import RecordInUse, StorageError

if sys.platform == "win32":
    import msvcrt
else:
    import fcntl

PRIVATE = 0o600  # the holder's details name the computer and the record's folder


def lock_path(db_path: Path) -> Path:
    """The name lock: beside the real file, so a symbolic link finds the same one."""
    real = Path(db_path).resolve()
    return real.with_name(real.name + ".lock")


def identity(db_path: Path) -> str:
    """The file's identity: its device and inode, the same through every name."""
    found = os.stat(db_path)
    if not found.st_ino:  # a filesystem without file numbers: the real path must do
        return "path-" + hashlib.sha256(str(Path(db_path).resolve()).encode()).hexdigest()[:32]
    return f"{found.st_dev:x}-{found.st_ino:x}"


def identity_lock_path(db_path: Path) -> Path:
    return paths.data_dir() / "locks" / f"{identity(db_path)}.lock"


def record_name(db_path: Path | str) -> Path:
    """The name to open the record file through: the one it was last recorded through.

    That name's `-wal` holds the actions not yet copied into the file; opening through
    another name would not see them. A name that no longer leads to this file is
    forgotten; a new file is opened through its own real path.
    """
    real = Path(db_path).resolve()
    if not real.is_file():
        return real
    recorded = _holder(identity_lock_path(real)).get("path")
    if recorded and recorded != str(real):
        try:
            if identity(recorded) == identity(real):
                return Path(recorded)
        except OSError:
            pass  # that name is gone
    return real


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
        # Byte 0 is the locked byte on Windows, where it cannot be read while held; the
        # holder's details follow it.
        with path.open("rb") as file:
            file.seek(1)
            details = json.loads(file.read().decode("utf-8"))
    except (OSError, ValueError):
        return {}
    return details if isinstance(details, dict) else {}


def _lock_file(path: Path, db_path: Path, details: dict) -> int:
    """Lock one lock file and write the holder's details in it; its descriptor."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, PRIVATE)
    except OSError as error:
        raise StorageError(
            f"{db_path.name} cannot be opened for recording: its lock file {path} cannot "
            f"be written ({error.strerror or error}). Open it read-only, or check that "
            f"clerk-app may write in {path.parent}.") from error
    if not _try_lock(fd):
        os.close(fd)
        raise RecordInUse(in_use_message(db_path, _holder(path)))
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, b" " + json.dumps(details).encode("utf-8"))
    return fd


class WriterLock:
    """The right to write to one record file, held until `release` or the process ends.

    `db_path` is the name the clerk chose; the lock is taken on the record's one name
    (`record_name`). The file is created (empty, private) if it does not exist yet: its
    identity is what is locked. Asking again in the same process, through any name,
    shares the lock already held (the restore dialog runs in the copy that is
    recording); it is released with the last holder.
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
        real = record_name(self.db_path)
        new = not real.exists()
        if new:
            os.close(os.open(real, os.O_CREAT | os.O_WRONLY, PRIVATE))
        key = identity(real)
        if key in _held:
            _held[key][1] += 1
        else:
            try:
                _held[key] = [self._lock_both(real), 1]
            except BaseException:
                if new:  # refused: leave no empty record behind
                    real.unlink(missing_ok=True)
                raise
        self._key = key
        return self

    def _lock_both(self, real: Path) -> list[int]:
        details = {"host": socket.gethostname(), "pid": os.getpid(),
                   "since": datetime.now().astimezone().isoformat(timespec="minutes"),
                   "path": str(real)}
        fds: list[int] = []
        try:
            for path in (lock_path(real), identity_lock_path(real)):
                fds.append(_lock_file(path, self.db_path, details))
        except BaseException:
            for fd in fds:
                os.close(fd)
            raise
        return fds

    def release(self) -> None:
        if self._key is None:
            return
        entry = _held[self._key]
        entry[1] -= 1
        if entry[1] == 0:
            # The files stay: removing one would let a third copy lock a new file while
            # a second still waits on the old one.
            for fd in entry[0]:
                os.close(fd)
            del _held[self._key]
        self._key = None

    def __enter__(self) -> WriterLock:
        return self.acquire()

    def __exit__(self, *_exc) -> None:
        self.release()


# Locks this process holds: file identity -> [lock files' descriptors, holders].
_held: dict[str, list] = {}


def in_use_message(db_path: Path, holder: dict) -> str:
    who = ""
    if holder.get("host"):
        since = holder.get("since", "")
        try:
            since = datetime.fromisoformat(since).strftime(" since %H:%M on %d %B %Y")
        except (TypeError, ValueError):
            since = ""
        who = f" (on the computer {holder['host']}{since})"
    other_name = Path(str(holder.get("path") or db_path.name)).name
    if other_name != db_path.name:
        who += f", under the name {other_name}"
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
