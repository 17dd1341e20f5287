"""``python -m safecase``: the same as the ``safecase`` command."""

from safecase.cli import main

if __name__ == "__main__":
    main()
