"""QUORATE / NOT QUORATE in words and colour, the count against the need, and the reasons
on demand (DOMAIN.md §3 "says why"); members of the public beside it (002 §6.7).

The banner only shows what the rules concluded (a `QuorumResult`); it never counts.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
)

from clerk_app.gui import theme
from clerk_app.gui.widgets.fitting import available_size, scrolled
from clerk_app.rules.quorum import QuorumResult

# The colours repeat the words, never replace them. Each text colour keeps a contrast of
# at least 7:1 on its background; the dark scheme has its own, quieter, pairs.
COLOURS = {
    "light": {"plain": ("#f1f3f4", "#5f6b73", "#1f2328"),
              "yes": ("#e3f2e6", "#2e7d32", "#10451d"),
              "no": ("#fde7e7", "#b71c1c", "#7a1010"),
              "text": "#1f2328", "button": "#ffffff"},
    "dark": {"plain": ("#2c3036", "#868f98", "#e6e8eb"),
             "yes": ("#15301c", "#4caf50", "#b9ecc4"),
             "no": ("#3d1515", "#e57373", "#ffd0d0"),
             "text": "#e6e8eb", "button": "#1f2226"},
}


def _style(scheme: str) -> str:
    c = COLOURS[scheme]
    return f"""
#quorumBanner {{ border: 2px solid {c["plain"][1]}; border-radius: 4px;
                 background: {c["plain"][0]}; }}
#quorumBanner[quorate="yes"] {{ background: {c["yes"][0]}; border-color: {c["yes"][1]}; }}
#quorumBanner[quorate="no"] {{ background: {c["no"][0]}; border-color: {c["no"][1]}; }}
#quorumBanner QLabel {{ color: {c["text"]}; background: transparent; }}
#quorumBanner QScrollArea, #quorumBanner QScrollArea > QWidget > QWidget {{
    background: transparent; }}
#quorumBanner[quorate="yes"] QLabel#quorumVerdict {{ color: {c["yes"][2]}; }}
#quorumBanner[quorate="no"] QLabel#quorumVerdict {{ color: {c["no"][2]}; }}
QLabel#quorumPublic {{ font-weight: bold; }}
#quorumBanner QToolButton {{
    color: {c["text"]}; background: {c["button"]}; border: 1px solid {c["plain"][1]};
    border-radius: 3px; padding: 3px 8px; min-height: 20px;
}}
#quorumBanner QToolButton:focus {{ border: 2px solid #4a90e2; }}
"""


class QuorumBanner(QFrame):
    """The quorum verdict, always visible while a meeting is shown.

    The verdict line reads e.g. "QUORATE  5 of 7 groups, 5 needed"; the "Why?" button
    opens a list of each group, filled or not and by whom. `text()` gives the whole
    line (verdict, count and public) for the status bar and for screen readers.
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("quorumBanner")
        self._scheme = ""
        # As tall as its reasons, but it gives way (they scroll) on a short screen.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.setAccessibleName("Quorum")
        self.verdict = QLabel(objectName="quorumVerdict")
        self.verdict.setTextFormat(Qt.TextFormat.PlainText)
        # Larger than the system font by a factor, never a fixed size: it scales with it.
        self.verdict.setFont(theme.scaled_font(self.font(), 1.45, bold=True))
        self.count = QLabel(objectName="quorumCount")
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.count.setWordWrap(True)
        self.public = QLabel(objectName="quorumPublic")
        self.public.setTextFormat(Qt.TextFormat.PlainText)
        self.why = QToolButton(text="&Why?")  # Alt+H is the Help menu
        self.why.setCheckable(True)
        self.why.setAccessibleName("Show why the meeting is or is not quorate")
        self.why.setToolTip("List each group of the quorum rule, filled or not and by whom")
        self.why.toggled.connect(self._show_explanation)
        self.explanation = QLabel(objectName="quorumExplanation")
        self.explanation.setTextFormat(Qt.TextFormat.PlainText)
        self.explanation.setWordWrap(True)
        self.explanation.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        # Eight lines of reasons at a time, four on a short screen (the register needs
        # the height); more scroll.
        lines = 8 if available_size(self).height() >= 720 else 4
        self.reasons = scrolled(self.explanation, "Why the meeting is or is not quorate",
                                tallest=self.fontMetrics().lineSpacing() * lines + 4)
        self.reasons.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the arrow keys scroll it
        self.reasons.setVisible(False)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.verdict)
        top.addSpacing(12)
        top.addWidget(self.count, 1)
        top.addWidget(self.public)
        top.addSpacing(8)
        top.addWidget(self.why)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.reasons)
        self._line = ""

    def show_result(self, result: QuorumResult, public_count: int = 0, when: str = "",
                    public_note: str = "") -> None:
        """Show a verdict; `when` prefixes it ("At the close: "), `public_note` qualifies
        the public indicator ("excluded for item 5")."""
        self.verdict.setText(f"{when}{result.verdict}")
        self.count.setText(result.detail)
        public = f"Public present: {public_count}" if public_count else "No public present"
        if public_count and public_note:
            public += f" ({public_note})"
        self.public.setText(public)
        self.explanation.setText("\n".join(_explanation_lines(result)))
        self._line = f"{when}{result.summary}"
        if public_count:
            self._line += f"   ·   Public present: {public_count}"
        self.setToolTip("\n".join(result.explanation()))
        self.setAccessibleDescription(f"{self._line}. " + "; ".join(result.explanation()))
        self._follow_theme()
        self.setProperty("quorate", "yes" if result.quorate else "no")
        self.style().unpolish(self)
        self.style().polish(self)
        for child in self.findChildren(QLabel):
            child.style().unpolish(child)
            child.style().polish(child)

    def text(self) -> str:
        """The verdict in one line, as the status bar or a screen reader says it."""
        return self._line

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """A change of theme recolours the banner at once, not at the next verdict;
        once the theme is wholly applied (its palette comes first)."""
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            QTimer.singleShot(0, self, self._follow_theme)

    def _follow_theme(self) -> None:
        scheme = theme.current_scheme()
        if scheme != self._scheme:
            self._scheme = scheme
            self.setStyleSheet(_style(scheme))

    def _show_explanation(self, shown: bool) -> None:
        self.reasons.setVisible(shown)
        self.why.setText("Hide &why" if shown else "&Why?")
        self.why.setAccessibleName("Hide the quorum explanation" if shown
                                   else "Show why the meeting is or is not quorate")


def _explanation_lines(result: QuorumResult) -> list[str]:
    """Each check, then each group marked in words (and a sign) as filled or not."""
    if not result.checks:
        return ["No quorum rule is set for this body."]
    # With one form of rule its count is already the banner's headline.
    lines = [check.detail[:1].upper() + check.detail[1:] for check in result.checks] \
        if len(result.checks) > 1 else []
    for fill in result.groups:
        mark = "✓" if fill.filled else "✗"
        who = f"filled by {', '.join(fill.filled_by)}" if fill.filled else "NOT filled"
        lines.append(f"{mark} {fill.label}: {who}")
    for fill in result.required:
        mark = "✓" if fill.filled else "✗"
        who = f"present: {', '.join(fill.filled_by)}" if fill.filled else "NOT present"
        lines.append(f"{mark} Required — {fill.label}: {who}")
    return lines + result.remote_lines()

