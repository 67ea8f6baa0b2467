"""The parts of the meeting table (gui/views/table_view.py): the register and agenda
panels, the controller that records for each, the desk they share, and the wording."""
