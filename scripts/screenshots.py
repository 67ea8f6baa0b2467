"""Screenshots of each main view, light and dark, at 1366x768, from the real application.

    .venv/bin/python scripts/screenshots.py OUT_FOLDER [--readme]

The demo record is built in a temporary database, with a meeting in progress today so
that the meeting table has something to show; the welcome page is drawn on another, empty
one, at 1366x768 and at 1024x600; nothing touches the clerk's own record.
Runs without a screen (Qt's offscreen platform). With --readme, the light at-the-table
view and welcome page are also written to docs/screenshots/, the pictures in README.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from datetime import date, time, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from clerk_app import clock, paths  # noqa: E402
from clerk_app.db.migrate import open_database  # noqa: E402
from clerk_app.gui import theme  # noqa: E402
from clerk_app.gui.main_window import MainWindow  # noqa: E402
from clerk_app.rules.vocabulary import DecisionKind, MeetingStatus  # noqa: E402
from clerk_app.services import body_setup, decisions, demo, meetings, register  # noqa: E402

SIZE = (1366, 768)
SMALL = (1024, 600)
README_FOLDER = paths.ROOT / "docs" / "screenshots"
# The README's pictures, each copied from one of the shots.
README_PICTURES = {"at-the-table-light.png": README_FOLDER / "at-the-table.png",
                   "welcome-light.png": README_FOLDER / "welcome.png",
                   "set-up-5-quorum-light.png": README_FOLDER / "set-up-quorum.png"}


def meeting_in_progress(engine, body_id: int) -> int:
    """Today's meeting, opened, its register partly taken and the fourth item under way."""
    today = date.today()

    def at(hour: int, minute: int):
        return clock.at(today, time(hour, minute))

    meeting_id = meetings.create_meeting(
        engine, body_id, today, time(10, 0), "Council Chamber, Sessions House, Maidstone",
        [meetings.ItemSpec("Children and young people's plan: half-year performance",
                           presenter="Joanna Fairweather", papers="Report A"),
         meetings.ItemSpec("Early help hubs: the next phase", presenter="Karen Whitlock"),
         "Any other business"])
    people = {p.name: p.person_id for p in body_setup.body_setup(engine, body_id).people}
    arrivals = ["Helen Marsh", "Inspector Daniel Okafor", "Grace Adebayo-Clarke",
                "Karen Whitlock", "Tomás Ó Briain", "Joanna Fairweather", "Rhys ap Gwilym"]
    for minute, name in enumerate(arrivals):
        register.arrive(engine, meeting_id, people[name], at(9, 48 + minute))
    register.add_substitute(engine, meeting_id, people["Dr Siân Pritchard"],
                            people["Zofia Łukasiewicz"], at(9, 57))
    register.send_apologies(engine, meeting_id, people["Peter O'Neill"], "On leave")
    meetings.set_public_count(engine, meeting_id, 2)
    meetings.open_meeting(engine, meeting_id, at(10, 0))
    items = {i.position: i.item_id for i in meetings.meeting_summary(engine, meeting_id).items}
    meetings.start_item(engine, meeting_id, items[1], at(10, 0))
    decisions.record_decision(engine, items[1], DecisionKind.NOTED, at=at(10, 2))
    meetings.start_item(engine, meeting_id, items[2], at(10, 2))
    decisions.record_decision(engine, items[2], DecisionKind.NOTED,
                              "No interests were declared.",
                              at=at(10, 3))
    meetings.start_item(engine, meeting_id, items[3], at(10, 3))
    decisions.record_decision(engine, items[3], DecisionKind.CONSENSUS,
                              "the minutes of the meeting held on 15 September 2026 be "
                              "agreed as a correct record", at=at(10, 5))
    meetings.start_item(engine, meeting_id, items[4], at(10, 5))
    meetings.set_item_notes(engine, items[4],
                            "The LCSP Manager presented the half-year figures: early help "
                            "referrals are up by a tenth on last year.")
    return meeting_id


def save(widget: QWidget, folder: Path, name: str) -> Path:
    QApplication.processEvents()
    path = folder / f"{name}.png"
    if not widget.grab().save(str(path)):
        raise OSError(f"Could not write {path}")
    return path


