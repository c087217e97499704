"""Chunked analysis of very long texts: splitting, span shifting, id remapping, merging.

The end-to-end tests use a small ``chunk_threshold``/``chunk_size`` on a generated text of a
few thousand characters (the mechanics are the same as for megabytes; speed is in
bench/bench_long.py).
"""

from __future__ import annotations

import re

import pytest

from sourcetrace.chunking import (
    ID_FIELDS,
    PLAIN_FIELDS,
    REF_FIELDS,
    chunk_meta,
    id_like_fields,
    link_sources_across_chunks,
    shift,
    split_text,
)
from sourcetrace.core import analyze
from sourcetrace.extract.timeline import sort_key
from sourcetrace.model import (
    Anonymity, ArticleMeta, DateExpr, Event, Figure, Place, Source, Span, Statement, TimelineEntry,
)

from conftest import iter_spans

# Self-contained news paragraphs (each names its speakers in full before using a surname or a
# pronoun), so that one-Doc and chunked analysis must agree on everything inside a paragraph.
PARAGRAPHS = [
    'Flood defences along the River Calder failed on Tuesday, the Environment Agency said. '
    '"We saw the water rise by nearly two metres in six hours," said Priya Ramanathan, the agency\'s area manager. '
    'Ramanathan added that 340 homes in Mytholmroyd had been evacuated.',

    'The regional council will spend £12 million on new barriers by 2027, its leader Tom Oduya announced on Wednesday. '
    'Oduya said the money would come from reserves, but opposition councillors denied that the reserves were large enough.',

    'Hospital waiting lists in Wales grew by 4% in March, according to figures published by the Welsh Government. '
    'Health minister Gareth Pryce told reporters the rise was "disappointing but not surprising" after a winter of strikes.',

    'Police in Bristol arrested two men on Friday after a jewellery shop was robbed, a spokeswoman said. '
    'Detective Inspector Amara Lewis said officers were still looking for a third suspect. '
    '"We believe he left the city by car," she said.',

    'The chief executive of Harbour Foods, Martin Keel, said sales had fallen 7.5% in the first quarter of 2024. '
    'Keel blamed higher energy costs and said the company might close its plant in Grimsby next year.',

    'Talks between the rail unions and the operators will resume on 14 June, the transport secretary said in a statement. '
    'Union leader Sandra Obi said her members were "ready to strike again" if no offer was made.',

    'Scientists at the University of Leeds said the glacier had lost a third of its mass since 1990. '
    'Professor Hannah Voss, who led the study, said the findings were "a warning we cannot ignore".',

    'The airline said it would cut 1,200 jobs by the end of the year. '
    'A spokesman for the pilots\' union, Daniel Frost, said the cuts were "reckless" and that pilots had not been consulted.',
]


def long_text(n_rounds: int = 3) -> str:
    """The paragraphs several times over, with the numbers changed from round to round."""
    out = ["Weekly news digest"]
    for r in range(n_rounds):
        for p in PARAGRAPHS:
            out.append(re.sub(r"\b(340|1,200)\b", lambda m: str(int(m.group(0).replace(",", "")) + 10 * r), p))
    return "\n\n".join(out) + "\n"


# --------------------------------------------------------------------------- split_text


def test_split_covers_the_text_and_cuts_after_blank_lines():
    text = long_text()
    bounds = split_text(text, 1500)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:]))  # contiguous: nothing lost, nothing twice
    assert all(0 < e - s <= 1500 for s, e in bounds)
    assert len(bounds) > 3
    for s, _ in bounds[1:]:
        assert text[s - 2:s] == "\n\n" and not text[s].isspace()  # a chunk starts a paragraph


