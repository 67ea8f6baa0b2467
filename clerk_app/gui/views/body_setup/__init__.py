"""Body set-up: membership and vacancies, offices, constitution, register of interests, quorum
groups, each of which can be changed there; and the guided set-up of a new body."""

from clerk_app.gui.views.body_setup.setup_wizard import SetUpBodyDialog
from clerk_app.gui.views.body_setup.view import BodySetupView

__all__ = ["BodySetupView", "SetUpBodyDialog"]
