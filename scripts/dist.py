"""Build the installed application: `make dist`.

PyInstaller freezes clerk-app with bundle/clerk-app.spec into one folder, dist/clerk-app
(the `clerk-app` program, Python, the Qt libraries and plugins it uses, resources,
migrations, presets, the licences and the source). On Linux the folder also gets the
desktop entry, the icon and install.sh, and is packed as
dist/clerk-app-VERSION-linux-ARCH.tar.gz. Then the bundle's size is reported, and its
start-up to a usable window on the demo record set against the source checkout's (the
same program run by this Python), interleaved, median of --starts runs; the figures go
to dist/dist.json as well.

    python scripts/dist.py [--out FOLDER] [--starts N]   (N=0: no start-up figure)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "bundle" / "clerk-app.spec"
NAME = "clerk-app"
REPORT = "CLERK_APP_STARTUP_REPORT"  # bundle/launch.py
LINUX_EXTRAS = ("clerk-app.desktop", "clerk-app.svg", "install.sh")


def build(out: Path) -> Path:
    """Freeze the application into out/clerk-app (on macOS, also out/clerk-app.app);
    PyInstaller's working files go to out/build, so that a build touches nothing else."""
    work = out / "build"
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean",
                    "--log-level", "WARN", "--distpath", str(out), "--workpath", str(work),
                    str(SPEC)], cwd=ROOT, check=True)
    return out / NAME


def program(folder: Path, window: bool = False) -> Path:
    """The program in the bundle; on Windows the commands have one of their own."""
    if sys.platform == "win32":
        return folder / (f"{NAME}.exe" if window else f"{NAME}-cli.exe")
    return folder / NAME


def pack_linux(folder: Path) -> Path:
    """The desktop entry, icon and installer beside the program, and the tarball."""
    for extra in LINUX_EXTRAS:
        shutil.copy2(ROOT / "bundle" / extra, folder / extra)
    (folder / "install.sh").chmod(0o755)
    machine = platform.machine().lower() or "unknown"
    archive = folder.parent / f"{NAME}-{metadata.version(NAME)}-linux-{machine}.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(folder, arcname=NAME)
    return archive


def folder_size(folder: Path) -> int:
    """Bytes on disk, each file once (PyInstaller links Qt's libraries, not copies)."""
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() or p.is_symlink())


def start_once(command: list[str], env: dict[str, str], cwd: Path) -> dict:
    """Start the window, wait for it to be usable, and read what it showed (the JSON
    bundle/launch.py writes), with the milliseconds it took as "ms"."""
    report = Path(tempfile.mkdtemp()) / "start.json"
    started = time.monotonic()
    done = subprocess.run(command, env={**env, REPORT: str(report)}, cwd=cwd,
                          capture_output=True, text=True, timeout=300)
    if done.returncode or not report.exists():
        raise RuntimeError(f"{command[0]} did not show its window (status "
                           f"{done.returncode}):\n{done.stderr[-3000:]}")
    shown = json.loads(report.read_text(encoding="utf-8"))
    shutil.rmtree(report.parent)
    return {**shown, "ms": (shown["ready"] - started) * 1000}


def clean_env(work: Path) -> dict[str, str]:
    """A user with nothing yet: fresh data and settings folders, offscreen, no Python
    paths, so that nothing outside the bundle can be picked up."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("PYTHON", "VIRTUAL_ENV", "CLERK_", "QT_"))}
    env.update(HOME=str(work / "home"), XDG_DATA_HOME=str(work / "data"),
               XDG_CONFIG_HOME=str(work / "config"), QT_QPA_PLATFORM="offscreen")
    env["APPDATA"] = env["LOCALAPPDATA"] = str(work / "data")  # the same on Windows
    return env


def time_starts(folder: Path, starts: int) -> dict[str, float]:
    """Median start-up on the demo record: the bundle, and the checkout run by this
    Python; one warm-up each, then interleaved so that a busy moment hits both."""
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        env = clean_env(work)
        subprocess.run([str(program(folder)), "demo"], env=env, cwd=work, check=True,
                       capture_output=True, timeout=300)
        bundle = [str(program(folder, window=True))]
        checkout = [sys.executable, str(ROOT / "bundle" / "launch.py")]
        source_env = {**env, "PYTHONPATH": str(ROOT)}
        start_once(bundle, env, work)
        start_once(checkout, source_env, work)
        times: dict[str, list[float]] = {"bundle": [], "checkout": []}
        for _ in range(starts):
            times["checkout"].append(start_once(checkout, source_env, work)["ms"])
            times["bundle"].append(start_once(bundle, env, work)["ms"])
    return {kind: statistics.median(values) for kind, values in times.items()}


def report(folder: Path, archive: Path | None, starts: int) -> dict:
    figures = {"version": metadata.version(NAME), "platform": sys.platform,
               "bundle": str(folder), "size_mb": round(folder_size(folder) / 1e6, 1)}
    if archive:
        figures.update(archive=str(archive), archive_mb=round(archive.stat().st_size / 1e6, 1))
    if starts:
        started = time_starts(folder, starts)
        figures.update(start_bundle_ms=round(started["bundle"]),
                       start_checkout_ms=round(started["checkout"]), starts=starts)
    return figures


def main(argv: list[str] | None = None) -> int:
    args = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    args.add_argument("--out", type=Path, default=ROOT / "dist", help="where to build")
    args.add_argument("--starts", type=int, default=5,
                      help="start-ups timed for the figure (0: none)")
    options = args.parse_args(argv)
    began = time.monotonic()
    folder = build(options.out.resolve())
    archive = pack_linux(folder) if sys.platform.startswith("linux") else None
    figures = report(folder, archive, options.starts)
    figures["build_s"] = round(time.monotonic() - began)
    (folder.parent / "dist.json").write_text(json.dumps(figures, indent=2) + "\n")
    print(f"Bundle: {folder} ({figures['size_mb']} MB on disk)")
    if archive:
        print(f"Archive: {archive} ({figures['archive_mb']} MB)")
    if options.starts:
        print(f"Start-up to a usable window, demo record, median of {options.starts}: "
              f"bundle {figures['start_bundle_ms']} ms, source checkout "
              f"{figures['start_checkout_ms']} ms")
    print(f"Built and measured in {figures['build_s']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
