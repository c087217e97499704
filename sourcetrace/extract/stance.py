"""Stance and hedges of one statement (attribution), from spaCy's parse and lexicons.

    classify_statement(doc, cue, sources, contents) -> StanceResult

Offsets are character offsets into ``doc_text(doc)``. ``doc`` must be parsed
(tagger, parser, lemmatizer). The labelling guidelines this follows are in
``docs/stance-guidelines.md``; ``sourcetrace eval stance`` measures it on the
hand-labelled set in ``sourcetrace/data/stance/labels.jsonl``.

Why hand-written rules: no library classifies the stance of a reported
statement, and no public corpus labels it (so there is little data to train
on: a logistic regression over the same lexical features is kept for
comparison in :mod:`sourcetrace.eval.stance`). The rules are lexicons over
spaCy's lemmas plus a few parse tests (negation, passive, ditransitive
"deny", what the cue verb governs), in the order of the guidelines.

Confidence (documented in the guidelines)::

    confidence = BASE[stance] * 0.75 ** len(hedges), clipped to [0.05, 1]
    BASE = asserts 1.0, confirms 1.0, denies 1.0, other 0.9, questions 0.5, speculates 0.6
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..nlp.doc import doc_text
from spacy.tokens import Doc, Span, Token

STANCES = ("asserts", "confirms", "denies", "speculates", "questions", "other")

BASE_CONFIDENCE = {"asserts": 1.0, "confirms": 1.0, "denies": 1.0, "other": 0.9,
                   "questions": 0.5, "speculates": 0.6}
HEDGE_FACTOR = 0.75


@dataclass
class StanceResult:
    stance: str = "asserts"
    hedges: list[tuple[int, int]] = field(default_factory=list)
    confidence: float = 1.0
    reason: str = ""  # which rule decided (for debugging and reports)


def confidence_for(stance: str, n_hedges: int) -> float:
    c = BASE_CONFIDENCE.get(stance, 1.0) * HEDGE_FACTOR ** n_hedges
    return round(min(1.0, max(0.05, c)), 4)


# --- lexicons (lemmas) -------------------------------------------------------

DENY = {"deny", "denial", "dismiss", "dismissal", "reject", "rejection", "refute", "refutation",
        "rebut", "rebuttal", "dispute", "contest", "disavow", "debunk", "repudiate", "disprove",
        "gainsay"}
CONFIRM = {"confirm", "confirmation", "acknowledge", "acknowledgement", "acknowledgment", "admit",
           "admission", "concede", "concession", "verify", "corroborate", "affirm", "agree",
           "validate"}
QUESTION = {"ask", "question", "wonder", "doubt", "query", "inquire", "enquire", "quiz", "unclear",
            "uncertain", "puzzle", "skeptical", "sceptical", "skepticism", "interrogate", "questioning"}
SPECULATE = {"speculate", "speculation", "suggest", "suggestion", "guess", "predict", "prediction",
             "expect", "expectation", "estimate", "suspect", "suspicion", "think", "believe", "belief",
             "feel", "assume", "assumption", "bet", "fear", "imagine", "presume", "anticipate",
             "forecast", "hypothesize", "theorize", "reckon", "worry", "hunch", "surmise", "project"}
# evidential / hedge verbs and adjectives: on their own in a cue they make the
# statement speculative; next to another cue word they only hedge it.
HEDGE_CUE = {"seem", "appear", "likely", "unlikely", "expected", "apparently", "seemingly",
             "reportedly", "allegedly", "supposedly", "purportedly", "rumor", "rumour", "rumored"}
REPORTIVE_HEDGES = {"reportedly", "allegedly", "supposedly", "purportedly"}
OTHER = {"want", "wish", "hope", "hopeful", "plan", "intend", "intention", "promise", "vow", "pledge",
         "urge", "demand", "propose", "proposal", "endorse", "endorsement", "support", "oppose",
         "opposition", "opposed", "back", "praise", "criticize", "criticise", "criticism", "attack",
         "defend", "thank", "congratulate", "blame", "decline", "refuse", "seek", "prefer", "eager",
         "focus", "discuss", "mention", "cite", "refer", "reference", "respond", "flout", "recommend",
         "favor", "favour", "welcome", "applaud", "condemn", "denounce", "slam", "blast", "mock",
         "inveigh", "aim", "invite", "confident", "impress", "impressed", "encourage", "lobby", "vote",
         "request", "order", "instruct", "dare", "beg", "implore", "like", "love", "hate", "dislike",
         "trash", "target", "sight", "congratulation", "offer", "pray", "prayer", "appeal", "campaign",
         "push", "tout", "embrace", "champion", "spend", "seek", "call_for", "speak", "talk", "hail",
         "laud", "commend", "salute", "decry", "lament", "deplore", "excoriate", "chide", "scold",
         "rebuke", "lambaste", "castigate", "berate", "ridicule", "disparage", "insult", "want",
         "threaten", "pressure", "press", "challenge", "nominate", "appoint", "elect", "honor",
         "celebrate", "hoped"}
ASSERT = {"say", "tell", "state", "claim", "reveal", "report", "announce", "write", "tweet", "add",
          "note", "explain", "argue", "insist", "warn", "accuse", "accusation", "allegation", "allege",
          "call", "describe", "show", "find", "know", "conclude", "according", "accord", "declare", "point",
          "recall", "characterize", "characterise", "disclose", "post", "quote", "remind", "illustrate",
          "introduce", "contend", "assert", "maintain", "stress", "emphasize", "observe", "comment",
          "testify", "recount", "answer", "reply", "respond", "statement", "account", "clear"}

# saying verbs whose content can carry the denial itself ("stated that the claims are rubbish")
SAY = {"say", "tell", "state", "claim", "add", "insist", "write", "tweet", "declare", "call", "describe",
       "respond", "reply", "answer", "contend", "assert", "maintain", "stress", "according", "statement",
       "comment", "note", "argue", "explain", "post", "counter", "retort"}

# objects of reject/dismiss that are propositions (-> denies); other objects (bills,
# proposals, people) are rejected as choices (-> other)
CLAIM_NOUNS = {"notion", "idea", "claim", "argument", "suggestion", "assertion", "allegation",
               "accusation", "criticism", "critique", "charge", "report", "comment", "remark",
               "characterization", "characterisation", "premise", "theory", "story", "rumor", "rumour",
               "speculation", "contention", "assessment", "view", "conclusion", "finding", "statement",
               "account", "wisdom", "narrative", "label", "portrayal", "comparison", "analysis", "this",
               "that", "it", "interpretation", "description", "notion", "reporting", "suspicion",
               "insinuation", "implication", "characterization", "talk", "gossip", "news", "question",
               "attack", "concern", "fear", "worry", "finding", "evidence", "reports", "accounts"}
DENY_NONPROP = {"access", "entry", "request", "permission", "visa", "bail", "benefit", "service",
                "right", "opportunity", "chance", "victory", "nomination", "seat", "application"}

# falsity markers inside content (or after "called it / dismissed as / described as")
_DENIAL_RX = re.compile(
    r"\b(not true|untrue|no such|false(hood)?s?|rubbish|nonsense|baloney|garbage|a lie|lies|lying|"
    r"fake news|gossip|baseless|groundless|unfounded|ridiculous|absurd|hoax|fabricat\w*|"
    r"never happened|did not happen|didn't happen|did n't happen|no truth|not the case|"
    r"no intention of|categorically|no basis|made[- ]up|preposterous|fiction|bogus|"
    r"without merit|no merit|not accurate|inaccurate|misleading|smear|"
    r"no (data|evidence|proof|indication|sign) (to suggest|to support|that|of))\b", re.I)

_NOT_CLEAR_RX = re.compile(r"\b(not|n't|n’t)\s+(yet\s+|entirely\s+|at all\s+)?clear\b", re.I)

HEDGE_ADV = {"reportedly", "allegedly", "apparently", "seemingly", "supposedly", "purportedly",
             "ostensibly", "presumably", "perhaps", "maybe", "possibly", "probably", "likely",
             "unlikely", "conceivably"}
HEDGE_ADJ = {"alleged", "purported", "supposed"}
HEDGE_MODAL = {"may", "might", "could"}
SPEC_CONTENT_ADV = {"perhaps", "maybe", "possibly", "probably", "likely", "unlikely", "presumably",
                    "conceivably"}
FIRST_PERSON_BELIEF = {"think", "guess", "suppose", "believe", "reckon", "suspect", "imagine"}
PASSIVE_HEDGE = {"believe", "think", "expect", "say", "rumor", "rumour", "suppose", "understand",
                 "allege", "report"}
INFO_VERBS = {"name", "explain", "rank", "describe", "identify", "say", "answer", "comment", "estimate",
              "rate", "choose", "pick", "list", "specify", "clarify", "elaborate", "predict", "assess",
              "respond", "share", "tell", "grade", "weigh"}


# --- helpers -----------------------------------------------------------------

def _span(doc: Doc, s: int, e: int) -> Span | None:
    return doc.char_span(s, e, alignment_mode="expand")


def _tokens(doc: Doc, ranges) -> list[Token]:
    seen, out = set(), []
    for s, e in ranges:
        sp = _span(doc, s, e)
        if sp is None:
            continue
        for t in sp:
            if t.i not in seen and not t.is_space:
                seen.add(t.i)
                out.append(t)
    return sorted(out, key=lambda t: t.i)


def _head_of(tokens: list[Token]) -> Token | None:
    if not tokens:
        return None
    ids = {t.i for t in tokens}
    tops = [t for t in tokens if t.head.i not in ids or t.head.i == t.i]
    verbs = [t for t in tops if t.pos_ in ("VERB", "AUX")]
    if verbs:
        return verbs[0]
    nonfunc = [t for t in tops if not t.is_punct and t.pos_ not in ("DET", "ADP", "PART", "CCONJ")]
    return (nonfunc or tops or tokens)[0]


def _lem(t: Token) -> str:
    return t.lemma_.lower()


def _negated(t: Token) -> bool:
    return any(c.dep_ == "neg" for c in t.children)


NEGATIVE_WORDS = {"nothing", "nobody", "none", "neither", "noone", "no-one"}


def content_negated(doc: Doc, contents: list[tuple[int, int]]) -> bool:
    """Whether the content's main clause is negated: the predicate of the content's first sentence has a
    negation ("his team will not go into their shells", "she has never used ...") or a negative argument
    ("no such meeting had taken place", "there have been no attacks", "the rebate did nothing to ...").
    A negation further down ("... detention without trial for foreign suspects, but not Britons", "... and that
    he was no longer an asset") leaves the proposition positive: the corpus layer reads this flag to put a
    report on the asserting or the denying side of a claim, where any negative word anywhere had made a
    false contradiction of most long quotes."""
    toks = _tokens(doc, sorted(contents)[:1])
    words = [t for t in toks if not t.is_punct]
    if not words:
        return False
    sent = words[0].sent
    inside = {t.i for t in toks if sent.start <= t.i < sent.end}
    tops = [t for t in toks if t.i in inside and (t.head.i == t.i or t.head.i not in inside)]
    pred = next((t for t in tops if t.pos_ in ("VERB", "AUX")), None) or next(
        (t for t in tops if not t.is_punct), None)
    if pred is None:
        return False
    if _negated(pred):
        return True
    for c in pred.children:
        if c.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "dative") and (
                c.lower_ in NEGATIVE_WORDS or any(g.dep_ == "det" and g.lower_ in ("no", "neither") or g.dep_ == "neg"
                                                  for g in c.children)):
            return True  # ("no arrests", "neither side", "not one of these systems", "not a single vote")
    return False


def _chain(head: Token, limit: int = 4) -> list[Token]:
    """The cue head and the words that govern it in the same clause: up through
    xcomp ("seemed to confirm"), conj ("... and dismissed"), pcomp/prep ("quoted as saying")."""
    out = [head]
    t = head
    for _ in range(limit):
        if t.dep_ in ("xcomp", "conj", "pcomp", "prep", "acomp") and t.head.i != t.i:
            t = t.head
            out.append(t)
        else:
            break
    return out


def _passive_hedge(t: Token) -> tuple[int, int] | None:
    """"is believed (to)", "is expected (to)", "is said to" -> span aux..verb."""
    if _lem(t) not in PASSIVE_HEDGE or t.tag_ != "VBN":
        return None
    aux = [c for c in t.children if c.dep_ == "auxpass"]
    has_xcomp = any(c.dep_ == "xcomp" for c in t.children)
    if aux and (has_xcomp or _lem(t) in ("believe", "expect")):
        return (aux[0].idx, t.idx + len(t))
    return None


def _tspan(t: Token) -> tuple[int, int]:
    return (t.idx, t.idx + len(t))


def _content_text(doc: Doc, contents) -> str:
    return " ".join(doc_text(doc)[s:e] for s, e in contents)


# falsity markers that are nouns, though the tagger may read one before a noun as an adjective ("hoax list")
_FALSITY_NOUNS = {"hoax", "rubbish", "garbage", "nonsense", "fiction", "gossip", "baloney", "lie", "lies",
                  "fabrication", "fabrications", "falsehood", "falsehoods"}


def _falsity(doc: Doc, contents) -> bool:
    """A falsity marker (:data:`_DENIAL_RX`) in the content, other than a word that only modifies the noun
    after it ("the top 10 [hoax] list", "the [rubbish] collection"): that names a kind of thing, it does not
    call anything false."""
    text = doc_text(doc)
    for s, e in contents:
        for m in _DENIAL_RX.finditer(text, s, e):
            sp = _span(doc, m.start(), m.end())
            if sp is not None and len(sp) == 1 and sp[0].head.i > sp[0].i and sp[0].head.pos_ in ("NOUN", "PROPN") \
                    and (sp[0].dep_ == "compound" or sp[0].dep_ == "amod" and sp[0].lower_ in _FALSITY_NOUNS):
                continue
            return True
    return False


def _first_content_tokens(toks: list[Token]) -> list[Token]:
    return [t for t in toks if not t.is_punct and t.text not in ("“", "”", '"', "''", "``", "‘", "’")]


# --- hedges --------------------------------------------------------------------

def find_hedges(doc: Doc, cue_toks: list[Token], cue_head: Token | None, content_toks: list[Token],
                content_scoped: bool) -> list[tuple[int, int]]:
    spans: set[tuple[int, int]] = set()
    # 1. in the cue
    for t in cue_toks:
        l = _lem(t)
        comparative = t.i > 0 and doc[t.i - 1].lower_ in ("more", "less", "most", "least")
        if l in ("seem", "appear") or t.lower_ in HEDGE_ADV and not comparative or l in ("suggest",) and content_scoped:
            ph = _passive_hedge(t)
            spans.add(ph or _tspan(t))
        elif _lem(t) in PASSIVE_HEDGE and _passive_hedge(t):
            spans.add(_passive_hedge(t))
        elif t.lower_ == "expected" and any(c.lower_ == "as" for c in t.children) or \
                (t.lower_ == "expected" and t.i > 0 and doc[t.i - 1].lower_ == "as"):
            spans.add(_tspan(t))
        elif t.lower_ in ("unclear", "uncertain"):
            spans.add(_tspan(t))
        elif t.tag_ == "MD" and t.lower_ in HEDGE_MODAL:
            spans.add(_tspan(t))
        elif t.lower_ == "clear" and t.i > 0 and doc[t.i - 1].lower_ in ("not", "n't", "n’t"):
            spans.add((doc[t.i - 1].idx, t.idx + len(t)))
    # 2. words governing the cue in its clause
    if cue_head is not None:
        cue_ids = {t.i for t in cue_toks}
        for i, g in enumerate(_chain(cue_head)):
            if i > 0 and g.i not in cue_ids:
                if _lem(g) in ("seem", "appear"):
                    spans.add(_tspan(g))
                ph = _passive_hedge(g)
                if ph:
                    spans.add(ph)
            for c in g.children:
                if c.i in cue_ids:
                    continue
                if c.dep_ == "advmod" and c.lower_ in HEDGE_ADV:
                    spans.add(_tspan(c))
                elif c.dep_ == "acomp" and c.lower_ in ("likely", "unlikely") and not (
                        c.i > 0 and doc[c.i - 1].lower_ in ("more", "less", "most", "least")):
                    spans.add(_tspan(c))
                elif c.dep_ == "aux" and c.tag_ == "MD" and c.lower_ in HEDGE_MODAL and not _negated(g):
                    spans.add(_tspan(c))
    # 3. in the content, when the content's certainty is the source's own
    if content_scoped and content_toks:
        ids = {t.i for t in content_toks}
        for t in content_toks:
            l = t.lower_
            comparative = t.i > 0 and doc[t.i - 1].lower_ in ("more", "less", "most", "least")
            if l in HEDGE_ADV and not comparative and (
                    t.dep_ in ("advmod", "acomp", "ROOT", "npadvmod", "intj", "dep")
                    or t.dep_ == "amod" and l in ("likely", "unlikely")):
                spans.add(_tspan(t))
            elif l in HEDGE_ADJ and t.dep_ == "amod":
                spans.add(_tspan(t))
            elif l in HEDGE_MODAL and t.tag_ == "MD" and not _negated(t.head):
                h = t.head
                if h.dep_ in ("ROOT", "conj", "ccomp") or h.head.i not in ids or h.dep_ == "ccomp":
                    spans.add(_tspan(t))
            elif _lem(t) in ("seem", "appear") and any(c.dep_ in ("xcomp", "acomp", "attr", "ccomp")
                                                      for c in t.children):
                spans.add(_tspan(t))
            elif _lem(t) in FIRST_PERSON_BELIEF and t.pos_ == "VERB":
                subj = [c for c in t.children if c.dep_ == "nsubj" and c.lower_ in ("i", "we")]
                if subj and any(c.dep_ in ("ccomp", "parataxis") for c in t.children) or \
                        subj and t.dep_ in ("parataxis", "ccomp", "conj", "ROOT") and t.head.i != t.i:
                    spans.add((subj[0].idx, t.idx + len(t)))
                elif subj and t.dep_ == "ROOT":
                    spans.add((subj[0].idx, t.idx + len(t)))
    # drop hedges nested in another
    out = sorted(spans)
    return [s for s in out if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in out)]


# --- stance ----------------------------------------------------------------------

_LEXICON_WORDS: set[str] = set()


def _cue_lemma(t: Token) -> str:
    """The token's lemma; where the tagger slipped (a verb tagged as a noun keeps
    "acknowledging"), the inflection is undone by hand (spaCy's lemmatizer
    follows the tag, so it cannot do this itself)."""
    l = _lem(t)
    if l in lexicon_words():
        return l
    return lexicon_form(t.lower_) or l


def lexicon_words() -> set[str]:
    if not _LEXICON_WORDS:
        _LEXICON_WORDS.update(DENY | CONFIRM | QUESTION | SPECULATE | HEDGE_CUE | OTHER | ASSERT)
    return _LEXICON_WORDS


def lexicon_form(word: str) -> str | None:
    """The cue lexicons' entry a lower-case word is an inflection of ("denied" -> "deny"), or None."""
    words = lexicon_words()
    if word in words:
        return word
    for suf, add in (("ing", ""), ("ing", "e"), ("ied", "y"), ("ies", "y"), ("ed", ""), ("ed", "e"), ("es", ""),
                     ("s", "")):
        if word.endswith(suf) and word[: -len(suf)] + add in words:
            return word[: -len(suf)] + add
    return None


