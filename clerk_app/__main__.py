"""`python -m clerk_app` and the `clerk-app` command: the window, or a headless command."""

from __future__ import annotations

import sys

from clerk_app.arguments import parser


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command in (None, "run"):
        # Qt only: the window is shown before the data layer is imported (app.py).
        from clerk_app.app import run_app

        return run_app(getattr(args, "db", None))
    from clerk_app import cli  # the data layer, for a headless command

    return cli.main(argv)


if __name__ == "__main__":
    sys.exit(main())