@pytest.mark.parametrize(
    "text,size,expect_before",
    [
        ("First line of text here.\nSecond line of text here.\nThird line here.", 40, "\n"),  # no blank line
        ("One sentence is here. Another one follows it. And a third one ends.", 40, ". "),  # no line break
        ("words " * 20, 40, " "),  # no sentence end
    ],
)
def test_split_falls_back_to_line_then_sentence_then_space(text, size, expect_before):
    bounds = split_text(text, size)
    assert len(bounds) > 1 and bounds[-1][1] == len(text)
    for s, _ in bounds[1:]:
        assert text[:s].endswith(expect_before)


def test_split_without_any_whitespace_cuts_hard():
    text = "x" * 105
    assert split_text(text, 50) == [(0, 50), (50, 100), (100, 105)]


def test_short_text_is_one_chunk():
    text = "Police said two men were arrested."
    assert split_text(text, 1000) == [(0, len(text))]


# --------------------------------------------------------------------------- meta, shift, ids


def test_chunk_meta_gives_the_dateline_to_its_chunk_only():
    text = "LEEDS, 3 March - Rivers rose overnight.\n\nMore rain is due."
    meta = ArticleMeta(date="2024-03-03", dateline=Span.of(text, 0, 5), dateline_place="Leeds",
                       title_span=Span.of(text, 41, 45))
    first = chunk_meta(meta, 0, 41)
    assert first.dateline == meta.dateline and first.title_span is None and first.date == "2024-03-03"
    second = chunk_meta(meta, 41, len(text))
    assert second.dateline is None and second.dateline_place == "Leeds"
    assert second.title_span == Span(start=0, end=4, text="More")
    assert meta.title_span.start == 41  # the article's own meta is untouched


def test_every_id_like_field_of_the_model_is_classified():
    # a field added to the model must be put in ID_FIELDS, REF_FIELDS or PLAIN_FIELDS
    known = {(c.__name__, f) for c, f in ID_FIELDS} | {(c.__name__, f) for c, f in REF_FIELDS}
    known |= {(c, f) for c, names in PLAIN_FIELDS.items() for f in names}
    fields = id_like_fields()
    assert ("Statement", "nested_in") in fields and ("Place", "geonameid") in fields
    assert fields == known


def test_shift_moves_every_span_once_and_renames_ids():
    place = Place(start=30, end=37, text="Bristol", name="Bristol")
    date = DateExpr(start=40, end=46, text="Friday", value="2024-05-03")
    st1 = Statement(id="s1", kind="direct", source=Source(start=0, end=5, text="Lewis", named=True,
                                                         resolved_span=Span(start=0, end=5, text="Lewis"),
                                                         anonymity=Anonymity(role="x")),
                    cue=Span(start=6, end=10, text="said"), content=[Span(start=11, end=20, text="something")])
    st2 = Statement(id="s2", kind="indirect", nested_in="s1", content=[Span(start=21, end=25, text="more")])
    ev = Event(id="e1", type="ASSAULT", trigger=Span(start=26, end=29, text="rob"), place=place, time=date,
               statements=["s2", "s1"])
    fig = Figure(start=50, end=53, text="two", value=2, statement="s2", date=date)
    tl = [TimelineEntry(value="2024-05-03", kind="event", ref="e1", label="x"),
          TimelineEntry(value="2024-05-03", kind="figure", ref="0", label="y"),
          TimelineEntry(value="2024-05-03", kind="date", label="z")]
    ids = {"statement": {"s1": "s11", "s2": "s12"}, "event": {"e1": "e4"}, "figure": {"0": "7"}}
    memo: dict = {}
    out = shift({"statements": [st1, st2], "events": [ev], "places": [place], "dates": [date], "figures": [fig],
                 "timeline": tl}, 1000, ids, memo)
    s1, s2 = out["statements"]
    assert (s1.id, s2.id, s2.nested_in) == ("s11", "s12", "s11")
    assert (s1.source.start, s1.source.resolved_span.start, s1.cue.start, s1.content[0].end) == (1000, 1000, 1006, 1020)
    e = out["events"][0]
    assert e.id == "e4" and e.statements == ["s12", "s11"] and e.trigger.start == 1026
    assert e.place.start == 1030 and e.place is out["places"][0]  # shared object: moved once, copied once
    assert e.time.start == 1040 and out["figures"][0].date.start == 1040
    assert out["figures"][0].statement == "s12" and out["figures"][0].start == 1050
    assert [t.ref for t in out["timeline"]] == ["e4", "7", None]
    # the inputs are not mutated
    assert (st1.id, st2.nested_in, place.start, ev.statements, tl[1].ref) == ("s1", "s1", 30, ["s2", "s1"], "0")


