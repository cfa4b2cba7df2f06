"""`python -m crampcoach` runs the command line."""

from crampcoach.cli.app import main

main()