def _classify_cue_lemmas(lemmas: list[str], text: str) -> str | None:
    ls = set(lemmas)
    if ls & DENY:
        return "denies"
    if ls & CONFIRM:
        return "confirms"
    if ls & QUESTION or "question" in text or _NOT_CLEAR_RX.search(text):
        return "questions"
    if "call" in ls and re.search(r"\bcall(s|ed|ing)?\s+for\b", text):
        return "other"
    if ls & OTHER and not ls & ASSERT or ls & OTHER and ls & {"call"} and "for" in ls:
        return "other"
    if ls & (SPECULATE - {"expect"}):
        return "speculates"
    if ls & OTHER:
        return "other"
    if ls & ASSERT:
        return "asserts"
    if ls & ({"expect"} | HEDGE_CUE):
        return "hedge"
    return None


def _content_is_prop(content_toks: list[Token], text: str) -> bool:
    """Content is a proposition (that-clause, gerund/clause, claim noun) rather than a thing."""
    toks = _first_content_tokens(content_toks)
    if not toks:
        return False
    first = toks[0]
    if first.lower_ in ("that", "whether", "if"):
        return True
    ids = {t.i for t in content_toks}
    heads = [t for t in content_toks if t.head.i not in ids or t.head.i == t.i]
    for h in heads:
        if h.pos_ in ("VERB", "AUX") and h.tag_ != "VBG":
            return True
        if h.tag_ == "VBG":
            return True
        if h.lemma_.lower() in CLAIM_NOUNS:
            return True
    return False


