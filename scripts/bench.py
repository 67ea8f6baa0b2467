"""How fast the application keeps up with the room: every speed and memory target of the
application, measured on a large board, each against its target and, where the target
is a ratio, against a floor measured in the same run.

    make bench                                      # the full run: a table and bench.json
    .venv/bin/python scripts/bench.py --quick       # a smoke run (the test suite runs it)
    .venv/bin/python scripts/bench.py --json FILE   # the table as JSON somewhere else

The record: a 60-member board with ten years of monthly meetings, and a meeting of 40
items with 200 members of the public (scripts/bench_record.py). And a council's whole
record: 50 bodies made from the five presets in turn, each with ten years of monthly
meetings, opened in the real window (scripts/bench_council.py). It takes two minutes to
build, so it is built once and kept in .bench-cache/ (ignored by git) under a name that
carries the generator's version, bench_record.COUNCIL_VERSION: raise it when the
generator changes and the next run builds the record afresh; delete the folder to
reclaim the space. The quick run uses 3 bodies of one year, cached the same way.

Each figure is taken over repeated runs and given as its median, 95th percentile and
spread (the interquartile range). A target in milliseconds or megabytes is judged on
the 95th percentile (the worst run for memory); a target relative to a floor is judged
on the ratio of medians. Everything runs offscreen (Qt's offscreen platform), so the figures
include painting but not the screen's compositor.

To see where the time goes in one figure, profile the same probe:

    .venv/bin/python -m cProfile -s cumtime scripts/bench.py --quick --only register
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import platform
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from io import BytesIO
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import bench_record  # noqa: E402

from clerk_app.app import freeze_startup_objects  # noqa: E402
from clerk_app.db.migrate import open_database  # noqa: E402

FIGURES = ("startup", "register", "vote", "minutes", "year", "memory", "council")


@dataclass
class Figure:
    key: str
    title: str
    unit: str
    samples: list[float]
    limit: float | None = None  # judged on the 95th percentile (or the worst, for memory)
    floor: list[float] = field(default_factory=list)
    ratio_limit: float | None = None  # judged on median / floor median

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        ordered = sorted(self.samples)
        return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]

    @property
    def spread(self) -> tuple[float, float]:
        if len(self.samples) < 2:
            return self.samples[0], self.samples[0]
        q1, _, q3 = statistics.quantiles(self.samples, n=4, method="inclusive")
        return q1, q3

    @property
    def judged(self) -> float:
        return max(self.samples) if self.unit == "MB" else self.p95

    @property
    def ratio(self) -> float | None:
        return self.median / statistics.median(self.floor) if self.floor else None

    @property
    def target(self) -> str:
        parts = []
        if self.limit is not None:
            parts.append(f"{'peak' if self.unit == 'MB' else 'p95'} < {self.limit:g} "
                         f"{self.unit}")
        if self.ratio_limit is not None:
            parts.append(f"≤ {self.ratio_limit:g}× floor")
        return " and ".join(parts)

    @property
    def met(self) -> bool:
        return ((self.limit is None or self.judged < self.limit)
                and (self.ratio_limit is None or self.ratio <= self.ratio_limit))

    def as_json(self) -> dict:
        q1, q3 = self.spread
        return {
            "key": self.key, "title": self.title, "unit": self.unit, "runs": len(self.samples),
            "median": self.median, "p95": self.p95, "q1": q1, "q3": q3,
            "floor_median": statistics.median(self.floor) if self.floor else None,
            "ratio": self.ratio, "target": self.target, "met": self.met,
            "samples": self.samples,
        }


@dataclass(frozen=True)
class Plan:
    """How much to measure: the full run, or the quick run that proves the script works."""

    history_years: int
    arrivals: int  # members marked present by key, per meeting held at the table
    votes: int  # named votes taken through the dialog, per meeting
    meetings: int  # meetings held at the table (each gives `arrivals` and `votes` samples)
    startups: int
    exports: int
    sessions: int  # whole-meeting processes for peak memory


FULL = Plan(history_years=10, arrivals=bench_record.MEMBERS, votes=30, meetings=3,
            startups=10, exports=7, sessions=3)
QUICK = Plan(history_years=1, arrivals=6, votes=2, meetings=1, startups=2, exports=2,
             sessions=1)


# --- the floors and the measuring helpers --------------------------------------------


def ms_since(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def settle() -> None:
    """Let Qt deliver what an action posted (layout, the repaint): the frame is done."""
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    QApplication.processEvents()


def copy_record(source: Path, target: Path) -> None:
    """A consistent copy of a record file (SQLite's online backup, WAL included)."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


# --- 1. start-up: a child process per start ----------------------------------------------

# Run as `python -c` so that the floor imports nothing but Qt. "shown": the monotonic time
# at which the window's first paint is done (the clerk sees the window and its menus);
# "usable": once the record is open in it and drawn, the event loop running (the clerk
# can work). The floor is a bare window: shown and usable at once. "app" starts the
# real command (`clerk-app`, clerk_app.__main__) on the clerk's default record, the demo
# (written first with the `demo` command: a new record would open on the welcome page).
STARTUP = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])

