"""Rule-based attribution extractor over spaCy's parse.

Finds direct quotes (with their attribution frame before or after the quote,
and a quote continued after its attribution), indirect and mixed reports
(cue verb with subject and complement), "according to" cues, colon cues
("SPEAKER: ...", and "X continued:" ending a paragraph before a quoted one),
adjectival cues ("officials are worried that ..."), and sourceless evidential
cues in PolNeAR's convention ("X is believed/expected to ...", "X seems to ...",
"X reportedly ...", "X is seen as ...", "Asked whether ..., Y said": no source;
the content is the subject, unless an expletive "it", with the complement).

It returns :class:`RawAttribution` records (character offsets);
:mod:`sourcetrace.extract.statements` turns them into Statements. spaCy has
no attribution component and textacy only finds direct quotes, which is why
these rules are written here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span as SpacySpan, Token

from ..nlp.doc import doc_text, in_boilerplate
from .raw import RawAttribution

# Verbs that introduce what someone says, writes, finds, believes or wants.
SPEECH_VERBS = set(
    """say tell state assert claim add note explain argue insist deny dismiss reject refute rebut confirm acknowledge admit
    reveal report announce warn suggest contend write tweet post ask question believe think estimate predict speculate
    accuse allege maintain describe call quote declare respond reply answer recall concede agree disagree emphasize
    emphasise stress point observe comment remark testify told vow pledge promise threaten urge demand complain
    criticize criticise praise mention indicate show find conclude reckon fear hope worry doubt wonder acknowledge
    caution counter retort charge boast joke muse lament predict project forecast estimate calculate discover learn
    know recognize recognise understand hear read see blame credit reiterate repeat echo disclose divulge leak
    signal imply hint concur affirm aver proclaim contend posit theorize theorise guess suppose suspect feel
    characterize characterise label brand decry condemn denounce slam blast laud hail welcome""".split()
)
# verbs whose direct object is the content ("denied the report", "confirmed the existence of the pact")
OBJECT_CONTENT_VERBS = set(
    """deny dismiss reject refute rebut confirm acknowledge admit reveal announce report disclose describe call
    question doubt predict estimate concede characterize characterise label brand decry condemn denounce slam
    blast criticize criticise praise welcome echo reiterate repeat affirm""".split()
)
CUE_ADJECTIVES = set("worried concerned confident convinced sure certain aware optimistic pessimistic afraid hopeful adamant skeptical sceptical fearful".split())
# "X is believed/expected/said/thought/reported to ..." (sourceless evidentials, as PolNeAR marks them)
PASSIVE_EVIDENTIALS = set("believe expect say think report know understand rumor rumour allege estimate".split())
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
MARK_WORDS = {"while", "whereas", "although", "though", "as", "when", "after", "because", "since", "if", "before", "even"}

OPEN_QUOTES = "“„«"
CLOSE_QUOTES = "”»"


@dataclass
class Quote:
    start: int  # inside the marks
    end: int
    outer_start: int  # including the marks
    outer_end: int
    closed: bool = True
    used: bool = False
    attribution: RawAttribution | None = None
    words: int = 0


@dataclass
class _Ctx:
    doc: Doc
    quotes: list[Quote] = field(default_factory=list)
    out: list[RawAttribution] = field(default_factory=list)
    used_cues: set[int] = field(default_factory=set)


# ---------------------------------------------------------------- quotes

def straight_mark_role(s: str, i: int) -> str:
    """Which way the straight quotation mark at ``s[i]`` faces, from the characters around it:
    "open" (space or bracket before, a letter or digit after: ' "We'), "close" (no space before,
    a space, punctuation or the end after: 'goals." '), or "" (cannot tell)."""
    before = s[i - 1] if i else " "
    after = s[i + 1] if i + 1 < len(s) else " "
    if (before.isspace() or before in "([{—–-") and after.isalnum():
        return "open"
    if not before.isspace() and not after.isalnum():
        return "close"
    return ""


def find_quotes(text: str) -> list[Quote]:
    """Quote regions per paragraph: curly pairs, straight pairs, and unclosed quotes running to paragraph end."""
    quotes: list[Quote] = []
    pos = 0
    for para in text.split("\n"):
        base = pos
        pos += len(para) + 1
        i, n = 0, len(para)
        while i < n:
            ch = para[i]
            if para.startswith("''", i) or para.startswith("``", i):
                # two apostrophes (or ``...''), which some archives print for quotation marks
                j = para.find("''", i + 2)
                closed = j != -1
                q_end = j if closed else n
                quotes.append(Quote(start=base + i + 2, end=base + q_end, outer_start=base + i,
                                    outer_end=base + (j + 2 if closed else n), closed=closed,
                                    words=len(re.findall(r"\w+", para[i + 2:q_end]))))
                i = j + 2 if closed else n
                continue
            if ch == '"' and straight_mark_role(para, i) == "close":
                i += 1  # a closing mark with no opening one before it in the paragraph closes nothing
                continue
            if ch in OPEN_QUOTES or ch == '"':
                closers = CLOSE_QUOTES if ch in OPEN_QUOTES else '"'
                j = i + 1
                while j < n and para[j] not in closers and not (ch == '"' and para[j] in OPEN_QUOTES):
                    j += 1
                closed = j < n and para[j] in closers
                if closed and ch == '"' and straight_mark_role(para, j) == "open":
                    # 'goals. "We were ...': a quotation that ran on over a lost paragraph break; this one
                    # ends before the next opens (as an unclosed quote ends at its paragraph's end)
                    k = j
                    while k > i + 1 and para[k - 1].isspace():
                        k -= 1
                    quotes.append(Quote(start=base + i + 1, end=base + k, outer_start=base + i, outer_end=base + k,
                                        closed=False, words=len(re.findall(r"\w+", para[i + 1:k]))))
                    i = j
                    continue
                q_end = j if closed else n
                inner = para[i + 1 : q_end]
                quotes.append(
                    Quote(
                        start=base + i + 1,
                        end=base + q_end,
                        outer_start=base + i,
                        outer_end=base + (j + 1 if closed else n),
                        closed=closed,
                        words=len(re.findall(r"\w+", inner)),
                    )
                )
                i = j + 1
            else:
                i += 1
    return quotes


def _quote_at(ctx: _Ctx, char: int) -> Quote | None:
    for q in ctx.quotes:
        if q.start <= char < q.end:
            return q
    return None


# ---------------------------------------------------------------- helpers

def _trim(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Trim whitespace and edge punctuation (keeping balanced closing quote marks)."""
    text = doc_text(doc)
    while start < end and (text[start].isspace() or text[start] in ",;:—–-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:.—–-"):
        end -= 1
    seg = text[start:end]
    if sum(seg.count(c) for c in OPEN_QUOTES) > sum(seg.count(c) for c in CLOSE_QUOTES):
        m = re.match(r"[,.;!?]?[”»]", text[end : end + 2])
        if m:
            end += m.end()
    return (start, end) if end > start else None


