"""Chunked analysis of very long texts (the pieces :func:`sourcetrace.core.analyze` uses above a threshold).

One spaCy ``Doc`` over a multi-megabyte text is slow and huge: some extractors
compare every item with every other one in the article, and the ``Doc`` with
its parse, its Python-side indexes and the components' intermediate objects
grows with the whole text (a 4.9 MB text ran past 19 minutes and ~13 GB). So
:func:`~sourcetrace.core.analyze` cuts a text longer than
:data:`CHUNK_THRESHOLD` characters into consecutive chunks of at most
:data:`CHUNK_SIZE` characters, runs the same pipeline over them one at a time
(``nlp.pipe``, model loaded once; only one chunk's ``Doc`` is alive at a time)
and merges the per-chunk results here into one :class:`~sourcetrace.model.Analysis`.

What this module does (pure Python over the pydantic model; no spaCy):

* :func:`split_text` cuts at paragraph boundaries: the last blank line in the
  second half of the window, else the last line break, else the last sentence
  end, else the last whitespace, else (a window with no whitespace at all) a
  hard cut. Chunks are contiguous and cover the whole text, so every character
  belongs to exactly one chunk and nothing is lost.
* :func:`chunk_meta`: each chunk sees the article's metadata (its date, so
  relative dates resolve against the article date in every chunk, its outlet,
  ...); a span in the metadata (the dateline, the headline) is given to the
  chunk that holds it, in that chunk's offsets, and is absent from the others.
* :func:`shift` moves every :class:`~sourcetrace.model.Span` (any model
  subclassing it, at any depth: it walks the pydantic fields, so a span field
  added later is shifted too) by the chunk's offset, and renames ids through
  :data:`ID_FIELDS` / :data:`REF_FIELDS` (statement ``s7`` of chunk 3 becomes
  ``s{7 + statements before chunk 3}``, and ``nested_in``, ``Event.statements``,
  ``Figure.statement`` and the timeline's ``ref`` follow). Every string field of
  the model is classified in :data:`ID_FIELDS`, :data:`REF_FIELDS` or
  :data:`PLAIN_FIELDS`; a test fails when a field is added to the model and
  not classified here.
* :class:`Merger` appends the chunks' results in text order (so ids stay in
  text order, as in one-Doc analysis), sorts the timeline the way the timeline
  component does over a whole article (by date, then events before figures
  before bare dates, then text order), and finally links partial names across
  chunks (:func:`link_sources_across_chunks`).

What one-Doc analysis sees and chunked analysis does not (limits, by design):
a pronoun or a definite description ("the minister") near the top of a chunk
whose antecedent sits in the previous chunk is resolved from its own chunk only
(or not at all); place disambiguation weighs the country context of the chunk,
not of the whole text; an anaphoric date ("the following day") at the top of a
chunk has no earlier date of its chunk to lean on (dates relative to the article
date are unaffected: every chunk has it); a boilerplate block that straddles a
chunk boundary is reported as two spans; a figure's ``source`` and a timeline
entry's ``sources`` (names, as text) follow a name linked across chunks only for
events and figures; whether an article's events name a political actor at all
(the article-level part of ``Event.confidence``) is judged per chunk. Names are linked across chunks where feasible (see
:func:`link_sources_across_chunks`). Chunks
are cut at paragraph breaks and are tens of thousands of characters long, so
these cases touch the first paragraphs of each chunk at most.
"""

from __future__ import annotations

import bisect
import re
from typing import Any, Iterable, Literal, Optional, get_args, get_origin

from pydantic import BaseModel

from .model import (
    Analysis,
    Article,
    ArticleMeta,
    Event,
    Figure,
    Source,
    Span,
    Statement,
    TimelineEntry,
)