def settled():
    app.processEvents()
    app.processEvents()
    return time.monotonic()

def usable(window):
    print(f"usable {settled()}", flush=True)
    window.close()
    app.quit()

def shown(window):
    print(f"shown {settled()}", flush=True)
    if not hasattr(window, "record_opened"):
        usable(window)
    elif window.engine is not None:
        QTimer.singleShot(0, lambda: usable(window))
    else:
        window.record_opened.connect(lambda: QTimer.singleShot(0, lambda: usable(window)))

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, lambda: shown(watched))  # once this paint is done
        return False

# Watching the window alone: a filter on the whole application would hand every event of
# every widget to Python, and wrapping them costs a window with children some 50 ms that
# the application itself never spends.
first_paint = FirstPaint()
if sys.argv[1] == "floor":
    window = QMainWindow()
    window.resize(1280, 800)
    window.installEventFilter(first_paint)
    window.show()
    app.exec()
else:
    from clerk_app import app as clerk

    show_window = clerk.show_window  # the one place the application shows its window
    clerk.show_window = lambda qt, window: (window.installEventFilter(first_paint),
                                            show_window(qt, window))
    from clerk_app.__main__ import main
    main([])
"""


def child(args: list[str], answer: str, env: dict[str, str] | None = None) -> float:
    """Run a child Python and read the number it prints after `answer`."""
    return child_answers(args, [answer], env)[answer]


def child_answers(args: list[str], answers: list[str],
                  env: dict[str, str] | None = None) -> dict[str, float]:
    """Run a child Python and read the numbers it prints after each of `answers`."""
    out = subprocess.run([sys.executable, *args], env=env, cwd=ROOT, capture_output=True,
                         text=True, timeout=1800)
    found = {line.split()[0]: float(line.split()[1]) for line in out.stdout.splitlines()
             if line.split() and line.split()[0] in answers}
    if out.returncode or set(found) != set(answers):
        raise RuntimeError(f"{' '.join(args[:3])} failed:\n{out.stderr[-3000:]}")
    return found


def time_start(kind: str, env: dict[str, str]) -> tuple[float, float]:
    """Milliseconds from the command to the window shown, and to the record usable."""
    started = time.monotonic()
    found = child_answers(["-c", STARTUP, kind], ["shown", "usable"], env)
    return (found["shown"] - started) * 1000, (found["usable"] - started) * 1000


def bench_startup(plan: Plan, work: Path) -> list[Figure]:
    env = dict(os.environ, XDG_DATA_HOME=str(work / "data"),
               XDG_CONFIG_HOME=str(work / "config"), QT_QPA_PLATFORM="offscreen")
    # As installed, the application starts from its compiled modules: a shell that
    # forbids writing them would have every start compile the whole package again.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "clerk_app", "demo"], env=env, cwd=ROOT,
                   check=True, capture_output=True, timeout=600)
    time_start("app", env)  # the first start warms the caches: not a usual start
    time_start("floor", env)
    shown, usable, floor = [], [], []
    for _ in range(plan.startups):  # interleaved, so that a busy moment hits both
        floor.append(time_start("floor", env)[0])
        window, record = time_start("app", env)
        shown.append(window)
        usable.append(record)
    # The record usable: no slower than before the window came first (10.5x the floor,
    # measured on a 2-core machine, offscreen, when it was shown with the record).
    return [Figure("startup", "Start-up to the window shown", "ms", shown, floor=floor,
                   ratio_limit=1.5),
            Figure("startup_record", "Start-up to the record usable (demo record)", "ms",
                   usable, floor=floor, ratio_limit=10.5)]


# --- 2 and 3. at the table: the register and the vote dialog ---------------------------


class AtTheTable:
    """The meeting table on the large meeting, driven by keys and clicks as a clerk would."""

    def __init__(self, engine, meeting_id: int) -> None:
        from clerk_app.gui.views.table_view import TableView

        self.view = TableView(engine)
        self.view.resize(1366, 768)
        self.view.show()
        self.view.show_meeting(meeting_id)
        settle()

    def arrive(self, person_ids) -> list[float]:
        """Each person marked present with the P key; ms from the key to the banner painted."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        from clerk_app.gui.models.register_model import PERSON_ROLE

        table = self.view.register.table
        timings = []
        for person_id in person_ids:
            proxy = table.model()
            row = next(r for r in range(proxy.rowCount())
                       if proxy.index(r, 0).data(PERSON_ROLE) == person_id)
            table.setCurrentIndex(proxy.index(row, 0))
            table.setFocus()
            settle()
            before = self.view.banner.text()
            start = time.perf_counter()
            QTest.keyClick(table, Qt.Key.Key_P)
            settle()
            timings.append(ms_since(start))
            if self.view.banner.text() == before and person_id == person_ids[0]:
                raise RuntimeError("the banner did not change on an arrival")
        return timings

    def click(self, button) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        settle()

    def named_votes(self, count: int) -> tuple[list[float], list[float]]:
        """Start the next item, open the vote dialog, take a recorded vote by name.
        Returns ms to open the dialog (painted) and ms to record the names (the table
        showing the result)."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        from clerk_app.gui.dialogs.vote_dialog import VoteDialog

        opened, recorded = [], []
        start = [0.0]

        def exec_(dialog: VoteDialog) -> int:  # the clerk at the modal dialog
            dialog.show()
            settle()
            opened.append(ms_since(start[0]))
            QTest.keyClicks(dialog.motion, "the report be approved")
            QTest.mouseClick(dialog.named, Qt.MouseButton.LeftButton)
            QTest.mouseClick(dialog.all_for, Qt.MouseButton.LeftButton)
            dialog.voters_table.setFocus()
            dialog.voters_table.setCurrentIndex(dialog.voters.index(2, 0))
            for key in (Qt.Key.Key_A, Qt.Key.Key_A, Qt.Key.Key_B, Qt.Key.Key_D):
                QTest.keyClick(dialog.voters_table, key)
            if not dialog.record.isEnabled():
                raise RuntimeError(f"the vote cannot be recorded: {dialog.problem.text()}")
            start[0] = time.perf_counter()
            QTest.mouseClick(dialog.record, Qt.MouseButton.LeftButton)
            return dialog.result()

        original = VoteDialog.exec
        VoteDialog.exec = exec_
        try:
            for _ in range(count):
                self.click(self.view.agenda.next)
                start[0] = time.perf_counter()
                self.click(self.view.agenda.vote)
                recorded.append(ms_since(start[0]))
        finally:
            VoteDialog.exec = original
        if len(recorded) != count or "carried" not in self.view.agenda.outcomes.text():
            raise RuntimeError("a vote was not recorded")
        return opened, recorded

    def close(self) -> None:
        self.view.close()
        self.view.deleteLater()
        settle()


def hold_meeting(engine, board, plan: Plan) -> tuple[int, list[float], list[float], list[float]]:
    """One large meeting held at the table: arrivals, opening, named votes, closing."""
    from clerk_app.services import register

    meeting_id, _items = bench_record.create_large_meeting(engine, board)
    table = AtTheTable(engine, meeting_id)
    # Half arrive before the Chair opens the meeting, half after (latecomers, whose
    # arrival is also checked for quorum regained); the rest unmeasured (quick run).
    early, late = plan.arrivals // 2, plan.arrivals
    arrivals = table.arrive(board.members[:early])
    table.click(table.view.open_button)
    arrivals += table.arrive(board.members[early:late])
    for person_id in board.members[late:]:
        register.arrive(engine, meeting_id, person_id)
    table.view.refresh()
    opened, recorded = table.named_votes(plan.votes)
    table.click(table.view.close_button)
    table.close()
    return meeting_id, arrivals, opened, recorded


def bench_table(plan: Plan, engine, board) -> tuple[list[Figure], int]:
    arrivals, opened, recorded = [], [], []
    for _ in range(plan.meetings):
        meeting_id, a, o, r = hold_meeting(engine, board, plan)
        arrivals += a
        opened += o
        recorded += r
    return [
        Figure("register", "Register key press to quorum banner painted", "ms", arrivals,
               limit=16),
        Figure("vote_open", "Vote dialog open, 60 eligible voters", "ms", opened, limit=100),
        Figure("vote_record", "Named vote recorded, 60 names", "ms", recorded, limit=100),
    ], meeting_id


# --- 4. the minutes as PDF ----------------------------------------------------------------


def reportlab_floor(document) -> bytes:
    """The floor: reportlab laying out the same paragraphs (bold and italic runs
    included) and tables in the same fonts, directly from the text, with its stock page
    template: no escaping pass for fallback fonts or right-to-left text, no page footer,
    marking or watermark."""
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

    from clerk_app.export import document as d
    from clerk_app.export.fonts import SANS, SANS_BOLD, register_fonts

    def text(runs) -> str:
        out = []
        for run in runs:
            piece = escape(run.text)
            piece = f"<i>{piece}</i>" if run.italic else piece
            out.append(f"<b>{piece}</b>" if run.bold else piece)
        return "".join(out)

    register_fonts()
    body = ParagraphStyle("body", fontName=SANS, fontSize=10, leading=14)
    heading = ParagraphStyle("heading", parent=body, fontName=SANS_BOLD, fontSize=12)
    story: list = []
    for block in document.blocks:
        if isinstance(block, d.Heading):
            story.append(Paragraph(escape(block.text), heading))
        elif isinstance(block, d.Paragraph):
            story.append(Paragraph(text(block.runs), body))
        elif isinstance(block, d.Lines):
            story += [Paragraph(text(runs), body) for runs in block.lines]
        elif isinstance(block, d.Table):
            rows = [block.header, *block.rows]
            table = Table([[Paragraph(escape(c), body) for c in row] for row in rows],
                          colWidths=[w * 170 * 2.8346 for w in block.widths], repeatRows=1)
            table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "grey")]))
            story.append(table)
        elif isinstance(block, d.PageBreak):
            story.append(PageBreak())
    out = BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build(story)
    return out.getvalue()


def bench_minutes(plan: Plan, engine, meeting_id: int) -> Figure:
    from clerk_app.services import minutes

    document = minutes.minutes_document(engine, meeting_id)
    ours, floor = [], []
    minutes.render_minutes(engine, meeting_id, "pdf")  # fonts loaded once per process
    reportlab_floor(document)
    for _ in range(plan.exports):
        start = time.perf_counter()
        reportlab_floor(document)
        floor.append(ms_since(start))
        start = time.perf_counter()
        minutes.render_minutes(engine, meeting_id, "pdf")
        ours.append(ms_since(start))
    return Figure("minutes", "Minutes PDF, 40 items, votes, 60 people", "ms", ours,
                  limit=1000, floor=floor, ratio_limit=1.5)


# --- 5. the attendance year ----------------------------------------------------------------


def bench_year(engine, board) -> Figure:
    """Each year of the board's history chosen in the attendance view, as the clerk does
    with the keyboard; ms until the year's table and chart are painted."""
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest

    from clerk_app.gui import tasks
    from clerk_app.gui.views.year.attendance_view import AttendanceView

    view = AttendanceView(engine, board.body_id)
    view.resize(1366, 768)
    view.show()

    def wait_loaded() -> None:
        loop = QEventLoop()
        view.loaded.connect(loop.quit)
        QTimer.singleShot(60_000, loop.quit)
        loop.exec()
        view.loaded.disconnect(loop.quit)
        settle()

    wait_loaded()
    freeze_startup_objects()  # as the application does once its window is up
    view.year_box.setFocus()
    timings = []
    older, newer = Qt.Key.Key_Down, Qt.Key.Key_Up  # the newest year is first
    steps = view.year_box.count() - 1
    for key in [older] * steps + [newer] * steps:  # every year, there and back
        start = time.perf_counter()
        QTest.keyClick(view.year_box, key)
        wait_loaded()
        timings.append(ms_since(start))
    if not view.report.members:
        raise RuntimeError("the attendance view showed nobody")
    view.close()
    tasks.runner().wait()
    return Figure("year", f"Attendance year shown ({view.year_box.count()} years on record)",
                  "ms", timings, limit=100)


