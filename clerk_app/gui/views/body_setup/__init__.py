"""Body set-up: membership and vacancies, offices, constitution, register of interests."""

from clerk_app.gui.views.body_setup.dialogs import NewBodyDialog
from clerk_app.gui.views.body_setup.view import BodySetupView

__all__ = ["BodySetupView", "NewBodyDialog"]