def test_surname_in_a_later_chunk_takes_the_full_name_from_an_earlier_one():
    text = "Jane Moss said it rained.\n\nMoss said it stopped. Smith said so.\n"
    bounds = [(0, 27), (27, len(text))]

    def st(i, s, e, rs, resolved, typ="person"):
        return Statement(id=f"s{i}", kind="indirect", content=[Span.of(text, 0, 4)],
                         source=Source(start=s, end=e, text=text[s:e], named=True, type=typ, resolved=resolved,
                                       resolved_span=Span.of(text, *rs)))

    stmts = [st(1, 0, 9, (0, 9), "Jane Moss"), st(2, 27, 31, (27, 31), "Moss", typ="organisation"),
             st(3, 49, 54, (49, 54), "Smith")]
    out = link_sources_across_chunks(stmts, bounds)
    assert out[1].source.resolved == "Jane Moss" and out[1].source.resolved_span == Span.of(text, 0, 9)
    assert out[1].source.type == "person" and out[1].source.text == "Moss"
    assert out[2] is stmts[2]  # nobody named Smith before: left alone
    # two people with that surname earlier: ambiguous, left alone
    two = [st(0, 0, 9, (0, 9), "Jane Moss"), *stmts]
    two[0] = two[0].model_copy(update={"source": two[0].source.model_copy(update={"resolved": "Ian Moss"})})
    assert link_sources_across_chunks(two, bounds)[2] is two[2]


# --------------------------------------------------------------------------- end to end


@pytest.fixture(scope="module")
def both(nlp):
    text = long_text()
    whole = analyze(text, date="2024-05-06", nlp=nlp, chunk_threshold=len(text))  # at the threshold: one Doc
    chunked = analyze(text, date="2024-05-06", nlp=nlp, chunk_threshold=2000, chunk_size=1500)
    return text, whole, chunked


def test_threshold_decides_and_the_note_says_so(both):
    text, whole, chunked = both
    assert not any("chunk" in n for n in whole.article.notes)
    notes = [n for n in chunked.article.notes if "chunks" in n]
    assert len(notes) == 1 and f"{len(text):,} characters" in notes[0]
    assert chunked.text == text and chunked.article.date == "2024-05-06"


def test_every_span_of_a_chunked_analysis_matches_the_text(both):
    text, _, chunked = both
    spans = list(iter_spans(chunked.to_dict()))
    assert len(spans) > 200
    for path, s in spans:
        assert text[s["start"]:s["end"]] == s["text"], path
    # spans beyond the first chunk exist, so the shift was exercised
    assert max(s["start"] for _, s in spans) > len(text) - 1500


def test_ids_are_unique_in_text_order_and_references_resolve(both):
    _, _, a = both
    ids = [s.id for s in a.statements]
    assert ids == [f"s{i + 1}" for i in range(len(ids))]
    assert [e.id for e in a.events] == [f"e{i + 1}" for i in range(len(a.events))]
    starts = [(s.cue or s.content[0]).start for s in a.statements]
    assert starts == sorted(starts)
    known = set(ids)
    assert all(s.nested_in in known for s in a.statements if s.nested_in)
    assert all(sid in known for e in a.events for sid in e.statements)
    assert all(f.statement in known for f in a.figures if f.statement)
    events = {e.id: e for e in a.events}
    for t in a.timeline:
        if t.kind == "event":
            assert events[t.ref].time.value == t.value
        elif t.kind == "figure":
            assert a.figures[int(t.ref)].date.value == t.value
    keys = [sort_key(t.value, a.article.date) for t in a.timeline]
    assert keys == sorted(keys)


