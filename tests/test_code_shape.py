"""The team's size limits: no module in clerk_app/ over 500 lines and no function or
method over 60, counted from its `def` to its last line (decorators left out).

A piece that reads better whole is listed in ALLOWED with the reason. Functions are
keyed "path::qualname" (e.g. "clerk_app/gui/main_window.py::MainWindow.__init__"),
modules by their path alone. An entry that no longer needs its exemption fails too, so
the list only ever shrinks.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60

ALLOWED: dict[str, str] = {}


def function_lengths(source: str) -> dict[str, int]:
    """Every function and method in the source, by qualified name, with its length in
    lines from `def` to its last line. Nested functions count on their own too."""
    lengths: dict[str, int] = {}

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                name = prefix + child.name
                # lineno is the `def` line itself, below any decorators.
                lengths[name] = child.end_lineno - child.lineno + 1
                visit(child, name + ".")
            elif isinstance(child, ast.ClassDef):
                visit(child, prefix + child.name + ".")
            else:
                visit(child, prefix)

    visit(ast.parse(source), "")
    return lengths


def offences(path: str, source: str) -> dict[str, int]:
    """What in one module is over the limits: key (as in ALLOWED) -> its length."""
    found = {}
    lines = len(source.splitlines())
    if lines > MAX_MODULE_LINES:
        found[path] = lines
    for name, length in function_lengths(source).items():
        if length > MAX_FUNCTION_LINES:
            found[f"{path}::{name}"] = length
    return found


def all_offences() -> dict[str, int]:
    found = {}
    for file in sorted((ROOT / "clerk_app").rglob("*.py")):
        path = file.relative_to(ROOT).as_posix()
        found.update(offences(path, file.read_text(encoding="utf-8")))
    return found


def _limit(key: str) -> int:
    return MAX_FUNCTION_LINES if "::" in key else MAX_MODULE_LINES


def test_no_module_or_function_over_the_limits():
    over = {key: n for key, n in all_offences().items() if key not in ALLOWED}
    assert not over, "Over the size limits (split them, or add to ALLOWED with why):\n" + (
        "\n".join(f"  {key}: {n} lines (limit {_limit(key)})" for key, n in over.items()))


def test_every_exemption_is_still_needed():
    stale = sorted(set(ALLOWED) - set(all_offences()))
    assert not stale, "Within the limits now (or gone): remove from ALLOWED:\n" + (
        "\n".join(f"  {key}" for key in stale))


def test_every_exemption_says_why():
    assert all(reason.strip() for reason in ALLOWED.values())


def _function(name: str, body_lines: int, decorators: int = 0) -> str:
    """Source of a function whose `def` and body take 1 + body_lines lines."""
    return ("@staticmethod\n" * decorators + f"def {name}():\n"
            + "".join(f"    x{n} = {n}\n" for n in range(body_lines)))


def test_the_walker_catches_a_61_line_function():
    source = _function("long_one", 60) + "\n\n" + _function("just_fits", 59)
    assert function_lengths(source) == {"long_one": 61, "just_fits": 60}
    assert offences("synthetic.py", source) == {"synthetic.py::long_one": 61}


def test_the_walker_leaves_decorators_out_and_names_methods_and_nested_functions():
    method = _function("build", 59, decorators=3)  # 63 lines with its decorators
    nested = _function("inner", 60)
    source = ("class Dialog:\n" + "".join(f"    {line}\n" for line in method.splitlines())
              + "\n\ndef outer():\n" + "".join(f"    {line}\n" for line in nested.splitlines()))
    assert function_lengths(source)["Dialog.build"] == 60
    assert offences("synthetic.py", source) == {
        "synthetic.py::outer": 62, "synthetic.py::outer.inner": 61}


def test_the_walker_catches_a_module_over_500_lines():
    source = "".join(f"x{n} = {n}\n" for n in range(501))
    assert offences("big.py", source) == {"big.py": 501}
    assert offences("big.py", source[: source.rindex("x500")]) == {}
