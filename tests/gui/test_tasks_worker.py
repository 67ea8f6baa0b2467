"""The one worker for slow jobs (gui/tasks.py): off the GUI thread, one job at a time,
answers delivered on the GUI thread — even for a job that ends before anyone listens."""

from __future__ import annotations

import sys
import threading

from clerk_app.gui import tasks
from clerk_app.services.errors import ClerkError


def test_a_job_runs_off_the_gui_thread_and_answers_on_it(qtbot):
    where: dict[str, int] = {}

    def job(x: int) -> int:
        where["job"] = threading.get_ident()
        return x * 2

    task = tasks.runner().submit(job, 21)
    task.finished.connect(lambda _r: where.__setitem__("slot", threading.get_ident()))
    with qtbot.waitSignal(task.finished, timeout=10_000) as result:
        pass
    assert result.args == [42] and task.done
    assert where["job"] != threading.get_ident() == where["slot"]


def test_an_answer_is_not_lost_when_the_job_ends_before_anyone_connects(qtbot):
    runner = tasks.runner()
    task = runner.submit(lambda: "ready")
    assert runner.wait(10_000)  # the job has ended (and answered) already
    with qtbot.waitSignal(task.finished, timeout=10_000) as result:
        pass  # connected only now
    assert result.args == ["ready"]


def test_jobs_run_one_after_another_in_order(qtbot):
    order: list[int] = []
    runner = tasks.runner()
    last = None
    for n in range(5):
        last = runner.submit(order.append, n)
    with qtbot.waitSignal(last.finished, timeout=10_000):
        pass
    assert order == [0, 1, 2, 3, 4]


def test_a_refusal_reaches_failed_with_its_message(qtbot):
    def refuse() -> None:
        raise ClerkError("The minutes are approved: nothing can change.")

    task = tasks.runner().submit(refuse)
    with qtbot.waitSignal(task.failed, timeout=10_000) as message:
        pass
    assert message.args == ["The minutes are approved: nothing can change."]


def test_a_bug_goes_to_the_crash_handler_and_the_caller_hears_the_job_stopped(
        qtbot, monkeypatch):
    seen = []
    monkeypatch.setattr(sys, "excepthook", lambda *info: seen.append(info[0]))

    def broken() -> None:
        raise ZeroDivisionError("boom")

    task = tasks.runner().submit(broken)
    with qtbot.waitSignal(task.failed, timeout=10_000) as message:
        pass
    assert seen == [ZeroDivisionError]
    assert message.args[0].startswith("The job stopped because of an unexpected error")
