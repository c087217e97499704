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


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_bomless_utf16_text_is_decoded(tmp_path, codec):
    from sourcetrace.ingest import read_input

    story = 'Police said on Monday that two men were arrested in Leeds.\n\n"We are investigating," said Inspector Jane Moss.\n'
    p = tmp_path / "story.txt"
    p.write_bytes(story.encode(codec))
    article = read_input(str(p))
    assert article.text.strip() == story.strip()
    assert any(codec.upper() in n for n in article.meta.notes)


def test_nul_bytes_in_text_are_still_refused(tmp_path):
    from sourcetrace.ingest import IngestError, read_input

    p = tmp_path / "odd.txt"
    p.write_bytes(b"Police said\x00 on Monday that two men\x00\x00 were arrested.\n" * 3)
    with pytest.raises(IngestError, match="NUL"):
        read_input(str(p))