# Texts up to CHUNK_THRESHOLD characters are analysed as one Doc, exactly as
# before chunking existed; longer ones in chunks of at most CHUNK_SIZE.
# Chosen by measurement (nice -n 10 python bench/bench_long.py, BBC text, 2 shared cores):
# one Doc costs ~3 KB of memory per character (peak 425 MB at 25k, 662 MB at 100k,
# 976 MB at 200k, 1,616 MB at 400k, 3,398 MB at 1M) and slows down past ~100k (8-9k
# chars/s up to 100k, 6.7k at 400k, 4.1k at 1M); chunks of 50k did 400k in 28 s at 586 MB
# (25k: 29 s, 472 MB; 100k: 34 s, 803 MB). News articles are far shorter (BBC
# corpus: longest 25,485 characters, median 1,967), so ordinary input never reaches
# the chunked path, and a text just over one chunk's size is not cut for little gain.
CHUNK_THRESHOLD = 100_000
CHUNK_SIZE = 50_000

_LB = "\n\r\u2028\u2029\x85"  # characters that end a line
_BLANK = re.compile(rf"[{_LB}][^\S{_LB}]*[{_LB}]\s*")  # a blank line, and the whitespace after it
_LINE = re.compile(rf"[{_LB}]\s*")
_SENT = re.compile(r"[.!?…][\"'”’»)\]]*\s+")
_SPACE = re.compile(r"\s+")
_CUTS = (_BLANK, _LINE, _SENT, _SPACE)


def split_text(text: str, size: int = CHUNK_SIZE) -> list[tuple[int, int]]:
    """Consecutive ``(start, end)`` ranges covering ``text``, each at most ``size`` characters long
    (at least half of it, except the last), cut after a blank line where the window has one."""
    if size < 2:
        raise ValueError("chunk size must be at least 2")
    n = len(text)
    out: list[tuple[int, int]] = []
    a = 0
    while n - a > size:
        lo, hi = a + size // 2, a + size
        cut = hi
        for pat in _CUTS:
            last = None
            for last in pat.finditer(text, lo, hi):
                pass
            if last is not None and last.end() > a:
                cut = last.end()
                break
        out.append((a, cut))
        a = cut
    out.append((a, n))
    return out


def chunk_meta(meta: ArticleMeta, start: int, end: int) -> ArticleMeta:
    """The article's metadata as the chunk ``text[start:end]`` sees it: spans inside the chunk
    in its own offsets, spans outside it dropped (every span-valued field, found generically)."""
    upd: dict[str, Any] = {}
    for name in type(meta).model_fields:
        v = getattr(meta, name)
        if isinstance(v, Span):
            upd[name] = shift(v, -start) if start <= v.start and v.end <= end else None
    return meta.model_copy(update=upd) if upd else meta


# --------------------------------------------------------------------------- ids and references

# (model, field) -> id namespace: the field *is* an id of that namespace
ID_FIELDS: dict[tuple[type, str], str] = {
    (Statement, "id"): "statement",
    (Event, "id"): "event",
}
# (model, field) -> namespace of the id(s) the field refers to (a str or a list of str)
REF_FIELDS: dict[tuple[type, str], str] = {
    (Statement, "nested_in"): "statement",
    (Event, "statements"): "statement",
    (Event, "denied_by"): "statement",
    (Figure, "statement"): "statement",
    # TimelineEntry.ref: an event id (kind "event") or the index of the figure in
    # Analysis.figures (kind "figure"); see TIMELINE_REF
    (TimelineEntry, "ref"): "timeline",
}
TIMELINE_REF = {"event": "event", "figure": "figure"}
# str- and int-valued fields that hold no id, no reference and no offset: copied as they are
# (names, labels, codes, values, kinds, notes). A field added to the model later is in none of
# the three tables, and tests/test_chunking.py fails until it is classified here.
PLAIN_FIELDS: dict[str, set[str]] = {
    "Analysis": {"schema_version", "id", "path", "text"},  # the article's own id and text: kept
    "ArticleMeta": {"title", "date", "date_source", "author", "outlet", "url", "language", "dateline_place",
                    "input_format", "notes"},
    "Boilerplate": {"kind"},
    "Statement": {"kind", "stance", "extractor"},
    "Source": {"type", "resolved", "description"},
    "Anonymity": {"role", "affiliation", "place"},
    "Event": {"type", "mode", "modality", "confidence"},
    "Actor": {"code", "sector", "resolved"},
    "DateExpr": {"value", "type", "reason"},
    "Place": {"name", "country", "feature", "geonameid"},
    "Figure": {"unit", "measure", "source"},
    "TimelineEntry": {"value", "kind", "label", "modality", "sources", "denied_by"},
}


