"""`python -m clerk_app` and the `clerk-app` command: the window, or a headless command."""

from __future__ import annotations

import gc
import sys


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv:  # the usual start: nothing to read, and building the parser takes 10 ms
        return _window(None)
    from clerk_app.arguments import parser

    args = parser().parse_args(argv)
    if args.command in (None, "run"):
        return _window(getattr(args, "db", None))
    from clerk_app import cli  # the data layer, for a headless command

    return cli.main(argv)


def _window(db_path) -> int:
    # Start-up makes objects that live as long as the application: collecting while they
    # are made frees nothing. run_app enables the collector again once they are frozen.
    gc.disable()
    # Qt only: the window is shown before the data layer is imported (app.py).
    from clerk_app.app import run_app

    return run_app(db_path)


if __name__ == "__main__":
    sys.exit(main())
