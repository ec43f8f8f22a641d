"""``python -m nd30check`` = the ``nd30check`` command."""

from .cli import main

if __name__ == "__main__":  # pragma: no cover
    main(prog_name="nd30check")