def _model_classes(root: type[BaseModel]) -> list[type[BaseModel]]:
    """Every pydantic model class reachable from ``root``'s fields."""
    seen: list[type[BaseModel]] = []
    todo = [root]
    while todo:
        cls = todo.pop()
        if cls in seen:
            continue
        seen.append(cls)
        for f in cls.model_fields.values():
            todo.extend(_models_in(f.annotation))
    return seen


def _models_in(ann: Any) -> list[type[BaseModel]]:
    if isinstance(ann, type) and issubclass(ann, BaseModel):
        return [ann]
    return [m for a in getattr(ann, "__args__", ()) for m in _models_in(a)]


def _holds_id_like(ann: Any) -> bool:
    if get_origin(ann) is Literal:
        return any(isinstance(a, (str, int)) for a in get_args(ann))
    return ann is str or ann is int or any(_holds_id_like(a) for a in get_args(ann))


def id_like_fields() -> set[tuple[str, str]]:
    """Every (model name, field) of the Analysis model that can hold a str or an int, other than a
    span's own start/end/text (which :func:`shift` handles for every Span subclass)."""
    out = set()
    for cls in _model_classes(Analysis):
        for name, f in cls.model_fields.items():
            if issubclass(cls, Span) and name in Span.model_fields:
                continue
            if _holds_id_like(f.annotation):
                out.add((cls.__name__, name))
    return out


def shift(obj: Any, delta: int, ids: Optional[dict[str, dict[str, str]]] = None, memo: Optional[dict] = None) -> Any:
    """A copy of ``obj`` (a model, or a list/tuple/dict of them) with every span moved by ``delta``
    characters and every id and reference renamed through ``ids`` (namespace -> {old: new}).

    Never mutates ``obj`` (its objects may be shared, e.g. an event's ``place`` is the very
    ``Place`` of the places list); an object reached twice is copied once (``memo``).
    """
    memo = {} if memo is None else memo
    if isinstance(obj, list):
        return [shift(x, delta, ids, memo) for x in obj]
    if isinstance(obj, tuple):
        return tuple(shift(x, delta, ids, memo) for x in obj)
    if isinstance(obj, dict):
        return {k: shift(v, delta, ids, memo) for k, v in obj.items()}
    if not isinstance(obj, BaseModel):
        return obj
    hit = memo.get(id(obj))
    if hit is not None:
        return hit[1]
    cls = type(obj)
    upd: dict[str, Any] = {}
    for name in cls.model_fields:
        v = getattr(obj, name)
        if isinstance(v, (BaseModel, list, tuple, dict)):
            nv = shift(v, delta, ids, memo)
            if nv is not v:
                upd[name] = nv
    if isinstance(obj, Span) and delta:
        upd["start"] = obj.start + delta
        upd["end"] = obj.end + delta
    if ids:
        for (c, name), ns in ID_FIELDS.items():
            if c is cls:
                upd[name] = _rename(getattr(obj, name), ids.get(ns))
        for (c, name), ns in REF_FIELDS.items():
            if c is cls:
                if ns == "timeline":
                    ns = TIMELINE_REF.get(getattr(obj, "kind", None))
                if ns is not None:
                    upd[name] = _rename(upd.get(name, getattr(obj, name)), ids.get(ns))
    new = obj.model_copy(update=upd) if upd else obj
    memo[id(obj)] = (obj, new)  # keeps obj alive, so its id is not reused during the walk
    return new


