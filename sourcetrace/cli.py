"""Command line: a thin layer over the library.

Subcommands live in :mod:`sourcetrace.commands`, one module each, found
automatically: a module there defines ``register(subparsers)`` which adds
its parser and sets ``func`` (called with the parsed args, returns the exit
status).
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from . import __version__, commands


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sourcetrace",
        description="Who says what, about whom, how sure they are, and who denies it: news articles in, sourced records out.",
    )
    parser.add_argument("--version", action="version", version=f"sourcetrace {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        if hasattr(module, "register"):
            module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
