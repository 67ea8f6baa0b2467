"""The look: Qt's Fusion style, a calm light and dark palette, a small stylesheet, icons.

Colours live in the palettes below and in resources/styles; the tests read both and
check that text keeps a contrast of at least 4.5:1 (WCAG 2.2 AA). No font size is set
here or in the stylesheet: text follows the system font, and headings are scaled from
it with `scaled_font`, so a clerk who enlarges the system font gets larger text.

Icons are Lucide's line icons (resources/icons, ISC licence), drawn in the palette's
text colour at paint time, so they follow the theme without being reloaded.
"""

from __future__ import annotations

from PySide6.QtCore import QDir, QFile, QIODevice, QPoint, QRect, QRectF, QSize
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QStyledItemDelegate

from clerk_app import paths

SYSTEM, LIGHT, DARK = "system", "light", "dark"
MODES = (SYSTEM, LIGHT, DARK)

# Palette role -> colour. Text on its background is at least 4.5:1 in both schemes.
PALETTES: dict[str, dict[str, str]] = {
    LIGHT: {
        "Window": "#f4f5f7", "WindowText": "#1f2328", "Base": "#ffffff",
        "AlternateBase": "#f1f3f5", "Text": "#1f2328", "Button": "#e8ebee",
        "ButtonText": "#1f2328", "BrightText": "#ffffff", "Highlight": "#1d5ca3",
        "HighlightedText": "#ffffff", "ToolTipBase": "#ffffff", "ToolTipText": "#1f2328",
        "PlaceholderText": "#5a646e", "Link": "#1a55a0", "LinkVisited": "#5b3a96",
        "Light": "#ffffff", "Midlight": "#dfe3e7", "Mid": "#b4bbc2", "Dark": "#868f98",
        "Shadow": "#59636c", "Accent": "#1d5ca3",
    },
    DARK: {
        "Window": "#1f2226", "WindowText": "#e6e8eb", "Base": "#16181b",
        "AlternateBase": "#1c1f23", "Text": "#e6e8eb", "Button": "#2c3036",
        "ButtonText": "#e6e8eb", "BrightText": "#ffffff", "Highlight": "#2a65a8",
        "HighlightedText": "#ffffff", "ToolTipBase": "#2c3036", "ToolTipText": "#e6e8eb",
        "PlaceholderText": "#9aa3ad", "Link": "#8cbcf0", "LinkVisited": "#c3a8f0",
        "Light": "#3a3f46", "Midlight": "#30353b", "Mid": "#23272c", "Dark": "#121416",
        "Shadow": "#000000", "Accent": "#2a65a8",
    },
}
# Disabled text is exempt from the contrast rule, but should still be legible.
DISABLED_TEXT = {LIGHT: "#6a737c", DARK: "#8c949d"}

# The stylesheet: the shared sheet, then the dark sheet's overrides in dark mode.
STYLESHEETS = {LIGHT: ("clerk.qss",), DARK: ("clerk.qss", "clerk-dark.qss")}

_registered = False


def register_search_paths() -> None:
    """Let Qt find resources by name ("icons:…", "styles:…"); paths.py knows where."""
    global _registered
    if _registered:
        return
    for prefix, folder in paths.qt_search_paths().items():
        QDir.addSearchPath(prefix, str(folder))
    _registered = True


def system_scheme() -> str:
    """The desktop's colour scheme where Qt can tell (Qt 6.5+), else light."""
    # Imported here, never at the top of a module the window's first frame loads: the
    # name Qt makes PySide build the 94 enums of Qt's namespace, some 20 ms (app.start).
    from PySide6.QtCore import Qt

    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    if scheme is not None and scheme() == Qt.ColorScheme.Dark:
        return DARK
    return LIGHT


def effective_scheme(mode: str) -> str:
    return system_scheme() if mode == SYSTEM else mode


def palette(scheme: str) -> QPalette:
    pal = QPalette()
    for role, colour in PALETTES[scheme].items():
        pal.setColor(getattr(QPalette.ColorRole, role), QColor(colour))
    for role in ("WindowText", "Text", "ButtonText"):
        pal.setColor(QPalette.ColorGroup.Disabled, getattr(QPalette.ColorRole, role),
                     QColor(DISABLED_TEXT[scheme]))
    return pal