def _rename(v: Any, table: Optional[dict[str, str]]) -> Any:
    if not table or v is None:
        return v
    if isinstance(v, list):
        return [table.get(x, x) for x in v]
    return table.get(v, v)


def _renumber(old_ids: list[str], base: int) -> dict[str, str]:
    """``s1, s2, ...`` of a chunk -> ``s{base+1}, s{base+2}, ...`` (the prefix kept, order kept)."""
    out = {}
    for i, old in enumerate(old_ids):
        prefix = re.match(r"\D*", old).group(0)
        out[old] = f"{prefix}{base + i + 1}"
    return out


# --------------------------------------------------------------------------- merging

_LISTS = ("boilerplate", "statements", "events", "dates", "places", "figures")
_KIND_ORDER = {"event": 0, "figure": 1, "date": 2}  # the order timeline_for adds entries in


class Merger:
    """Accumulates per-chunk results (dicts with the list fields of :class:`Analysis`,
    in chunk offsets) into one analysis of the whole text."""

    def __init__(self, article: Article, bounds: list[tuple[int, int]]):
        self.article = article
        self.bounds = bounds
        self.lists: dict[str, list] = {k: [] for k in _LISTS}
        self._timeline: list[tuple[tuple, TimelineEntry]] = []
        self._chunks = 0

    def add(self, part: dict[str, list]) -> None:
        k = self._chunks
        start = self.bounds[k][0]
        ids = {
            "statement": _renumber([s.id for s in part.get("statements") or []], len(self.lists["statements"])),
            "event": _renumber([e.id for e in part.get("events") or []], len(self.lists["events"])),
            "figure": {str(i): str(len(self.lists["figures"]) + i) for i in range(len(part.get("figures") or []))},
        }
        memo: dict = {}
        for name in _LISTS:
            self.lists[name].extend(shift(part.get(name) or [], start, ids, memo))
        from .extract.timeline import sort_key

        date = self.article.meta.date
        for i, e in enumerate(shift(part.get("timeline") or [], start, ids, memo)):
            key = sort_key(e.value, date)
            self._timeline.append(((key or (), _KIND_ORDER.get(e.kind, 3), k, i), e))
        self._chunks += 1

    def result(self) -> Analysis:
        article = self.article
        statements = link_sources_across_chunks(self.lists["statements"], self.bounds)
        self._timeline.sort(key=lambda x: x[0])
        timeline = [e for _, e in self._timeline]
        self._rename_sources(statements, timeline)
        note = (f"long text ({len(article.text):,} characters) analysed in {len(self.bounds)} chunks of at most "
                f"{max(e - s for s, e in self.bounds):,} characters cut at paragraph breaks; pronouns and "
                "descriptions are not resolved across chunks")
        meta = article.meta.model_copy(update={"notes": [*article.meta.notes, note]})
        return Analysis(
            id=article.id,
            path=article.path,
            text=article.text,
            article=meta,
            statements=statements,
            timeline=timeline,
            **{k: v for k, v in self.lists.items() if k != "statements"},
        )

    def _rename_sources(self, statements: list[Statement], timeline: list[TimelineEntry]) -> None:
        """A source that took a full name from an earlier chunk: the figures and timeline entries that
        name it (``resolved or text``, as the figures and timeline components do) name it so too."""
        renamed: dict[str, tuple[str, str]] = {}
        for old, new in zip(self.lists["statements"], statements):
            if old is not new and old.source is not None and old.source.resolved != new.source.resolved:
                renamed[old.id] = (old.source.resolved or old.source.text, new.source.resolved)
        if not renamed:
            return
        figures = self.lists["figures"]
        for i, f in enumerate(figures):
            if f.statement in renamed and f.source == renamed[f.statement][0]:
                figures[i] = f.model_copy(update={"source": renamed[f.statement][1]})
        events = {e.id: e for e in self.lists["events"]}
        for i, t in enumerate(timeline):
            if t.kind == "event" and t.ref in events:
                ids = events[t.ref].statements
            elif t.kind == "figure" and t.ref is not None and t.ref.isdigit() and int(t.ref) < len(figures):
                ids = [figures[int(t.ref)].statement] if figures[int(t.ref)].statement else []
            else:
                continue
            upd = {}
            for fld in ("sources", "denied_by"):
                names = list(getattr(t, fld))
                for sid in ids:
                    if sid in renamed:
                        was, now = renamed[sid]
                        names = [now if n == was else n for n in names]
                names = list(dict.fromkeys(names))
                if names != getattr(t, fld):
                    upd[fld] = names
            if upd:
                timeline[i] = t.model_copy(update=upd)


