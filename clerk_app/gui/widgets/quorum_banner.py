"""QUORATE / NOT QUORATE in words and colour, with the reasons on demand."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QSizePolicy

from clerk_app.rules.quorum import QuorumResult


class QuorumBanner(QLabel):
    """Shows a quorum result; the words carry the meaning, the colour only repeats it."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("quorumBanner")
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Quorum")

    def show_result(self, result: QuorumResult, public_count: int = 0, when: str = "") -> None:
        public = f"   ·   Public present: {public_count}" if public_count else ""
        self.setText(f"{when}{result.summary}{public}")
        self.setToolTip("\n".join(result.explanation()))
        self.setAccessibleDescription("; ".join(result.explanation()))
        self.setProperty("quorate", "yes" if result.quorate else "no")
        self.style().unpolish(self)
        self.style().polish(self)
