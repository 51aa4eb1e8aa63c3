"""``python -m netaudit`` runs the command-line tool."""

from netaudit.cli import main

if __name__ == "__main__":
    main()
