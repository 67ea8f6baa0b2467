"""The attendance chart: each member's meetings held as one bar of 100%, split into in
person, remotely, by substitute, apologies and absent, with the body's threshold as a
dashed line (DOMAIN.md §7).

Drawn with QPainter rather than Qt Charts: Qt Charts is GPLv3 in open-source Qt, and a
bundle that carried it would be a GPLv3 work as a whole; this widget keeps the installed
application under the LGPL's terms for Qt (THIRD-PARTY-NOTICES.md).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QLineF, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

# Blue and orange stay apart for colour-blind readers; the legend names each part.
SERIES = (("In person", "#1d5ca3"), ("Remotely", "#5b3fa0"), ("By substitute", "#7fa7d6"),
          ("Apologies", "#e39b2d"), ("Absent", "#9aa0a6"))
AXIS_TITLE = "Share of the meetings held while a member"
ROW_HEIGHT = 22  # room for one name on the axis
PAD = 6
SWATCH = 10


@dataclass(frozen=True)
class ChartRow:
    """One member's bar: the name on the axis and a share (0-100) per part of SERIES."""

    label: str
    shares: tuple[float, ...]
    tooltip: str = ""


class AttendanceChart(QWidget):
    """Horizontal stacked bars, one per member (the first at the top), a 0-100% axis
    and the threshold line; colours of text and grid follow the palette, so the chart
    reads in the light and the dark scheme alike."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ChartRow] = []
        self.threshold: float | None = None  # a percentage
        self.threshold_label = ""
        self._plot: tuple[tuple, QRectF] | None = None  # the plot's place, and for what size
        self.setAccessibleName("Attendance chart")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)

    def set_data(self, rows: list[ChartRow], threshold: float, threshold_label: str) -> None:
        self.rows = list(rows)
        self.threshold = threshold
        self.threshold_label = threshold_label
        self._plot = None
        self.updateGeometry()
        self.update()

    def series_labels(self) -> list[str]:
        return [label for label, _colour in SERIES]

    def wanted_height(self) -> int:
        """Room for every name on the axis, the axis and its title."""
        return 2 * PAD + ROW_HEIGHT * max(len(self.rows), 1) + 3 * self.fontMetrics().height()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(640, self.wanted_height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(320, 160)

    # --- geometry, shared by painting and tooltips --------------------------------------

    def _legend_entries(self) -> list[tuple[str, str]]:
        entries = list(SERIES)
        if self.threshold is not None:
            entries.append((self.threshold_label, ""))
        return entries

    def plot_rect(self) -> QRectF:
        """Where the bars go: right of the names, left of the legend, above the axis.
        Measured once for a size and font: every bar and tooltip asks for it, and
        measuring sixty names for each of them made a year's chart slow to draw."""
        key = (self.width(), self.height(), self.font().key())
        if self._plot is None or self._plot[0] != key:
            self._plot = (key, self._measure_plot())
        return QRectF(self._plot[1])

    def _measure_plot(self) -> QRectF:
        metrics = self.fontMetrics()
        names = max((metrics.horizontalAdvance(r.label) for r in self.rows), default=0)
        legend = max(metrics.horizontalAdvance(label) for label, _ in self._legend_entries())
        left = PAD + min(names, self.width() // 3) + PAD
        right = self.width() - (PAD + SWATCH + PAD + legend + 2 * PAD)
        # The last tick's label is centred on the plot's right edge: leave it room.
        right -= metrics.horizontalAdvance("100%") // 2
        bottom = self.height() - PAD - 2 * metrics.height() - PAD
        return QRectF(left, PAD, max(right - left, 10), max(bottom - PAD, 10))

    def bar_rect(self, row: int) -> QRectF:
        """The whole bar of the row-th member (0 is the first, at the top)."""
        plot = self.plot_rect()
        pitch = plot.height() / max(len(self.rows), 1)
        return QRectF(plot.left(), plot.top() + row * pitch + pitch * 0.15, plot.width(),
                      pitch * 0.7)

    def segment_rect(self, row: int, part: int) -> QRectF:
        """The part-th piece of a member's bar (in the order of SERIES)."""
        bar = self.bar_rect(row)
        shares = self.rows[row].shares
        start = sum(shares[:part]) / 100 * bar.width()
        return QRectF(bar.left() + start, bar.top(), shares[part] / 100 * bar.width(),
                      bar.height())

    def threshold_x(self) -> float | None:
        if self.threshold is None:
            return None
        plot = self.plot_rect()
        return plot.left() + self.threshold / 100 * plot.width()

    # --- painting ----------------------------------------------------------------------

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.Base))
        self._paint_axis(painter)
        self._paint_bars(painter)
        self._paint_threshold(painter)
        self._paint_legend(painter)
        painter.end()

    def _text_colour(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.Text)

    def _paint_axis(self, painter: QPainter) -> None:
        """Grid lines and labels every 10%, the axis title under them."""
        plot = self.plot_rect()
        metrics = QFontMetrics(self.font())
        grid = QColor(self._text_colour())
        grid.setAlpha(40)
        for tick in range(0, 101, 10):
            x = plot.left() + tick / 100 * plot.width()
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QLineF(x, plot.top(), x, plot.bottom()))
            painter.setPen(self._text_colour())
            text = f"{tick}%"
            width = metrics.horizontalAdvance(text)
            painter.drawText(QRectF(x - width, plot.bottom() + 2, 2 * width, metrics.height()),
                             Qt.AlignmentFlag.AlignCenter, text)
        title = self.font()
        title.setBold(True)
        painter.setFont(title)
        painter.drawText(QRectF(plot.left(), plot.bottom() + 2 + metrics.height(), plot.width(),
                                metrics.height() + 2), Qt.AlignmentFlag.AlignCenter, AXIS_TITLE)
        painter.setFont(self.font())

    def _paint_bars(self, painter: QPainter) -> None:
        plot = self.plot_rect()
        metrics = QFontMetrics(self.font())
        pitch = plot.height() / max(len(self.rows), 1)
        # Squeezed (a large board on a small screen), every name cannot be written: one
        # in `step` is, the others are in the tooltips and the table above.
        step = max(1, math.ceil(metrics.height() / pitch))
        for row, entry in enumerate(self.rows):
            bar = self.bar_rect(row)
            if row % step == 0:
                painter.setPen(self._text_colour())
                name = metrics.elidedText(entry.label, Qt.TextElideMode.ElideRight,
                                          int(plot.left() - 2 * PAD))
                painter.drawText(QRectF(PAD, bar.center().y() - metrics.height(),
                                        plot.left() - 2 * PAD, 2 * metrics.height()),
                                 Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                                 name)
            painter.setPen(Qt.PenStyle.NoPen)
            for part, (_label, colour) in enumerate(SERIES):
                if entry.shares[part] > 0:
                    painter.fillRect(self.segment_rect(row, part), QColor(colour))

    def _paint_threshold(self, painter: QPainter) -> None:
        x = self.threshold_x()
        if x is None:
            return
        plot = self.plot_rect()
        pen = QPen(self._text_colour(), 2, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawLine(QLineF(x, plot.top(), x, plot.bottom()))

    def _paint_legend(self, painter: QPainter) -> None:
        """Each part's colour and name, and the threshold's dash, right of the plot."""
        metrics = QFontMetrics(self.font())
        entries = self._legend_entries()
        line = metrics.height() + 4
        left = self.plot_rect().right() + metrics.horizontalAdvance("100%") // 2 + 2 * PAD
        top = max(PAD, (self.height() - line * len(entries)) / 2)
        for n, (label, colour) in enumerate(entries):
            y = top + n * line
            swatch = QRectF(left, y + (line - SWATCH) / 2, SWATCH, SWATCH)
            if colour:
                painter.fillRect(swatch, QColor(colour))
            else:  # the threshold: its dash
                painter.setPen(QPen(self._text_colour(), 2, Qt.PenStyle.DashLine))
                middle = swatch.center().x()
                painter.drawLine(QLineF(middle, swatch.top() - 2, middle, swatch.bottom() + 2))
            painter.setPen(self._text_colour())
            painter.drawText(QRectF(left + SWATCH + PAD, y, self.width(), line),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)

    # --- tooltips ----------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            tip = self.tooltip_at(QPointF(event.pos()))
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def tooltip_at(self, point: QPointF) -> str:
        """The member's figures under the pointer, in words."""
        for row, entry in enumerate(self.rows):
            bar = self.bar_rect(row)
            if bar.top() <= point.y() <= bar.bottom() and point.x() >= PAD:
                return entry.tooltip or entry.label
        return ""
