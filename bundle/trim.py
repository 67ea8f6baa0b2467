"""What the bundle leaves out of what PyInstaller's Qt hooks collect.

The hooks take every plugin of each Qt module used, and every library those plugins
link to. A desktop clerk-app never uses some of them, and one of them pulls in a whole
toolkit: the GTK theme brings GTK's stack (cairo, pango, ATK…), the virtual keyboard
brings Qt Quick and QML. Qt Virtual Keyboard is also GPLv3-only in open-source Qt, and
must not be bundled (THIRD-PARTY-NOTICES.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

# Kept: the xcb (X11), Wayland, offscreen and minimal platforms, SVG icons, the usual
# image formats, the desktop portal theme, input methods. Left out: the virtual keyboard
# and Qt Quick behind it, the GTK theme, embedded-device platforms (EGLFS, framebuffer,
# VNC, Vulkan display), input read from raw devices, TLS and network status (the
# application never goes online), image formats it shows no picture in.
UNUSED_BINARIES = [
    "qtvirtualkeyboardplugin", "Qt6VirtualKeyboard", "Qt6Qml", "Qt6Quick",
    "platformthemes/libqgtk3", "platformthemes/qgtk3",
    "egldeviceintegrations/", "Qt6EglFS", "Qt6EglFs", "platforms/libqeglfs",
    "platforms/libqlinuxfb", "platforms/libqvnc", "platforms/libqvkkhrdisplay",
    "platforms/libqminimalegl", "plugins/generic/", "plugins/tls/",
    "plugins/networkinformation/", "qtiff", "qwebp", "qicns", "qtga", "qwbmp",
    "imageformats/libqpdf", "imageformats/qpdf",
]


def wanted(entry: tuple) -> bool:
    """Not one of UNUSED_BINARIES, nor one of Qt's translations (clerk-app speaks
    English only)."""
    destination = entry[0].replace("\\", "/")
    return ("/translations/" not in destination
            and not any(unused in destination for unused in UNUSED_BINARIES))


def _closure(sources: list[str], by_name: dict[str, tuple]) -> set[str]:
    """The bundle's libraries that the given files load, directly or not, by name."""
    from PyInstaller.depend import bindepend

    seen: set[str] = set()
    todo = list(sources)
    while todo:
        for name, _path in bindepend.get_imports(todo.pop()):
            base = Path(name).name
            if base in by_name and base not in seen:
                seen.add(base)
                todo.append(by_name[base][1])
    return seen


def trim_binaries(binaries: list[tuple]) -> list[tuple]:
    """The binaries without the unused ones, nor the libraries only those needed (on
    Linux: elsewhere the hooks' own choices are kept as they are)."""
    kept = [entry for entry in binaries if wanted(entry)]
    if not sys.platform.startswith("linux"):
        return kept
    removed = [entry for entry in binaries if not wanted(entry)]
    by_name = {Path(entry[0]).name: entry for entry in kept}
    candidates = _closure([entry[1] for entry in removed], by_name)
    still_needed = _closure([entry[1] for entry in kept
                             if Path(entry[0]).name not in candidates], by_name)
    orphans = candidates - still_needed
    return [entry for entry in kept if Path(entry[0]).name not in orphans]
