"""`sourcetrace train NAME ...`: one trainer per module in :mod:`sourcetrace.train`."""

from .. import train as train_pkg
from ._discover import register_all


def register(sub) -> None:
    p = sub.add_parser("train", help="train one of sourcetrace's models")
    register_all(p.add_subparsers(dest="train_name", metavar="MODEL", required=True), train_pkg)
