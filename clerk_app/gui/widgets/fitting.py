"""What keeps every window within a small screen (issue 14 item 5): dialogs no taller
than the screen they open on, long forms and panels that scroll, and messages that elide
or wrap instead of widening the window, their whole text kept to read.

On a 1024x600 laptop a window cannot be narrower than the widest single line it holds,
so a long name in the status bar once pushed the window past the screen's edge.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication, QPainter
from PySide6.QtWidgets import QComboBox, QDialog, QFrame, QLabel, QScrollArea, QWidget

# Room left around a dialog for its title bar and the desktop's panel.
FRAME_ALLOWANCE = QSize(24, 64)
# The narrowest a message may be made: enough for a few words and the ellipsis.
MESSAGE_MIN_WIDTH = 160


def available_size(widget: QWidget) -> QSize:
    """The room on the screen the widget is (or will be) shown on, panels excluded."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry().size()


def fit_to_screen(dialog: QDialog, width: int = 0, height: int = 0) -> None:
    """Open the dialog at the size asked (by default the size it would like), but never
    past the screen's edge: on a small screen it takes the room there is and its
    contents scroll."""
    wanted = dialog.sizeHint().expandedTo(dialog.size() if dialog.isVisible() else QSize())
    room = available_size(dialog) - FRAME_ALLOWANCE
    dialog.resize(min(width or wanted.width(), room.width()),
                  min(height or wanted.height(), room.height()))


class VerticalScrollArea(QScrollArea):
    """Content as wide as the area, scrolling up and down when the area is short.

    The area asks for the content's own minimum width (nothing is ever cut at the side)
    but only a few lines' height, and for no more than `tallest` pixels of height.
    """

    def __init__(self, content: QWidget, tallest: int) -> None:
        super().__init__()
        self._tallest = tallest
        self.setWidget(content)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the fields inside take the focus

    def _beside(self) -> int:
        """The width the scroll bar and the frame take beside the content."""
        return self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        content = self.widget().minimumSizeHint()
        return QSize(content.width() + self._beside(),
                     min(content.height(), 4 * self.fontMetrics().lineSpacing()))

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        content = self.widget().sizeHint()
        return QSize(content.width() + self._beside(),
                     min(content.height() + 2 * self.frameWidth(), self._tallest))


def scrolled(content: QWidget, name: str = "", tallest: int = 420) -> VerticalScrollArea:
    """The content in a scroll area that follows its width and scrolls up and down, so
    that a long form or panel needs only a few lines' height, not all of it."""
    area = VerticalScrollArea(content, tallest)
    if name:
        area.setAccessibleName(name)
    return area


class ElidedLabel(QLabel):
    """One line of text that ends in "…" when it is wider than its room.

    `text()` stays the whole text; it is also the tooltip and the accessible description,
    so a clerk or a screen reader has all of it. Given a `caption`, the label is named by
    its text (a status line a screen reader should read as it is now), by the caption
    while it is empty. The label never asks for more width than a few words, so a long
    message cannot widen its window.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None, caption: str = "",
                 **kwargs) -> None:
        super().__init__(parent, **kwargs)
        self._caption = caption
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt override)
        super().setText(text)
        self.setToolTip(text)
        if self._caption:
            self.setAccessibleName(text or self._caption)
        self.setAccessibleDescription(text)

    def shown_text(self) -> str:
        """The text as painted now: whole, or cut to the width with "…"."""
        one_line = " ".join(self.text().split())
        room = self.contentsRect().width()
        return self.fontMetrics().elidedText(one_line, Qt.TextElideMode.ElideRight, room)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), MESSAGE_MIN_WIDTH), hint.height())

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        hint = super().sizeHint()
        return QSize(min(hint.width(), MESSAGE_MIN_WIDTH * 3), hint.height())

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        self.style().drawItemText(painter, self.contentsRect(), int(self.alignment()),
                                  self.palette(), self.isEnabled(), self.shown_text(),
                                  self.foregroundRole())


class MessageLabel(QLabel):
    """A message that wraps onto as many lines as it needs, in the clerk's plain text.

    Wrapping alone is not enough: a word longer than the screen (a 5,000-character name
    with no space) would still set the label's width. This label never asks for more
    than a few words' width; such a word is cut at the edge, its whole text in the
    tooltip and selectable.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None, **kwargs) -> None:
        super().__init__(parent, **kwargs)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt override)
        super().setText(text)
        longest = max((len(word) for word in text.split()), default=0)
        self.setToolTip(text if longest > 60 else "")

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), MESSAGE_MIN_WIDTH), hint.height())

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        hint = super().sizeHint()
        if hint.width() <= MESSAGE_MIN_WIDTH * 3:
            return hint
        width = MESSAGE_MIN_WIDTH * 3
        return QSize(width, self.heightForWidth(width))


def narrow_combo(combo: QComboBox, letters: int = 24) -> QComboBox:
    """A choice of long names (bodies, members) that asks for room for `letters`
    characters, not for its longest entry; the list it opens shows each name whole."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(letters)
    combo.view().setTextElideMode(Qt.TextElideMode.ElideNone)
    return combo
