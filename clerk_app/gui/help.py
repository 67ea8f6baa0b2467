"""The Help menu, at the right end of the menu bar: the keyboard reference (F1), the
chosen body's rules in words, the user guide and About."""

from __future__ import annotations

KEYBOARD_REFERENCE_KEY = "F1"


def install(window) -> None:
    """Add the Help menu to a MainWindow (after its other menus)."""
    window.menu("Help", before=None, text="&Help")
    window.add_action("Help", "&Keyboard reference", lambda: keyboard_reference(window),
                      shortcut=KEYBOARD_REFERENCE_KEY)
    window.add_action("Help", "This &body's rules in words", lambda: body_rules(window),
                      icon="scroll-text", needs="body")
    window.add_action("Help", "&User guide", lambda: user_guide(window), icon="file-text")
    window.add_action("Help", "&About clerk-app", lambda: about(window))


def keyboard_reference(window) -> None:
    from clerk_app.gui import keys
    from clerk_app.gui.dialogs.help_dialogs import KeyboardReferenceDialog

    window.open_dialog(KeyboardReferenceDialog(keys.keyboard_reference(window), window))


def body_rules(window) -> None:
    from clerk_app.gui.dialogs.help_dialogs import BodyRulesDialog
    from clerk_app.services.rules_in_words import rules_in_words

    body_id = window.current_body_id()
    if body_id is not None:
        window.open_dialog(BodyRulesDialog(rules_in_words(window.engine, body_id), window))


def user_guide(window) -> None:
    from clerk_app.gui.dialogs.help_dialogs import UserGuideDialog

    window.open_dialog(UserGuideDialog(parent=window))


def about(window) -> None:
    from clerk_app.gui.dialogs.help_dialogs import AboutDialog

    window.open_dialog(AboutDialog(window.database_label, window))