def _subtree_span(tok: Token) -> tuple[int, int]:
    left, right = tok.left_edge, tok.right_edge
    return left.idx, right.idx + len(right)


def _is_cue_verb(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in SPEECH_VERBS and tok.lemma_.lower() not in ("be", "have")


def _subject(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ in ("nsubj", "csubj"):
            return c
    # "X was quoted as saying"  /  "X is reported to have said"
    for c in tok.children:
        if c.dep_ == "nsubjpass" and tok.lemma_ in ("quote",):
            return c
    # passive with agent: "was denied by the ministry"
    for c in tok.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    # xcomp / conj climb: "continues to deny", "said ... and added"
    if tok.dep_ in ("xcomp", "conj") and tok.head is not tok and tok.head.i < tok.i:
        head = tok.head
        for c in head.children:
            if c.dep_ in ("nsubj",):
                return c
        if tok.dep_ == "xcomp" and head.dep_ in ("xcomp", "conj"):
            return _subject(head)
    # "saying" in "was quoted as saying"
    if tok.dep_ == "pcomp" and tok.head.dep_ == "prep" and tok.head.head.lemma_ == "quote":
        return _subject(tok.head.head)
    return None


def _source_span(doc: Doc, subj: Token, cue_tok: Token) -> tuple[int, int] | None:
    """The subject's noun phrase (its subtree, without a trailing clause that holds the cue)."""
    toks = [t for t in subj.subtree if not (t.i >= cue_tok.i and t.i <= cue_tok.i)]
    if not toks:
        return None
    left = toks[0]
    right = toks[-1]
    if right.i >= cue_tok.i > subj.i:
        right = doc[cue_tok.i - 1]
    return _trim(doc, left.idx, right.idx + len(right))


def _cue_span(doc: Doc, tok: Token) -> tuple[int, int]:
    """The cue: the verb with its auxiliaries, negation and particles ("has said", "was quoted as saying", "called for")."""
    start_tok, end_tok = tok, tok
    for c in tok.children:
        if c.dep_ in ("aux", "auxpass", "neg") and c.i < tok.i and tok.i - c.i <= 3:
            start_tok = min(start_tok, c, key=lambda t: t.i)
        if c.dep_ == "prt" and c.i == tok.i + 1:
            end_tok = c
    if tok.lemma_ == "quote":
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "as":
                for g in c.children:
                    if g.dep_ == "pcomp":
                        end_tok = g
    return start_tok.idx, end_tok.idx + len(end_tok)


_OWN_COMPLEMENTS = ("dobj", "ccomp", "xcomp", "attr", "acomp", "dative", "pobj")


def _clause_end(doc: Doc, cue: Token, right: int) -> int:
    """End of the content: cut a subordinate clause that comes before its head ("While X denies Y, ...") at its
    comma; not one that follows it ("…, as he urged the party to ax X, replace Y and …": a list, not the clause's
    end; PolNeAR dev 57.5 -> 57.6, train 420-629 unseen by its model 52.52 -> 52.56)."""
    root = cue
    while root.dep_ in ("xcomp", "conj", "ccomp") and root.head is not root and root.head.i < root.i:
        root = root.head
    marked = root.dep_ == "advcl" and root.head.i > root.i
    if not marked:
        return right
    if root.head.i > root.i and [c.lower_ for c in root.children if c.dep_ == "mark"] == ["as"] \
            and not any(c.dep_ in _OWN_COMPLEMENTS for c in cue.children):
        # "As The Hill pointed out, “Still, …”": an "as" clause whose verb has no complement of its own
        # reports the main clause (PolNeAR train: 53 of 68 such fronted clauses)
        return right
    in_quote = False
    for t in doc[cue.i + 1 :]:
        if t.idx >= right:
            break
        if t.text in OPEN_QUOTES:
            in_quote = True
        elif t.text in CLOSE_QUOTES:
            in_quote = False
            if t.nbor(-1).text == "," and t.i + 1 < len(doc):
                return t.idx + len(t)
        elif t.text == "," and not in_quote and t.i > cue.i + 1:
            return t.idx
    return right


def _content_after(doc: Doc, cue: Token, sent: SpacySpan, cue_end: int) -> tuple[int, int] | None:
    """Indirect content: the cue verb's complement, from after the cue (and "that") to the end of its subtree."""
    comps = [c for c in cue.children if c.dep_ in ("ccomp", "xcomp", "parataxis") and c.i > cue.i]
    if cue.lemma_.lower() in OBJECT_CONTENT_VERBS:
        comps += [c for c in cue.children if c.dep_ in ("dobj", "attr", "oprd") and c.i > cue.i]
    if not comps:
        # "said the group was promised arms" is sometimes parsed with the clause under dobj/advcl
        comps = [c for c in cue.children if c.dep_ in ("advcl", "prep") and c.i > cue.i and c.lower_ in ("that",)]
    if not comps:
        return None
    right = max(c.right_edge.i for c in comps)
    right_tok = doc[min(right, sent.end - 1)]
    end = right_tok.idx + len(right_tok)
    # skip indirect object / "to The Media Line" and "that"
    start = cue_end
    nxt = [t for t in doc[cue.i + 1 : sent.end] if t.idx >= cue_end]
    k = 0
    while k < len(nxt) and (nxt[k].dep_ in ("dative", "prt") or nxt[k].is_punct and nxt[k].text not in OPEN_QUOTES or nxt[k].lower_ == "that" or nxt[k].dep_ == "prep" and nxt[k].lower_ == "to" and nxt[k].i < min(c.i for c in comps)):
        if nxt[k].dep_ == "prep" and nxt[k].lower_ == "to":
            k = nxt.index(nxt[k].right_edge) + 1 if nxt[k].right_edge in nxt else k + 1
            continue
        k += 1
    if k < len(nxt):
        start = nxt[k].idx
    end = _clause_end(doc, cue, end)
    return _trim(doc, start, end) if end > start else None


# ---------------------------------------------------------------- extraction passes

def _direct_quotes(ctx: _Ctx) -> None:
    doc = ctx.doc
    text = doc_text(doc)
    for qi, q in enumerate(ctx.quotes):
        if q.used or q.words < 3 or in_boilerplate(doc, q.outer_start, q.outer_end):
            continue
        att = _frame_after(ctx, q) or _frame_before(ctx, q)
        if att is None:
            continue
        q.used = True
        q.attribution = att
        att.contents.append((q.start, _trim(doc, q.start, q.end)[1] if _trim(doc, q.start, q.end) else q.end))
        ctx.out.append(att)
        # a quote continued after its attribution: the next quote in the paragraph, right after the frame's sentence
        _continuations(ctx, qi, att)


def _continuations(ctx: _Ctx, qi: int, att: RawAttribution) -> None:
    doc, text = ctx.doc, doc_text(ctx.doc)
    last_end = max(e for _s, e in [att.cue] + att.sources) if att.cue else ctx.quotes[qi].outer_end
    if last_end > ctx.quotes[qi].outer_end:  # the frame came after the quote: skip to its sentence end
        m = re.search(r"[.!?]", text[last_end : text.find("\n", last_end) % (len(text) + 1)])
        last_end = last_end + m.end() if m else last_end
    for q in ctx.quotes[qi + 1 :]:
        between = text[last_end : q.outer_start]
        if "\n" in between and not (text[q.outer_start] in OPEN_QUOTES and not ctx.quotes[qi].closed):
            break
        if q.used or q.words < 2:
            break
        # only sentence punctuation between the frame and the next quote
        if re.fullmatch(r"[\s.,;:!?—–-]*", between) is None:
            break
        if _frame_after(ctx, q, probe=True) is not None:
            break
        tr = _trim(doc, q.start, q.end)
        if tr:
            att.contents.append(tr)
        q.used = True
        q.attribution = att
        last_end = q.outer_end


def _cue_in(ctx: _Ctx, start: int, end: int, after: bool) -> Token | None:
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    cands = [t for t in span if t.idx >= start and t.idx + len(t) <= end and _is_cue_verb(t) and t.i not in ctx.used_cues]
    cands += [t for t in span if t.idx >= start and t.pos_ == "ADJ" and t.lower_ in CUE_ADJECTIVES and t.i not in ctx.used_cues]
    cands.sort(key=lambda t: t.i, reverse=not after)
    for t in cands:
        if _subject(t) is not None or _is_inverted(t):
            return t
    return None


def _is_inverted(tok: Token) -> bool:
    """'said Smith' / 'said the minister': subject after the verb."""
    return any(c.dep_ in ("nsubj",) and c.i > tok.i for c in tok.children)


def _frame_after(ctx: _Ctx, q: Quote, probe: bool = False) -> RawAttribution | None:
    """“...,” he said.  /  “...,” said Smith, an analyst.  /  “...,” a senior official was quoted as saying."""
    doc, text = ctx.doc, doc_text(ctx.doc)
    if q.outer_end >= len(text):
        return None
    # frame: from the quote's end to the end of the sentence (outside quotes), within the paragraph
    end = q.outer_end
    nl = text.find("\n", end)
    limit = nl if nl != -1 else len(text)
    m = re.search(r"[.!?](?=[\s“\"]|$)", text[end:limit])
    frame_end = end + m.end() if m else limit
    nxt = next((o for o in ctx.quotes if o.outer_start >= end and o.outer_start < frame_end), None)
    if nxt is not None:
        frame_end = nxt.outer_start
    frame = text[end:frame_end]
    if not frame.strip() or not re.match(r"^[\s,—–-]*\S", frame):
        return None
    if text[q.outer_end - 2 : q.outer_end - 1] in ".!?" and not re.match(r"^\s*[a-z]", frame) and not re.match(r"^\s*,", frame):
        # the quote ended its sentence: a capitalised frame must be short ("He said." style is rare) — accept only 'X said.'
        words = frame.split()
        if len(words) > 8:
            return None
    cue = _cue_in(ctx, end, frame_end, after=True)
    if cue is None:
        return None
    if probe:
        return RawAttribution(cue=None)
    return _make(ctx, cue)


def _frame_before(ctx: _Ctx, q: Quote) -> RawAttribution | None:
    """He said: “...”  /  Smith said, “...”  /  Smith added that “...” (the last case becomes mixed via the verb pass)."""
    doc, text = ctx.doc, doc_text(ctx.doc)
    start_tok = doc.char_span(q.outer_start, q.outer_start + 1, alignment_mode="expand")
    if start_tok is None:
        return None
    sent = start_tok[0].sent
    begin = max(sent.start_char, text.rfind("\n", 0, q.outer_start) + 1)
    prev = [o for o in ctx.quotes if o.outer_end <= q.outer_start and o.outer_end > begin]
    if prev:
        begin = prev[-1].outer_end
    frame = text[begin : q.outer_start]
    if not re.search(r"[:,]\s*$", frame):
        return None
    cue = _cue_in(ctx, begin, q.outer_start, after=False)
    if cue is None:
        # colon after a bare name: "Trump on Twitter: “...”"
        return None
    return _make(ctx, cue, with_content=False)


def _make(ctx: _Ctx, cue: Token, with_content: bool = False) -> RawAttribution | None:
    doc = ctx.doc
    ctx.used_cues.add(cue.i)
    ctx.used_cues.update(t.i for t in cue.subtree if t.lemma_ == "say" and t.dep_ == "pcomp")
    if cue.pos_ == "ADJ":
        head = cue.head
        subj = next((c for c in head.children if c.dep_ in SUBJECT_DEPS), None)
        cue_span = (min(head.idx, cue.idx), cue.idx + len(cue))
    else:
        subj = _subject(cue)
        if subj is None:
            subj = next((c for c in cue.children if c.dep_ == "nsubj" and c.i > cue.i), None)
        cue_span = _cue_span(doc, cue)
    sources = []
    if subj is not None and subj.i > cue.i and cue.pos_ != "ADJ":
        # inverted frame ('“…,” said Brig. Gen. Farid Rahimi, the spokesman.'): the parse of titles is
        # unreliable, so the source runs from the subject's left edge to the end of the frame
        text = doc_text(doc)
        end = text.find("\n", subj.left_edge.idx)
        end = len(text) if end == -1 else end
        nq = next((q.outer_start for q in ctx.quotes if subj.left_edge.idx < q.outer_start < end), end)
        s = _trim(doc, subj.left_edge.idx, nq)
        if s:
            sources.append(s)
    elif subj is not None:
        s = _source_span(doc, subj, cue)
        if s:
            sources.append(s)
    return RawAttribution(cue=cue_span, sources=sources, contents=[], extractor="rules")


def _verb_reports(ctx: _Ctx) -> None:
    """Indirect and mixed reports: a cue verb with a subject and a complement."""
    doc = ctx.doc
    for sent in doc.sents:
        if in_boilerplate(doc, sent.start_char, sent.end_char):
            continue
        for tok in sent:
            if tok.i in ctx.used_cues:
                continue
            is_adj = tok.pos_ == "ADJ" and tok.lower_ in CUE_ADJECTIVES and any(c.dep_ == "ccomp" for c in tok.children)
            if not (is_adj or _is_cue_verb(tok)):
                continue
            if tok.dep_ in ("amod", "compound") or tok.tag_ == "VBG" and tok.dep_ in ("acl", "pcomp", "advcl") and tok.lemma_ != "say":
                continue
            # sourceless passive evidential: "X is believed to ...", "it is expected that ..."
            if tok.lemma_.lower() in PASSIVE_EVIDENTIALS and any(c.dep_ == "auxpass" for c in tok.children):
                att = _passive_evidential(ctx, tok)
                if att:
                    ctx.out.append(att)
                continue
            if is_adj:
                subj = next((c for c in tok.head.children if c.dep_ in SUBJECT_DEPS), None)
                if subj is None:
                    continue
                cue_span = (tok.head.idx, tok.idx + len(tok)) if tok.head.i < tok.i else (tok.idx, tok.idx + len(tok))
                comp = next(c for c in tok.children if c.dep_ == "ccomp")
                content = _trim(doc, _after_that(doc, tok), comp.right_edge.idx + len(comp.right_edge))
            else:
                subj = _subject(tok)
                if subj is None:
                    continue
                if subj.lower_ in ("it",) and subj.dep_ == "nsubjpass":
                    continue
                cue_span = _cue_span(doc, tok)
                content = _content_after(doc, tok, sent, cue_span[1])
                if content is None:
                    # content before the cue: "The plan will fail, the minister said."
                    content = _content_before(doc, tok, sent, subj)
            if content is None:
                continue
            src = _source_span(doc, subj, tok)
            if src is None:
                continue
            # content must not swallow the source or the cue
            if content[0] <= cue_span[0] < content[1] or content[0] <= src[0] < content[1]:
                if content[0] < cue_span[0]:
                    content = _trim(doc, content[0], min(cue_span[0], src[0]))
                else:
                    continue
                if content is None:
                    continue
            content = _clip_to_quote(ctx, tok, content)
            if content is None:
                continue
            ctx.used_cues.add(tok.i)
            ctx.out.append(RawAttribution(cue=cue_span, sources=[src], contents=[content], extractor="rules"))


def _clip_to_quote(ctx: _Ctx, tok: Token, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """A report made inside a quote (a nested statement) ends where the quote ends."""
    q = _quote_at(ctx, tok.idx)
    if span is None or q is None:
        return span
    return _trim(ctx.doc, max(span[0], q.start), min(span[1], q.end))


def _after_that(doc: Doc, tok: Token) -> int:
    nxt = tok.nbor(1) if tok.i + 1 < len(doc) else tok
    return nxt.idx + len(nxt) if nxt.lower_ == "that" else tok.idx + len(tok)


def _content_before(doc: Doc, cue: Token, sent: SpacySpan, subj: Token) -> tuple[int, int] | None:
    """'X will happen, the minister said.' — the clause before a sentence-final cue, when it is the cue's complement."""
    comps = [c for c in cue.children if c.dep_ in ("ccomp", "parataxis") and c.i < cue.i]
    if not comps:
        return None
    c = comps[0]
    return _trim(doc, c.left_edge.idx, min(subj.left_edge.idx, cue.idx))


def _passive_evidential(ctx: _Ctx, tok: Token) -> RawAttribution | None:
    """"X is believed to ...", "it is expected that ...": the same sourceless reading as
    :func:`sourceless_reading` gives "seems" and "reportedly" (subject + complement, no source)."""
    doc = ctx.doc
    subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    comp = next((c for c in tok.children if c.dep_ in ("xcomp", "ccomp")), None)
    if comp is None or subj is None:
        return None
    ctx.used_cues.add(tok.i)
    first = comp.left_edge.i + (doc[comp.left_edge.i].lower_ == "that")
    # the cue runs from the auxiliaries ("is widely believed"), as in _cue_span
    cue = [tok, *(c for c in tok.children if c.dep_ in ("aux", "auxpass", "neg") and 0 < tok.i - c.i <= 3)]
    att = _sourceless_reading(doc, cue, subj, first, comp.right_edge.i)
    if att is not None:
        att.contents = [c for c in (_clip_to_quote(ctx, tok, c) for c in att.contents) if c]
    return att if att is not None and att.contents else None


# ---------------------------------------------------------------- sourceless evidentials (PolNeAR's convention)

# "X seems/appears to ...", "X is (widely) expected to ...", "X reportedly ...", "Asked about X, ...":
# PolNeAR marks these as cues with no source; the content is the subject (unless it is an expletive "it")
# together with the complement ("[the House] {is expected} [to pass the bill]").
SEEM_VERBS = {"seem", "appear"}
EXPECT_VERBS = {"expect"}
EVIDENTIAL_ADVERBS = {"reportedly"}
REPUTE_VERBS = {"see", "regard", "consider", "view", "know"}
_SEEM_COMPS = ("xcomp", "ccomp", "oprd", "acomp", "attr")
# a comma followed by one of these ends the content (", when he told ...", ", which were developed ...")
_CUT_WORDS = MARK_WORDS | {"which", "who", "whom", "whose", "where", "despite", "but", "with"}
_NOMINAL = ("NOUN", "PROPN", "PRON", "NUM", "DET", "X")


def _tok_span(toks: list[Token]) -> tuple[int, int]:
    return toks[0].idx, toks[-1].idx + len(toks[-1])


def _cut_at_comma(doc: Doc, first: int, last: int, first_comma: bool = False) -> int:
    """The last token index of content running from token ``first`` to ``last``: cut before a comma
    (or dash) that opens a subordinate or relative clause, or (``first_comma``) before any comma outside quotes."""
    in_quote = False
    for t in doc[first + 1 : last + 1]:
        if t.text in OPEN_QUOTES or t.text == '"' and not in_quote:
            in_quote = True
        elif t.text in CLOSE_QUOTES or t.text == '"':
            in_quote = False
        nxt = next((u for u in doc[t.i + 1 : last + 1] if not u.is_space), None)
        if t.text in (",", "—", "–", "--") and nxt is not None and (nxt.lower_ in _CUT_WORDS or first_comma and not in_quote):
            return t.i - 1
    return last


def _sourceless_reading(doc: Doc, cue_toks: list[Token], subj: Token | None, comp_first: int, comp_last: int,
                        first_comma: bool = False) -> RawAttribution | None:
    """Cue = ``cue_toks``; content = the subject (not an expletive) and tokens comp_first..comp_last, cut at a clause."""
    contents = []
    if subj is not None and subj.lower_ not in ("it", "there"):
        # every subject the parse gives the cue ("The birth of the newest Clinton" is sometimes two)
        subjs = sorted(c for c in subj.head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < cue_toks[0].i and c.pos_ in _NOMINAL) or [subj]
        while len(subjs) > 1 and any(t.is_punct for t in doc[subjs[0].right_edge.i + 1 : subjs[1].left_edge.i]):
            subjs = subjs[1:]  # "Whatever the polls say, however, the outcome appears": the nearest one only
        left = min(c.left_edge.i for c in subjs)
        right = min(max(c.right_edge.i for c in subjs), min(t.i for t in cue_toks) - 1)
        head = max(subjs, key=lambda c: c.i)
        for t in doc[head.i + 1 : right + 1]:
            # "Clinton, casting herself as ..., appeared": the subject ends before a parenthetical clause
            nxt = next((u for u in doc[t.i + 1 : right + 1] if not u.is_space), None)
            if t.text == "," and nxt is not None and (nxt.lower_ in ("who", "which", "whose", "whom") or nxt.tag_ in ("VBG", "VBN")):
                right = t.i - 1
                break
        if right >= left:
            contents.append(_trim(doc, *_tok_span([doc[left], doc[right]])))
    last = _cut_at_comma(doc, comp_first, comp_last, first_comma)
    if last < comp_first:
        return None
    contents.append(_trim(doc, doc[comp_first].idx, doc[last].idx + len(doc[last])))
    contents = [c for c in contents if c]
    if not contents or contents[-1][0] < max(t.idx for t in cue_toks):
        return None
    return RawAttribution(cue=_tok_span(sorted(cue_toks, key=lambda t: t.i)), sources=[], contents=contents, extractor="rules")


def sourceless_reading(doc: Doc, tok: Token) -> RawAttribution | None:
    """The sourceless attribution whose cue is ``tok``, or None: "seems/appears" with a complement, passive
    "expected" with one, the adverb "reportedly", passive "seen/regarded/viewed/known as", "considered",
    and "asked" with no asker ("Asked about X, ...", "X was asked whether ...").
    Studied on PolNeAR train; each kind was kept where it added more right statements than wrong ones there."""
    low, lemma = tok.lower_, tok.lemma_.lower()
    kids = list(tok.children)
    subj = next((c for c in kids if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and subj.pos_ not in _NOMINAL:
        return None  # a misparse ("Regardless of cost, the plan appears ...": "Regardless" as subject)
    # auxiliaries, negation and adverbs right before the verb ("is widely expected", "doesn't seem")
    pre_deps = {c.i for c in kids if c.dep_ in ("aux", "auxpass", "neg", "advmod") and c.i < tok.i}
    pre, k = [], tok.i - 1
    while k in pre_deps:
        pre.append(doc[k])
        k -= 1
    if tok.pos_ in ("VERB", "AUX") and lemma in SEEM_VERBS | EXPECT_VERBS:
        if lemma in EXPECT_VERBS and not any(c.dep_ == "auxpass" for c in kids):
            return None
        if lemma in SEEM_VERBS and not (tok.tag_ in ("VBZ", "VBD", "VBP") or any(c.dep_ == "aux" and c.lower_ != "to" for c in kids)):
            return None  # "appearing to ...", "trying to appear ...", "making cash appear": not PolNeAR cues
        comps = [c for c in kids if c.i > tok.i and (c.dep_ in _SEEM_COMPS or lemma in SEEM_VERBS and (
            c.dep_ == "dobj" or c.dep_ in ("advcl", "prep") and c.lower_ in ("like", "as") or
            c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("like", "as", "if", "though") for m in c.children)))]
        if not comps:
            return None
        comp = comps[0]
        if comp.dep_ == "xcomp" and comp.lemma_.lower() in SPEECH_VERBS:
            return None  # "appeared to suggest that ...": a report, the subject its source
        # the content keeps a leading "like" or "that" ("It seemed [like the committee had decided ...]")
        return _sourceless_reading(doc, [tok, *pre], subj, comp.left_edge.i, comp.right_edge.i)
    if low in EVIDENTIAL_ADVERBS and tok.dep_ == "advmod":
        head = tok.head
        hk = list(head.children)
        subj = next((c for c in hk if c.dep_ in ("nsubj", "nsubjpass")), None)
        after = [t for t in head.subtree if t.i > tok.i]
        if not after:
            return None
        first = tok.i + 1
        while first <= after[-1].i and doc[first].is_punct:
            first += 1
        if first > after[-1].i:
            return None
        r = _sourceless_reading(doc, [tok], subj, first, after[-1].i)
        if r is not None and subj is not None and subj.right_edge.i + 1 < tok.i:
            # "the hackers [have] reportedly infiltrated": words between subject and adverb are content
            mid = _trim(doc, doc[subj.right_edge.i + 1].idx, tok.idx)
            if mid:
                r.contents.insert(1, mid)
        return r
    passive = any(c.dep_ == "auxpass" for c in kids)
    if lemma in REPUTE_VERBS and passive and tok.pos_ == "VERB" and not any(c.dep_ == "agent" for c in kids):
        # "X is widely seen as Y", "X is best known for Y", "X is considered Y"
        prep = next((c for c in kids if c.i > tok.i and c.dep_ == "prep" and c.lower_ in ("as", "for")), None)
        if prep is not None:
            comp = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
            cue = [tok, *pre, prep]
        else:
            comp = next((c for c in kids if c.i > tok.i and c.dep_ in ("oprd", "attr", "xcomp", "acomp")), None) if lemma == "consider" else None
            cue = [tok, *pre]
        if comp is None or subj is None:
            return None
        return _sourceless_reading(doc, cue, subj, comp.left_edge.i, comp.right_edge.i)
    if low == "asked" and tok.tag_ == "VBN" and not any(c.dep_ in ("nsubj", "agent") for c in kids) and (
        passive or tok.dep_ in ("advcl", "relcl", "ROOT", "conj") and not any(c.dep_ in ("nsubjpass", "aux") for c in kids)
    ):
        # "Asked about X, ...", "when asked whether ...", "X was asked what ..." (the one asked is not the source)
        cue = [tok, *pre]
        comp = next((c for c in kids if c.i > tok.i and (c.dep_ in ("ccomp", "xcomp", "dobj") or c.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ in ("if", "whether") for m in c.children))), None)
        if comp is None:
            prep = next((c for c in kids if c.i > tok.i and c.dep_ == "prep" and c.lower_ == "about"), None)
            pobj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
            if pobj is None:
                return None
            cue.append(prep)
            comp = pobj
        # "X was asked to name ...": X is part of the content; "X was asked what ...": it is not
        return _sourceless_reading(doc, cue, subj if comp.dep_ == "xcomp" else None, comp.left_edge.i, comp.right_edge.i,
                                   first_comma=True)
    return None


def _sourceless(ctx: _Ctx) -> None:
    doc = ctx.doc
    for tok in doc:
        if tok.i in ctx.used_cues or tok.lower_ not in _SOURCELESS_WORDS and tok.lemma_.lower() not in _SOURCELESS_WORDS:
            continue
        att = sourceless_reading(doc, tok)
        if att is None or in_boilerplate(doc, att.cue[0], att.cue[1]):
            continue
        att.contents = [c for c in (_clip_to_quote(ctx, tok, c) for c in att.contents) if c]
        if att.contents:
            ctx.used_cues.add(tok.i)
            ctx.out.append(att)


_SOURCELESS_WORDS = SEEM_VERBS | EXPECT_VERBS | EVIDENTIAL_ADVERBS | REPUTE_VERBS | {"asked"}


def _according_to(ctx: _Ctx) -> None:
    doc = ctx.doc
    for tok in doc:
        if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
            continue
        if in_boilerplate(doc, tok.idx, tok.idx + 1):
            continue
        to = doc[tok.i + 1]
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        src_end_tok = pobj.right_edge if pobj is not None else to
        src = _trim(doc, to.idx + len(to), src_end_tok.idx + len(src_end_tok))
        if src is None:
            continue
        sent = tok.sent
        cue = (tok.idx, to.idx + len(to))
        if tok.i == sent.start or doc[tok.i - 1].is_punct and doc[tok.i - 1].i == sent.start:
            content = _trim(doc, src[1], sent.end_char)
        else:
            content = _trim(doc, sent.start_char, tok.idx)
        if content is None:
            continue
        ctx.used_cues.add(tok.i)
        ctx.out.append(RawAttribution(cue=cue, sources=[src], contents=[content], extractor="rules"))


_SPEAKER_RE = re.compile(r"(?m)^[ \t\u00a0]*[\"“]?((?:[A-Z][\w.'’-]*\s?){1,4}?)(\s?\([^)\n]{1,40}\))?\s*(:)\s+(?=\S)")


# the newsroom's own labels, not speakers ("Correction: An earlier version of this article ...")
_EDITORIAL_LABELS = {"correction", "corrections", "update", "updated", "updates", "clarification", "editor's note",
                     "editor’s note", "editors' note", "editors’ note", "note", "related", "watch", "read more",
                     "photo", "photos", "video", "warning", "disclaimer", "breaking", "breaking news", "advertisement",
                     "listen", "see also", "sign up", "subscribe", "follow", "share", "more", "also", "caption",
                     "the latest", "live", "live updates", "factbox", "explainer", "timeline", "fact check",
                     # a piece's genre in its headline ("Profile: David Miliband", "Obituary: Arthur Hailey")
                     "profile", "analysis", "obituary", "preview", "review", "interview", "q&a", "opinion",
                     "comment", "feature", "factfile", "fact file", "in pictures", "in depth", "at a glance",
                     "viewpoint", "background", "quiz",
                     # a line-up's sections in a match report ("Forwards: Smith, Jones, ...")
                     "forwards", "backs", "replacements", "substitutes", "subs", "bench", "squad", "team"}


def _colon_cues(ctx: _Ctx) -> None:
    """'PENCE: Well, look, ...' transcripts and 'Trump: ...' headlines; content = rest of the paragraph."""
    doc, text = ctx.doc, doc_text(ctx.doc)
    for m in _SPEAKER_RE.finditer(text):
        name = m.group(1).strip()
        if not name or name.lower() in _EDITORIAL_LABELS or in_boilerplate(doc, m.start(1), m.end(3)):
            continue
        span = doc.char_span(m.start(1), m.start(1) + len(name), alignment_mode="expand")
        if span is None:
            continue
        is_name = name.isupper() and len(name) > 2 or any(t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") for t in span)
        # a headline's "Name: ..." ("Sanders: Clinton needs to ...", "Poll: ..."): capitalised words before the
        # colon on the article's first line, where the parser's entities are least reliable
        if not is_name and not text[: m.start(1)].strip() and len(name.split()) <= 3:
            is_name = all(w[:1].isupper() for w in name.split())
        if not is_name or any(t.pos_ == "VERB" for t in span):
            continue
        end = text.find("\n", m.end())
        end = len(text) if end == -1 else end
        content = _trim(doc, m.end(), end)
        if content is None:
            continue
        colon = m.start(3)
        ctx.out.append(RawAttribution(cue=(colon, colon + 1), sources=[(m.start(1), m.start(1) + len(name))], contents=[content], extractor="rules"))
        for q in ctx.quotes:
            if content[0] <= q.start < content[1]:
                q.used = True


def _colon_paragraph(ctx: _Ctx) -> None:
    """'Cruz continued:' or 'the president released the following statement:' ending a paragraph, and a quoted
    paragraph after it: the quote is what the subject said (PolNeAR's cue runs from the verb to the colon).
    After a verb of saying right before the colon ("Limbaugh added:") the next paragraph is what was said even
    without quotation marks (a block quote whose marks were lost with the page's layout)."""
    doc, text = ctx.doc, doc_text(ctx.doc)
    for m in re.finditer(r":[ \t\u00a0]*\n\s*(?=\S)", text):
        colon = m.start()
        nxt = m.end()
        if not (text.startswith(("\"", "“", "'", "''"), nxt)):
            before = doc.char_span(colon - 1, colon, alignment_mode="expand") if colon else None
            if before is None or before[-1].pos_ != "VERB" or before[-1].lemma_.lower() not in SPEECH_VERBS:
                continue
        end = text.find("\n", nxt)
        end = len(text) if end == -1 else end
        if in_boilerplate(doc, colon, end):
            continue
        sp = doc.char_span(colon, colon + 1, alignment_mode="expand")
        if sp is None:
            continue
        sent = sp[0].sent
        verb = sent.root
        if verb.pos_ not in ("VERB", "AUX") or verb.i in ctx.used_cues or verb.idx > colon:
            continue
        subj = _subject(verb)
        if subj is None or subj.i > verb.i:
            continue
        src = _source_span(doc, subj, verb)
        content = _trim(doc, nxt, end)
        if src is None or content is None:
            continue
        start = _cue_span(doc, verb)[0]
        ctx.used_cues.add(verb.i)
        ctx.out.append(RawAttribution(cue=(start, colon + 1), sources=[src], contents=[content], extractor="rules"))
        for q in ctx.quotes:
            if content[0] <= q.start < content[1]:
                q.used = True


# a quotation closed by a dash and the speaker's name, ending its paragraph: “We need answers.” ― Ana Ruiz
# (web copy often puts no-break spaces, U+00A0, around the dash and after the name)
_DASH_RE = re.compile(r"(?m)^[ \t\u00a0]*[“\"”](?P<q>[^\n]+?)[”\"]"
                      # the dash after the quotation on its line, or opening the next paragraph on its own,
                      # where a hyphen does too ('"…"\n\n- Hillary Clinton': quote lists that lost their layout)
                      r"(?:[ \t\u00a0]*(?P<dash>[―—–]+)|[ \t\u00a0]*\n(?:[ \t\u00a0]*\n)?[ \t\u00a0]*(?P<dash2>[―—–-]+))"
                      r"[ \t\u00a0]*"
                      r"(?P<name>[A-Z][\w.'’-]*(?:[ \t\u00a0]+(?:[A-Z][\w.'’-]*|de|la|van|von|del|da)){0,5})"
                      r"[ \t\u00a0]*\.?[ \t\u00a0]*$")


def _dash_quotes(ctx: _Ctx) -> None:
    """'“...” ― Name' (vox pops, pull quotes): the dash is the cue, the name the source, the quotation the content."""
    doc, text = ctx.doc, doc_text(ctx.doc)
    for m in _DASH_RE.finditer(text):
        if in_boilerplate(doc, m.start(), m.end()):
            continue
        span = doc.char_span(m.start("name"), m.end("name"), alignment_mode="expand")
        if span is None or not any(t.pos_ == "PROPN" for t in span):
            continue
        content = _trim(doc, m.start("q"), m.end("q"))
        if content is None:
            continue
        name_end = m.end("name")
        if text[name_end - 1] == "." and len(m.group("name").split()[-1]) > 3:  # the sentence's full stop
            name_end -= 1
        dash = "dash" if m.group("dash") else "dash2"
        ctx.out.append(RawAttribution(cue=(m.start(dash), m.end(dash)), sources=[(m.start("name"), name_end)],
                                      contents=[content], extractor="rules"))
        for q in ctx.quotes:
            if m.start() <= q.start < m.end("q") + 1:
                q.used = True


def _mark_quote_content(ctx: _Ctx) -> None:
    """Quotes inside an indirect report's content make it a mixed report; they are not separate statements."""
    for att in ctx.out:
        for s, e in att.contents:
            for q in ctx.quotes:
                if s <= q.start and q.end <= e + 1:
                    q.used = True


def extract_rule_attributions(doc: Doc) -> list[RawAttribution]:
    ctx = _Ctx(doc=doc, quotes=find_quotes(doc_text(doc)))
    _colon_cues(ctx)
    _colon_paragraph(ctx)
    _dash_quotes(ctx)
    _according_to(ctx)
    _direct_quotes(ctx)
    _sourceless(ctx)
    _verb_reports(ctx)
    # merge: a verb report whose cue is a quote frame's cue is the same statement
    ctx.out.sort(key=lambda a: (a.cue or (0, 0))[0])
    return ctx.out