def stylesheet(scheme: str) -> str:
    register_search_paths()
    parts = []
    for name in STYLESHEETS[scheme]:
        handle = QFile(f"styles:{name}")
        if not handle.open(QIODevice.OpenModeFlag.ReadOnly | QIODevice.OpenModeFlag.Text):
            raise FileNotFoundError(f"The stylesheet {name} is missing from resources/styles.")
        parts.append(bytes(handle.readAll().data()).decode("utf-8"))
        handle.close()
    return "\n".join(parts)


def apply(app: QApplication, mode: str = SYSTEM) -> str:
    """Fusion, the palette and the stylesheet for a mode; returns "light" or "dark"."""
    scheme = effective_scheme(mode)
    if app.style().name().casefold() != "fusion":
        app.setStyle("Fusion")
    apply_scheme(app, scheme)
    return scheme


def apply_scheme(app: QApplication, scheme: str) -> None:
    """The palette and the stylesheet of "light" or "dark", without asking the system or
    the style: the window's first frame, in the scheme the clerk saw last (app.start)."""
    app.setPalette(palette(scheme))
    app.setStyleSheet(stylesheet(scheme))
    app.setProperty("clerkScheme", scheme)


def current_scheme() -> str:
    app = QApplication.instance()
    scheme = app.property("clerkScheme") if app else None
    return scheme if scheme in (LIGHT, DARK) else LIGHT


def scaled_font(font: QFont, factor: float, bold: bool = False) -> QFont:
    """A font larger or smaller than the given one, by a factor: never a fixed size."""
    scaled = QFont(font)
    if font.pointSizeF() > 0:
        scaled.setPointSizeF(font.pointSizeF() * factor)
    else:
        scaled.setPixelSize(round(font.pixelSize() * factor))
    scaled.setBold(bold)
    return scaled


class _ComfortableRows(QStyledItemDelegate):
    """Rows tall enough to hit (at least 24 px, WCAG 2.2, 2.5.8) with a little air between
    columns; both grow with the font."""

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 (Qt override)
        size = super().sizeHint(option, index)
        line = option.fontMetrics.height()
        return QSize(size.width() + line // 2, max(size.height(), line + line // 2 + 4, 24))


def comfortable_rows(view: QAbstractItemView) -> None:
    """Give a list, tree or table rows that are easy to read and to click."""
    view.setItemDelegate(_ComfortableRows(view))


# --- Icons ------------------------------------------------------------------------------


class _SvgIconEngine(QIconEngine):
    """Draws a line icon in the current palette's text colour, so it follows the theme."""

    def __init__(self, svg: bytes) -> None:
        super().__init__()
        self._svg = svg

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        pal = QGuiApplication.palette()
        if mode == QIcon.Mode.Disabled:
            colour = pal.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
        elif mode == QIcon.Mode.Selected:
            colour = pal.color(QPalette.ColorRole.HighlightedText)
        else:
            colour = pal.color(QPalette.ColorRole.ButtonText)
        renderer = QSvgRenderer(self._svg.replace(b"currentColor", colour.name().encode()))
        side = min(rect.width(), rect.height())
        square = QRectF(rect.x() + (rect.width() - side) / 2,
                        rect.y() + (rect.height() - side) / 2, side, side)
        renderer.render(painter, square)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        image = QPixmap(size)
        image.fill(QColor(0, 0, 0, 0))  # transparent
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return image

    def clone(self) -> QIconEngine:
        twin = _SvgIconEngine(self._svg)
        _engines.append(twin)  # Qt owns the clone; keep Python from collecting it
        return twin


_engines: list[_SvgIconEngine] = []
_icons: dict[str, QIcon] = {}


def icon(name: str) -> QIcon:
    """An icon from resources/icons by its file name without ".svg" (e.g. "calendar-plus")."""
    if name not in _icons:
        register_search_paths()
        handle = QFile(f"icons:{name}.svg")
        if not handle.open(QIODevice.OpenModeFlag.ReadOnly):
            raise FileNotFoundError(f"The icon {name}.svg is missing from resources/icons.")
        engine = _SvgIconEngine(bytes(handle.readAll().data()))
        handle.close()
        _engines.append(engine)
        _icons[name] = QIcon(engine)
    return _icons[name]