def _stmt_key(text, s):
    return (s.kind, (s.cue.start, s.cue.end) if s.cue else None, tuple((c.start, c.end) for c in s.content),
            s.source.text if s.source else None, s.stance, s.nested_in)


def test_chunked_agrees_with_one_doc_on_self_contained_paragraphs(both):
    # every paragraph stands on its own, so cutting between paragraphs must change nothing
    text, whole, chunked = both
    assert len(whole.statements) > 30
    assert [_stmt_key(text, s) for s in chunked.statements] == [_stmt_key(text, s) for s in whole.statements]
    # names: a surname resolves to the same full name and first mention (earlier chunks included);
    # descriptions and pronouns may legitimately differ (their antecedents can lie in another chunk)
    names = [(s.source.text, s.source.resolved, s.source.resolved_span) for s in whole.statements
             if s.source is not None and s.source.named and re.fullmatch(r"[A-Z]\w+", s.source.text)]
    assert len(names) > 6 and names == [(s.source.text, s.source.resolved, s.source.resolved_span)
                                        for s in chunked.statements if s.source is not None and s.source.named
                                        and re.fullmatch(r"[A-Z]\w+", s.source.text)]
    assert [(d.start, d.end, d.value) for d in chunked.dates] == [(d.start, d.end, d.value) for d in whole.dates]
    assert [(f.start, f.end, f.value, f.statement) for f in chunked.figures] == \
        [(f.start, f.end, f.value, f.statement) for f in whole.figures]
    assert [(p.start, p.end, p.geonameid) for p in chunked.places] == [(p.start, p.end, p.geonameid) for p in whole.places]

    def events(a):
        by_id = {s.id: s for s in a.statements}
        return [(e.trigger.start, e.type, e.modality, e.time.start if e.time else None,
                 sorted(tuple((c.start, c.end) for c in by_id[sid].content) for sid in e.statements)) for e in a.events]

    assert events(chunked) == events(whole)
    # same entries in the same order (their `sources` are resolved names: see above)
    assert [(t.value, t.kind, t.label) for t in chunked.timeline] == [(t.value, t.kind, t.label) for t in whole.timeline]


def test_surname_across_a_chunk_boundary_end_to_end(nlp):
    first = ("Detective Inspector Amara Lewis said on Monday that two men had been arrested in Bristol. "
             "Officers searched three houses in the Easton area.")
    later = "Lewis said 12 officers had been assigned to the case in April."
    filler = "\n\n".join(p for p in PARAGRAPHS if "Lewis" not in p)
    text = f"{first}\n\n{filler}\n\n{later}\n"
    a = analyze(text, date="2024-05-06", nlp=nlp, chunk_threshold=1000, chunk_size=len(first) + 400)
    assert any("chunks" in n for n in a.article.notes)
    at = text.index(later)
    last = [s for s in a.statements if s.source is not None and s.source.start >= at]
    assert len(last) == 1 and last[0].source.text == "Lewis"
    # alone, the last chunk would resolve "Lewis" to itself; the first chunk names her in full
    assert (last[0].source.resolved, last[0].source.type) == ("Amara Lewis", "person")
    rs = last[0].source.resolved_span
    assert text[rs.start:rs.end] == rs.text == "Amara Lewis" and rs.start < len(first)
    # the figure she gives, and its timeline entry, name her so too
    fig = [i for i, f in enumerate(a.figures) if f.start >= at and f.text == "12"]
    assert len(fig) == 1 and a.figures[fig[0]].statement == last[0].id and a.figures[fig[0]].source == "Amara Lewis"
    assert [t.sources for t in a.timeline if t.kind == "figure" and t.ref == str(fig[0])] == [["Amara Lewis"]]
