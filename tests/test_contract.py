"""The JSON contract: schema published and matching the model, offsets always valid."""

import json
import subprocess
import sys

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sourcetrace
from sourcetrace.model import SCHEMA_VERSION, json_schema

from conftest import EXAMPLE, ROOT, iter_spans

SCHEMA_FILE = ROOT / "sourcetrace" / "schema" / "analysis.schema.json"


def test_published_schema_matches_model():
    assert json.loads(SCHEMA_FILE.read_text()) == json_schema(), "run `make schema` after changing sourcetrace/model.py"


def test_example_validates_against_published_schema(example_analysis):
    doc = example_analysis.to_dict()
    jsonschema.validate(doc, json.loads(SCHEMA_FILE.read_text()))
    assert doc["schema_version"] == SCHEMA_VERSION
    for key in ("id", "path", "text", "article", "boilerplate", "statements"):
        assert key in doc
    assert doc["id"] == "kabul-arms-report"
    assert doc["text"] == EXAMPLE.read_text(encoding="utf-8")


def test_every_span_matches_text(example_analysis):
    doc = example_analysis.to_dict()
    spans = list(iter_spans(doc))
    assert len(spans) > 20
    for path, span in spans:
        assert doc["text"][span["start"] : span["end"]] == span["text"], path


def test_statement_fields(example_analysis):
    ids = {s.id for s in example_analysis.statements}
    for s in example_analysis.statements:
        assert s.kind in ("direct", "indirect", "mixed", "unattributed")
        assert s.content, s
        assert (s.source is None) == (s.kind == "unattributed")
        assert s.nested_in is None or s.nested_in in ids
        assert 0 <= s.confidence <= 1


SENTENCES = [
    '"We will not back down," the minister said.',
    "The mayor said the bridge would reopen in May.",
    "According to police figures, thefts fell by 12 percent.",
    "Officials reportedly met in Geneva on Tuesday.",
    "She denied the report, calling it \u201cnonsense.\u201d",
    "\u201cIt is over,\u201d he said. \u201cWe lost.\u201d",
    "A diplomat who asked not to be named said talks had stalled.",
    "Donate today and help us keep reporting.",
    "Read more: the week in pictures",
    "The company did not respond to a request for comment.",
    "Smith: \u201cNo comment.\u201d",
]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=6), st.sampled_from(["\n", " ", "\r\n", "\n\n"]),
       st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30))
def test_offsets_property(nlp, parts, sep, noise):
    text = sep.join(parts) + noise
    doc = sourcetrace.analyze(text, nlp=nlp).to_dict()
    assert doc["text"] == text
    for path, span in iter_spans(doc):
        assert text[span["start"] : span["end"]] == span["text"], path


def _cli(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "sourcetrace", *args], capture_output=True, text=True, input=stdin, cwd=ROOT)


def test_cli_json_and_html(tmp_path):
    out = tmp_path / "r.html"
    r = _cli("analyze", str(EXAMPLE), "--format", "json", "--html", str(out))
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["statements"]
    page = out.read_text()
    assert page.startswith("<!doctype html>") and "Farid Rahimi" in page
    # self-contained: nothing fetched from the network (SVG's xmlns is a name, not a fetch)
    import re

    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//|@import|url\(\s*["']?(https?:)?//""", page)


def test_cli_batch_keeps_good_and_reports_bad(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    r = _cli("analyze", str(empty), str(EXAMPLE), "--format", "jsonl")
    assert r.returncode == 1
    lines = r.stdout.strip().splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["id"] == "kabul-arms-report"
    assert "empty.txt" in r.stderr and "1 failed" in r.stderr


def test_cli_stdin():
    r = _cli("analyze", "-", "--format", "json", "--date", "2024-03-10", stdin=EXAMPLE.read_text())
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["id"] == "stdin" and doc["article"]["date"] == "2024-03-10"


def test_article_date_option_and_cautious_inference(nlp):
    text = "Published June 2, 2021\nThe mayor said on Monday that the bridge would reopen next year."
    inferred = sourcetrace.analyze(text, nlp=nlp)
    assert (inferred.article.date, inferred.article.date_source) == ("2021-06-02", "inferred")
    assert any("Published" in n for n in inferred.article.notes)
    given = sourcetrace.analyze(text, nlp=nlp, date="2020-01-01")
    assert (given.article.date, given.article.date_source) == ("2020-01-01", "option")
    bare = sourcetrace.analyze("The mayor said on Monday that the bridge would reopen.", nlp=nlp)
    assert bare.article.date is None
