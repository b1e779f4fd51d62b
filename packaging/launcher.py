"""Entry point for frozen builds: with arguments it is the CLI, without it opens the window."""

import sys

from sumbar_studio.cli import main

if __name__ == "__main__":
    sys.exit(main())
