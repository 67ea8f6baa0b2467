"""The pieces every page of the guided set-up is made of: a scrolling page, a setting
with its explanation and its source, and a list of things to tick.

A setting keeps the preset's or the offered value, with its source or its "assumed"
mark, until the clerk changes the value or types where it comes from: only then is it
the clerk's, and confirmed (DOMAIN.md §3: an assumed rule is marked until confirmed).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from clerk_app.gui.widgets import announce
from clerk_app.gui.widgets.form_dialog import select_data
from clerk_app.gui.widgets.text_limits import limited
from clerk_app.rules.limits import TextKind
from clerk_app.services.presets import readable_source

SET_BY_CLERK = "set by the clerk when the body was set up"
SOURCE_HINT = "Source (document and section), e.g. Terms of reference 2013/15 §4.1"


def plain_label(text: str, object_name: str = "") -> QLabel:
    """Words shown exactly as written (a name may hold "<" or "&"), wrapped to the page."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if object_name:
        label.setObjectName(object_name)
    return label


def source_edit(what: str) -> QLineEdit:
    edit = limited(QLineEdit(), TextKind.TEXT)
    edit.setPlaceholderText(SOURCE_HINT)
    edit.setAccessibleName(f"Source of {what}")
    edit.setToolTip("Where this comes from: your document's name and section")
    return edit


class ScrollPage(QWizardPage):
    """A page whose form scrolls, so that it fits a 1024x600 screen however long it is."""

    def __init__(self, title: str, subtitle: str) -> None:
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        inner = QWidget()
        self.body = QVBoxLayout(inner)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.body.addLayout(self.form)
        self.body.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.error = plain_label("", "errorMessage")
        self.error.setAccessibleName("What to fix")
        self.error.hide()
        layout.addWidget(self.error)

    @property
    def draft(self) -> dict[str, Any]:
        return self.wizard().draft

    def add_row(self, label: str, field: QWidget, explanation: str = "") -> QWidget:
        """A labelled field (the label is its buddy and accessible name), with a plain
        sentence under it saying what it means."""
        caption = QLabel(label)
        caption.setBuddy(field)
        caption.setWordWrap(True)
        field.setAccessibleName(label.replace("&", "").rstrip(":"))
        self.form.addRow(caption, field)
        if explanation:
            field.setAccessibleDescription(explanation)
            self.form.addRow("", plain_label(explanation, "explanation"))
        return field

    def show_error(self, message: str) -> None:
        self.error.show()
        announce.show_text(self.error, message, "Why this was refused", say=True, urgent=True)

    def clear_error(self) -> None:
        self.error.hide()

    def store(self) -> None:
        """Write what the page shows into the draft."""

    def cleanupPage(self) -> None:  # noqa: N802 (Qt override)
        """Going back keeps what was typed on this page."""
        self.store()

    def validatePage(self) -> bool:  # noqa: N802 (Qt override)
        self.store()
        return True


@dataclass
class SettingField:
    """One setting on a page: how to show its value, how to read it back, its source."""

    key: str
    read: Callable[[], Any]
    write: Callable[[Any], None]
    source: QLineEdit
    note: QLabel
    shown: dict[str, Any] | None = None  # the draft's entry as the page showed it
    shown_source: str = ""


class SettingsPage(ScrollPage):
    """A page of rule settings, each with its explanation and its source."""

    def __init__(self, title: str, subtitle: str) -> None:
        super().__init__(title, subtitle)
        self.fields: list[SettingField] = []

    def add_setting(self, key: str, label: str, field: QWidget, read: Callable[[], Any],
                    write: Callable[[Any], None], explanation: str) -> None:
        self.add_row(label, field, explanation)
        note = plain_label("", "settingNote")  # what the preset's document says
        self.form.addRow("", note)
        source = source_edit(label.replace("&", "").rstrip(":"))
        self.form.addRow("Source:", source)
        self.fields.append(SettingField(key, read, write, source, note))

    def initializePage(self) -> None:  # noqa: N802 (Qt override)
        settings = self.draft["settings"]
        for field in self.fields:
            entry = copy.deepcopy(settings[field.key])
            field.shown = entry
            field.write(entry["value"])
            field.shown_source = "" if entry.get("assumed") else readable_source(
                entry.get("source", ""))
            field.source.setText(field.shown_source)
            field.note.setText(readable_source(entry.get("note", "")))
            field.note.setVisible(bool(entry.get("note")))
            assumed = readable_source(entry.get("source", "")) or "no source"
            field.source.setPlaceholderText(
                f"Assumed ({assumed}): type your source to confirm" if entry.get("assumed")
                else SOURCE_HINT)

    def store(self) -> None:
        settings = self.draft["settings"]
        for field in self.fields:
            if field.shown is None:
                continue
            value, typed = field.read(), field.source.text().strip()
            if value == field.shown["value"] and typed == field.shown_source:
                settings[field.key] = copy.deepcopy(field.shown)  # left as offered
                continue
            entry = dict(field.shown, value=value, assumed=False)
            entry["source"] = typed if typed and typed != field.shown_source else SET_BY_CLERK
            settings[field.key] = entry


def choice_combo(choices: Iterable[tuple[Any, str]]) -> tuple[QComboBox, Callable, Callable]:
    """A list of choices with its reader and writer, for `add_setting`."""
    combo = QComboBox()
    for value, words in choices:
        combo.addItem(words, value)
    return combo, combo.currentData, lambda value: select_data(combo, value)


def yes_no(text: str) -> tuple[QCheckBox, Callable, Callable]:
    box = QCheckBox(text)
    return box, box.isChecked, lambda value: box.setChecked(bool(value))


def number(low: int, high: int, none_text: str = "",
           suffix: str = "") -> tuple[QSpinBox, Callable, Callable]:
    spin = QSpinBox()
    spin.setRange(low, high)
    if none_text:
        spin.setSpecialValueText(none_text)
    if suffix:
        spin.setSuffix(suffix)
    return spin, spin.value, spin.setValue


class CheckList(QWidget):
    """Things to tick (categories, offices, organisations), each known by its key; a
    check box each, so that Tab and Space reach every one."""

    def __init__(self) -> None:
        super().__init__()
        self.boxes: dict[str, QCheckBox] = {}
        self.setLayout(QVBoxLayout())
        self.layout().setContentsMargins(0, 0, 0, 0)
        self.layout().setSpacing(2)
        self.none = plain_label("(none yet)")
        self.layout().addWidget(self.none)

    def set_choices(self, choices: Iterable[tuple[str, str]], ticked: Iterable[str]) -> None:
        ticked = set(ticked)
        for box in self.boxes.values():
            box.deleteLater()
        self.boxes = {}
        for key, words in choices:
            box = QCheckBox(words.replace("&", "&&"))  # a name's "&" is not an Alt+letter
            box.setAccessibleName(f"{self.accessibleName()}: {words}")
            box.setChecked(key in ticked)
            self.layout().addWidget(box)
            self.boxes[key] = box
        self.none.setVisible(not self.boxes)

    def ticked(self) -> list[str]:
        return [key for key, box in self.boxes.items() if box.isChecked()]