def _claim_like(content_toks: list[Token]) -> bool:
    """What reject/dismiss takes as a proposition: a that/whether clause, a gerund,
    or a claim noun ("the notion that", "criticism", "his remarks")."""
    toks = _first_content_tokens(content_toks)
    if not toks:
        return False
    if toks[0].lower_ in ("that", "whether", "if") or toks[0].tag_ == "VBG":
        return True
    ids = {t.i for t in content_toks}
    heads = [t for t in toks if t.head.i not in ids or t.head.i == t.i]
    nouns = [t for t in heads if t.pos_ in ("NOUN", "PRON")] or [t for t in toks if t.pos_ in ("NOUN", "PRON")]
    return bool(nouns) and nouns[0].lemma_.lower() in CLAIM_NOUNS


APPOINTEE = {"judge", "nominee", "justice", "appointee", "nomination", "secretary", "ambassador",
             "pick", "official", "commissioner", "director", "who", "all"}


def _appointee(content_toks: list[Token]) -> bool:
    """"confirmed a judge", "were confirming judges": the Senate sense of confirm."""
    toks = _first_content_tokens(content_toks)
    if not toks or toks[0].lower_ in ("that", "whether", "if"):
        return False
    ids = {t.i for t in content_toks}
    heads = [t for t in toks if t.head.i not in ids or t.head.i == t.i]
    h = heads[0] if heads else toks[0]
    if any(c.lower_ == "as" for c in h.head.children):
        return False
    return h.lemma_.lower() in APPOINTEE


