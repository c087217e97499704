"""Robustness of the whole pipeline on odd inputs (sweep findings, see git log)."""

from __future__ import annotations

import pytest

from sourcetrace.cli import main
from sourcetrace.ingest.files import MAX_TEXT_BYTES


def test_every_text_ingest_accepts_is_within_spacys_length_limit(nlp):
    # ingest accepts up to MAX_TEXT_BYTES of text; spaCy's default max_length
    # (1,000,000 chars) made such a text fail with E088 inside analyze().
    assert nlp.max_length > MAX_TEXT_BYTES
    doc = nlp.make_doc("word " * 220_001)  # 1,100,005 chars: raised E088 before
    assert len(doc) == 220_001


@pytest.mark.parametrize(
    "name,data,problem",
    [
        ("nul.txt", b"Police said on Monday\x00 that two men were arrested.\n", "NUL"),
        ("nobody.html", b"<html><head><title>Only a title</title></head></html>", "no article text"),
        ("empty.txt", b"", "empty"),
    ],
)
def test_cli_bad_input_is_one_clear_line(tmp_path, capsys, name, data, problem):
    p = tmp_path / name
    p.write_bytes(data)
    assert main(["analyze", "--format", "json", str(p)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(p) in err[0] and problem in err[0]
    assert "Traceback" not in err[0]
