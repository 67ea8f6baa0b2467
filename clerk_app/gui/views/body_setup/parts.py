"""Small pieces the body set-up's tabs share: trees, buttons, the row behind an item."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QPushButton, QTreeWidget

from clerk_app.gui import theme

ROW = Qt.ItemDataRole.UserRole  # the plain row (SeatRow, OfficeRow, SettingRow) behind an item


def tree(name: str, headers: list[str], nested: bool = True) -> QTreeWidget:
    made = QTreeWidget()
    made.setAccessibleName(name)
    made.setHeaderLabels(headers)
    made.setAlternatingRowColors(True)
    made.setRootIsDecorated(nested)
    made.setIndentation(16 if nested else 0)
    theme.comfortable_rows(made)
    made.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    made.header().setStretchLastSection(True)
    return made


def button(text: str, icon: str, name: str = "") -> QPushButton:
    made = QPushButton(theme.icon(icon), text)
    made.setAccessibleName(name or text.replace("&", "").rstrip("…"))
    return made


def buttons(*items: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    for each in items:
        row.addWidget(each)
    row.addStretch(1)
    return row


def fit(widget: QTreeWidget, widths: dict[int, int]) -> None:
    """Size columns to their contents, capped, so long names do not push others away."""
    for column in range(widget.columnCount() - 1):
        widget.resizeColumnToContents(column)
        cap = widths.get(column)
        if cap and widget.columnWidth(column) > cap:
            widget.setColumnWidth(column, cap)