# --- 6. memory: a whole large meeting in a process of its own ---------------------------


def child_session(record: Path, quick: bool) -> None:
    """A clerk's session: the large meeting held at the table, then the minutes written
    as PDF and Word; prints the process's peak resident memory."""
    from PySide6.QtWidgets import QApplication

    from clerk_app.services import minutes

    _app = QApplication(sys.argv[:1])
    bench_record.PinnedClock().install()
    engine = open_database(record)
    board = bench_record.board_of(engine)
    meeting_id, *_ = hold_meeting(engine, board, QUICK if quick else FULL)
    for fmt in ("pdf", "docx"):
        minutes.render_minutes(engine, meeting_id, fmt)
    engine.dispose()
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"peak {peak / (1 << 20) if sys.platform == 'darwin' else peak / 1024}", flush=True)


def bench_memory(plan: Plan, base: Path, work: Path, quick: bool) -> Figure:
    peaks = []
    for n in range(plan.sessions):
        record = work / f"session-{n}.sqlite3"
        copy_record(base, record)
        peaks.append(child([__file__, "--child", "session", str(record)]
                           + (["--quick"] if quick else []), "peak"))
    return Figure("memory", "Peak memory: a large meeting held and exported", "MB", peaks,
                  limit=300)


# --- 7. a council's whole record: many bodies open in the window ------------------------


