"""Opening the corpus database for the query commands (claims, sources, show)."""

from __future__ import annotations

import sys


def open_or_report(path: str):
    """The connection, or None after one stderr line naming the problem."""
    from ..corpus.query import open_db

    try:
        return open_db(path)
    except FileNotFoundError as e:
        print(f"sourcetrace: {e}", file=sys.stderr)
        return None
