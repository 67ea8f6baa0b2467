"""Body set-up: membership and vacancies, offices, constitution, register of interests, quorum
groups; the body's seat categories, offices and quorum groups can be changed there."""

from clerk_app.gui.views.body_setup.dialogs import NewBodyDialog
from clerk_app.gui.views.body_setup.view import BodySetupView

__all__ = ["BodySetupView", "NewBodyDialog"]
