"""``Doc._`` extensions through which sourcetrace's components share results."""

from __future__ import annotations

from spacy.tokens import Doc

EXTENSIONS = {
    "st_article": None,       # ArticleMeta of the article being analysed (set by analyze)
    "st_boilerplate": None,   # list[Boilerplate]
    "st_statements": None,    # list[Statement]
    "st_antecedents": None,   # {pronoun token index: (name, (start, end))} from the sources step, for events
    "st_dates": None,         # list[DateExpr]
    "st_places": None,        # list[Place]
    "st_figures": None,       # list[Figure]
    "st_events": None,        # list[Event]
    "st_timeline": None,      # list[TimelineEntry]
}

for _name, _default in EXTENSIONS.items():
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


def boilerplate_ranges(doc: Doc) -> list[tuple[int, int]]:
    return [(b.start, b.end) for b in (doc._.st_boilerplate or [])]


def in_boilerplate(doc: Doc, start: int, end: int) -> bool:
    """True when the character range overlaps a boilerplate span."""
    return any(s < end and start < e for s, e in boilerplate_ranges(doc))


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per Doc: spaCy rebuilds the string from the tokens on every access,
    which dominated the statement components' time."""
    cached = doc.user_data.get("st_text")
    if cached is None:  # a Doc's text never changes
        cached = doc.user_data["st_text"] = doc.text
    return cached
