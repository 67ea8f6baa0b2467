"""The installed application (issue 18): `make dist` builds it, and it works on its own.

The Linux tarball is built once (scripts/dist.py, about two minutes on two cores),
unpacked in a folder of its own and made read-only, as IT would install it, then run
with a clean environment (no Python paths, a fresh home and data folder, the working
folder elsewhere): its window opens on the welcome page, it says it is the frozen
program with its resources inside the bundle, it keeps the record in the user's data
folder, it adds the demonstration and writes its minutes as a PDF. Nothing of the
checkout is used: the frozen program only imports from its own folder, and the test
checks that is where it found everything.

Run alone with `pytest -m bundle`. Skipped where PyInstaller is not installed (make test
installs it); under CI=true that fails instead.
"""

from __future__ import annotations

import importlib.util
import json
import os
import stat
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from pypdf import PdfReader

pytestmark = [pytest.mark.bundle,
              pytest.mark.skipif(not sys.platform.startswith("linux"),
                                 reason="the Linux bundle is built and tested here")]

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import dist  # noqa: E402  (scripts/dist.py: the build and its helpers)

from tests.gui.test_real_display import display  # noqa: E402, F401 (an Xvfb server)

TIMEOUT = 300


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The folder `make dist` builds into: the bundle, the tarball and dist.json."""
    if importlib.util.find_spec("PyInstaller") is None:
        reason = "PyInstaller is not installed (make test installs the dist extra)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "dist.py"), "--out",
                           str(out), "--starts", "0"], cwd=ROOT, timeout=900,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    return out


@pytest.fixture(scope="module")
def installed(built, tmp_path_factory) -> Path:
    """The tarball, unpacked and read-only, as IT would install it on a clerk's laptop."""
    (archive,) = built.glob("clerk-app-*-linux-*.tar.gz")
    place = tmp_path_factory.mktemp("opt")
    with tarfile.open(archive) as tar:
        tar.extractall(place, filter="tar")
    folder = place / "clerk-app"
    for path in [folder, *folder.rglob("*")]:  # installed by IT: the clerk cannot write here
        if not path.is_symlink():
            path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    yield folder
    for path in [folder, *folder.rglob("*")]:
        if not path.is_symlink():
            path.chmod(path.stat().st_mode | stat.S_IWUSR)


@pytest.fixture
def user(tmp_path) -> tuple[dict[str, str], Path]:
    """A new user's environment, working in a folder far from the checkout."""
    work = tmp_path / "elsewhere"
    work.mkdir()
    return dist.clean_env(work), work


def run(folder: Path, env: dict[str, str], cwd: Path, *args: str) -> str:
    done = subprocess.run([str(folder / "clerk-app"), *args], env=env, cwd=cwd,
                          capture_output=True, text=True, timeout=TIMEOUT)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_the_bundle_opens_on_the_welcome_page_from_its_own_files(installed, user):
    env, work = user
    shown = dist.start_once([str(installed / "clerk-app")], env, work)
    assert shown["page"] == "WelcomePage"
    assert shown["frozen"] is True
    assert Path(shown["executable"]) == installed / "clerk-app"
    for where in ("resources", "package"):  # the code and its files, both from the bundle
        assert Path(shown[where]).is_relative_to(installed), where
        assert not Path(shown[where]).is_relative_to(ROOT), where
    # The record is in the user's data folder, not beside the program.
    assert (Path(env["XDG_DATA_HOME"]) / "clerk-app" / "clerk.sqlite3").is_file()


def test_the_bundle_starts_on_a_real_x_display_with_the_libraries_it_carries(
        installed, user, display):  # noqa: F811 (the fixture imported above)
    """Qt's xcb platform, as on a clerk's Linux desktop (skipped without Xvfb, except
    under CI=true, as tests/gui/test_real_display.py)."""
    env, work = user
    env.update(QT_QPA_PLATFORM="xcb", DISPLAY=display)
    shown = dist.start_once([str(installed / "clerk-app")], env, work)
    assert shown["page"] == "WelcomePage"


def test_the_bundle_writes_the_demonstration_minutes_as_pdf(installed, user):
    env, work = user
    run(installed, env, work, "demo")
    listing = run(installed, env, work, "list")
    held = next(line for line in listing.splitlines() if "Held" in line)
    minutes = work / "minutes.pdf"
    run(installed, env, work, "export", held.split()[0], "--format", "pdf", "-o",
        str(minutes))
    text = "\n".join(page.extract_text() for page in PdfReader(minutes).pages)
    for heading in ("DRAFT", "Minutes of the meeting held on", "Present", "In attendance",
                    "Apologies", "Absent", "Members of the public", "Action list",
                    "The meeting closed at"):
        assert heading in text, heading
    # Word too: python-docx finds its templates inside the bundle.
    run(installed, env, work, "export", held.split()[0], "--format", "docx", "-o",
        str(work / "minutes.docx"))
    assert (work / "minutes.docx").stat().st_size > 0


def test_the_bundle_carries_its_licences_and_source_and_no_gpl_only_qt(installed):
    inside = installed / "_internal"
    for notice in ("LICENSE", "THIRD-PARTY-NOTICES.md", "licenses/LGPL-3.0.txt",
                   "licenses/GPL-3.0.txt", "licenses/Python-LICENSE.txt"):
        assert (inside / notice).is_file(), notice
    index = (inside / "licenses" / "LICENSES.txt").read_text(encoding="utf-8")
    for package in ("PySide6", "shiboken6", "SQLAlchemy", "reportlab", "python-docx"):
        assert package in index, package
    (source,) = (inside / "source").glob("clerk-app-*-source.tar.gz")
    with tarfile.open(source) as tar:
        assert any(name.endswith("/bundle/clerk-app.spec") for name in tar.getnames())
    files = [p.name for p in installed.rglob("*")]
    for unwanted in ("Charts", "WebEngine", "Qt6Qml", "Qt6Quick", "DataVisualization",
                     "Graphs", "Qt3D", "Multimedia", "VirtualKeyboard", "gtk", "cairo"):
        assert not [f for f in files if unwanted in f], unwanted


def test_install_sh_puts_clerk_app_in_the_applications_menu(installed, user):
    env, work = user
    subprocess.run([str(installed / "install.sh")], env=env, cwd=work, check=True,
                   capture_output=True, timeout=60)
    share = Path(env["XDG_DATA_HOME"])
    entry = (share / "applications" / "clerk-app.desktop").read_text(encoding="utf-8")
    assert f'Exec="{installed}/clerk-app"' in entry.splitlines()
    assert "Icon=clerk-app" in entry.splitlines()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / "clerk-app.svg").is_file()


def test_the_build_reports_its_size(built):
    figures = json.loads((built / "dist.json").read_text(encoding="utf-8"))
    assert 10 < figures["archive_mb"] < figures["size_mb"] < 400