@dataclass(frozen=True)
class CouncilPlan:
    bodies: int
    years: int  # of monthly meetings, each body
    processes: int  # the window opened on the record afresh in each (a memory sample each)
    draws: int  # navigator drawings in each process


COUNCIL = CouncilPlan(bodies=50, years=10, processes=3, draws=10)
COUNCIL_QUICK = CouncilPlan(bodies=3, years=1, processes=1, draws=2)


def bench_council(plan: CouncilPlan, work: Path, say: Callable[[str], None]) -> list[Figure]:
    """The council's record (built once and cached: scripts/bench_record.py) open in the
    real window, each time in a process of its own (scripts/bench_council.py): the
    navigator drawn with every body and meeting, the body switched by key, peak memory."""
    cached = bench_record.COUNCIL_CACHE / bench_record.council_name(plan.bodies, plan.years)
    if not cached.exists():
        say(f"Building the council's record, {plan.bodies} bodies x {plan.years} years "
            "(once: it is kept in .bench-cache/)…")
    cached = bench_record.council_record(plan.bodies, plan.years)
    draws, switches, peaks, about = [], [], [], {}
    for n in range(plan.processes):
        record = work / f"council-{n}.sqlite3"
        copy_record(cached, record)
        out = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench_council.py"),
                              str(record), str(plan.draws)], cwd=ROOT, capture_output=True,
                             text=True, timeout=1800)
        line = next((x for x in out.stdout.splitlines() if x.startswith("council ")), None)
        if out.returncode or line is None:
            raise RuntimeError(f"bench_council.py failed:\n{out.stderr[-3000:]}")
        about = json.loads(line.split(" ", 1)[1])
        draws += about["draw"]
        switches += about["switch"]
        peaks.append(about["peak"])
        record.unlink()
    council = f"{about['bodies']} bodies, {about['meetings']:,} meetings"
    return [
        Figure("council_draw", f"Navigator drawn, {council}", "ms", draws, limit=100),
        Figure("council_switch", f"Body switched by key, {council}", "ms", switches,
               limit=100),
        Figure("council_memory", f"Peak memory: {council} open", "MB", peaks, limit=300),
    ]


