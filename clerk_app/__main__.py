"""`python -m clerk_app` and the `clerk-app` command: the window, or a headless command."""

from __future__ import annotations

import sys

from clerk_app import cli


def main(argv: list[str] | None = None) -> int:
    args = cli.parser().parse_args(argv)
    if args.command in (None, "run"):
        from clerk_app.app import run_app  # Qt is loaded only when a window is wanted

        return run_app(getattr(args, "db", None))
    return cli.main(argv)


if __name__ == "__main__":
    sys.exit(main())
