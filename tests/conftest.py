from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
EXAMPLE = ROOT / "examples" / "kabul-arms-report.txt"


@pytest.fixture(scope="session")
def nlp():
    from sourcetrace.nlp import get_nlp

    return get_nlp()


@pytest.fixture(scope="session")
def example_analysis(nlp):
    import sourcetrace
    from sourcetrace.ingest import read_input

    return sourcetrace.analyze(read_input(str(EXAMPLE)), nlp=nlp)


def iter_spans(obj, path="$"):
    """Every {start, end, text} object anywhere in an analysis dict."""
    if isinstance(obj, dict):
        if {"start", "end", "text"} <= obj.keys():
            yield path, obj
        for k, v in obj.items():
            if k != "text":
                yield from iter_spans(v, f"{path}.{k}")
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from iter_spans(v, f"{path}[{i}]")
