"""The licence texts of everything the bundle carries, gathered when it is built.

The spec hands over the modules and libraries PyInstaller collected; each is traced to
the Python distribution it came from, and that distribution's licence files (and the
licence its metadata declares) are copied into the bundle's `licenses/` folder, with a
LICENSES.txt index. So the bundle states exactly what it installs, whatever a
dependency's next version pulls in. Qt for Python's wheels carry no licence text: the
LGPLv3 and the GPLv3 it builds on are kept in bundle/licenses/.
"""

from __future__ import annotations

import re
import shutil
import sys
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
LICENCE_FILE = re.compile(r"(LICEN[CS]E|COPYING|NOTICE|AUTHORS)", re.IGNORECASE)


def top_names(toc: list) -> set[str]:
    """The top-level import names behind PyInstaller's table of contents."""
    names = set()
    for entry in toc:
        name = entry[0].replace("\\", "/")
        names.add(name.split("/")[0].split(".")[0])
    return names


def distributions_of(names: set[str]) -> list[metadata.Distribution]:
    owners = metadata.packages_distributions()
    found = {dist for name in names for dist in owners.get(name, [])}
    return sorted((metadata.distribution(name) for name in found),
                  key=lambda d: d.metadata["Name"].lower())


def declared_licence(dist: metadata.Distribution) -> str:
    """The licence as the package states it: its SPDX expression, else its classifiers."""
    meta = dist.metadata
    expression = meta.get("License-Expression") or ""
    text = meta.get("License") or ""
    if expression:
        return expression
    if text and len(text) < 120 and "\n" not in text:
        return text
    classifiers = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or []
                   if c.startswith("License ::")]
    return ", ".join(classifiers) or "see the licence files"


def copy_licence_files(dist: metadata.Distribution, target: Path) -> list[str]:
    copied = []
    for file in dist.files or []:
        if LICENCE_FILE.search(file.name) and not file.name.endswith((".py", ".pyc")):
            source = Path(dist.locate_file(file))
            if source.is_file():
                target.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target / file.name)
                copied.append(file.name)
    return copied


def write_licences(toc: list, target: Path) -> list[tuple[str, str]]:
    """Fill `target` with the licence texts and an index; return (name in the bundle,
    file) pairs for the spec to add to the bundle's data."""
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    lines = ["The packages inside this installation of clerk-app, their versions and",
             "licences. Each folder here holds the licence files the package ships.", ""]
    for dist in distributions_of(top_names(toc)):
        name, version = dist.metadata["Name"], dist.version
        if name.lower().replace("_", "-") == "clerk-app":
            continue  # clerk-app's own licence is LICENSE, beside this folder
        folder = target / f"{name}-{version}"
        copied = copy_licence_files(dist, folder)
        files = ", ".join(f"{folder.name}/{f}" for f in copied) or "none shipped"
        lines.append(f"{name} {version}: {declared_licence(dist)} ({files})")
    python_licence = Path(sys.base_prefix, "lib", f"python{sys.version_info.major}."
                          f"{sys.version_info.minor}", "LICENSE.txt")
    if not python_licence.exists():  # Windows keeps it at the top of the installation
        python_licence = Path(sys.base_prefix, "LICENSE.txt")
    if python_licence.exists():
        shutil.copyfile(python_licence, target / "Python-LICENSE.txt")
        lines.append(f"Python {sys.version.split()[0]}: PSF-2.0 (Python-LICENSE.txt)")
    for text in sorted((HERE / "licenses").glob("*.txt")):
        shutil.copyfile(text, target / text.name)
    lines += ["", "Qt and Qt for Python (PySide6, shiboken6) are used under the LGPL-3.0",
              "(LGPL-3.0.txt, which builds on GPL-3.0.txt). See THIRD-PARTY-NOTICES.md."]
    (target / "LICENSES.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [(str(Path("licenses", p.relative_to(target))), str(p))
            for p in sorted(target.rglob("*")) if p.is_file()]


# Left out of the source archive when the tree is not a git checkout (git ignores them).
NOT_SOURCE = {".git", ".venv", "build", "dist", "__pycache__", ".pytest_cache",
              ".hypothesis", ".ruff_cache", ".import_linter_cache", "bench-results"}


def source_files(root: Path) -> list[str]:
    """The files of the tree the bundle is built from: those git keeps or would keep,
    as they are in the working tree; without git, the tree less what it ignores."""
    import subprocess

    try:
        listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                                 "--exclude-standard"], cwd=root, capture_output=True,
                                check=True).stdout.decode("utf-8").split("\0")
        return [path for path in listed if path and (root / path).is_file()]
    except (OSError, subprocess.CalledProcessError):
        return sorted(str(p.relative_to(root)) for p in root.rglob("*")
                      if p.is_file() and not NOT_SOURCE.intersection(p.relative_to(root).parts)
                      and not p.name.endswith(".pyc")
                      and not any(part.endswith(".egg-info") for part in p.parts))


def write_source(root: Path, target: Path, version: str) -> tuple[str, str]:
    """clerk-app's own source, for the bundle's source/ folder."""
    import tarfile

    name = f"clerk-app-{version}-source"
    target.mkdir(parents=True, exist_ok=True)
    archive = target / f"{name}.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        for path in source_files(root):
            tar.add(root / path, arcname=f"{name}/{path}")
    return str(Path("source", archive.name)), str(archive)