def merge(article: Article, bounds: list[tuple[int, int]], parts: Iterable[dict[str, list]]) -> Analysis:
    """One analysis of ``article`` from the results of its chunks (``parts``, in order, consumed lazily)."""
    m = Merger(article, bounds)
    for part in parts:
        m.add(part)
    return m.result()


# --------------------------------------------------------------------------- cross-chunk sources

_WORD = re.compile(r"[A-Z][\w’'-]*")


def link_sources_across_chunks(statements: list[Statement], bounds: list[tuple[int, int]]) -> list[Statement]:
    """Link sources to names given in earlier chunks, as one-Doc analysis would.

    Within a chunk the sources component resolves "Smith" to "John Smith" named earlier in
    the chunk, and points ``resolved_span`` at the name's first full mention in the chunk.
    Across chunks two things are done here, both on what the chunks already resolved:

    * a source resolved to a bare capitalised word ("Smith", as a chunk that only says
      "Smith" leaves it) takes the full name of the person sources of earlier chunks whose
      full name ends with that word, when there is exactly one such name (two Smiths: left
      alone), and that name's first mention as ``resolved_span``; a named source that is that
      bare word becomes a ``person`` (pronouns resolved to the bare word follow too);
    * a source resolved to a name that an earlier chunk resolved to as well (the same
      string) points its ``resolved_span`` at the article's first mention of it.

    Pronouns and descriptions ("the minister") whose antecedent is in an earlier chunk are
    not resolved here (the chunk's own answer stands).
    """
    if len(bounds) < 2 or not statements:
        return statements
    starts = [s for s, _ in bounds]

    def chunk_of(pos: int) -> int:
        return bisect.bisect_right(starts, pos) - 1

    first: dict[str, tuple[int, Span]] = {}  # resolved name -> (chunk, first span) over the article
    surnames: dict[str, set[str]] = {}  # last word -> multi-word person names
    for st in statements:
        src = st.source
        if src is None or not src.resolved or src.resolved_span is None:
            continue
        k = chunk_of(src.resolved_span.start)
        if src.resolved not in first or src.resolved_span.start < first[src.resolved][1].start:
            first[src.resolved] = (k, src.resolved_span)
        words = src.resolved.split()
        if src.type == "person" and len(words) >= 2 and _WORD.fullmatch(words[-1]):
            surnames.setdefault(words[-1], set()).add(src.resolved)
    out = []
    for st in statements:
        src = st.source
        rs = src.resolved_span if src is not None else None
        if rs is None or not src.resolved:
            out.append(st)
            continue
        k = chunk_of(rs.start)
        upd: dict[str, Any] = {}
        if _WORD.fullmatch(rs.text) and src.resolved == rs.text:
            cands = [n for n in surnames.get(rs.text, ()) if first[n][0] < k]
            if len(cands) == 1:
                upd = {"resolved": cands[0], "resolved_span": first[cands[0]][1]}
                if src.named and src.text == rs.text:
                    upd["type"] = "person"
        if not upd and first.get(src.resolved, (k,))[0] < k:
            upd = {"resolved_span": first[src.resolved][1]}
        out.append(st.model_copy(update={"source": src.model_copy(update=upd)}) if upd else st)
    return out