def _quoted(doc: Doc, contents) -> bool:
    return any(doc_text(doc)[s:e].lstrip()[:1] in "\"“‘'" for s, e in contents if e > s)


def _content_head_noun(content_toks: list[Token]) -> Token | None:
    ids = {t.i for t in content_toks}
    heads = [t for t in content_toks if (t.head.i not in ids or t.head.i == t.i) and not t.is_punct]
    return heads[0] if heads else None


def _speculative_content(content_toks: list[Token]) -> bool:
    if not content_toks:
        return False
    ids = {t.i for t in content_toks}
    toks = _first_content_tokens(content_toks)
    if toks and toks[0].lower_ in SPEC_CONTENT_ADV:
        return True
    for t in content_toks:
        h = t.head
        main = h.head.i not in ids or h.dep_ in ("ROOT", "conj") or h.head.i == h.i
        if t.lower_ in SPEC_CONTENT_ADV and t.dep_ in ("advmod", "acomp") and main:
            return True
        if t.tag_ == "MD" and t.lower_ in HEDGE_MODAL and not _negated(h) and main:
            return True
        if _lem(t) in FIRST_PERSON_BELIEF and t.pos_ == "VERB" and any(
                c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in t.children):
            return True
        if _lem(t) in ("seem", "appear") and t.head.i == t.i and any(
                c.dep_ in ("xcomp", "acomp") for c in t.children):
            return True
    return False