# --- the run -------------------------------------------------------------------------------


def machine() -> dict[str, str]:
    import PySide6
    import reportlab

    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    with contextlib.suppress(OSError):
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kb / (1 << 20):.0f} GB"
    return {"system": f"{platform.system()} {platform.machine()}", "cpu": cpu,
            "cores": str(os.cpu_count()), "memory": memory, "python": platform.python_version(),
            "pyside6": PySide6.__version__, "reportlab": reportlab.Version}


def table(figures: list[Figure]) -> str:
    header = ("Figure", "Median", "p95", "Spread (IQR)", "Floor", "Ratio", "Target", "Met")
    rows = []
    for f in figures:
        q1, q3 = f.spread
        floor = f"{statistics.median(f.floor):.1f} {f.unit}" if f.floor else "—"
        ratio = f"{f.ratio:.2f}×" if f.ratio is not None else "—"
        rows.append((f.title, f"{f.median:.1f} {f.unit}", f"{f.p95:.1f} {f.unit}",
                     f"{q1:.1f}–{q3:.1f}", floor, ratio, f.target, "yes" if f.met else "NO"))
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"
             for row in (header, *rows)]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def run(plan: Plan, quick: bool, only: set[str], say: Callable[[str], None]) -> list[Figure]:
    from PySide6.QtWidgets import QApplication

    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="clerk-bench-") as folder:
        work = Path(folder)
        base = work / "board.sqlite3"
        engine = open_database(base)
        say(f"Building the board and {plan.history_years} years of meetings…")
        board = bench_record.build_board(engine)
        bench_record.build_history(engine, board, plan.history_years)
        engine.dispose()
        if "startup" in only:
            say("Start-up…")
            figures += bench_startup(plan, work)
        if "memory" in only:
            say("Peak memory of a whole meeting…")
            figures.append(bench_memory(plan, base, work, quick))
        if only & {"register", "vote", "minutes", "year"}:
            _app = QApplication.instance() or QApplication(sys.argv[:1])
            bench_record.PinnedClock().install()
            record = work / "table.sqlite3"
            copy_record(base, record)
            engine = open_database(record)
            if "year" in only:
                say("The attendance year…")
                figures.append(bench_year(engine, board))
            if only & {"register", "vote", "minutes"}:
                say("At the table…")
                table_figures, meeting_id = bench_table(plan, engine, board)
                figures += [f for f in table_figures if f.key.split("_")[0] in only]
                if "minutes" in only:
                    say("The minutes…")
                    figures.append(bench_minutes(plan, engine, meeting_id))
            engine.dispose()
        if "council" in only:
            say("A council's whole record…")
            figures += bench_council(COUNCIL_QUICK if quick else COUNCIL, work, say)
    order = ["startup", "startup_record", "register", "vote_open", "vote_record", "minutes",
             "year", "memory", "council_draw", "council_switch", "council_memory"]
    return sorted(figures, key=lambda f: order.index(f.key))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run: few samples")
    parser.add_argument("--json", type=Path, default=Path("bench.json"),
                        help="where to write the figures (default: bench.json)")
    parser.add_argument("--only", action="append", choices=FIGURES,
                        help="measure only this figure (may be repeated)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("record", nargs="?", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child == "session":
        child_session(args.record, args.quick)
        return 0

    plan = QUICK if args.quick else FULL
    figures = run(plan, args.quick, set(args.only or FIGURES),
                  lambda text: print(text, file=sys.stderr, flush=True))
    about = machine()
    print(f"\nclerk-app benchmarks{' (quick run: too few samples to judge)' if args.quick else ''}"
          f" — {about['cpu']}, {about['cores']} cores, {about['memory']}, "
          f"Python {about['python']}, PySide6 {about['pyside6']}\n")
    print(table(figures))
    missed = [f.key for f in figures if not f.met]
    print(f"\n{len(figures) - len(missed)} of {len(figures)} targets met"
          + (f"; missed: {', '.join(missed)}" if missed else "."))
    args.json.write_text(json.dumps({"machine": about, "quick": args.quick,
                                     "plan": asdict(plan),
                                     "figures": [f.as_json() for f in figures]},
                                    indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"Written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
