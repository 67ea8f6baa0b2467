"""`python -m clerk_app` and the `clerk-app` command."""

import sys

from clerk_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