def _strip_quotes(s: str) -> str:
    return s.strip().strip("\"“”'‘’`").strip()


def classify_statement(doc: Doc, cue: tuple[int, int] | None, sources: list[tuple[int, int]],
                       contents: list[tuple[int, int]]) -> StanceResult:
    """The source's stance toward the content, the hedges, and a confidence."""
    cue_toks = _tokens(doc, [cue]) if cue else []
    content_toks = _tokens(doc, contents)
    source_toks = _tokens(doc, sources)
    cue_head = _head_of(cue_toks)
    cue_text = doc_text(doc)[cue[0]:cue[1]].lower() if cue else ""
    ctext = _content_text(doc, contents)
    # lemmas of the cue's words; "contest" only as a verb (not "the primary contest");
    # surface forms too, for lemmatizer slips ("hoped" -> "hop")
    lemmas = [_cue_lemma(t) for t in cue_toks if not (_lem(t) == "contest" and t.pos_ != "VERB")
              and not (_lem(t) == "like" and t.pos_ != "VERB")]
    lemmas += [t.lower_ for t in cue_toks if t.lower_ in ("hoped", "hopes", "hoping")]
    lemmas = [("hope" if l in ("hoped", "hopes", "hoping") else l) for l in lemmas]
    # "called for" / "asked for"
    nxt = doc[cue_toks[-1].i + 1] if cue_toks and cue_toks[-1].i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ == "for" and not (set(lemmas) & (DENY | CONFIRM)):
        lemmas.append("for")
    base = _classify_cue_lemmas(lemmas, cue_text)
    reason = f"cue:{base}"
    stance = base or "asserts"
    first = _first_content_tokens(content_toks)
    first_l = first[0].lower_ if first else ""
    final_q = _strip_quotes(doc_text(doc)[contents[-1][0]:contents[-1][1]]).endswith("?") if contents else False

    # reference chain for negation/modality: cue head and its governors
    chain = _chain(cue_head) if cue_head is not None else []
    chain_lemmas = {_lem(t) for t in chain}
    negated = any(_negated(t) for t in chain) or bool(
        source_toks and source_toks[0].lower_ in ("neither", "no", "none", "nobody"))
    must = any(c.tag_ == "MD" and c.lower_ in ("must", "should", "ought") for t in chain for c in t.children)
    refused = bool(chain_lemmas & {"refuse", "decline", "fail"}) or bool(set(lemmas) & {"refuse", "decline"})

    if stance == "denies":
        deny_tok = next((t for t in cue_toks if _lem(t) == "deny"), cue_head)
        head_lem = _lem(deny_tok) if deny_tok is not None else ""
        dobj = [c for c in deny_tok.children if c.dep_ in ("dobj", "dative")] if deny_tok is not None else []
        if negated:
            stance, reason = "confirms", "negated denial"
        elif head_lem == "deny" and (len(dobj) >= 2 or any(
                t.lemma_.lower() in DENY_NONPROP for t in content_toks if t.head.i not in {c.i for c in content_toks})):
            stance, reason = "other", "deny = withhold"
        elif set(lemmas) & {"reject", "rejection", "dismiss", "dismissal", "dismissive", "contest"} and not (
                set(lemmas) & {"deny", "denial", "refute", "rebut", "dispute", "rebuttal"}):
            h = _content_head_noun(content_toks)
            falsity = _falsity(doc, contents)
            prop = _claim_like(content_toks) or falsity
            if h is not None and (h.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or h.pos_ in ("PROPN", "PRON")
                                  and h.lower_ not in ("this", "that", "it")) and not falsity:
                stance, reason = "other", "reject/dismiss a person"
            elif not prop:
                stance, reason = "other", "reject a choice"
    elif stance == "confirms":
        if refused and first_l in ("to", "that"):
            stance, reason = "denies", "refused to acknowledge"
        elif refused:
            stance, reason = "other", "refused to acknowledge (a thing)"
        elif set(lemmas) & {"confirm"} and _appointee(content_toks):
            stance, reason = "other", "confirmed (appointment)"
        elif must:
            stance, reason = "other", "must acknowledge"
        elif negated:
            stance, reason = ("denies", "negated confirm + clause") if first_l == "that" else ("other", "negated confirm")
        elif "agree" in lemmas and not set(lemmas) & (CONFIRM - {"agree"}) and first_l in ("to", "with", "on"):
            stance, reason = "other", "agree to"
        elif cue_head is not None and any(c.dep_ == "auxpass" for c in cue_head.children) and \
                any(t.lower_ in ("senate", "vote", "votes", "support") for t in cue_head.sent) and first_l != "that":
            stance, reason = "other", "confirmed (appointment)"
    elif stance == "other" and refused and first and first[0].lower_ == "to" and len(first) > 1 and \
            _lem(first[1]) in CONFIRM:
        stance, reason = "denies", "refused to acknowledge"
    elif stance == "questions":
        if set(lemmas) & {"ask"} and not set(lemmas) & (QUESTION - {"ask"}) and "question" not in cue_text:
            if "for" in lemmas or first_l == "for":
                stance, reason = "other", "ask for"
            elif not final_q and first_l not in ("whether", "if", "why", "how", "what", "who", "when",
                                                 "where", "which", "about"):
                to_verbs = [t for t in content_toks if t.tag_ == "VB" and any(
                    c.dep_ == "aux" and c.lower_ == "to" for c in t.children)]
                if to_verbs and _lem(to_verbs[0]) not in INFO_VERBS:
                    stance, reason = "other", "ask to (request)"
        elif set(lemmas) & {"wonder"} and not final_q and first_l in SPEC_CONTENT_ADV:
            stance, reason = "speculates", "wonder + maybe"
        elif re.search(r"\bno doubt\b", cue_text):
            stance, reason = "asserts", "no doubt"
    elif stance == "speculates":
        if set(lemmas) & {"suggest", "suggestion"} and (
                re.search(r"\b(should|ought|must|need to|needs to)\b", ctext, re.I)
                or (first and first[0].tag_ == "VBG")):
            stance, reason = "other", "suggest = propose"
        elif set(lemmas) & {"believe"} and ("in" in lemmas or nxt is not None and nxt.lower_ == "in"):
            stance, reason = "other", "believe in"
        elif set(lemmas) & {"think"} and (set(lemmas) & {"about", "of"} or nxt is not None and nxt.lower_ in (
                "about", "of")) and first_l != "that":
            stance, reason = "other", "think about"
    elif stance == "hedge":
        rep = any(t.lower_ in REPORTIVE_HEDGES or _lem(t) in ("say", "report") for t in cue_toks)
        stance, reason = ("asserts", "reportive hedge") if rep else ("speculates", "evidential cue")
    # asserts (or unknown cue): look at the content
    if stance == "asserts":
        said_as = cue_head is not None and any(c.lower_ == "as" for c in cue_head.children)
        if base == "asserts" and set(lemmas) & SAY and _falsity(doc, contents):
            stance, reason = "denies", "falsity marker in content"
        elif said_as and _DENIAL_RX.search(doc_text(doc)[cue[1]:cue[1] + 80] if cue else ""):
            stance, reason = "denies", "called it false"
        elif final_q:
            stance, reason = "questions", "question content"
        elif _first_person_wish(content_toks):
            stance, reason = "other", "first-person wish"
        elif _speculative_content(content_toks):
            stance, reason = "speculates", "modal content"
        elif set(lemmas) & {"see"} and cue_head is not None and any(
                c.lower_ == "as" for c in cue_head.subtree if c.i > cue_head.i):
            stance, reason = "speculates", "see as"
        elif (base is None or set(lemmas) & {"show", "speak", "talk", "discuss", "mention"}) and \
                not _content_is_prop(content_toks, ctext) and not _quoted(doc, contents):
            stance, reason = "other", "mention"
    content_scoped = stance in ("asserts", "speculates", "confirms")
    hedges = find_hedges(doc, cue_toks, cue_head, content_toks, content_scoped)
    return StanceResult(stance=stance, hedges=hedges, confidence=confidence_for(stance, len(hedges)),
                        reason=reason)


def _first_person_wish(content_toks: list[Token]) -> bool:
    toks = _first_content_tokens(content_toks)
    if not toks or len(toks) > 12:
        return False
    for t in toks:
        if _lem(t) in ("hope", "want", "wish", "plan", "intend") and t.pos_ == "VERB" and any(
                c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in t.children):
            return True
    return False
