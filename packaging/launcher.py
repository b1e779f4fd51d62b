"""Entry point for frozen builds: with arguments it is the CLI, without it opens the window."""

import multiprocessing
import sys

from sumbar_studio.cli import main

if __name__ == "__main__":
    # exports render in worker processes: in a frozen app each worker re-runs this executable,
    # and freeze_support() turns it into the worker instead of starting the CLI again
    multiprocessing.freeze_support()
    sys.exit(main())
