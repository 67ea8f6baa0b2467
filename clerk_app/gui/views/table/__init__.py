"""The parts of the meeting table (gui/views/table_view.py): register and agenda panels."""
