"""Statement assembly: raw attributions -> :class:`Statement` records.

The spaCy component ``sourcetrace_statements`` runs an attribution
extractor (rules, or the trained model), then for each attribution decides
its kind (direct / indirect / mixed / unattributed), nesting, stance and
hedges (:mod:`sourcetrace.extract.stance`) and describes and resolves its
source (:mod:`sourcetrace.extract.sources`).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Source, Span, Statement
from ..nlp.doc import in_boilerplate
from .raw import RawAttribution
from .rules import find_quotes, extract_rule_attributions


def _kind(att: RawAttribution, quotes) -> str:
    if not att.sources:
        return "unattributed"
    # a report made inside someone's quote is not itself a quote
    if att.cue:
        quotes = [q for q in quotes if not (q.start <= att.cue[0] < q.end)]
    quoted = unquoted = 0
    for s, e in att.contents:
        inside = sum(max(0, min(e, q.end) - max(s, q.start)) for q in quotes)
        quoted += inside
        unquoted += (e - s) - inside - sum(  # quote marks themselves count as neither
            1 for q in quotes if s <= q.outer_start < e or s < q.outer_end - 1 < e
        )
    if quoted and unquoted > 3:
        return "mixed"
    if quoted:
        return "direct"
    return "indirect"


def _inside(a: RawAttribution, b: RawAttribution) -> bool:
    """a's cue lies inside b's content."""
    if a is b or a.cue is None:
        return False
    return any(s <= a.cue[0] and a.cue[1] <= e for s, e in b.contents)


def assemble(doc: Doc, raws: list[RawAttribution]) -> list[Statement]:
    from .sources import describe_sources
    from .stance import classify_statement

    text = doc.text
    quotes = find_quotes(text)
    raws = [r for r in raws if r.contents and not any(in_boilerplate(doc, s, e) for s, e in r.contents + ([r.cue] if r.cue else []))]
    raws.sort(key=lambda r: (r.cue or r.contents[0])[0])
    ids = {id(r): f"s{i + 1}" for i, r in enumerate(raws)}
    statements: list[Statement] = []
    for r in raws:
        outer = [o for o in raws if _inside(r, o)]
        # the innermost container: the one with the smallest content
        parent = min(outer, key=lambda o: sum(e - s for s, e in o.contents)) if outer else None
        res = classify_statement(doc, r.cue, r.sources, r.contents)
        source = None
        if r.sources:
            s0, e0 = r.sources[0]
            source = Source(start=s0, end=e0, text=text[s0:e0], named=False)
        statements.append(
            Statement(
                id=ids[id(r)],
                kind=_kind(r, quotes),
                source=source,
                cue=Span.of(text, *r.cue) if r.cue else None,
                content=[Span.of(text, s, e) for s, e in sorted(r.contents)],
                stance=res.stance,
                hedges=[Span.of(text, s, e) for s, e in res.hedges],
                nested_in=ids[id(parent)] if parent is not None else None,
                confidence=round(res.confidence * r.score, 3),
                extractor=r.extractor,
            )
        )
    return describe_sources(doc, statements)


@Language.factory("sourcetrace_statements", default_config={"extractor": "rules"})
def make_statements_component(nlp: Language, name: str, extractor: str):
    return StatementsComponent(extractor)


class StatementsComponent:
    def __init__(self, extractor: str = "rules"):
        self.extractor = extractor

    def __call__(self, doc: Doc) -> Doc:
        raws = extract_rule_attributions(doc)
        doc._.st_statements = assemble(doc, raws)
        return doc