def shoot(window: MainWindow, folder: Path, body_id: int, running: int, closed: int,
          scheme: str) -> list[Path]:
    window.set_theme(scheme)
    shots = []
    window.select_meeting(running)
    shots.append(save(window, folder, f"at-the-table-{scheme}"))
    window.select_meeting(closed)
    shots.append(save(window, folder, f"meeting-record-{scheme}"))
    window.select_body(body_id)
    tabs = window.body_setup.tabs
    for index, name in enumerate(("membership", "offices", "constitution", "interests")):
        tabs.setCurrentIndex(index)
        shots.append(save(window, folder, f"body-setup-{name}-{scheme}"))
    tabs.setCurrentIndex(0)
    window.new_meeting()
    dialog = window.dialog
    dialog.title.setText("Early help hubs: the next phase")
    shots.append(save(dialog, folder, f"new-meeting-{scheme}"))
    dialog.reject()
    return shots


def shoot_welcome(folder: Path, scratch: Path) -> list[Path]:
    """The page a record with no bodies opens on, at both sizes, light and dark."""
    engine = open_database(scratch / "empty.sqlite3")
    window = MainWindow(engine, "clerk.sqlite3")
    window.show()
    shots = []
    for scheme in (theme.LIGHT, theme.DARK):
        window.set_theme(scheme)
        for size, suffix in ((SIZE, ""), (SMALL, "-1024x600")):
            window.resize(*size)
            shots.append(save(window, folder, f"welcome-{scheme}{suffix}"))
        shots += shoot_set_up(window, folder, scheme)
    window.close()
    engine.dispose()
    return shots


def shoot_set_up(window: MainWindow, folder: Path, scheme: str) -> list[Path]:
    """Each page of the guided set-up, filled in from the Lincolnshire CYPSP preset; on the
    quorum page, the preview with the District Councils and Schools present."""
    window.resize(*SIZE)
    window.new_body()
    wizard = window.dialog
    choices = [wizard.start.choice.item(n).text() for n in range(wizard.start.choice.count())]
    wizard.start.choice.setCurrentRow(
        next(n for n, text in enumerate(choices) if text.startswith("Lincolnshire")))
    shots = []
    for number in range(len(wizard.pageIds())):
        page = wizard.currentPage()
        if page is wizard.quorum:
            for key, present in (("district_councils", 7), ("schools", 2)):
                page.spins[key].setValue(present)
        name = type(page).__name__.removesuffix("Page").lower()
        shots.append(save(wizard, folder, f"set-up-{number}-{name}-{scheme}"))
        wizard.next()
    wizard.reject()
    return shots


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="where to write the PNG files")
    parser.add_argument("--readme", action="store_true",
                        help="also write the README's pictures")
    args = parser.parse_args(argv)
    args.folder.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(paths.APP_NAME)
    # The meeting in progress starts at 09:48 today: read the clock at 10:40, so that the
    # pictures can be taken at any hour (a time later than now is refused).
    clock.now = lambda: clock.at(date.today(), time(10, 40))
    with tempfile.TemporaryDirectory() as scratch:
        record = Path(scratch) / "demo.sqlite3"
        engine = open_database(record)
        body_id = demo.build_demo(engine, upcoming_from=date.today() + timedelta(days=7))
        closed = next(m.id for m in meetings.meetings_of(engine, body_id)
                      if m.status == MeetingStatus.CLOSED)
        running = meeting_in_progress(engine, body_id)
        window = MainWindow(engine, "clerk.sqlite3")
        window.resize(*SIZE)
        window.show()
        shots = []
        for scheme in (theme.LIGHT, theme.DARK):
            shots += shoot(window, args.folder, body_id, running, closed, scheme)
        window.close()
        engine.dispose()
        shots += shoot_welcome(args.folder, Path(scratch))
    if args.readme:
        for shot, picture in README_PICTURES.items():
            picture.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(args.folder / shot, picture)
            shots.append(picture)
    for shot in shots:
        print(shot)
    return 0


if __name__ == "__main__":
    sys.exit(main())
