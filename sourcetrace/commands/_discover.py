"""Sub-subcommands found by module: each module in a package that defines
``register(subparsers)`` adds one (``sourcetrace eval polnear``, ``sourcetrace train attribution``)."""

from __future__ import annotations

import importlib
import pkgutil


def register_all(sub, package) -> None:
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        if hasattr(module, "register"):
            module.register(sub)
