"""`sourcetrace eval NAME ...`: one evaluation per module in :mod:`sourcetrace.eval`."""

from .. import eval as eval_pkg
from ._discover import register_all


def register(sub) -> None:
    p = sub.add_parser("eval", help="measure sourcetrace on a benchmark data set")
    register_all(p.add_subparsers(dest="eval_name", metavar="BENCHMARK", required=True), eval_pkg)
