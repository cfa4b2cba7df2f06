"""`python -m crampcoach` runs the command line."""

from crampcoach.cli.app import main

# The guard matters: import worker processes import this module again.
if __name__ == "__main__":
    main()
