"""Events: actor–action–target records typed with PLOVER, from the spaCy parse.

spaCy component ``sourcetrace_events`` → ``doc._.st_events`` (list[Event]).

How (all dictionary lookups over the existing parse, no model):

- trigger: a verb whose lemma is in the CAMEO verb dictionary (PETRARCH2's,
  derived into ``data/events/verbs.json.gz``), its CAMEO code refined by the
  block's object patterns ("supply" + weapons → 072), or a nominal trigger
  ("attack", "meeting", ``data/events/nouns.tsv``);
- type/mode: CAMEO code → PLOVER via CAMEO2PLOVER-2021 (``cameo2plover.tsv``);
  ASSAULT modes also from weapon words ("bombing" → explosives);
- actor/target: subject / agent; object or to/with/against/on phrase; coded
  by :mod:`sourcetrace.extract.actors`;
- modality: allegedly/reportedly/alleged → alleged; under "deny" or inside a
  denying statement → denied; could/might/if → hypothetical; will → future;
  not/never → negated; else asserted;
- statements: ids of statements whose content holds the trigger, plus those
  that deny the same proposition (same type, compatible actor/target codes);
  ``denied_by`` names the ones among them that deny it;
- time/place: the DateExpr / Place (``doc._.st_dates`` / ``st_places``, when
  those components ran) attached to the trigger's clause.

PETRARCH2 itself needs a constituency parser and Python 2-era code; this is
a small re-implementation of its dictionary idea on spaCy's dependency parse.
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..model import Actor, Event, Span
from ..nlp.doc import doc_text, in_boilerplate
from .actors import REGIONS, Coded, code_text, code_tokens
from .sources import FIRM_NOUNS

DATA = Path(__file__).resolve().parents[1] / "data" / "events"

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")

# --- modality cues (English function words; written for sourcetrace)
ALLEGED_ADV = {"allegedly", "reportedly", "purportedly", "supposedly", "reputedly", "apparently", "ostensibly"}
ALLEGED_ADJ = {"alleged", "reported", "suspected", "purported", "supposed", "rumored", "rumoured", "claimed",
               "possible"}
ALLEGE_GOV = {"allege", "accuse", "suspect", "claim", "charge", "rumor", "rumour"}
PASSIVE_REPORT = {"say", "believe", "think", "report", "allege", "suspect", "rumor", "rumour", "understand",
                  "know", "claim", "expect"}
# verbs whose passive subject is the one given or sent something: in "the group was promised arms in order to
# fight ISIS", "troops were sent to secure the border" the subject does what the purpose clause says
RECIPIENT_PASSIVE = {"promise", "give", "offer", "send", "provide", "supply", "grant", "deploy", "train", "arm", "pay",
                     "hire", "recruit", "fund", "equip", "dispatch", "assign", "order", "instruct", "ask", "authorise",
                     "authorize", "allow", "permit", "invite", "encourage", "urge", "tell", "mobilise", "mobilize"}
DENY_GOV = {"deny", "refute", "dismiss", "rebut", "disavow", "rebuff", "contest"}
DENY_NOUN = {"denial"}
HYPO_AUX = {"could", "might", "may", "would", "should", "can", "must"}
FUTURE_AUX = {"will", "shall", "'ll", "wo"}
FUTURE_GOV = {"plan", "intend", "prepare", "schedule", "set"}
COND_MARK = {"if", "unless", "whether"}
INTENT_NOUNS = {"order", "purpose", "desire", "plan", "plans", "intention", "wish", "bid", "effort", "attempt", "ability", "capacity",
                "capability", "readiness", "willingness", "aim", "goal", "strategy", "way", "means", "need", "right",
                "chance", "opportunity", "pledge", "promise", "offer", "proposal", "call", "demand", "threat"}
NEG_WORDS = {"not", "n't", "never", "no"}
# verbs that present their complement as imagined, not as happening
IMAGINE_GOV = {"imagine", "envisage", "envision", "picture", "suppose", "fancy", "contemplate"}

FUNCTION_WORDS = {"in", "on", "against", "for", "with", "to", "at", "by", "of", "from", "the", "a", "an", "into",
                  "over", "and", "or", "as", "up", "out", "off", "down", "about", "after", "before", "its", "their",
                  "his", "her", "that", "this", "it", "them", "him", "not", "no", "be", "is", "was", "were"}

# embedded events under these are their content, not separate events
CONTENT_TYPES = {"AGREE", "REQUEST", "THREATEN", "REJECT", "CONCEDE"}

# nominal triggers that need an actor or target to count (too often generic)
WEAK_NOUNS = {"hearing", "trial", "lawsuit", "mediation", "negotiation", "talks", "threat", "agreement", "treaty", "aid", "assistance", "investigation", "inquiry", "probe",
              "fighting", "occupation", "donation", "deployment", "mobilization", "rally", "visit",
              "accusation", "allegation", "condemnation", "sanction", "detention", "withdrawal",
              "call", "appeal", "request"}

ASSAULT_MODES = [
    ("suicide-attack", {"suicide"}),
    ("drone", {"drone", "drones", "uav"}),
    ("aerial", {"airstrike", "airstrikes", "air", "warplane", "warplanes", "jet", "jets", "helicopter",
                "helicopters", "bomber", "bombers", "aircraft", "airplane"}),
    ("explosives", {"bomb", "bombs", "bombing", "bombings", "explosive", "explosives", "ied", "ieds", "blast",
                    "explosion", "mine", "mines", "landmine", "grenade", "grenades", "detonate", "car-bomb"}),
    ("heavy-weapons", {"artillery", "shell", "shells", "shelling", "rocket", "rockets", "mortar", "mortars",
                       "tank", "tanks", "missile", "missiles"}),
    ("firearms", {"gun", "guns", "gunmen", "gunman", "gunfire", "rifle", "rifles", "shoot", "shot", "shooting",
                  "fire", "fired", "sniper", "pistol", "bullets"}),
    ("primitive", {"knife", "knives", "machete", "machetes", "stab", "stabbed", "stabbing", "stones", "axe"}),
    ("abduct", {"kidnap", "kidnapped", "abduct", "abducted", "hijack", "hijacked", "hostage", "hostages"}),
    ("targeted", {"assassinate", "assassinated", "assassination", "execute", "executed"}),
]
MILITARY_WORDS = {"weapon", "weapons", "arms", "ammunition", "military", "missiles", "rifles", "guns", "tanks",
                  "troops", "armaments", "munitions"}


# ------------------------------------------------------------------ tables


@dataclass
class Tables:
    verbs: dict[str, list[tuple[int, Optional[str]]]]  # lemma (or "lemma particle") -> [(block, code)]
    blocks: list[dict]
    c2p: dict[str, tuple[str, str, str]]
    nouns: dict[str, str]
    heads: frozenset  # every word that can start a verb trigger or end a noun trigger
    # verbs whose bare reading the project's own table sets (verbs_extra.tsv, a code without "+p"): read alone, they
    # name the act ("urge", "reject", "vow"), unlike a dictionary block's default ("handle", "found", "push")
    curated: frozenset = frozenset()


def _tsv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8") as f:
        return [l.rstrip("\n").split("\t") for l in f if l.strip() and not l.startswith("#")]


def _with_deal(words: list) -> list:
    """A pattern's word set, or a list of them, with "deal" beside "accord" and "agreement"."""
    if words and isinstance(words[0], list):
        return [_with_deal(a) for a in words]
    return words + ["deal"] if "accord" in words and "agreement" in words and "deal" not in words else words


@lru_cache(maxsize=1)
def tables() -> Tables:
    with gzip.open(DATA / "verbs.json.gz", "rt", encoding="utf-8") as f:
        blocks = json.load(f)
    verbs: dict[str, list[tuple[int, Optional[str]]]] = {}
    for b in blocks:  # patterns as frozensets, longest first; none made only of function words ("* (IN)")
        # the dictionary's synonym set for a formal agreement lacks "deal", the word news prose uses most for one
        # ("signed a trade deal" like "signed a trade accord"); where a block has a pattern of its own for "deal"
        # ("struck a deal" → 057) it goes before an added one of the same length
        pats = [(tuple(frozenset(_with_deal(a)) for a in pre), tuple(frozenset(_with_deal(a)) for a in post), code,
                 len(pre) + len(post), _with_deal(pre + post) != list(pre + post))
                for pre, post, code in b["patterns"]
                if not all(set(a) <= FUNCTION_WORDS for a in pre + post)]
        b["patterns"] = [p[:4] for p in sorted(pats, key=lambda x: (-x[3], x[4]))]
    for bi, b in enumerate(blocks):
        for v, code in b["verbs"].items():
            verbs.setdefault(v, []).append((bi, code or b["default"]))
    curated = set()
    for row in _tsv(DATA / "verbs_extra.tsv"):
        if row[1] == "---":  # never an event trigger
            verbs[row[0]] = [(-1, None)]
            continue
        if not row[1].startswith("---") and (not row[1].endswith("+p") or row[2:3] == ["bare"]):
            curated.add(row[0])
        prev = verbs.get(row[0], [])
        code, keep_patterns = (row[1][:-2], True) if row[1].endswith("+p") else (row[1], False)
        bi = prev[0][0] if prev and keep_patterns else -1
        verbs[row[0]] = [(bi, code)]
    # British spellings of the dictionary's American verbs ("terrorise", "paralyse") where it has only one of them;
    # a stem of four letters or more, so that "prize" does not become "prise" (to lever out), nor "seize" "seise"
    for k in list(verbs):
        first, _, rest = k.partition(" ")
        for us, gb in (("ize", "ise"), ("yze", "yse")):
            if len(first) < 7:
                continue
            if first.endswith(us):
                verbs.setdefault(first[:-3] + gb + (" " + rest if rest else ""), verbs[k])
            elif first.endswith(gb):
                verbs.setdefault(first[:-3] + us + (" " + rest if rest else ""), verbs[k])
    c2p = {r[0]: (r[1], r[2] if len(r) > 2 else "", r[3] if len(r) > 3 else "") for r in _tsv(DATA / "cameo2plover.tsv")}
    nouns = {r[0]: r[1] for r in _tsv(DATA / "nouns.tsv")}
    heads = frozenset(k.split()[0] for k in verbs) | frozenset(k.split()[-1] for k in nouns) | HALT_VERBS \
        | frozenset(k.split("-")[-1] for k in nouns if "-" in k) \
        | {"lay", "hand", "execute"} | frozenset(v for vs, _, _ in OBJECT_RULES for v in vs)
    return Tables(verbs, blocks, c2p, nouns, heads, frozenset(curated))


def plover(code: Optional[str]) -> Optional[tuple[str, str, str]]:
    """CAMEO code → (PLOVER type, mode, context); None for statements (01).
    ``P:TYPE:mode`` (from verbs_extra.tsv) names a PLOVER type directly."""
    if not code or code.startswith("01") or code == "---":
        return None
    if code.startswith("P:"):
        _, typ, mode = (code.split(":") + ["", ""])[:3]
        return typ, mode, ""
    if code.startswith("02"):  # appeals: PLOVER folds them into REQUEST
        code = "10" + code[2:]
    if code[:3] == "163":
        # CAMEO2PLOVER-2021 has COERCE here, but the PLOVER 2.0 manual codes
        # international sanctions as SANCTION 'discontinue'
        return "SANCTION", "discontinue", "economic"
    c2p = tables().c2p
    for k in (code, code[:3], code[:2]):
        if k in c2p:
            return c2p[k]
    return None


QUAD_OF_TYPE = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1, "COOPERATE": 2, "AID": 2, "RETREAT": 2,
                "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 4, "SANCTION": 4,
                "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4}


def quad_class(code: Optional[str]) -> Optional[int]:
    """CAMEO root → quad class 0 (statements/appeals) … 4 (material conflict)."""
    if code and code.startswith("P:"):
        return QUAD_OF_TYPE.get(code.split(":")[1])
    if not code or not code[:2].isdigit():
        return None
    root = int(code[:2])
    return 0 if root <= 2 else 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


# ------------------------------------------------------------------ matching


def _wordsets(toks: list[Token]) -> list[frozenset[str]]:
    return [frozenset((t.lower_, t.lemma_.lower(), t.lower_.rstrip("s"))) for t in toks]


def _match_seq(alts: tuple[frozenset, ...], ws: list[frozenset], union: frozenset) -> bool:
    """All pattern words in order (gaps allowed)."""
    for a in alts:
        if a.isdisjoint(union):
            return False
    i = 0
    for a in alts:
        while i < len(ws) and a.isdisjoint(ws[i]):
            i += 1
        if i >= len(ws):
            return False
        i += 1
    return True


_CLAUSES = ("ccomp", "advcl", "relcl", "parataxis", "conj")


def _right_context(v: Token, limit: int = 14) -> list[Token]:
    """Tokens right of the verb in its own clause (not in reported, adverbial
    or relative clauses: "support a resolution that aims to impose a blockade")."""
    out = []
    for t in v.subtree:
        if not (v.i < t.i <= v.i + limit):
            continue
        a, ok = t, True
        while a.i != v.i:
            if a.dep_ in _CLAUSES or a.dep_ in ("acl",):
                ok = False
                break
            a = a.head
        if ok:
            out.append(t)
    return out


def _left_context(v: Token, limit: int = 8) -> list[Token]:
    doc = v.doc
    return [doc[i] for i in range(max(v.sent.start, v.i - limit), v.i)]


PARTICLES = {"out", "off", "down", "up", "back", "over", "away"}  # ("walked out" parsed as an adverb)


def verb_code(v: Token) -> Optional[tuple[str, list[Token], bool]]:
    """CAMEO code for a verb token, the pattern words that decided it, and whether
    it is only the verb block's default (no object pattern matched)."""
    tb = tables()
    lemma = v.lemma_.lower()
    cands = []
    parts = [c for c in v.children if (c.dep_ in ("prt", "prep") or (c.dep_ == "advmod" and c.lower_ in PARTICLES))
             and c.i > v.i]
    key = None
    for p in parts:
        key = f"{lemma} {p.lower_}"
        if key in tb.verbs:
            cands = tb.verbs[key]
            break
    if not cands:
        key = lemma if lemma in tb.verbs else v.lower_
        cands = tb.verbs.get(key) or []
    if not cands:
        return None
    block, code = cands[0]
    rw = lw = None
    # a verb listed in several blocks ("pull out": go somewhere / retreat): the
    # first block whose object patterns match decides, else the first block's code
    for block, _ in cands:
        if block < 0:
            continue
        if rw is None:
            rw, lw = _wordsets(_right_context(v)), _wordsets(_left_context(v))
            ru = frozenset().union(*rw) if rw else frozenset()
            lu = frozenset().union(*lw) if lw else frozenset()
        best = None
        for pre, post, pcode, n in tb.blocks[block]["patterns"]:
            if post and not _match_seq(post, rw, ru):
                continue
            if pre and not _match_seq(pre, lw, lu):
                continue
            best = (pcode,)
            break  # sorted longest first
        if best is not None:
            return (best[0], [], False) if best[0] else None
    if not code:
        return None
    return code, [], key not in tb.curated


# ------------------------------------------------------------------ spans


def np_tokens(head: Token) -> list[Token]:
    """The noun phrase headed by ``head``: its left modifiers, plus compound /
    flat / "of" phrases to the right (not relative clauses or conjuncts)."""
    start = head.left_edge.i
    end = head.i
    for c in head.rights:
        if c.dep_ in ("compound", "flat", "nummod", "amod") or (c.dep_ == "prep" and c.lower_ == "of"):
            end = max(end, c.right_edge.i)
        elif c.dep_ not in ("punct",):
            break
    doc = head.doc
    toks = [doc[i] for i in range(start, end + 1)]
    while toks and (toks[0].is_punct or toks[0].dep_ in ("cc", "preconj")):
        toks = toks[1:]
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    # cut a preceding conjunct/appositive that the left edge pulled in
    for i, t in enumerate(toks):
        if t.i < head.i and t.dep_ in ("relcl", "acl") :
            toks = toks[i + 1:]
            break
    if head.dep_ not in ("appos",):
        commas = [k for k, t in enumerate(toks) if t.text == "," and t.i < head.i]
        if commas and code_tokens(toks[:commas[0]]).code:
            toks = toks[:commas[0]]
    return toks or [head]


BASED = {"base", "locate", "station", "headquarter", "headquartered", "based"}
# nouns naming the other side: "Israel's enemies", "the U.S.' main enemy in Afghanistan" are not Israel, the U.S.
# or Afghanistan, and the words around them do not say who they are
OPPOSED = {"enemy", "foe", "rival", "adversary", "nemesis", "opponent", "archenemy", "archrival", "arch-enemy",
           "arch-rival"}


def _opposed(head: Token) -> bool:
    return head.pos_ == "NOUN" and head.lemma_.lower() in OPPOSED


def _heads(toks: list[Token]) -> list[Token]:
    """The words of a phrase hung from outside it (its head; more than one where the parse splits it)."""
    ids = {x.i for x in toks}
    return [x for x in toks if x.head.i not in ids or x.head.i == x.i]


def _np_opposed(toks: Optional[list[Token]]) -> bool:
    """The phrase's head (its one word hung from outside it) is one of OPPOSED."""
    return bool(toks) and any(_opposed(x) for x in _heads(toks))


def code_np(head: Token) -> tuple[list[Token], Coded]:
    """The noun phrase of ``head`` and its code; "rebels in the Ivory Coast",
    "opposition groups in Zimbabwe": a country-less agent takes the country of
    its in/from phrase (and the span grows to include it)."""
    toks = np_tokens(head)
    if _opposed(head):
        return toks, Coded(None, None)
    coded = code_tokens(toks)
    if coded.code and coded.start > head.idx and toks[0].i < head.i:
        # "the Turkish and Greek sides of the island of Cyprus": the head's own
        # modifiers say whose it is; the "of" phrase only where they say nothing
        pre = code_tokens([x for x in toks if x.i <= head.i])
        if pre.code:
            coded = pre
    if coded.code is None and head.pos_ == "NOUN":
        # "refugees fleeing the civil war in Liberia", "civilians escaping Kosovo": the country fled
        for c in head.children:
            if c.dep_ == "acl" and c.lemma_.lower() in ("flee", "escape"):
                subs = [k for k in c.children if k.dep_ == "dobj"]
                subs += [g for k in c.children if k.dep_ == "prep" and k.lower_ in ("from", "in")
                         for g in k.children if g.dep_ == "pobj"]
                for k in subs:
                    _, sub = code_np(k)
                    if sub.code and sub.code not in REGIONS and sub.sector in (None, "GOV", "MIL", "REB"):
                        return toks, Coded(sub.code, coded.sector or code_tokens([head]).sector, sub.start, sub.end)
    if coded.code is None and head.pos_ in ("NOUN", "PROPN"):
        # "a terror group based in Trinidad": the place it is based in
        based = [p for c in head.children if c.dep_ == "acl" and c.lemma_.lower() in BASED
                 for p in c.children if p.dep_ == "prep" and p.lower_ in ("in", "at")]
        for c in list(head.children) + based:
            if c.dep_ == "prep" and c.lower_ in ("in", "from", "for", "of", "at") and c.i > head.i \
                    and (c.lower_ != "at" or c in based):
                g = next((k for k in c.children if k.dep_ == "pobj"), None)
                if g is None:
                    continue
                sub = code_tokens(np_tokens(g))
                # "rebels in the Ivory Coast"; "a camp for Congolese refugees", "homes of Palestinian families"
                if sub.code and (sub.sector in (None, "GOV") or c.lower_ in ("for", "of")):
                    end = max(x.i for x in np_tokens(g))
                    doc = head.doc
                    toks = [doc[i] for i in range(toks[0].i, end + 1)]
                    sector = coded.sector or code_tokens([head]).sector
                    return toks, Coded(sub.code, sector, sub.start, sub.end)
    return toks, coded


def _is_actorish(tok: Token) -> bool:
    return tok.pos_ in ("PROPN", "NOUN", "PRON") or tok.ent_type_ in ("GPE", "NORP", "ORG", "PERSON")


@dataclass
class RawEvent:
    trigger: Token
    code: str
    type: str
    mode: Optional[str]
    actor: Optional[list[Token]] = None
    target: Optional[list[Token]] = None
    actor_code: Coded = field(default_factory=lambda: Coded(None, None))
    target_code: Coded = field(default_factory=lambda: Coded(None, None))
    modality: str = "asserted"
    nominal: bool = False
    # the verb dictionary's default reading of the verb alone, no object pattern or rule
    by_default: bool = False
    embedded_in: Optional[int] = None  # token index of a governing trigger
    # participants supplied by a coding convention, not by the sentence's syntax
    # ("was arrested in Lebanon": actor LBN; no target: the actor's own country)
    actor_implicit: Optional[list[Token]] = None
    target_implicit: Optional[list[Token]] = None

    @property
    def depth(self) -> int:
        d, t = 0, self.trigger
        while t.head.i != t.i:
            d += 1
            t = t.head
        return d


PRONOUNS = {"it", "they", "he", "she", "we", "its", "their"}


def _has_to(v: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)


def _coord_head(v: Token) -> Token:
    """The head a conjoined verb is really coordinated with. Coordination joins like forms, so
    a to-infinitive hung by the parser on a gerund ("to keep X from seizing Y and to curb Z":
    "curb" attached to "seizing") belongs with the nearest to-infinitive above it ("prevent")."""
    h = v.head
    if v.dep_ != "conj" or not _has_to(v) or _has_to(h) or h.tag_ != "VBG":
        return h
    g = h
    for _ in range(4):
        if g.head.i == g.i:
            break
        g = g.head
        if g.pos_ == "VERB" and _has_to(g):
            return g
    return h


def _subject(v: Token, hops: int = 0) -> Optional[Token]:
    for c in v.children:
        if c.dep_ in ("nsubj", "csubj"):
            if c.tag_ in ("WDT", "WP") and v.dep_ == "relcl":
                return v.head
            if c.lower_ in PRONOUNS and hops < 3:
                # "Syria says it is willing to withdraw": it = the speaker
                g = v
                while g.dep_ in ("ccomp", "xcomp", "conj", "acomp") and g.head.i != g.i:
                    g = g.head
                    if g.dep_ != "xcomp" and g is not v:
                        outer = [k for k in g.children if k.dep_ == "nsubj" and k.lower_ not in PRONOUNS]
                        if outer:
                            return outer[0]
            return c
    for c in v.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    if not any(c.dep_ in ("nsubjpass", "expl") for c in v.children):
        # "Turkey massed troops …" parsed with "Turkey" as a noun-phrase adverbial: a
        # proper name before the verb, heading the clause, is its subject
        for c in v.children:
            if c.dep_ == "npadvmod" and c.i < v.i and c.pos_ == "PROPN" and c.i == c.left_edge.i \
                    and c.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") and c.ent_type_ not in ("DATE", "TIME"):
                return c
    if v.dep_ == "relcl" and v.head.pos_ in ("NOUN", "PROPN") and _has_to(v) and hops < 3 \
            and v.head.lemma_.lower() in INTENT_NOUNS and v.head.head.i != v.head.i:
        # "drafting a strategy to sanction X": an infinitive after a noun of intent says what the
        # plan is for; whoever has the plan acts, not the plan
        return _subject(v.head.head, hops + 1) if v.head.dep_ in ("dobj", "attr") else None
    if v.dep_ == "relcl" and v.head.pos_ in ("NOUN", "PROPN") and not any(c.dep_ == "nsubjpass" for c in v.children):
        # (in "Ana Ruiz, who was stabbed in Porto" the noun is the one acted on, not the actor)
        return v.head
    if v.dep_ == "acl" and v.tag_ == "VBD" and v.head.dep_ == "ROOT" and v.head.pos_ in ("NOUN", "PROPN") \
            and v.head.i < v.i:
        # "UNITA rebels handed over their weapons …" misparsed as a noun phrase: a finite
        # past-tense verb hanging from the root noun has that noun as its subject
        return v.head
    if hops < 3 and v.dep_ in ("xcomp", "conj", "advcl", "pcomp", "acl", "ccomp", "acomp") and v.head.i != v.i:
        h = _coord_head(v)
        if v.dep_ == "acl" and h.lower_ == "order" and h.dep_ == "pobj" and h.head.lower_ == "in" \
                and h.head.head.i != h.head.i:
            main = h.head.head
            # "the group was promised arms in order to fight": the group; the nearest such passive before the
            # phrase, wherever the parser hung it ("promised" is read as a modifier of "arms" in one article)
            given = [t for t in main.doc[main.left_edge.i:h.head.i] if t.lemma_.lower() in RECIPIENT_PASSIVE
                     and t.tag_ == "VBN" and main.i in (t.i, t.head.i, t.head.head.i)]
            sp = next((c for c in given[-1].children if c.dep_ == "nsubjpass"), None) if given else None
            if sp is not None:
                return sp
            return _subject(main, hops + 1)  # "… in order to fight": the main clause's subject
        if v.dep_ == "advcl" and _has_to(v) and h.lemma_.lower() in RECIPIENT_PASSIVE:
            sp = next((c for c in h.children if c.dep_ == "nsubjpass"), None)
            if sp is not None:
                return sp  # "troops were sent to secure the border": the troops
        if v.dep_ == "xcomp" and h.lemma_.lower() in PASSIVE_REPORT:
            # "X is believed to be drafting …", "X is said to have attacked …": X
            sp = next((c for c in h.children if c.dep_ == "nsubjpass"), None)
            if sp is not None:
                return sp
        if v.dep_ == "pcomp" and h.dep_ == "prep" and h.head.pos_ in ("NOUN", "PROPN"):
            poss = next((c for c in h.head.children if c.dep_ == "poss"), None)
            if poss is not None:
                return poss
        if v.dep_ == "pcomp" and h.dep_ == "prep":
            # "accused Russia of supplying": the accused object acts
            gov = h.head
            for c in gov.children:
                if c.dep_ == "dobj":
                    return c
            return _subject(gov, hops + 1)
        if v.dep_ == "xcomp":
            # "urged X to stop" → X; "agreed to stop" → subject
            for c in h.children:
                if c.dep_ == "dobj" and c.i < v.i:
                    return c
        if v.dep_ == "ccomp":
            return None
        if v.dep_ == "acl" and h.lemma_.lower() in COMM_NOUNS and h.dep_ in ("dobj", "nsubjpass") and h.head.i != h.i:
            return _subject(h.head, hops + 1)  # "issued a declaration demanding …": the issuer
        return _subject(h, hops + 1)
    return None


LOC_PREPS = {"in", "at", "near", "inside", "outside", "across", "throughout", "around", "within", "from", "into"}
TARGET_PREPS = ("to", "with", "against", "on", "at", "from", "toward", "towards", "into", "for", "between", "over")
TOPIC_PREPS = {"over", "for"}
RIOTERS = {"rioter", "rioters", "protester", "protesters", "protestor", "protestors", "demonstrator", "demonstrators"}


def _target(v: Token, exclude: Optional[Token], passive_subj: Optional[Token]) -> Optional[Token]:
    if passive_subj is not None:
        for c in v.children:
            if c.dep_ == "prep" and c.lower_ in ("to", "against", "with"):
                for g in c.children:
                    if g.dep_ == "pobj" and code_tokens(np_tokens(g)).code is not None:
                        return g
        return passive_subj
    dobj = None
    for c in v.children:
        if c.dep_ in ("dobj", "dative", "obj") and c is not exclude:
            dobj = c
            break
    if dobj is not None and _opposed(dobj):
        return dobj  # uncoded: whoever "the enemy" is, not the possessor or the place named with it
    coded_dobj = dobj is not None and code_tokens(np_tokens(dobj)).code is not None
    if coded_dobj:
        return dobj
    for c in v.children:
        if c.dep_ == "dative":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    # the phrases that name whom the act is aimed at first, then those that may name only what it is about
    # ("lodged a protest with Beijing over the anti-Japanese riots": Beijing)
    preps = [c for c in list(v.children) + ([g for g in dobj.children] if dobj is not None else [])
             if c.dep_ == "prep" and c.lower_ in TARGET_PREPS]
    for c in [c for c in preps if c.lower_ not in TOPIC_PREPS] + [c for c in preps if c.lower_ in TOPIC_PREPS]:
        for g in c.children:
            if g.dep_ == "pobj" and _is_actorish(g) and code_tokens(np_tokens(g)).code is not None:
                return g
    if dobj is not None and (dobj.pos_ in ("PROPN", "PRON") or dobj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
                             or code_tokens(np_tokens(dobj)).sector):
        return dobj
    return None


def _passive_subject(v: Token) -> Optional[Token]:
    for c in v.children:
        if c.dep_ == "nsubjpass":
            if c.tag_ in ("WDT", "WP") and v.dep_ == "relcl" and v.head.pos_ in ("NOUN", "PROPN"):
                return v.head   # "Bernie Ebbers, who is accused of …": the one accused
            return c
    return None


def _governors(t: Token, depth: int = 4):
    """Verbs/nouns that govern ``t`` as their content (xcomp, ccomp, of-phrases)."""
    cur = t
    for _ in range(depth):
        if cur.head.i == cur.i:
            return
        dep = cur.dep_
        if dep not in ("xcomp", "ccomp", "pcomp", "pobj", "prep", "acl", "advcl", "conj", "dobj", "relcl", "nsubj",
                       "nsubjpass", "compound", "amod", "appos"):
            return
        cur = cur.head
        yield dep, cur


def _modality(trig: Token, depth: int = 0) -> str:
    kids = list(trig.children)
    for c in kids:
        if c.dep_ == "neg" or (c.lower_ in ("never",) and c.dep_ == "advmod"):
            return "negated"
    # governed by a denial ("denies arming", "denied that it supplied", "the denial of")
    for dep, g in _governors(trig):
        lem = g.lemma_.lower()
        if (lem in DENY_GOV and g.pos_ in ("VERB", "AUX", "NOUN")) or lem in DENY_NOUN:
            if dep in ("nsubj", "nsubjpass") :
                break
            return "denied"
        if g.pos_ == "VERB" and dep in ("ccomp",) and lem not in DENY_GOV | ALLEGE_GOV | PASSIVE_REPORT:
            break
    if any(c.lower_ in ALLEGED_ADV for c in kids):
        return "alleged"
    if any(c.lower_ in ALLEGED_ADJ and c.dep_ in ("amod", "advmod", "compound") for c in kids):
        return "alleged"
    for dep, g in _governors(trig, 3):
        lem = g.lemma_.lower()
        if lem in ALLEGE_GOV and dep in ("pcomp", "pobj", "prep", "ccomp", "xcomp"):
            return "alleged"
        if lem in PASSIVE_REPORT and dep == "xcomp" and any(c.dep_ in ("nsubjpass", "auxpass") for c in g.children):
            return "alleged"
        if any(c.lower_ in ALLEGED_ADV for c in g.children) and dep in ("xcomp", "ccomp"):
            return "alleged"
        if dep not in ("xcomp", "prep", "pobj", "pcomp"):
            break
    aux = {c.lower_ for c in kids if c.dep_ in ("aux", "auxpass")}
    marks = {c.lower_ for c in kids if c.dep_ == "mark"}
    if trig.dep_ in ("acl", "xcomp") and trig.head.lemma_.lower() in INTENT_NOUNS and trig.head.pos_ == "NOUN":
        return "hypothetical"  # "a desire to curb", "the capacity to strike"
    if trig.dep_ == "relcl" and _has_to(trig) and trig.head.lemma_.lower() in INTENT_NOUNS:
        return "hypothetical"  # "a strategy to sanction" (parsed as an infinitival relative)
    for dep, g in _governors(trig, 2):
        if dep in ("ccomp", "xcomp") and g.lemma_.lower() in IMAGINE_GOV:
            return "hypothetical"  # "hard to imagine Beijing forging an alliance"
        if dep not in ("ccomp", "xcomp"):
            break
    if trig.dep_ == "advcl" and "to" in aux:
        return "hypothetical"  # purpose: "(in order) to fight ISIS"
    if marks & COND_MARK:
        return "hypothetical"
    if aux & HYPO_AUX:
        return "hypothetical"
    if aux & FUTURE_AUX:
        return "future"
    for dep, g in _governors(trig, 2):
        if dep != "xcomp":
            break
        gaux = {c.lower_ for c in g.children if c.dep_ in ("aux", "auxpass")}
        if g.lemma_.lower() == "go" and "to" in {c.lower_ for c in trig.children if c.dep_ == "aux"}:
            return "future"
        if g.lemma_.lower() in FUTURE_GOV:
            return "future"
        if gaux & HYPO_AUX:
            return "hypothetical"
        if gaux & FUTURE_AUX:
            return "future"
        if any(c.dep_ == "neg" for c in g.children):
            return "negated"
    if trig.dep_ == "conj" and trig.head.pos_ == "VERB" and depth < 3:
        return _modality(_coord_head(trig), depth + 1)  # "to prevent X and to curb Y"
    return "asserted"


def _assault_mode(toks: list[Token]) -> Optional[str]:
    words = {t.lower_ for t in toks} | {t.lemma_.lower() for t in toks}
    for mode, keys in ASSAULT_MODES:
        if words & keys:
            return mode
    return None


ISSUE_VERBS = {"issue", "release", "adopt", "publish", "pass", "send", "deliver", "circulate", "sign", "present",
               "make", "approve"}
RECEIVE_VERBS = {"receive", "obtain", "get", "accept", "secure", "win"}
DEPLOY_NOUNS = {"patrol", "patrols", "troop", "troops", "reinforcement", "reinforcements", "soldier", "soldiers",
                "tank", "tanks", "warship", "warships", "mobilization", "mobilisation", "deployment", "reservist",
                "reservists", "force", "forces", "police"}
STOP_VERBS = {"suspend", "close", "stop", "halt", "cease", "shut", "disband", "leave", "evacuate", "dissolve"}
COMM_NOUNS = {"statement", "declaration", "resolution", "communique", "communiqué", "letter", "decree",
              "ultimatum", "appeal", "report", "note", "memorandum"}

# CAMEO 16 "reduce relations" → PLOVER SANCTION: halting talks, mediation, aid, trade or ties
HALT_VERBS = frozenset({"end", "halt", "suspend", "stop", "freeze", "sever", "cut", "break", "abandon", "terminate",
                        "discontinue", "curtail"})
RELATION_NOUNS = {"talk", "talks", "negotiation", "negotiations", "mediation", "dialogue", "cooperation", "aid",
                  "assistance", "relation", "relations", "tie", "ties", "trade", "contact", "contacts", "flight",
                  "flights", "link", "links", "exchange", "exchanges", "loan", "loans", "credit", "credits",
                  "delivery", "deliveries", "shipment", "shipments", "import", "imports", "export", "exports",
                  "funding", "supply", "supplies"}


def _halts_relations(v: Token) -> bool:
    """"ended mediation efforts between …", "suspended trade with Pakistan", "broke off talks",
    "pulled out of the negotiations"."""
    if v.lemma_.lower() in ("withdraw", "pull", "walk"):
        for p in v.children:
            if p.dep_ in ("prep", "prt") and p.lower_ in ("from", "out", "of"):
                for g in list(p.children) + [k for q in p.children if q.dep_ == "prep" for k in q.children]:
                    if g.dep_ == "pobj" and g.lemma_.lower() in RELATION_NOUNS - {"aid", "assistance"}:
                        return True
        # (the CAMEO dictionary's own patterns decide otherwise)
    if v.lemma_.lower() not in HALT_VERBS:
        return False
    obj = next((c for c in v.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if obj is None:
        return False
    words = {obj.lemma_.lower(), obj.lower_} | {x.lower_ for x in obj.children if x.dep_ in ("compound", "amod", "nmod")}
    words |= {g.lower_ for p in obj.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children}
    if words & {"sale", "sales"} and words & {"arms", "arm", "weapon", "weapons", "military"}:
        return True   # "halted arms sales to Indonesia" (an arms embargo; not "halted sales of the console")
    return bool(words & RELATION_NOUNS)


# verb + object noun → CAMEO code, where the CAMEO dictionary has no pattern for the pair
OBJECT_RULES = [
    # "expressed / voiced / reaffirmed support for …" (CAMEO 051, PLOVER SUPPORT)
    ({"express", "voice", "reiterate", "reaffirm", "pledge", "declare", "offer"}, {"support", "backing", "solidarity"}, "051"),
    # "raised the alert status of its forces" (CAMEO 152, MOBILIZE)
    ({"raise", "increase", "heighten", "upgrade", "step"}, {"alert", "readiness"}, "152"),
    # "conducted missile tests", "held military exercises" (CAMEO 15, MOBILIZE)
    ({"conduct", "hold", "stage", "carry", "launch"}, {"exercise", "exercises", "maneuver", "maneuvers", "manoeuvres",
                                                       "drill", "drills", "test", "tests", "games"}, "150"),
    # "eased controls on foreign investment" (CAMEO 081, CONCEDE)
    ({"ease", "relax", "loosen", "lift"}, {"control", "controls", "curbs", "limits", "restrictions"}, "081"),
    # "workers stopped work", "downed tools" (CAMEO 143, PLOVER PROTEST: strike)
    ({"stop", "halt", "down", "lay"}, {"work", "tools"}, "143"),
    # "moved troops to the border", "massed tanks along the frontier" (CAMEO 154, MOBILIZE)
    ({"move", "mass", "amass", "rush", "shift", "transfer", "concentrate", "position", "station", "bring"},
     {"troop", "troops", "tank", "tanks", "soldier", "soldiers", "reinforcement", "reinforcements", "division",
      "divisions", "battalion", "battalions", "warship", "warships", "artillery", "missile", "missiles"}, "154"),
    # a government closing or banning a newspaper or a party (CAMEO 172, PLOVER COERCE restrict / ban)
    ({"close", "shut", "ban", "outlaw", "suspend"}, {"newspaper", "newspapers", "paper", "magazine", "weekly", "daily",
                                                     "radio", "channel", "broadcaster", "publication", "publications"}, "172"),
    # "laid siege to Grozny" (CAMEO 191, like "besieged")
    ({"lay"}, {"siege"}, "191"),
    # "allowed U.N. inspectors to return": PLOVER RETREAT access (CAMEO 086)
    ({"allow", "permit", "let", "admit"}, {"inspector", "inspectors", "observer", "observers", "monitor", "monitors",
                                          "peacekeeper", "peacekeepers", "convoy", "convoys"}, "086"),
    # "sent 3,000 tons of food to Somalia" (CAMEO 073, PLOVER AID humanitarian)
    ({"send", "ship", "airlift", "fly", "deliver", "truck", "rush", "dispatch"},
     {"food", "grain", "wheat", "rice", "flour", "medicine", "medicines", "tents", "blankets", "relief",
      "supplies"}, "073"),
    # "paid $600 million in aid", "disbursed a loan" (CAMEO 071, PLOVER AID economic)
    ({"pay", "disburse", "allocate", "channel", "extend"}, {"aid", "assistance", "grant", "grants", "loan",
                                                            "loans", "credit", "credits"}, "071"),
    # "declared a state of emergency / siege", "imposed martial law" (CAMEO 1724, COERCE martial-law)
    ({"declare", "impose", "proclaim"}, {"emergency", "siege", "martial"}, "1724"),
    ({"ban", "outlaw", "dissolve", "proscribe"}, {"party", "parties", "movement", "organization", "organisation",
                                                  "union", "unions", "group"}, "1722"),
    # "vowed revenge for the killing of its leader": a threat, not a promise to cooperate (CAMEO 13, THREATEN)
    ({"vow", "swear", "pledge", "promise"}, {"revenge", "retaliation", "retribution", "vengeance", "reprisal",
                                             "reprisals"}, "130"),
    # "will share intelligence on militant groups" (CAMEO 062, COOPERATE; the dictionary's "share" block codes only
    # shared concern, lead or evidence)
    ({"share", "exchange", "pool", "swap"}, {"intelligence"}, "062"),
    # "vetoed the proposal / the resolution": a rejection (CAMEO 12, REJECT); the dictionary files "veto" under
    # prohibiting (172, COERCE), right for "vetoed the sale of arms", not for turning a proposal down
    # (and so is blocking or thwarting a bid: "blocked Macedonia's bid to join NATO"; a blocked road stays a blockade)
    ({"veto", "block", "thwart"}, {"proposal", "proposals", "resolution", "resolutions", "bill", "plan", "plans",
                                   "draft", "motion", "measure", "request", "nomination", "bid", "candidacy",
                                   "application", "offer", "initiative"}, "120"),
    # "recognised the independence of Abkhazia" (CAMEO 054 grant diplomatic recognition, PLOVER SUPPORT)
    ({"recognise", "recognize"}, {"independence", "government", "state", "sovereignty", "regime", "republic",
                                  "statehood"}, "054"),
    # "sent 300 doctors to Pakistan after the earthquake" (CAMEO 073, PLOVER AID humanitarian)
    ({"send", "dispatch", "fly", "deploy", "rush"}, {"doctor", "doctors", "medic", "medics", "nurse", "nurses",
                                                     "rescuer", "rescuers", "paramedic", "paramedics"}, "073"),
]
MILITARY_MODS = {"military", "missile", "nuclear", "naval", "war", "army", "air", "joint", "weapons", "rocket"}


def _object_code(v: Token) -> Optional[str]:
    lem = v.lemma_.lower()
    obj = next((c for c in v.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if obj is None and lem in ("allow", "permit", "let"):
        obj = next((k for c in v.children if c.dep_ in ("ccomp", "xcomp") for k in c.children if k.dep_ == "nsubj"), None)
    if obj is None:
        return None
    words = {obj.lemma_.lower(), obj.lower_}
    mods = {x.lower_ for x in obj.children if x.dep_ in ("compound", "amod", "nmod")}
    mods |= {x.lower_ for p in obj.children if p.dep_ == "prep" for x in p.subtree}
    if lem in ("pay", "disburse", "allocate", "channel", "extend"):
        mods |= {x.lower_ for p in v.children if p.dep_ == "prep" and p.lower_ == "in" for x in p.subtree}
    if lem in ("allow", "permit", "let"):
        # "allowed U.N. inspectors to return" (the inspectors parsed as the complement's subject)
        for c in v.children:
            if c.dep_ in ("ccomp", "xcomp"):
                words |= {k.lemma_.lower() for k in c.children if k.dep_ == "nsubj"}
    for verbs, nouns, code in OBJECT_RULES:
        if lem in verbs and (words & nouns or (code in ("152", "073", "071", "1724") and mods & nouns)):
            if code == "1724" and not (words & {"state", "law"} or words & nouns):
                continue
            if code == "143" and (lem == "lay" and not any(c.lower_ == "down" for c in v.children)):
                continue
            if code == "172" and obj.lower_ == "paper" and not mods & {"opposition", "independent", "daily", "weekly"}:
                continue
            if code == "150" and not (mods & MILITARY_MODS):
                return None  # "held talks", "conducted a test of the new software"
            return code
    return None


DISASTERS = {"flood", "drought", "epidemic", "earthquake", "outbreak", "fire", "hurricane", "storm", "cyclone",
             "pandemic", "coronavirus", "covid", "virus", "famine", "wildfire", "disaster", "typhoon", "tsunami",
             "overdose", "snow", "heat"}
SUPPLIES = {"supply", "supplies", "medicine", "medicines", "food", "equipment", "aid", "assistance", "vaccine",
            "vaccines", "tent", "tents", "blanket", "blankets", "grain", "wheat"}
CAPTIVES = {"hostage", "hostages", "prisoner", "prisoners", "captive", "captives", "detainee", "detainees", "pow", "pows"}
WEAPONS = {"arms", "weapons", "guns", "rifles"}


def _gives_back(v: Token) -> Optional[str]:
    """PLOVER RETREAT: "returned / handed over the hostages" (release), "laid down their
    arms" (disarm)."""
    lem = v.lemma_.lower()
    prt = {c.lower_ for c in v.children if c.dep_ == "prt"}
    obj = next((c for c in v.children if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    o = obj.lower_
    if lem in ("return", "hand") and (lem == "return" or "over" in prt) and o in CAPTIVES:
        return "0841"
    if lem in ("lay", "hand") and ("down" in prt or "over" in prt) and o in WEAPONS:
        return "0873"
    recipient = any(c.dep_ in ("prep", "dative") and c.lower_ == "to" and any(g.dep_ == "pobj" for g in c.children)
                    for c in v.children)
    if (lem == "return" or (lem == "hand" and "over" in prt)) and recipient and obj.ent_type_ not in ("DATE", "TIME"):
        if {x.lemma_.lower() for x in obj.subtree} & SUPPLIES:
            return "070"  # "handed over medical supplies to the ministry": aid
        # PLOVER RETREAT: "the return of confiscated property", of remains, of captives
        return "0841" if (obj.ent_type_ == "PERSON" or code_tokens(np_tokens(obj)).sector) else "0842"
    if lem in ("free", "liberate") and _done(v) and not any(x.lower_ in ("kidnapped", "abducted", "trafficked", "trapped")
                                                              for x in obj.subtree):
        # "the government freed a former presidential candidate": a release of persons (RETREAT
        # release), not a concession; freeing kidnap victims is a rescue (AID), left to the dictionary
        if obj.ent_type_ == "PERSON" or o in CAPTIVES or code_tokens(np_tokens(obj)).sector:
            return "0841"
    return None


DEFENDED = {"decision", "decisions", "policy", "policies", "right", "bid", "record", "action", "actions", "move",
            "handling", "position", "stance", "plan", "plans", "programme", "program", "role", "choice", "law",
            "ruling", "conduct", "approach", "strategy", "deal", "agreement", "reforms", "reform", "stand"}


def _defends_verbally(v: Token) -> bool:
    """CAMEO 052 "defend verbally" (PLOVER SUPPORT): "defended Poland's bid to join NATO",
    "defended China's handling of the pandemic" — a policy or an act, not a place or people."""
    if v.lemma_.lower() != "defend":
        return False
    obj = next((c for c in v.children if c.dep_ == "dobj"), None)
    if obj is None:
        return False
    if obj.lemma_.lower() in DEFENDED:
        return True
    # "Tony Blair has defended the Licensing Act", "defended measures to allow house arrest": a thing said or done,
    # not a place, people or forces, and nothing violent or military in its phrase
    ws = _words(obj.subtree)
    return obj.ent_type_ not in ("GPE", "LOC", "NORP", "FAC") and obj.lemma_.lower() not in PHYSICAL_TARGETS \
        and obj.lemma_.lower() not in DEFENDED_PHYSICAL and not ws & (VIOLENCE_WORDS | MILITARY_WORDS)


DEFENDED_PHYSICAL = {"border", "territory", "country", "homeland", "city", "capital", "airspace", "coast", "sovereignty",
                     "independence", "people", "population", "civilian", "citizen", "ally", "troop", "force", "island",
                     "region", "frontier", "nation", "state", "title", "crown", "championship", "lead", "goal"}


def _executes(v: Token) -> bool:
    """PLOVER ASSAULT 'targeted' (executions): "executed three drug smugglers" (people, not plans)."""
    if v.lemma_.lower() != "execute":
        return False
    obj = next((c for c in v.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if obj is None:
        return False
    return obj.ent_type_ == "PERSON" or obj.lemma_.lower() in PEOPLE_WORDS | CAPTIVES \
        or bool(code_tokens(np_tokens(obj)).sector)


HONOURS = {"title", "prize", "award", "oscar", "star", "medal", "fellowship", "knighthood", "honour", "honor",
           "degree", "trophy", "cap", "penalty", "grant", "scholarship", "mbe", "obe", "cbe", "peerage", "doctorate",
           "freedom", "gong", "accolade", "bafta", "grammy", "emmy", "globe", "plaque"}
LEGAL_MODS = {"murder", "fraud", "abuse", "corruption", "criminal", "federal", "show", "war", "crimes", "terror",
              "terrorism", "rape", "libel", "court", "jury", "retrial", "treason", "bribery", "manslaughter", "drugs",
              "doping", "assault", "theft", "high-profile", "military", "civil", "secret", "mass", "kangaroo"}
TRIAL_VERBS = {"face", "stand", "await", "begin", "open", "adjourn", "postpone", "delay", "halt", "attend", "go",
               "resume", "collapse", "start", "testify", "tell", "hear", "order", "end", "continue"}


def _legal_trial(n: Token) -> bool:
    """The noun "trial" in its court sense ("his trial for fraud", "faces a federal trial", "the child abuse trial",
    "the trial of Saddam Hussein", "on trial"), which the noun table's ACCUSE (CAMEO 115) means; not a test ("technical
    trials", "undergoing trials") or a qualifying event ("the British trials in Sheffield")."""
    kids = list(n.children)
    if any(c.dep_ == "poss" for c in kids):
        return True
    if any(c.dep_ in ("compound", "amod", "nmod") and c.lemma_.lower() in LEGAL_MODS for c in kids):
        return True
    for c in kids:
        if c.dep_ == "prep" and c.lower_ in ("for", "on", "over"):
            return True
        if c.dep_ == "prep" and c.lower_ == "of" and any(
                g.dep_ == "pobj" and (g.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or g.pos_ == "PRON")
                for g in c.children):
            return True
    h = n.head
    if n.dep_ == "pobj" and h.lower_ == "on" or n.dep_ in ("dobj", "nsubj", "pobj") and h.lemma_.lower() in TRIAL_VERBS:
        return True
    return n.dep_ == "pobj" and h.lower_ in ("at", "during", "in") and h.head.lemma_.lower() in TRIAL_VERBS


# what one gives that is no aid ("gave a speech", "given the title", "gave evidence"); abstract objects
# ("a chance", "the go-ahead") are left to the dictionary's patterns
GIVEN_NOT_AID = {"speech", "speeches", "talk", "lecture", "address", "interview", "interviews", "evidence",
                 "performance", "title", "presentation", "briefing", "concert", "show", "debut", "ovation", "verdict",
                 "kiss", "hug", "smile", "headache"}

# what one meets that is no one to meet with
MET_NOT_PEOPLE = {"target", "targets", "need", "needs", "deadline", "deadlines", "cost", "costs", "criterion",
                  "criteria", "expectation", "expectations", "standard", "standards", "goal", "goals", "bill", "bills",
                  "objective", "objectives", "shortfall", "forecast", "forecasts", "estimate", "estimates", "quota",
                  "quotas", "threshold", "rule"}
# what one meets by giving in: someone's demands, conditions, obligations (CAMEO 08, yield; PLOVER CONCEDE)
MET_CONCEDED = {"demand", "demands", "condition", "conditions", "obligation", "obligations", "requirement",
                "requirements"}

# "demand" as the market's: the verbs it goes with and the nouns it follows (its modifiers: MARKET_MODIFIERS)
MARKET_VERBS = {"taper", "soar", "rise", "fall", "grow", "slow", "cool", "increase", "drop", "decline", "pick", "surge",
                "outstrip", "weaken", "exceed", "slump", "recover", "boom", "meet", "satisfy", "cope", "drive", "boost",
                "fuel", "create", "anticipate", "stimulate", "dampen", "curb", "hit", "reduce", "keep", "spur", "lift",
                "support", "match", "serve", "handle", "face", "see", "expect", "forecast", "predict"}
MARKET_NOUNS = {"dip", "fall", "rise", "increase", "drop", "surge", "growth", "slump", "decline", "slowdown",
                "response", "level", "levels", "pressure", "shortfall", "supply", "strength", "weakness", "lack"}


def _market_demand(n: Token) -> bool:
    """The noun "demand" in its economic sense ("weak demand in western Europe", "soaring demand for air travel",
    "in great demand", "demand tapers off"), which the noun table's political demand (CAMEO 10) is not; one with a
    demander ("the EU's demand for Turkey to recognise Cyprus", "a tax demand by the Russian authorities") or a
    political object stays."""
    if n.lemma_.lower() != "demand" or n.pos_ != "NOUN":
        return False
    kids = list(n.children)
    if any(c.dep_ == "poss" and c.lemma_.lower() not in ("consumer", "consumers", "customer", "customers") for c in kids) \
            or any(c.dep_ == "prep" and c.lower_ in ("by", "from", "of") for c in kids) \
            or any(c.dep_ in ("acl", "relcl") and c.pos_ == "VERB" for c in kids):
        return False
    if any(c.dep_ in ("amod", "compound", "nmod", "poss") and (c.lower_ in MARKET_MODIFIERS
                                                              or c.lemma_.lower() in MARKET_MODIFIERS) for c in kids):
        return True
    h = n.head
    if n.dep_ in ("nsubj", "dobj", "nsubjpass") and h.lemma_.lower() in MARKET_VERBS:
        return True
    if n.dep_ == "pobj" and (h.lower_ == "in" and h.head.pos_ in ("AUX", "VERB", "NOUN") and h.head.lemma_.lower() in
                             MARKET_NOUNS | {"be", "remain", "stay"} or h.head.lemma_.lower() in MARKET_NOUNS
                             or h.lower_ in ("to", "with") and h.head.lemma_.lower() in MARKET_NOUNS | MARKET_VERBS):
        return True
    for c in kids:
        if c.dep_ == "prep" and c.lower_ == "for":
            objs = [g for g in c.children if g.dep_ == "pobj"]
            return bool(objs) and objs[0].lemma_.lower() not in DEMANDED and objs[0].pos_ != "PROPN"
    return False


def _committed_to_act(v: Token) -> bool:
    """"X is committed to opening up the economy / to work with the rebels": a stated commitment to do something
    (CAMEO 03, express intent to cooperate; PLOVER AGREE). Only a verbal complement: "committed to the cause" says
    no act, and "committed a crime" is no commitment at all."""
    if v.lemma_.lower() != "commit" or v.tag_ != "VBN" or not any(c.dep_ == "auxpass" for c in v.children):
        return False
    for c in v.children:
        if c.dep_ == "xcomp" and c.tag_ == "VB" and any(a.lower_ == "to" for a in c.children):
            return True
        if c.dep_ == "prep" and c.lower_ == "to" and any(g.dep_ == "pcomp" and g.tag_ == "VBG" for g in c.children):
            return True
    return False


def _rallies_forces(v: Token) -> bool:
    """CAMEO files "rally" under military mobilization (15): right for "the army rallied its troops", not for a crowd
    that rallies in a square (a demonstration, 141: intransitive, its subject no armed force)."""
    forces = DEPLOY_NOUNS | {"army", "military", "militia", "fighter", "fighters"}
    # (a rally with an object of another kind, "rallies Labour voters", is neither: the dictionary's code stays)
    return any(c.dep_ == "dobj" for c in v.children) or any(
        c.dep_ == "nsubj" and c.lemma_.lower() in forces for c in v.children)


def _leaves_territory(v: Token) -> bool:
    """PLOVER RETREAT: "a military retreat from, or ceding, territory" — troops withdrawn, or a
    withdrawal from a named place ("withdrew its troops", "pulled out of the town of Agdam")."""
    if v.lemma_.lower() == "leave":
        # "Ethiopian troops left the Somali capital" (a force leaving a place; not "the president left Paris")
        subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
        return subj is not None and subj.lemma_.lower() in DEPLOY_NOUNS | {"army", "military"} and any(
            c.dep_ == "dobj" and (c.ent_type_ in ("GPE", "LOC", "FAC") or c.lemma_.lower() in PLACE_NOUNS)
            for c in v.children)
    if v.lemma_.lower() not in ("withdraw", "retreat", "pull", "evacuate"):
        return False
    for c in v.children:
        if c.dep_ == "dobj" and c.lemma_.lower() in DEPLOY_NOUNS:
            return True
        if c.dep_ in ("prep", "prt") and c.lower_ in ("from", "out", "of"):
            for g in list(c.children) + [k for q in c.children if q.dep_ == "prep" for k in q.children]:
                if g.dep_ == "pobj" and (g.ent_type_ in ("GPE", "LOC", "FAC") or g.lemma_.lower() in PLACE_NOUNS):
                    return True
    return False


# PLOVER 2021 ASSAULT `destroy': intentional destruction of property ("demolished homes",
# "blew up power lines", "torched a police station"), not people
DESTROY_VERBS = {"destroy", "demolish", "raze", "bulldoze", "torch", "sabotage", "vandalize", "vandalise",
                 "wreck", "dynamite", "blow", "burn", "set"}
PEOPLE_WORDS = {"people", "civilians", "soldiers", "troops", "police", "policemen", "officers", "villagers",
                "children", "women", "men", "students", "protesters", "demonstrators", "worshippers"}


def _destroys_property(trig: Token) -> bool:
    lem = trig.lemma_.lower()
    if lem not in DESTROY_VERBS:
        return False
    if lem == "blow" and not any(c.dep_ == "prt" and c.lower_ == "up" for c in trig.children):
        return False
    if lem == "set" and not any(c.lower_ == "fire" for c in trig.subtree):
        return False  # "set fire to"
    obj = next((c for c in trig.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if obj is None:
        return lem not in ("burn", "set", "blow")
    return obj.lower_ not in PEOPLE_WORDS and obj.ent_type_ not in ("PERSON", "NORP") and obj.pos_ != "PRON"


WITHDRAW_VERBS = {"withdraw", "retreat", "pull", "evacuate", "leave", "redeploy"}


def _mode(typ: str, mode: str, ctx: str, trig: Token, scope: list[Token]) -> Optional[str]:
    mode = (mode or "").strip() or None
    if typ == "ASSAULT" and _destroys_property(trig):
        return "destroy"
    if typ == "ASSAULT" and mode in (None, "", "assassinate"):
        m = _assault_mode(scope)
        if m:
            return m
    if typ == "RETREAT" and mode == "disarm" and trig.lemma_.lower() in WITHDRAW_VERBS:
        # CAMEO 0874 is "retreat or surrender militarily", which CAMEO2PLOVER maps to 'disarm' whole; the PLOVER
        # manual's 'withdraw' is "retreat from territory or withdraw forces from an area": "troops withdrew from
        # the country", "the army retreated from the town" (a surrender stays 'disarm')
        return "withdraw"
    if typ == "AID":
        words = {t.lower_ for t in scope}
        if ctx in ("military", "economic", "humanitarian", "peacekeeping", "asylum"):
            return ctx
        if words & MILITARY_WORDS:
            return "military"
        if words & {"humanitarian", "food", "medical", "medicine", "relief"}:
            return "humanitarian"
        if words & {"money", "loan", "loans", "funds", "funding", "cash", "financial", "credit", "grant"}:
            return "economic"
    return mode


def _yield_done(code: str, v: Token) -> str:
    if code == "0351" and any(c.dep_ == "dobj" and c.lemma_.lower() in ("sanction", "embargo", "boycott")
                              for c in v.children):
        return "085"  # economic sanctions eased (CAMEO 085)
    return {"0351": "081", "0352": "082", "0353": "084", "0354": "085", "0355": "086", "0356": "087"}.get(code, "080")


# travelling to a meeting: a visit (CAMEO 042)
VISIT_VERBS = {"visit", "arrive", "travel", "fly", "go", "come", "return", "head"}

# CAMEO "express intent to …" (03x) → the act itself (031x → 06x, 032 → 05, 033x → 07x, 035x → 08x, 036 → 04x:
# "visited Cairo for two days of talks" is the visit, CONSULT, not an intent to meet)
INTENT_DONE = {"031": lambda c, v: "06" + c[3:4], "032": lambda c, v: "050", "033": lambda c, v: "07" + c[3:4],
               "035": _yield_done,
               # ("welcomed a decision" is praise, not a meeting: it keeps the dictionary's code)
               "036": lambda c, v: "042" if v.lemma_.lower() in VISIT_VERBS else c if v.lemma_.lower() == "welcome"
               else "040",
               # "Japan and Russia negotiated over the islands" (the dictionary's "negotiate" is intent to mediate)
               "039": lambda c, v: "046"}
INTENT_VERBS = {"offer", "promise", "pledge", "agree", "vow", "plan", "propose", "intend", "announce", "consider",
                "commit", "expect", "decide", "want", "seek", "hope", "undertake"}


def _done(v: Token) -> bool:
    """A plain past-tense verb of its own: "sent", "has sent" (not "will send", "agreed to send")."""
    if v.tag_ not in ("VBD", "VBN") or v.lemma_.lower() in INTENT_VERBS:
        return False
    if any(c.dep_ in ("aux", "auxpass") and (c.lower_ in HYPO_AUX | FUTURE_AUX) for c in v.children):
        return False
    if v.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in v.children):
        return False
    return v.dep_ not in ("xcomp", "acl", "amod")


def extract(doc: Doc) -> list[RawEvent]:
    """Raw events (token level) for every sentence outside boilerplate."""
    tb = tables()
    out: list[RawEvent] = []
    by_trigger: dict[int, RawEvent] = {}
    heads = tb.heads
    for tok in doc:
        if tok.is_space or tok.is_punct:
            continue
        if tok.lemma_.lower() not in heads and tok.lower_ not in heads:
            continue  # cheap: most tokens are no trigger word at all
        nominal = False
        code = dict_default = None
        if (tok.pos_ == "VERB" or (tok.tag_.startswith("VB") and tok.pos_ != "AUX")) \
                and tok.dep_ not in ("prep", "mark", "amod", "agent", "case", "nsubj", "nsubjpass") \
                and not (tok.lemma_.lower() == "take" and any(c.lower_ == "place" for c in tok.children)):
            # (a "verb" that is a clause's subject is a misparsed noun: "Aid worker Mary Hanlon was abducted")
            vc = verb_code(tok)
            if not vc and _committed_to_act(tok):
                vc = ("030", [], False)  # "Vietnam is committed to opening up the economy": intent to cooperate (CAMEO 03)
            if vc:
                code = vc[0]
                dict_default = code if vc[2] else None
                if code[:2] == "08" and tok.lemma_.lower() == "give" and any(
                        c.dep_ == "prep" and c.lower_ == "in" and any(g.dep_ == "pobj" for g in c.children)
                        for c in tok.children):
                    code = "070"  # "has given £50m in aid to Sri Lanka" gives, it does not give in (CAMEO 080)
                if code[:3] in INTENT_DONE and _done(tok):
                    # "sent 2,000 peacekeeping troops", "lifted sanctions": the CAMEO dictionary files
                    # some plain acts under intent (03x); an act already done is the act itself
                    code = INTENT_DONE[code[:3]](code, tok)
            if code and code[:2] == "15" and tok.lemma_.lower() == "rally" and not _rallies_forces(tok):
                code = "141"  # "tens of thousands of Georgians rallied in Tbilisi": a demonstration, not a mobilization
            if _halts_relations(tok):
                code = "160"  # "ended mediation efforts", "suspended trade with Pakistan"
            elif _gives_back(tok):
                code = _gives_back(tok)
            elif _defends_verbally(tok):
                code = "052"
            elif _executes(tok):
                code = "P:ASSAULT:targeted"
            elif code in (None, "080") and _leaves_territory(tok):
                code = "0872"  # "Yugoslav forces began withdrawing from Kosovo" (RETREAT withdraw)
            elif _object_code(tok):
                code = _object_code(tok)
        elif tok.pos_ in ("NOUN", "PROPN") and tok.dep_ != "compound":
            lem = tok.lemma_.lower()
            prev = doc[tok.i - 1] if tok.i > 0 else None
            two = f"{prev.lemma_.lower()} {lem}" if prev is not None else None
            hyph = f"{doc[tok.i - 2].lower_}-{lem}" if tok.i >= 2 and prev.text == "-" else None
            if hyph and hyph in tb.nouns:
                code = tb.nouns[hyph]  # "a sit-in" (tokenised sit - in)
            elif two and two in tb.nouns:
                code = tb.nouns[two]
            elif lem in tb.nouns or tok.lower_ in tb.nouns:
                code = tb.nouns.get(lem) or tb.nouns[tok.lower_]
                if tok.lower_ == "talks" or lem == "talk":
                    code = tb.nouns.get("talks", code)
            nominal = code is not None
        if not code:
            continue
        if code[:4] in ("1723", "1724") and not nominal and {x.lemma_.lower() for x in tok.subtree} & DISASTERS:
            continue  # PLOVER: an emergency declared over a natural disaster is no repression
        p = plover(code)
        if not p:
            continue
        if in_boilerplate(doc, tok.idx, tok.idx + len(tok.text)):
            continue
        if _other_sense(tok, nominal):
            continue  # "took over the presidency of the EU", "hosting the children's show", "was asked if …"
        if _press_rule(tok) or tok.dep_ == "xcomp" and _press_rule(tok.head):
            continue  # "he was not authorised to brief reporters": why a source is anonymous, not an event
        if tok.ent_type_ in NAME_ENTITIES and tok.pos_ != "VERB":
            continue  # a word of a name: "Massive Attack" (a band), "the Committee to Protect Journalists"
        if not nominal and tok.lemma_.lower() == "meet":
            met = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
            if met and (met[0].lemma_.lower() in MET_NOT_PEOPLE or _market_demand(met[0])):
                continue  # "to meet soaring demand", "met its targets": no meeting
            if met and met[0].lemma_.lower() in MET_CONCEDED:
                code = "080"  # "the government met the strikers' demands": yielding (CAMEO 08), not a meeting
                p = plover(code)
        if not nominal and tok.lemma_.lower() == "award" and any(
                c.dep_ in ("dobj", "nsubjpass", "dative") and (c.lemma_.lower() in HONOURS or c.ent_type_ == "WORK_OF_ART")
                for c in tok.children):
            continue  # "was awarded an Oscar", "awarded the title": an honour, no cooperation (a contract still is)
        if nominal and tok.lemma_.lower() == "trial" and not _legal_trial(tok):
            continue  # "finished successful technical trials", "the British trials in Sheffield": no court
        typ, mode, ctx = p
        ev = RawEvent(trigger=tok, code=code, type=typ, mode=None, nominal=nominal,
                      by_default=dict_default is not None and code == dict_default)
        if nominal:
            _fill_nominal(ev)
            if (tok.lemma_.lower() in WEAK_NOUNS or tok.lower_ in WEAK_NOUNS) and ev.actor is None and ev.target is None:
                continue
            # "launched an attack", "a bombing killed 20": the verb carries the event
            h = tok.head
            if tok.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj") and h.i in by_trigger:
                gov = by_trigger[h.i]
                if gov.type == "COERCE" and ev.type == "SANCTION" and tok.dep_ == "dobj":
                    gov.type, gov.mode = ev.type, ev.mode  # "imposed an oil embargo on Iraq"
                if tok.dep_ == "dobj" and gov.target is None and ev.target is not None and ev.target_code.code:
                    gov.target, gov.target_code = ev.target, ev.target_code  # "repeated its appeal for Britain to …"
                continue
        else:
            _fill_verb(ev)
        if not nominal and not _political(ev):
            continue  # like PETRARCH: a verb event needs a coded participant
        if typ == "COERCE" and _figurative_coercion(ev) or typ == "AID" and _figurative_aid(ev) \
                or typ == "AGREE" and _commercial_offer(ev) \
                or typ == "REQUEST" and nominal and _figurative_request(ev):
            continue
        if typ == "ASSAULT":
            fig = _figurative_force(ev)
            if fig == "drop":
                continue
            if fig in ("accuse", "cyber"):
                code = "111" if fig == "accuse" else "P:COERCE:cyber"
                typ, mode, ctx = plover(code)
                ev.code, ev.type = code, typ
        if ev.type == "CONSULT" and ev.actor_code.sector == "MED":
            continue  # the reporter's own contact with a source is not an event
        if ev.type == "CONSULT" and nominal and _sport_meeting(ev):
            continue  # "the TEAG indoor meeting in Erfurt", "a second round meeting with Myskina": a contest
        ev.modality = _modality(tok)
        scope = list(tok.subtree) + (ev.actor or [])
        ev.mode = _mode(typ, mode, ctx, tok, scope)
        if ev.mode is None and typ in ("AID", "ASSAULT"):
            ev.mode = _mode(typ, mode, ctx, tok, list(tok.sent))
        out.append(ev)
        by_trigger[tok.i] = ev
    # nominal events that a later verb carries ("a bombing ... killed")
    keep = []
    dropped: set[int] = set()
    for ev in out:
        t = ev.trigger
        if ev.nominal and t.dep_ in ("nsubj", "nsubjpass", "dobj") and t.head.i in by_trigger \
                and by_trigger[t.head.i] is not ev:
            gov = by_trigger[t.head.i]
            if gov.trigger.lemma_.lower() in ASPECTUAL and gov.type != ev.type:
                # "the riots are continuing", "resumed the blockade": the noun names the event
                dropped.add(gov.trigger.i)
                if ev.actor is None and gov.actor is not None and t.dep_ == "dobj":
                    ev.actor, ev.actor_code = gov.actor, gov.actor_code
            elif gov.type == ev.type or t.dep_ == "dobj":
                if gov.type == "ASSAULT" and ev.type == "ASSAULT" and ev.mode and not gov.mode:
                    gov.mode = ev.mode
                if gov.type == "COERCE" and ev.type == "SANCTION" and t.dep_ == "dobj":
                    gov.type, gov.mode = ev.type, ev.mode  # "imposed an oil embargo on Iraq"
                continue
        keep.append(ev)
    out = [ev for ev in keep if ev.trigger.i not in dropped]
    by_trigger = {ev.trigger.i: ev for ev in out}
    dropped = set()
    for ev in out:
        t = ev.trigger
        if ev.nominal:
            continue
        # "issued a declaration demanding that …", "adopted a resolution condemning …": the
        # document's content is the event, its issuer the actor
        for c in t.children:
            if c.dep_ == "dobj" and c.lemma_.lower() in COMM_NOUNS and t.lemma_.lower() in ISSUE_VERBS:
                sub = next((by_trigger[k.i] for k in c.children if k.dep_ == "acl" and k.tag_ == "VBG"
                            and k.i in by_trigger), None)
                if sub is not None and sub is not ev:
                    dropped.add(t.i)
                    if sub.actor is None or sub.actor_code.code is None:
                        sub.actor, sub.actor_code = ev.actor, ev.actor_code
        # "rioters set fire to government buildings", "protesters stormed the parliament": violence done by a
        # crowd of protesters is a riot (CAMEO 145, PLOVER PROTEST riot), not an armed assault
        if ev.type == "ASSAULT" and ev.actor and any(
                x.lemma_.lower() in RIOTERS and x.dep_ in ("nsubj", "nsubjpass", "pobj", "ROOT") for x in ev.actor) \
                and ev.actor_code.sector not in ("MIL", "REB", "GOV", "COP") \
                and t.lemma_.lower() not in ("kill", "murder", "lynch", "shoot", "stab") \
                and not {x.lower_ for x in t.subtree} & {"death", "dead"}:
            ev.type, ev.mode = "PROTEST", "riot"   # (a killing stays an assault)
        # "blockaded highways to protest fuel taxes", "… in protest at the arrests": the act
        # is a protest (PLOVER PROTEST, its manner as mode: a blockade obstructs)
        if ev.type in ("COERCE", "SANCTION", "MOBILIZE", "REJECT", "CONCEDE") and ev.actor_code.sector != "GOV" and (
                any(c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() in ("protest", "demonstrate")
                    and any(a.lower_ == "to" for a in c.children) for c in t.children)
                or any(c.dep_ == "prep" and c.lower_ == "in" and any(g.lemma_.lower() == "protest" for g in c.children)
                       for c in t.children)):
            ev.type, ev.mode = "PROTEST", ("obstruct" if ev.type == "COERCE" else None)
        # "went on strike to demand higher wages", "… on strike demanding higher wages": the demand is the strike's
        # content
        if ev.type == "REQUEST" and t.dep_ in ("advcl", "xcomp") and (
                any(a.lower_ == "to" for a in t.children) or t.tag_ == "VBG" and t.dep_ == "advcl"):
            h = t.head
            strikes = [by_trigger[x.i] for x in h.subtree if x.i in by_trigger and by_trigger[x.i].nominal
                       and by_trigger[x.i].type == "PROTEST" and x.i < t.i]
            if strikes:
                dropped.add(t.i)
                if strikes[0].target is None and ev.target is not None:
                    strikes[0].target, strikes[0].target_code = ev.target, ev.target_code
                if strikes[0].actor is None and ev.actor is not None:
                    strikes[0].actor, strikes[0].actor_code = ev.actor, ev.actor_code
    out = [ev for ev in out if ev.trigger.i not in dropped]
    for ev in out:
        t = ev.trigger
        if ev.nominal and ev.type in ("COERCE", "SANCTION") and t.dep_ in ("dobj", "nsubjpass") \
                and t.head.lemma_.lower() in EASE_VERBS and t.head.i not in by_trigger and _eases_restriction(t.head):
            # "shortened the nightly curfew": the easing is the event (PLOVER CONCEDE)
            v = t.head
            ev.trigger, ev.nominal, ev.type, ev.mode = v, False, "CONCEDE", None
            ev.actor = ev.target = None
            ev.actor_code = ev.target_code = Coded(None, None)
            _fill_verb(ev)
            ev.modality = _modality(v)
    # "decided to allow …": the decision is the act itself
    by_i = {ev.trigger.i: ev for ev in out}
    decided = set()
    for ev in out:
        if ev.trigger.lemma_.lower() == "decide" and not ev.nominal:
            for c in ev.trigger.children:
                if c.dep_ == "xcomp" and c.i in by_i:
                    decided.add(ev.trigger.i)
                    sub = by_i[c.i]
                    if sub.actor is None:
                        sub.actor, sub.actor_code = ev.actor, ev.actor_code
                    if sub.modality in ("hypothetical", "future"):
                        sub.modality = ev.modality
    out = [ev for ev in out if ev.trigger.i not in decided]
    for ev in out:
        _recast(ev)
    # "vowed / swore / pledged to fight": a threat, not an intent to cooperate
    by_i = {ev.trigger.i: ev for ev in out}
    for ev in out:
        if ev.trigger.lemma_.lower() == "prepare" and ev.type == "AGREE":
            # "the army prepared to resume shelling": readying force is MOBILIZE
            chain = [c for c in ev.trigger.children if c.dep_ == "xcomp"]
            chain += [g for c in chain for g in c.children if g.dep_ == "xcomp"]
            if any(by_i.get(c.i) is not None and by_i[c.i].type in ("ASSAULT", "COERCE") for c in chain):
                ev.type, ev.mode = "MOBILIZE", None
                continue
        if ev.trigger.lemma_.lower() in PROMISE_VERBS and ev.type == "AGREE":
            for c in ev.trigger.children:
                sub = by_i.get(c.i)
                # ("have sworn to fight …" is often parsed as a purpose clause: same frame)
                to_clause = c.dep_ == "advcl" and any(a.lower_ == "to" and a.dep_ == "aux" for a in c.children)
                if c.dep_ != "xcomp" and not to_clause:
                    continue
                if sub is None:
                    vc = verb_code(c)
                    pc = plover(vc[0]) if vc else None
                    if pc and pc[0] in FORCE_TYPES:
                        ev.type, ev.mode = "THREATEN", None
                        continue
                if sub is not None and sub.type in FORCE_TYPES | {"THREATEN"}:
                    ev.type, ev.mode = "THREATEN", None
                    if ev.target is None and sub.target is not None:
                        ev.target, ev.target_code = sub.target, sub.target_code
    # events embedded in another's content ("agreed to cooperate") are part of it
    idx = {ev.trigger.i: ev for ev in out}
    for ev in out:
        if ev.nominal:
            if ev.target is None and ev.type in FORCE_TYPES and not ev.trigger.dep_.startswith("nsubj"):
                # "the invasion of South Lebanon", "a suspension of air links with Serbia"
                _fallback_target(ev, idx)
            continue
        if ev.target is None:
            _fallback_target(ev, idx)
        elif ev.target_code.code is None and not any(x.pos_ == "PROPN" for x in ev.target):
            # an uncoded theme ("mobilized army reservists for a war against Iraq",
            # "evacuate settlements in the Gaza Strip"): look for a coded recipient
            theme = (ev.target, ev.target_code)
            ev.target = None
            _fallback_target(ev, idx)
            if ev.target is None:
                ev.target, ev.target_code = theme
            elif any(x.dep_ == "nsubjpass" and x.head.i == ev.trigger.i for x in theme[0]) and any(
                    x.dep_ == "pobj" and x.head.lower_ in LOC_PREPS for x in ev.target):
                # "The embassy was attacked in Kabul": the embassy is what was attacked; the place only codes it
                ev.target = theme[0]
    final = []
    for ev in out:
        gov = None
        for dep, g in _governors(ev.trigger, 2):
            if dep in ("xcomp", "pcomp", "prep", "dobj") and g.i in idx and g.i != ev.trigger.i:
                gov = idx[g.i]
                break
            if dep not in ("prep", "pcomp"):
                break
        if gov is not None:
            ev.embedded_in = gov.trigger.i
            if gov.type in CONTENT_TYPES:
                continue
            if gov.type == "ACCUSE" and ev.modality == "asserted":
                ev.modality = "alleged"
        final.append(ev)
    # "staged a hunger strike to demand the resignation of the Algerian president",
    # "marched through Nairobi to protest against the Ugandan government": the
    # purpose clause names whom the action is aimed at
    for ev in final:
        if ev.type not in ("PROTEST", "MOBILIZE", "SANCTION", "COERCE") or ev.target_code.code and not _located(ev.target):
            continue
        t = ev.trigger
        hosts = [t] + ([t.head] if ev.nominal and t.dep_ == "dobj" else [])
        for h in hosts:
            sub = next((idx[c.i] for c in h.children if c.dep_ in ("advcl", "xcomp", "acl") and c.i in idx
                        and any(a.lower_ == "to" and a.dep_ == "aux" for a in c.children)), None)
            if sub is not None and sub is not ev and sub.target_code.code:
                ev.target, ev.target_code = sub.target, sub.target_code
                if ev.actor_code.code is None and sub.actor_code.code and ev.actor is not None:
                    ev.actor_code = sub.actor_code
                break
    for ev in final:
        _domestic(ev)
    return final


def _located(toks: Optional[list[Token]]) -> bool:
    """The phrase is a place the action happens in ("through Nairobi"), not a participant."""
    if not toks:
        return False
    r = min(toks, key=lambda x: len(list(x.ancestors)))
    return r.dep_ == "pobj" and r.head.lower_ in LOC_PREPS | {"through", "across"}

_NOT_COUNTRY = {"IGO", "NGO", "IMG", "MNC"}


def _country(c: Coded) -> Optional[str]:
    """The code if it names a country (not an IGO, NGO, armed group or region)."""
    if c.code and c.sector != "IGO" and c.code not in _NOT_COUNTRY and c.code not in REGIONS \
            and not c.code.startswith("IGO"):
        return c.code
    return None


PLACE_NOUNS = {"town", "city", "village", "province", "region", "district", "state", "capital", "port", "area",
               "camp", "suburb", "outskirts", "border", "jail", "prison", "county", "governorate", "territory"}


DIRECTIONS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "northwest",
              "outskirts", "edge", "heart", "centre", "center"}

_PLACE_CACHE: list = []


def _place_tokens(doc: Doc) -> dict[int, str]:
    """token index → ISO alpha-3 country of a geocoded place (``doc._.st_places``), plus
    "the town of Samarra" where the entity recogniser missed the name (looked up in the
    places component's gazetteer, the most likely reading)."""
    places = getattr(doc._, "st_places", None)
    if _PLACE_CACHE and _PLACE_CACHE[0] is doc and _PLACE_CACHE[1] is places:
        return _PLACE_CACHE[2]  # (one entry, holding the document being built)
    out: dict[int, str] = {}
    _PLACE_CACHE[:] = [doc, places, out]
    for p in places or []:
        if not p.country or len(p.country) != 3:
            continue
        sp = doc.char_span(p.start, p.end, alignment_mode="expand")
        if sp is not None:
            for t in sp:
                out[t.i] = p.country
    if places is None:
        return out
    for t in doc:
        if t.lemma_.lower() in ("town", "city", "village", "province", "port") and t.i + 2 < len(doc) \
                and doc[t.i + 1].lower_ == "of" and doc[t.i + 2].pos_ == "PROPN" and doc[t.i + 2].i not in out:
            j = t.i + 2
            while j + 1 < len(doc) and doc[j + 1].pos_ == "PROPN":
                j += 1
            try:
                from .places import gazetteer

                cands = [c for c in gazetteer().lookup(doc[t.i + 2:j + 1].text) if c.country]
            except Exception:  # noqa: BLE001  (no gazetteer: no guess)
                cands = []
            if cands:
                best = max(cands, key=lambda c: c.prior())
                for k in range(t.i + 2, j + 1):
                    out[k] = best.country
    return out


def _where(ev: RawEvent, places: dict[int, str], within: Optional[list[Token]] = None) -> Optional[tuple[list[Token], str]]:
    """The country of the place the event happens in: a geocoded place hanging from
    the trigger (or from ``within``'s head) through locative prepositions
    ("fired at targets in Jericho", "a bombing near the town of Samarra", "at a jail in
    Dili"), never one reached through a clause or a participant's own name."""
    t = ev.trigger
    roots = [t]
    if within:
        roots = [min(within, key=lambda x: len(list(x.ancestors)))]
    for root in roots:
        for x in root.subtree:
            if x.i not in places or x.i == root.i:
                continue
            a, locative, ok = x, False, True
            while a.i != root.i and a.head.i != a.i:
                if a.dep_ in ("nsubj", "nsubjpass", "conj") and a.head.i == root.i and root.i == t.i:
                    ok = False  # the actor's own phrase, or another verb's
                    break
                if a.dep_ in ("relcl", "advcl", "ccomp", "xcomp", "parataxis", "acl"):
                    ok = False
                    break
                if a.dep_ == "prep" and (a.lower_ in LOC_PREPS - {"from"} | {"through"} or
                                         (a.lower_ == "of" and a.head.lemma_.lower() in PLACE_NOUNS | DIRECTIONS)):
                    locative = True
                a = a.head
            if ok and locative:
                return np_tokens(x), places[x.i]
    return None


def _place_over_dictionary(ev: RawEvent, places: dict[int, str]) -> None:
    """A participant coded by a place name the actor dictionary files under one country ("Tripoli" → LBY) takes the
    country the places component chose for that name in this article, which weighs the article's other countries
    ("rival militias in Tripoli as shells continued crashing into the north Lebanese port" → LBN). Only where the
    matched words are that place and nothing else; the sector stays."""
    doc = ev.trigger.doc
    for side in ("actor", "target"):
        coded = getattr(ev, f"{side}_code")
        if not coded.code or coded.start < 0 or len(coded.code) != 3:
            continue
        sp = doc.char_span(coded.start, coded.end, alignment_mode="expand")
        if sp is None:
            continue
        found = {places.get(t.i) for t in sp if not t.is_punct}
        if len(found) == 1 and None not in found:
            country = found.pop()
            if country != coded.code:
                setattr(ev, f"{side}_code", Coded(country, coded.sector, coded.start, coded.end))


def _locate(ev: RawEvent) -> None:
    """CAMEO/PLOVER convention (the PLOVER gold standard infers actor codes from
    locations): a participant the sentence leaves uncoded takes the country of the
    place the event happens in. "A roadside bombing near the town of Samarra killed
    a U.S. soldier" → actor IRQ; "Israeli tanks fired at targets in Jericho" → target
    PSE; "the government of Sindh province ordered patrols" → actor PAK. Places come
    from the places component (``doc._.st_places``); without it nothing changes."""
    places = _place_tokens(ev.trigger.doc)
    if not places:
        return
    _place_over_dictionary(ev, places)
    if ev.actor_code.code is None and not ev.actor_implicit and not _np_opposed(ev.actor):
        inner = [x for x in (ev.actor or []) if x.i in places]
        found = (np_tokens(inner[0]), places[inner[0].i]) if inner else None
        if found is None and ev.actor:
            found = _where(ev, places, ev.actor)
        passive = ev.actor is None and any(c.dep_ in ("nsubjpass", "auxpass") for c in ev.trigger.children)
        if found is None and (ev.type in FORCE_TYPES or passive):
            found = _where(ev, places)  # (an agentless passive: "was put under investigation in Italy")
        if found is not None:
            sec = ev.actor_code.sector
            if ev.actor is None:
                ev.actor_implicit = found[0]
            ev.actor_code = Coded(found[1], sec, ev.actor_code.start, ev.actor_code.end)
    if ev.type in FORCE_TYPES | {"RETREAT", "AID"} and ev.target_code.code is None and not ev.target_implicit and not (
            ev.target and any(x.pos_ == "PROPN" for x in ev.target)) and not _np_opposed(ev.target):
        # (a meeting's venue is no participant: force, aid and withdrawals are aimed at a place)
        found = _where(ev, places, ev.target) if ev.target else None
        if found is None:
            found = _where(ev, places)
        if found is not None and not (ev.actor and {x.i for x in found[0]} & {x.i for x in ev.actor}):
            if ev.target is None:
                ev.target_implicit = found[0]
            ev.target_code = Coded(found[1], ev.target_code.sector, ev.target_code.start, ev.target_code.end)


LEADER_GOVS = {"administration", "government", "cabinet", "regime", "presidency"}


def _leader_named_government(toks: Optional[list[Token]]) -> bool:
    """"the Biden administration", "the Modi government": a government named after a leader the
    dictionaries do not know. Its country is unknown, not the target's (the domestic convention
    is for nameless agents such as "opposition leaders")."""
    if not toks:
        return False
    return any(t.ent_type_ == "PERSON" and t.dep_ == "compound" and t.head.lemma_.lower() in LEADER_GOVS
               for t in toks)


def _domestic(ev: RawEvent) -> None:
    """CAMEO/PLOVER coding conventions for participants the sentence leaves
    implicit. (1) An agentless passive's actor is the state where it happens
    ("was arrested in Lebanon" → LBN). (2) An agent of unknown nationality
    ("Islamic fundamentalists", "opposition leaders") acting on a country's
    people or government in a non-violent event is domestic: it takes that
    country. (3) A domestic event with no coded target ("students staged
    demonstrations", "the president lifted the curfew") targets the actor's
    own country. (4) An ethnic minority ("ethnic Albanians") is coded by the
    state it lives in. Convention-supplied spans go to ``*_implicit``."""
    t = ev.trigger
    if ev.actor is None and not ev.nominal and any(c.dep_ in ("nsubjpass", "auxpass") for c in t.children):
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "at", "inside"):
                g = next((k for k in c.children if k.dep_ == "pobj"), None)
                if g is not None:
                    toks = np_tokens(g)
                    coded = code_tokens(toks)
                    if _country(coded) and not (ev.target and {x.i for x in toks} & {x.i for x in ev.target}):
                        ev.actor_implicit, ev.actor_code = toks, Coded(coded.code, coded.sector or "GOV",
                                                                       coded.start, coded.end)
                        break
    if ev.actor is not None and any(x.lower_ == "ethnic" for x in ev.actor):
        # "ethnic Albanians demonstrated in Serbia": an ethnic minority is coded by the
        # state it lives in, not by its kin state (CAMEO)
        home = None
        for x in t.subtree:
            if x.dep_ == "pobj" and x.head.lower_ in ("in", "near", "inside", "across", "throughout") \
                    and x.head.head.i == t.i or (x.dep_ == "poss" and x.head.head.lower_ == "near"):
                c = _country(code_tokens(np_tokens(x)))
                if c and c != ev.actor_code.code:
                    home = c
                    break
        home = home or (_country(ev.target_code) if _country(ev.target_code) != ev.actor_code.code else None)
        if home:
            ev.actor_code = Coded(home, ev.actor_code.sector, ev.actor_code.start, ev.actor_code.end)
    _locate(ev)
    tc = _country(ev.target_code)
    unplaced = (ev.actor_code.code is None or ev.actor_code.code in REGIONS) and not _leader_named_government(ev.actor)
    if ev.actor is not None and unplaced and ev.actor_code.sector and tc \
            and (ev.type not in ("ASSAULT", "COERCE")
                 # insurgents fighting a state's forces are that state's insurgents
                 # ("Tamil rebels attacked a Sri Lankan navy boat" → LKA)
                 or (ev.actor_code.sector in INSURGENT and ev.target_code.sector in STATE_FORCES)):
        ev.actor_code = Coded(tc, ev.actor_code.sector, ev.actor_code.start, ev.actor_code.end)
    ac = _country(ev.actor_code)
    if ac and (ev.target_code.code is None or (ev.target_code.code in REGIONS and ev.target_code.sector)):
        if ev.target is None:
            ev.target_implicit = ev.actor or ev.actor_implicit
            ev.target_code = Coded(ac, None, ev.actor_code.start, ev.actor_code.end)
        elif ev.target_code.sector:
            # "demonstrators", "civilians", "former president Carlos Menem": the
            # actor's country's people and officials (not an uncoded bare name)
            ev.target_code = Coded(ac, ev.target_code.sector, ev.target_code.start, ev.target_code.end)


ARMED = {"REB", "UAF", "INS", "IMG"}  # armed non-state actors: seizing a town is no protest (blocking roads is)
INSURGENT = {"REB", "INS", "SEP", "RAD", "UAF", "OPP"}
STATE_FORCES = {"GOV", "MIL", "COP", "SPY"}
SYMMETRIC = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "ASSAULT"}
PROMISE_VERBS = {"vow", "swear", "pledge", "promise"}
ASPECTUAL = {"continue", "resume", "begin", "start", "keep", "stage", "escalate", "intensify", "renew", "step"}
NONSTATE = {"CVL", "OPP", "LAB", "PPL", "EDU", "REB", "UAF", "AGR", "REF", "MUS", "CHR"}
FORCE_TYPES = {"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
COOP_TYPES = {"CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
WILLING = {"willing", "ready", "prepared", "committed", "determined", "eager", "keen"}
OBLIGE_AUX = {"must", "should"}


SPEECH = {"say", "announce", "state", "tell", "report", "add", "declare", "confirm", "claim", "promise", "pledge",
          "vow", "indicate", "insist", "warn", "threaten", "offer", "signal", "decide", "agree"}


DECISION_VERBS = {"announce", "decide", "declare"}
WILLING_NOUNS = {"willingness", "readiness", "commitment", "intention", "pledge", "promise", "offer"}


def _speech_head(t: Token) -> Optional[str]:
    """Lemma of the speech verb whose complement the trigger is ("announced it would …")."""
    g = t
    while g.dep_ in ("xcomp", "conj") and g.head.i != g.i:
        g = g.head
    if g.dep_ in ("ccomp", "xcomp") and g.head.lemma_.lower() in SPEECH:
        return g.head.lemma_.lower()
    return None


def _announced(t: Token) -> bool:
    """The trigger is what someone said they would do: the complement of a
    speech verb ("X said it will"), or its head ("X will give Y …, a
    statement said"), or a promise frame."""
    g = t
    while g.dep_ in ("xcomp", "conj") and g.head.i != g.i:
        g = g.head
    if g.dep_ == "ccomp" and g.head.lemma_.lower() in SPEECH:
        return True
    if g.dep_ == "xcomp" and g.head.lemma_.lower() in SPEECH:
        return True
    # ("conj": the parser often hangs a trailing ", X said" as a conjunct)
    return any(c.dep_ in ("parataxis", "ccomp", "advcl", "conj") and c.lemma_.lower() in SPEECH and c.i > t.i
               and (c.dep_ != "conj" or not any(k.dep_ in ("dobj", "ccomp", "xcomp") for k in c.children))
               for c in g.children)


EASE_VERBS = {"lift", "ease", "relax", "shorten", "end", "remove", "loosen", "suspend", "scrap", "repeal", "revoke",
              "cancel", "rescind", "reduce"}
RESTRICTIONS = {"curfew", "ban", "restriction", "restrictions", "emergency", "martial", "censorship", "closure",
                "lockdown", "travel"}


def _eases_restriction(v: Token) -> bool:
    """The verb's object is an administrative restriction ("lifted the curfew",
    "ended the state of emergency", "eased restrictions on …")."""
    for c in v.children:
        if c.dep_ in ("dobj", "nsubjpass"):
            words = {c.lemma_.lower(), c.lower_} | {x.lower_ for x in c.children if x.dep_ in ("compound", "amod")}
            words |= {g.lower_ for p in c.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children}
            return bool(words & RESTRICTIONS)
    return False


BOYCOTTED = {"election", "elections", "poll", "polls", "vote", "referendum", "session", "sessions", "parliament",
             "assembly", "class", "classes", "exam", "exams", "ceremony", "inauguration", "celebration"}


def _recast(ev: RawEvent) -> None:
    """PLOVER/CAMEO conventions for intentions, obligations and refusals:
    promised cooperation ("X will give", "X is willing to withdraw") is AGREE;
    "A says B must do X" is A's REQUEST to B; "X will not accept" is REJECT."""
    if ev.nominal:
        h = ev.trigger.head
        if ev.type in COOP_TYPES and ev.trigger.dep_ == "dobj" and h.dep_ == "xcomp" and h.head.lemma_.lower() in WILLING:
            # "said it was ready to hold talks with India": willingness to cooperate (AGREE)
            ev.type, ev.mode, ev.modality = "AGREE", None, "asserted"
        return
    t = ev.trigger
    aux = {c.lower_ for c in t.children if c.dep_ in ("aux", "auxpass")}
    willing = t.dep_ == "xcomp" and t.head.lemma_.lower() in WILLING
    if t.dep_ in ("acl", "xcomp") and t.head.lemma_.lower() in WILLING_NOUNS and t.head.pos_ == "NOUN":
        # "expressed willingness to resume talks", "renewed its offer to mediate"
        willing = True
        if ev.actor is None or ev.actor_code.code is None:
            n = t.head
            subj = _subject(n.head) if n.dep_ in ("dobj", "pobj") else None
            poss = next((c for c in n.children if c.dep_ == "poss" and c.lower_ not in PRONOUNS), None)
            src = poss or subj
            if src is not None:
                ev.actor, ev.actor_code = code_np(src)
    if ev.type == "CONSULT" and t.lemma_.lower() == "summon" and \
            {x.lower_ for x in t.subtree} & {"ambassador", "envoy", "diplomat", "diplomats", "charge", "chargé", "consul"}:
        # PLOVER: summoning an in-country ambassador to present grievances is ACCUSE, not CONSULT
        ev.type, ev.mode = "ACCUSE", "disapprove"
        return
    ahead = min(ev.actor, key=lambda x: len(list(x.ancestors))) if ev.actor else None
    partner = next((c for c in ahead.children if c.dep_ == "conj" and _country(code_tokens(np_tokens(c)))
                    and code_tokens(np_tokens(c)).code != ev.actor_code.code), None) if ahead is not None else None
    if ev.type == "MOBILIZE" and partner is not None and _country(ev.actor_code) and \
            ev.target_code.code in (None, ev.actor_code.code) and \
            {x.lower_ for x in t.subtree} & {"joint", "exercise", "exercises", "maneuvers", "manoeuvres", "drills"}:
        # "Russia and India held joint naval exercises": two states' forces (COOPERATE)
        ev.type, ev.mode = "COOPERATE", None
        ev.target, ev.target_code = code_np(partner)
        return
    if ev.type == "MOBILIZE" and ev.actor and len({code_tokens([x]).code for x in ev.actor
                                                  if x.dep_ in ("amod", "compound", "conj", "nmod")} - {None}) > 1:
        # PLOVER: joint military operations ("French and Egyptian warships launched war games") are COOPERATE
        ev.type, ev.mode = "COOPERATE", None
        if ev.target_code.code is None or ev.target_code.code == ev.actor_code.code:
            head = min(ev.actor, key=lambda x: len(list(x.ancestors)))
            theme = (ev.target, ev.target_code)
            ev.target, ev.target_code = None, Coded(None, None)
            _split_joint(ev, head)
            if ev.target is None:
                ev.target, ev.target_code = theme
        return
    if ev.type == "PROTEST" and t.lemma_.lower() == "protest" and (
            ev.actor_code.sector in ("GOV", "IGO") or (_country(ev.actor_code) and ev.actor_code.sector is None
                                                       and any(x.ent_type_ == "GPE" for x in ev.actor or []))) \
            and not ev.actor_code.sector in NONSTATE:
        # PLOVER ACCUSE 'disapprove': "written and institutionalized protests" — a government
        # protesting to another ("Japan protested to North Korea over the launch"), not a street protest
        ev.type, ev.mode = "ACCUSE", "disapprove"
        return
    if t.lemma_.lower() == "boycott" and ev.type in ("SANCTION", "COERCE", "REJECT") and (
            ev.actor_code.sector in NONSTATE | {"PTY", "OPP", "LAB", "EDU", "MED", "BUS"}
            or {x.lemma_.lower() for x in t.subtree} & BOYCOTTED):
        # PLOVER PROTEST 'boycott': parties, unions and citizens boycotting elections or sessions
        # (a state's boycott of another state's goods stays a sanction)
        ev.type, ev.mode = "PROTEST", "boycott"
        return
    if t.lemma_.lower() in RECEIVE_VERBS and ev.type in ("AID", "SUPPORT", "COOPERATE", "CONCEDE"):
        # "Israel received $3 billion in military aid from the United States": the giver acts
        src = next((g for c in t.children if c.dep_ == "prep" and c.lower_ == "from"
                    for g in c.children if g.dep_ == "pobj"), None)
        if src is not None:
            toks, coded = code_np(src)
            if coded.code or coded.sector:
                ev.target, ev.target_code = ev.actor, ev.actor_code
                ev.actor, ev.actor_code = toks, coded
                return
    if t.lemma_.lower() == "order" and ev.type in ("REQUEST", "COERCE", "MOBILIZE"):
        obj = next((c for c in t.children if c.dep_ == "dobj"), None)
        xc = next((c for c in t.children if c.dep_ == "xcomp"), None)
        if obj is not None and xc is None and obj.lemma_.lower() in DEPLOY_NOUNS:
            ev.type, ev.mode = "MOBILIZE", None  # "ordered patrols by police and soldiers"
            return
        if xc is not None and xc.lemma_.lower() in STOP_VERBS and ev.actor_code.sector in ("GOV", "MIL", "COP", "JUD") \
                and (ev.target_code.code in (None, ev.actor_code.code)) and obj is not None \
                and code_tokens(np_tokens(obj)).sector not in ("GOV", "MIL", "COP", "SPY", "JUD"):
            # a government ordering its own newspaper, party or firm to close or stop: coercion
            ev.type, ev.mode = "COERCE", "restrict"
            return
    if ev.type in COOP_TYPES | {"AGREE"} and t.dep_ == "xcomp" and t.head.lemma_.lower() == "fail":
        ev.type, ev.mode, ev.modality = "REJECT", None, "asserted"  # "failed to reach agreement"
        return
    if t.lemma_.lower() in EASE_VERBS and _eases_restriction(t):
        # PLOVER CONCEDE: "removing curfews", "easing of administrative or legal restrictions"
        ev.type, ev.mode = "CONCEDE", None  # (an announced or offered one is still AGREE below)
    if aux & OBLIGE_AUX or ("have" in {c.lemma_ for c in t.children if c.dep_ == "aux"} and "to" in aux):
        g = t
        while g.dep_ in ("xcomp", "conj") and g.head.i != g.i:
            g = g.head
        if g.dep_ == "ccomp":
            speaker = next((c for c in g.head.children if c.dep_ == "nsubj"), None)
            if speaker is not None:
                ev.target, ev.target_code = ev.actor, ev.actor_code
                ev.actor = np_tokens(speaker)
                ev.actor_code = code_tokens(ev.actor)
                ev.type, ev.mode, ev.modality = "REQUEST", None, "asserted"
                return
    if ev.type in COOP_TYPES | {"AGREE"} and ev.modality == "negated" and (aux & FUTURE_AUX or aux & {"would", "could", "can", "ca"}):
        ev.type, ev.mode, ev.modality = "REJECT", None, "asserted"
        return
    conditional = any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children)
                      for c in t.children)
    if ev.type in FORCE_TYPES | COOP_TYPES and conditional:
        ev.type, ev.mode, ev.modality = "THREATEN", None, "asserted"
        return
    if ev.type == "RETREAT" and t.lemma_.lower() in ("withdraw", "pull", "recall") and \
            {x.lower_ for x in t.subtree} & {"inspectors", "observers", "monitors", "diplomats", "ambassador",
                                             "aid", "workers", "staff", "peacekeepers", "envoy", "mission"}:
        ev.type, ev.mode = "SANCTION", "withdraw"  # PLOVER: withdrawing one's non-military resources
    # an actor's announced intention is itself the event (PLOVER: AGREE / THREATEN);
    # a plain prediction in the writer's voice keeps its type and is "future"
    announced = _announced(t)
    if ev.type == "SANCTION" and announced and (ev.modality == "future" or aux & {"would"}) and _speech_head(t) in DECISION_VERBS:
        # "announced it would prohibit all aid": a policy announced is the sanction itself
        ev.modality = "asserted"
        return
    if ev.type in FORCE_TYPES and announced and (ev.modality == "future" or aux & {"would"}):
        ev.type, ev.mode, ev.modality = "THREATEN", None, "asserted"
        return
    if ev.type == "COERCE" and ev.actor_code.sector in NONSTATE and ev.modality == "asserted" \
            and not (ev.actor_code.sector in ARMED and ev.code[:3] in ("171", "192")):
        # blocking roads, occupying buildings: protest when people, not the state, do it
        ev.type, ev.mode = "PROTEST", "obstruct"
        return
    if ev.type == "COERCE" and ev.mode == "deport" and \
            {x.lower_ for x in t.subtree} & {"inspectors", "diplomats", "observers", "monitors", "ambassador",
                                             "envoy", "peacekeepers", "embassy", "mission"}:
        ev.type, ev.mode = "SANCTION", "expel"  # expelling a state's or IGO's people: reduced relations
        return
    reported = t.dep_ == "ccomp" or (t.head.dep_ == "ccomp" and t.dep_ in ("xcomp", "conj"))
    if ev.type in COOP_TYPES and "would" in aux and reported and ev.modality == "hypothetical":
        ev.type, ev.mode, ev.modality = "AGREE", None, "asserted"  # "said they would meet"
        return
    if ev.type in COOP_TYPES and ((ev.modality == "future" and announced) or willing):
        ev.type, ev.mode, ev.modality = "AGREE", None, "asserted"


TIME_PREPS = {"before", "after", "while", "since", "until", "despite", "without"}


def _fallback_target(ev: RawEvent, idx: dict[int, RawEvent]) -> None:
    """No object/recipient phrase: take the one from the event's content
    ("offered to hand over to Great Britain"), else the first other coded
    actor in the trigger's clause."""
    t = ev.trigger
    taken = {x.i for x in (ev.actor or [])}
    # "demanded that Hamas renounce …", "urged that Israel ease …": whoever is to act
    for c in t.children:
        if c.dep_ == "ccomp" and ev.type in ("REQUEST", "ACCUSE", "REJECT", "SUPPORT", "THREATEN"):
            subj = next((k for k in c.children if k.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and subj.lower_ not in PRONOUNS:
                toks, coded = code_np(subj)
                if coded.code and not ({x.i for x in toks} & taken):
                    ev.target, ev.target_code = toks, coded
                    return
    for c in t.children:
        if c.dep_ in ("xcomp", "ccomp") and c.i in idx and idx[c.i].target and idx[c.i].target_code.code:
            sub = idx[c.i]
            if not ({x.i for x in sub.target} & taken):
                ev.target, ev.target_code = sub.target, sub.target_code
                return
    # a threat's target is whoever must act to avert it ("… unless Baghdad accepts")
    if ev.type in ("THREATEN", "REQUEST"):
        for v in [t] + [c for c in t.children if c.dep_ == "xcomp"]:
            for c in v.children:
                if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children):
                    subj = next((k for k in c.children if k.dep_ == "nsubj"), None)
                    if subj is not None:
                        toks, coded = code_np(subj)
                        if coded.code and not ({x.i for x in toks} & taken):
                            ev.target, ev.target_code = toks, coded
                            return
    skip: set[int] = set()
    # the first coded participant; failing one, the country where it happens
    # (CAMEO's convention: "lifted the curfew in Sudan" targets Sudan)
    located = None
    for c in t.children:
        if c.dep_ in ("advcl", "relcl", "parataxis", "conj") or c.dep_.startswith("nsubj"):
            skip.update(x.i for x in c.subtree)
    for x in t.subtree:
        if x.i in skip or x.i in taken or x.i == t.i:
            continue
        a, clause = x, False
        while a.i != t.i and a.head.i != a.i:
            if a.dep_ in ("relcl", "advcl", "parataxis") or (a.dep_ == "pcomp" and a.head.lower_ in TIME_PREPS):
                clause = True  # (also "before allowing U.N. convoys …": another act, another time)
                break
            a = a.head
        if clause:
            continue
        locative = x.dep_ == "pobj" and x.head.lower_ in LOC_PREPS
        if x.dep_ in ("pobj", "dobj", "nsubj", "poss", "appos", "dative") and x.pos_ in ("PROPN", "NOUN"):
            toks = np_tokens(x)
            if {y.i for y in toks} & taken:
                continue
            coded = code_tokens(toks)
            if coded.code is None and x.pos_ == "NOUN" and any(c.dep_ == "acl" for c in x.children):
                toks, coded = code_np(x)  # "refugees fleeing the civil war in Liberia"
            if coded.code:
                if locative:
                    located = located or (toks, coded)
                    continue
                ev.target, ev.target_code = toks, coded
                return
    if located is not None:
        ev.target, ev.target_code = located
        return
    # verbal conflict aimed at a named person or body the dictionaries don't code ("the Embassy
    # dismissed Nicholson's comments"): that name is the target, uncoded, rather than none (which
    # would make the actor's own country the target by the domestic convention)
    if ev.type in ("REJECT", "ACCUSE"):
        for c in t.children:
            if c.dep_ != "dobj":
                continue
            for x in [c] + [k for k in c.children if k.dep_ == "poss"]:
                if x.pos_ == "PROPN" and x.ent_type_ in ("PERSON", "ORG") and x.i not in taken:
                    toks = np_tokens(x)
                    ev.target, ev.target_code = toks, code_tokens(toks)
                    return


# verbs of force no sports, arts or business report uses figuratively ("beaten", "attacked", "hit", "shot" (a film),
# "killed" (a bill), "executed" (a trade) are): an agentless passive of one in a named place is an event however
# little the victim's name says ("was abducted in Baghdad")
UNAMBIGUOUS_FORCE = {"abduct", "kidnap", "murder", "assassinate", "behead", "torture", "stab", "massacre", "lynch",
                     "arrest", "detain", "imprison", "jail", "deport"}


# what a show business or sports page hosts and attends, and what a label, a publisher or an office releases: no
# visit (CAMEO 042/043), no release of people (084: "four Britons were released from the US camp" stays one)
OCCASIONS = {"show", "programme", "program", "tournament", "games", "game", "cup", "championship", "championships",
             "final", "match", "ceremony", "awards", "award", "ball", "festival", "concert", "party", "premiere",
             "screening", "series", "quiz", "fair", "exhibition", "test", "school", "class", "lecture", "course",
             "wedding", "race", "gala", "launch"}
PUBLISHED = {"album", "albums", "single", "singles", "song", "songs", "music", "record", "records", "film", "films",
             "movie", "movies", "figures", "figure", "data", "statistics", "report", "text", "statement", "details",
             "version", "game", "games", "product", "products", "results", "book", "dvd", "cd", "video", "trailer",
             "track", "tracks", "compilation", "soundtrack", "edition", "software", "update", "supplies", "oil",
             "documents", "papers", "letter", "list", "names", "information", "footage", "pictures", "photos"}


def _object_in(v: Token, words: set) -> bool:
    """Whether what the verb acts on ("hosted the show", "the show it hosted", "figures released by the office",
    "the single was released") is one of ``words``."""
    objs = [c for c in v.children if c.dep_ in ("dobj", "nsubjpass")]
    if v.dep_ in ("acl", "relcl") and v.head.pos_ in ("NOUN", "PROPN"):
        objs.append(v.head)
    return any(o.lemma_.lower() in words or o.lower_ in words for o in objs)


OFFICES = {"presidency", "chairmanship", "chair", "helm", "reins", "role", "job", "post", "leadership", "captaincy",
           "stewardship", "portfolio", "office", "mantle", "duties"}
# what surrounds a case or a rift in the figurative sense
ABSTRACT_SURROUNDS = {"uncertainty", "controversy", "speculation", "gossip", "mystery", "question", "questions",
                      "secrecy", "confusion", "row", "debate", "doubt", "doubts", "rumour", "rumours", "rumor",
                      "rumors", "hype", "publicity", "furore", "fuss", "concern", "concerns", "issue", "issues",
                      "problem", "problems", "circumstances", "scandal", "intrigue", "suspicion", "anger"}
TRADED_WORDS = {"oil", "stock", "stocks", "share", "shares", "market", "markets", "price", "prices", "dollar",
                "bond", "bonds", "currency", "equity", "equities", "relief", "year-end", "sterling", "euro", "yen",
                "gold", "commodity", "commodities", "index", "rouble", "ruble"}
# what is abused when no one is assaulted: "loopholes that could be abused", "tolerance being abused"
ABUSED_THINGS = {"loophole", "loopholes", "system", "systems", "power", "powers", "trust", "position", "privilege",
                 "privileges", "rule", "rules", "tolerance", "process", "goodwill", "hospitality", "generosity",
                 "right", "rights", "scheme", "schemes", "law", "laws", "procedure", "procedures", "office",
                 "authority", "drug", "drugs", "alcohol", "substance", "substances", "data", "information",
                 "desire", "kindness", "freedom", "freedoms", "facility", "facilities"}


def _other_sense(tok: Token, nominal: bool) -> bool:
    """A trigger word in a sense that is no event, told by the words it governs: taking over an office ("Britain
    takes over the presidency of the EU"), an abstract thing that "surrounds" a case, a market "rally", a loophole or a
    privilege "abused", a show hosted or attended and a record released, a question put ("was asked if …"), a
    comment declined."""
    lem = tok.lemma_.lower()
    if not nominal and lem in ("host", "attend", "release"):
        # "hosting the children's show", "attended the Bafta awards", "released their first album"
        return _object_in(tok, PUBLISHED if lem == "release" else OCCASIONS)
    if not nominal and lem == "ask":
        return _asks_a_question(tok)
    if not nominal and lem in ("decline", "refuse"):
        return _declines_comment(tok)
    kids = list(tok.children)
    objs = [c for c in kids if c.dep_ in ("dobj", "nsubjpass")]
    if not nominal and lem == "take" and any(c.dep_ == "prt" and c.lower_ == "over" for c in kids):
        objs += [g for c in kids if c.dep_ == "prep" and c.lower_ == "as" for g in c.children if g.dep_ == "pobj"]
        return any(o.lemma_.lower() in OFFICES for o in objs)
    if not nominal and lem == "surround":
        subj = [c for c in kids if c.dep_ == "nsubj"]
        if tok.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.lower_ in ("that", "which") for c in kids):
            subj = [tok.head]   # "the uncertainty that surrounds the court case"
        if tok.dep_ == "acl":
            return tok.head.lemma_.lower() in ABSTRACT_SURROUNDS   # "the gossip surrounding his rift"
        return any(x.lemma_.lower() in ABSTRACT_SURROUNDS for x in subj)
    if nominal and lem == "rally":
        mods = [c for c in kids if c.dep_ in ("compound", "amod", "nmod", "poss")]
        mods += [g for c in kids if c.dep_ == "prep" and c.lower_ == "in" for g in c.children if g.dep_ == "pobj"]
        if tok.dep_ == "dobj":   # "shares extended their rally"
            mods += [c for c in tok.head.children if c.dep_ == "nsubj"]
        return any(m.lemma_.lower() in TRADED_WORDS or m.lower_ in TRADED_WORDS for m in mods)
    if not nominal and lem in ("recognise", "recognize") and any(c.dep_ == "ccomp" for c in kids):
        return True   # "voters would recognise that Labour had brought stability": seeing, not recognising a state
    if not nominal and lem == "catch" and any(c.dep_ == "prt" and c.lower_ in ("out", "up", "on") for c in kids):
        return True   # "caught up in the atmosphere", "to catch out a large number of people"
    if not nominal and lem == "abuse":
        if tok.dep_ in ("relcl", "acl") and tok.head.pos_ in ("NOUN", "PROPN"):
            objs = [o for o in objs if o.lower_ not in ("that", "which", "who")] + [tok.head]
        return bool(objs) and all(o.lemma_.lower() in ABUSED_THINGS or o.lower_ in ABUSED_THINGS for o in objs)
    return False


QUESTION_WORDS = {"if", "whether", "how", "why", "what", "when", "where", "who", "which"}


def _asks_a_question(v: Token) -> bool:
    """ "ask" with a question for its complement ("asked if …", "asked whether …", "asked him how …",
    "asked about …") and no "to do": a question put, not a request (which "asked them to leave" is)."""
    kids = list(v.children)
    if any(c.dep_ == "xcomp" for c in kids):
        return False
    if any(c.dep_ == "prep" and c.lower_ == "about" for c in kids):
        return True
    # (the parser hangs "if …" on the verb as an adverbial clause as often as a complement; a "when …" clause there
    # is a time, no question)
    return any(c.dep_ == "ccomp" and next(c.subtree).lower_ in QUESTION_WORDS
               or c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "whether") for m in c.children)
               for c in kids)


NO_COMMENT = {"comment", "elaborate", "speculate"}


def _declines_comment(v: Token) -> bool:
    """ "declined to comment", "refused to elaborate": what a source did not tell the reporter, not a rejection of
    anyone ("refused to discuss the plan with the unions" still is one)."""
    return any(c.dep_ == "xcomp" and c.lemma_.lower() in NO_COMMENT for c in v.children)


def _press_rule(tok: Token) -> bool:
    """The reporting formula of an anonymous source: "(not) authorised/allowed/permitted to speak, brief, comment,
    discuss …" ("who spoke on condition of anonymity because he was not authorised to brief reporters")."""
    if tok.lemma_.lower() not in ("authorise", "authorize", "allow", "permit", "authorised", "authorized"):
        return False
    return any(c.dep_ == "xcomp" and c.lemma_.lower() in PRESS_VERBS for c in tok.children)


PRESS_VERBS = {"speak", "brief", "comment", "talk", "discuss", "disclose", "release", "give", "go"}

# names whose words are no events ("Massive Attack", "the Committee to Protect Journalists"); events named as such
# ("the Iraq War", "the G8 summit": EVENT) are kept
NAME_ENTITIES = {"ORG", "WORK_OF_ART", "PERSON", "PRODUCT", "LAW", "FAC"}

# Force words that general news uses at least as often in other senses: a result in sport or an award ("beat",
# "defeated", "overcame"), markets and weather ("hit", "struck"), records and serves ("broke"), politics ("attacked
# the plans", "a charm offensive"), film ("shooting"). The CAMEO verb dictionary, written for political wire copy that
# a filter had already stripped of sport and business, codes them all as force (18x/19x/20x). Hand-written because no
# dictionary we can install tells these senses apart; each entry was seen coded ASSAULT on BBC sport, business,
# entertainment or politics copy with no violence in it.
FIGURATIVE_FORCE = {"beat", "defeat", "overcome", "thrash", "rout", "trounce", "outclass", "edge", "crush", "hammer",
                    "whip", "match", "hit", "strike", "break", "struggle", "attack", "target", "bombard", "shoot",
                    "stun", "overshadow", "hang", "engage", "fight", "battle", "clash", "harm", "assault", "offensive",
                    "blitz", "storm", "wipe", "blast", "slam", "torpedo", "smash", "bury", "knock", "batter",
                    "pound", "raid", "fire", "lash", "savage", "lambast", "damage", "destroy", "shock", "offend",
                    "tear", "hurt", "pit", "combat", "rip"}
# the sports-result verbs: a state on each side is no evidence of force ("Scotland could have beaten France")
COMPETE_VERBS = {"beat", "defeat", "overcome", "thrash", "rout", "trounce", "outclass", "edge", "crush", "hammer",
                 "whip", "match"}
# a verbal attack on a person, party or policy (CAMEO 111, "criticize or denounce": PLOVER ACCUSE)
VERBAL_ATTACK = {"attack", "slam", "blast", "savage", "lambast", "lash", "hammer", "hit", "round", "clash"}
# words of physical violence that news seldom uses in another sense (not "attack", "fire", "blast", "shell", "tank",
# "injured", which sport, business and politics use): one in the sentence (the participants' words included: "gunmen
# attacked", "police beat") makes the force reading the plain one
VIOLENCE_WORDS = {
    "kill", "killing", "dead", "death", "wound", "wounded", "casualty", "casualties", "bomb", "bombing", "bomber",
    "explosion", "explosive", "shelling", "missile", "rocket", "artillery", "mortar", "grenade", "gun", "gunman",
    "gunmen", "gunfire", "rifle", "sniper", "bullet", "troop", "troops", "soldier", "army", "military", "militant",
    "militia", "insurgent", "rebel", "guerrilla", "guerrillas", "terrorist", "terror", "terrorism", "airstrike",
    "airstrikes", "warplane", "tanks", "war", "violence", "violent", "riot", "hostage", "massacre", "murder", "knife",
    "stab", "weapon", "weapons", "civilian", "civilians", "assassinate", "assassination", "suicide", "mugger", "mug",
    "thug", "torture", "ambush", "bloodshed", "siege", "chemical", "invasion", "insurgency", "police", "prisoner",
    "protester", "protesters", "demonstrator", "demonstrators", "navy", "warship", "gunship", "baton", "batons",
    "mob", "rioter", "rioters", "hooligan", "hooligans", "attacker", "attackers", "assailant", "assailants", "gang",
    "raider", "raiders", "extremist", "extremists", "jihadist", "jihadists", "paramilitary", "paramilitaries",
    "helicopter", "gunboat", "warplanes", "helicopters"}
# nouns that make "attack", "offensive", "assault" something else: a heart attack, a charm offensive
NOT_FORCE_MODIFIERS = {"heart", "asthma", "panic", "anxiety", "charm", "publicity", "advertising", "marketing",
                       "regulatory", "legal", "verbal", "media", "diplomatic", "pr"}
# a computer attack is PLOVER COERCE 'cyber' ("cyber attacks and crime, including hacking, security breaches,
# website attacks")
CYBER_WORDS = {"virus", "viruses", "worm", "worms", "hacker", "hackers", "hacking", "malware", "spyware", "trojan",
               "phishing", "website", "websites", "internet", "computer", "computers", "server", "servers", "cyber",
               "spam", "botnet", "denial", "ddos", "smartphone", "smartphones", "pc", "pcs", "software", "online",
               "network", "networks"}
# words that make the attack itself a computer one ("net attacks", "an online attack"), too common elsewhere ("a net
# 800,000 jobs") to stand for the sentence
CYBER_MODIFIERS = CYBER_WORDS | {"net", "web", "email", "e-mail"}
# nature is no assailant: "the rain which has lashed Los Angeles", "the tsunami struck"
NATURAL_FORCES = {"rain", "storm", "tsunami", "flood", "floods", "hurricane", "earthquake", "quake", "wind", "winds",
                  "snow", "drought", "typhoon", "cyclone", "tornado", "weather", "wave", "waves", "fire", "blaze"}
# the words of a match report: they veto a state against a state as evidence of force
SPORT_WORDS = {"match", "goal", "goals", "cup", "final", "finals", "semi-final", "quarter-final", "medal", "medals",
               "seed", "tournament", "league", "championship", "championships", "champion", "race", "minute",
               "trophy", "award", "awards", "prize", "squad", "coach", "olympic", "olympics", "innings", "wicket",
               "fixture", "striker", "rugby", "football", "tennis", "cricket", "athletics", "chart", "album",
               "nominated", "nomination", "oscar", "oscars", "bafta", "grammy", "brit", "brits", "round"}
ARMED_SECTORS = ARMED | {"MIL", "COP", "SPY", "CRM", "SEP", "RAD"}
# the verbs whose object says which sense is meant, and the objects that make it force: buildings, vehicles, camps,
# people (not "hit the shelves", "struck South Asia", "attacked the plans", "raided the dressing-up box")
PHYSICAL_VERBS = {"attack", "hit", "strike", "fight", "clash", "storm", "raid", "batter", "assault", "smash",
                  "damage", "destroy"}
PHYSICAL_TARGETS = {
    "home", "house", "office", "car", "convoy", "vehicle", "building", "embassy", "consulate", "station", "village",
    "town", "camp", "base", "patrol", "bus", "train", "ship", "boat", "plane", "aircraft", "mosque", "church",
    "temple", "synagogue", "hospital", "checkpoint", "barracks", "headquarters", "compound", "hotel", "restaurant",
    "shop", "farm", "bridge", "pipeline", "airport", "prison", "jail", "tanker", "vessel", "residence", "palace",
    "premises", "hideout", "position", "outpost", "area"}
HUMAN_TARGETS = {"man", "woman", "boy", "girl", "child", "people", "villager", "resident", "farmer", "journalist",
                 "reporter", "tourist", "pilgrim", "worshipper", "family", "refugee", "migrant", "officer", "guard",
                 "policeman", "fan", "supporter", "student", "worker", "passer-by", "bystander", "motorist",
                 "prisoner", "detainee", "protester", "demonstrator", "civilian"}
PHYSICAL_TARGETS |= HUMAN_TARGETS
STREET_NOUNS = {"street", "streets", "border", "frontier", "capital", "city", "town", "village", "camp", "province",
                "region", "district", "suburb", "square", "countryside", "mountains", "jungle", "desert"}
_SCORE = re.compile(r"\b\d{1,3}-\d{1,3}\b")


SPORT_MEETING_MODS = {"indoor", "outdoor", "athletics", "track", "race", "grand", "prix", "round", "golden", "diamond",
                      "gala", "galan", "domestic", "international"}


def _sport_meeting(ev: RawEvent) -> bool:
    """A "meeting" that is a sports contest or athletics event (its own modifiers, or sport words in the sentence or
    the two before it), with no state or government on either side: no consultation (CAMEO 04)."""
    t = ev.trigger
    if t.lemma_.lower() != "meeting" or _state(ev.actor, ev.actor_code) or _state(ev.target, ev.target_code):
        return False
    if any(c.lower_ in SPORT_MEETING_MODS and c.dep_ in ("amod", "compound", "nmod") for c in t.children):
        return True
    s0 = t.sent.start
    for _ in range(2):
        if s0 > 0:
            s0 = t.doc[s0 - 1].sent.start
    # (not the sport words that also belong to committees and talks: "minutes of the meeting", "a round of talks")
    return bool(_words(t.doc[s0:t.sent.end]) & (SPORT_WORDS - {"award", "awards", "prize", "nominated", "nomination",
                                                               "minute", "round", "final", "finals", "chart", "album"}))


# what kills or destroys without anyone's assault
NATURAL_CAUSES = DISASTERS | {"disease", "illness", "cancer", "accident", "crash", "heatwave", "cold", "frost"}


def _figurative_force(ev: RawEvent) -> Optional[str]:
    """For an ASSAULT whose trigger is one of FIGURATIVE_FORCE: None where the force reading stands, else what the
    words say instead: "cyber" (a computer attack: COERCE cyber), "accuse" (a verbal attack by someone named:
    ACCUSE), "drop" (no event: a sports result, prices hitting a high, a heart attack, a tsunami striking).

    The force reading stands on evidence: a word of violence in the event's own words (its phrase and participants),
    an armed participant, a building or people as the object, a state acting on another state, someone of a known
    country acting in a place named in the verb's phrase; for the sports-result verbs only the first two, or people
    of a kind beaten; never in a match report."""
    t = ev.trigger
    lem = t.lemma_.lower()
    if ev.actor and min(ev.actor, key=lambda x: len(list(x.ancestors))).lemma_.lower() in NATURAL_CAUSES:
        return "drop"   # "a prolonged drought has killed crops": no one's assault
    if lem not in FIGURATIVE_FORCE and t.lower_ not in FIGURATIVE_FORCE:
        # "launched an attack on the prime minister", "mounted a charm offensive": the noun says which sense
        t = next((c for c in t.children if c.dep_ == "dobj" and c.lemma_.lower() in ("attack", "assault", "offensive",
                                                                                      "raid", "blitz")), None)
        if t is None:
            return None
        lem = t.lemma_.lower()
    if any(c.lower_ in NOT_FORCE_MODIFIERS and c.dep_ in ("compound", "amod", "nmod") for c in t.children):
        return "drop"
    words = _words(x for x in t.sent if x.i != t.i and x.i != ev.trigger.i)
    sport = bool(words & SPORT_WORDS) or bool(_SCORE.search(t.sent.text))
    compete = lem in COMPETE_VERBS
    if lem in ("attack", "hack", "hijack", "raid", "assault"):
        # the sentence, or the two before it ("Attacks are getting more diffuse," said a security expert)
        s0 = t.sent.start
        for _ in range(2):
            if s0 > 0:
                s0 = t.doc[s0 - 1].sent.start
        near = {x.lower_ for x in t.doc[s0:t.sent.end]}
        mods = {x.lower_ for x in t.children if x.dep_ in ("compound", "amod", "nmod")}
        mods |= {m for x in t.children if x.dep_ in ("compound", "amod") for m in x.lower_.split("-")}
        if (near & CYBER_WORDS or mods & CYBER_MODIFIERS) and not words & (VIOLENCE_WORDS - {"police", "prisoner"}):
            return "cyber"
    if ev.actor and any(x.lemma_.lower() in NATURAL_FORCES for x in _heads(ev.actor)):
        return "drop"
    # (the event's own words: the trigger's phrase and the participants, not another clause of the sentence: "to match
    # levels last seen in the eighties, before the war with Iran")
    if compete:
        # a sports-result verb's own words are near it: "beat two journalists to death", "police beat demonstrators
        # with batons" (not "to match levels last seen before the war with Iran")
        near2 = [g for c in t.children for g in [c, *c.children]]
        own = [x for x in near2 if x.dep_ != "prep" or x.lower_ not in ("before", "after", "since", "until")]
        own += list(ev.actor or []) + list(ev.target or [])
    else:
        own = list(t.subtree) + list(ev.trigger.subtree) + list(ev.actor or []) + list(ev.target or [])
    if _words(own) & VIOLENCE_WORDS and not (compete and sport):
        return None
    if {ev.actor_code.sector, ev.target_code.sector} & ARMED_SECTORS or "IMG" in (ev.actor_code.code,
                                                                                   ev.target_code.code):
        return None
    if sport:
        return "drop"
    if lem in PHYSICAL_VERBS or compete:
        # "Residents attacked the mayor's home", "youths attacked two men", "settlers beat a Palestinian farmer": a
        # building or people as the object (for the sports-result verbs, people of a kind, not a named rival)
        objs = [c for c in t.children if c.dep_ in ("dobj", "nsubjpass")]
        objs += [g for c in t.children if c.dep_ == "prep" and c.lower_ in ("on", "against", "with")
                 for g in c.children if g.dep_ == "pobj"]
        if any(o.lemma_.lower() in (HUMAN_TARGETS if compete else PHYSICAL_TARGETS) for o in objs):
            return None
    if compete:
        return "drop"
    # "Russia attacked Georgia", "India struck targets inside Pakistan", "Hindus and Muslims clashed in Ahmedabad",
    # "students fought in the streets"
    # (the place named in the verb's phrase, not in its subject: "Stock markets in Indonesia and India have hit
    # all-time highs")
    own = {x.i for x in (ev.actor or [])} | {y.i for c in t.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")
                                               for y in c.subtree}
    placed = any((x.ent_type_ in ("GPE", "LOC") or x.dep_ == "pobj" and x.head.head.i == t.i
                  and x.head.lower_ in ("in", "on", "along", "near", "across") and x.lemma_.lower() in STREET_NOUNS)
                 and x.i not in own and _in_phrase(x, t) for x in t.subtree)
    coded = ev.actor is not None and (_country(ev.actor_code) or ev.actor_code.sector)
    if coded and placed or _state(ev.actor, ev.actor_code) and ev.target is not None and _country(ev.target_code) \
            and ev.target_code.code != ev.actor_code.code:
        return None
    prt = {c.lower_ for c in t.children if c.dep_ == "prt"}
    if lem in VERBAL_ATTACK and (prt == {"out"} if lem == "hit" else not prt) \
            and (ev.target is not None if ev.nominal else ev.actor is not None) and _verbal(ev, t):
        return "accuse"  # "The Tory co-chairman attacked Labour's pledges", "launches attack on Blair"
    if ev.nominal and ev.actor is None and ev.target is None and lem in ("attack", "assault", "raid"):
        return None  # "questioned over the attack", "during a late-night raid": what it was, the sentence does not say
    return "drop"


# Coercion verbs that business, sport and politics use for other things: takeovers ("Euronext to take over the London
# exchange"), titles ("captured her first WTA title"), boardrooms ("shareholders oust the management"), courts
# ("overturned a White Paper"), circumstance ("was forced to pull out"). Seen coded COERCE on BBC copy.
FIGURATIVE_COERCION = {"take", "seize", "capture", "oust", "remove", "force", "overturn", "exclude", "contain"}
# whom a government removes, forces or ousts: people, and those who rule
COERCED_PEOPLE = {"seeker", "asylum", "immigrant", "migrant", "refugee", "leader", "president", "government",
                  "regime", "premier", "ruler", "king", "dictator", "junta", "minister", "opposition", "dissident",
                  "activist", "journalist", "hostage", "prisoner", "detainee", "suspect",
                  # and the measures a state imposes or lifts ("removing the sanctions on Burma")
                  "sanction", "embargo", "ban", "restriction", "curfew", "blockade", "checkpoint", "troop", "force",
                  "barrier", "settlement", "settler"}


# what people demand of governments ("demands for the release of", "renewed demands for a referendum"), not what a
# market demands ("demand for steel")
DEMANDED = {"release", "withdrawal", "resignation", "removal", "return", "end", "independence", "referendum",
            "autonomy", "apology", "investigation", "inquiry", "compensation", "reform", "election", "ceasefire",
            "cease-fire", "talks", "justice", "extradition", "recognition", "sanction", "change", "action", "halt",
            "repeal", "retrial", "trial", "pullout", "freedom", "rights", "right", "explanation", "answer",
            "payment", "vote", "ban", "dialogue", "negotiation", "protection", "access", "asylum", "pay", "rise",
            "democracy", "government", "power", "say", "share", "status", "state", "settlement", "solution", "tax",
            "taxes", "reforms", "elections", "changes"}


MARKET_MODIFIERS = {"domestic", "consumer", "global", "strong", "weak", "rising", "falling", "slowing", "waning", "extra",
                    "final", "light", "cooling", "stagnant", "sluggish", "growing", "increasing", "huge", "high",
                    "low", "robust", "buoyant", "weaker", "stronger", "technology", "oil", "energy", "export",
                    "import", "customer", "market", "world", "overseas", "foreign", "local", "seasonal", "peak",
                    "soaring", "immediate", "consumers", "pent", "great", "higher", "lower", "increased", "reduced",
                    "underlying", "overall", "retail", "heavy", "healthy", "booming", "fuel", "power", "electricity",
                    "housing", "credit", "loan"}
MARKET_WORDS = {"price", "sale", "market", "growth", "profit", "economy", "consumer", "import", "export", "supply",
                "revenue", "earnings", "output", "production", "shares", "stock", "investor", "product", "goods",
                "customer", "retail", "retailer", "bandwidth", "capacity", "commodity", "cost", "inflation"}


# sellers: a firm "offering" a service or shares is selling, not agreeing to cooperate (PLOVER AGREE)
SELLERS = FIRM_NOUNS - {"group"} | {"website", "site", "provider", "store", "shop", "network", "seller", "vendor",
                                    "service"}


def _commercial_offer(ev: RawEvent) -> bool:
    """An AGREE on "offer" whose offerer is a business ("US firm Vonage also offers a Voip service", "Photo giants
    such as Kodak offer website storage", "websites which offer pirated copies"), with no state or international
    body on the other side."""
    t = ev.trigger
    if t.lemma_.lower() != "offer" or ev.actor is None:
        return False
    # the head, or the noun naming it ("US firm Vonage")
    words = [w for h in _heads(ev.actor) for w in [h, *(c for c in h.children if c.dep_ in ("compound", "appos"))]]
    business = ev.actor_code.sector == "BUS" or any(w.lemma_.lower() in SELLERS for w in words)
    return business and not _state(ev.target, ev.target_code)


def _figurative_request(ev: RawEvent) -> bool:
    """A nominal REQUEST that is a market's demand or a telephone call: a demand with no participant and a market's
    signs ("domestic demand", "demand for steel has risen … record profits", "games-on-demand"), and no owner or
    political object; a call with nothing called for ("make free calls", "a conference call": no "for", "on", "to"
    or clause after it)."""
    t = ev.trigger
    lem = t.lemma_.lower()
    if lem == "demand":
        if _market_demand(t):
            return True   # said so by the words around it, whoever the parse made its participants
        if ev.actor is not None or ev.target is not None:
            return False
        # a market's demand is said so: an economic modifier ("domestic demand", "waning demand"), "on demand", or
        # the words of markets around it ("demand for steel has risen ... record profits"); a political demand
        # says who demands or what is to be done ("an EU demand for Turkey to recognise Cyprus", "its demand",
        # "demands for the release of")
        if any(c.lemma_.lower() in MARKET_MODIFIERS or c.lower_ in MARKET_MODIFIERS for c in t.children
               if c.dep_ in ("amod", "compound")):
            return True
        for c in t.children:
            if c.dep_ == "poss" or c.dep_ in ("compound", "nmod", "amod") and c.ent_type_ in ("NORP", "GPE", "ORG",
                                                                                                "PERSON"):
                return False
            if c.dep_ in ("acl", "ccomp") or c.dep_ == "prep" and c.lower_ == "by" or c.dep_ == "prep" and any(
                    g.dep_ in ("acl", "relcl") or g.ent_type_ in ("GPE", "ORG", "PERSON", "NORP")
                    or g.lemma_.lower() in DEMANDED or any(k.dep_ in ("acl", "ccomp") for k in g.children)
                    for g in c.children if g.dep_ == "pobj"):
                return False
        if t.head.lower_ == "on" or "on-demand" in t.sent.text.lower():
            return True
        words = {x.lemma_.lower() for x in t.sent}
        return bool(words & MARKET_WORDS)
    if lem == "call":
        return not any(c.dep_ in ("prep", "acl", "relcl") and c.lower_ in ("for", "on", "to") or c.dep_ == "acl"
                       for c in t.children)
    return False


def _figurative_coercion(ev: RawEvent) -> bool:
    """A COERCE whose trigger is one of FIGURATIVE_COERCION, with no evidence of coercion: no word of violence in the
    sentence, no armed participant, no building, place or person of the kinds a state seizes, removes or ousts as
    its object, no state or state agency acting."""
    t = ev.trigger
    lem = t.lemma_.lower()
    if lem not in FIGURATIVE_COERCION:
        return False
    words = _words(x for x in t.sent if x.i != t.i)
    if words & VIOLENCE_WORDS or {ev.actor_code.sector, ev.target_code.sector} & ARMED_SECTORS:
        return False
    if words & SPORT_WORDS or _SCORE.search(t.sent.text):
        return True  # "the Spaniard ousted sixth seed Filippo Volandri 4-6 6-3 6-4"
    objs = [c for c in t.children if c.dep_ in ("dobj", "nsubjpass")]
    objs += [g for c in t.children if c.dep_ == "prep" and c.lower_ in ("of", "from") for g in c.children
             if g.dep_ == "pobj"]
    objs += [g for o in list(objs) for g in o.children if g.dep_ == "compound"]
    if any(o.lemma_.lower() in PHYSICAL_TARGETS or o.lemma_.lower() in COERCED_PEOPLE for o in objs):
        return False
    # a state or one of its agencies coerces ("China is censoring Google News to force internet users to …", "the
    # site has been taken over by the US Secret Service"); a firm of a known country does not ("Russian oil merger
    # excludes Yukos")
    return not _state(ev.actor, ev.actor_code, ("GOV", "MIL", "COP", "SPY", "JUD"))


# Verbs of giving and helping that the CAMEO dictionary files as aid wherever they occur: "gave interviews to the
# BBC", "helped lift Channel 4's ratings", "to give people a feeling", "Vodafone ... to protect children from adult
# content", "adidas to supply Great Britain squads with their kit". Seen coded AID on BBC copy.
GENERIC_AID = {"give", "help", "provide", "deliver", "supply", "protect", "defend", "look", "rescue", "safeguard",
               "add", "accept", "intervene", "offer", "grant", "extend"}
# what aid is made of (PLOVER AID: economic, military, humanitarian, peacekeeping, asylum)
AID_MATERIAL = {"aid", "money", "fund", "funds", "funding", "loan", "loans", "grant", "grants", "credit", "credits",
                "assistance", "relief", "food", "medicine", "medicines", "medical", "supplies", "shelter", "asylum",
                "refuge", "tent", "tents", "blanket", "blankets", "water", "equipment", "peacekeeper", "peacekeepers",
                "vaccine", "vaccines", "pill", "pills", "drug", "drugs", "debt", "donation", "donations", "cash",
                "subsidy", "subsidies", "escort"}


def _figurative_aid(ev: RawEvent) -> bool:
    """An AID whose trigger is a generic verb of giving or helping (GENERIC_AID) with no sign of aid: nothing aid is
    made of, no sum of money, no weapon or word of violence, no state or international body on either side ("China
    lent Russia $6bn to help the Russian government" stays)."""
    t = ev.trigger
    if t.lemma_.lower() not in GENERIC_AID:
        return False
    if any(c.dep_ == "dobj" and c.lemma_.lower() in GIVEN_NOT_AID for c in t.children):
        return True   # "has given a speech", "would have given Spain the title": nothing handed over, whoever gives
    scope = list(t.subtree)
    words, sent = _words(scope), _words(t.sent)
    if words & AID_MATERIAL or words & MILITARY_WORDS or sent & VIOLENCE_WORDS:
        return False
    if any(x.ent_type_ == "MONEY" for x in scope) or t.dep_ in ("acl", "relcl") and t.head.ent_type_ == "MONEY":
        return False  # "give hundreds of millions of pounds", "the £50m given by the government"
    if {ev.actor_code.sector, ev.target_code.sector} & ARMED_SECTORS:
        return False
    if sent & {"humanitarian", "aid", "relief", "donor", "donors"}:
        return False  # "pills currently provided to developing nations under a humanitarian scheme"
    # a state or international body giving or helping, or given or helped ("pledged to help Afghanistan rebuild"),
    # except in the plainly commercial senses ("China adding 178 million new PCs")
    return t.lemma_.lower() in ("add", "look") or not (_state(ev.actor, ev.actor_code)
                                                       or _state(ev.target, ev.target_code))


def _words(toks) -> set[str]:
    """The lower-case forms and lemmas of some tokens, for matching against the word lists above."""
    return {x.lower_ for x in toks} | {x.lemma_.lower() for x in toks}


def _state(toks: Optional[list[Token]], c: Coded, sectors: tuple = ("GOV", "MIL")) -> bool:
    """A state (or an international body) itself, or its government or forces: a country code with no sector or one
    of ``sectors``, and, where no sector says so, a place, body or nationality at the phrase's head ("Great Britain
    squads", a team, is no state)."""
    if not toks or not (c.code == "IGO" or _country(c) and c.sector in (None, *sectors)):
        return False
    return c.sector is not None or _heads(toks)[0].ent_type_ in ("GPE", "ORG", "NORP")


_PHRASE_DEPS = {"pobj", "prep", "dobj", "compound", "amod", "poss", "appos", "nmod", "det", "case", "pcomp",
                "npadvmod", "nummod", "quantmod", "punct"}


def _in_phrase(x: Token, t: Token) -> bool:
    """``x`` hangs from ``t`` through its objects and prepositional phrases only (not through a conjoined or
    subordinate clause: "… have hit all-time highs; even in Sri Lanka, the main index has lost …")."""
    while x.i != t.i:
        if x.dep_ not in _PHRASE_DEPS or x.head.i == x.i:
            return False
        x = x.head
    return True


def _verbal(ev: RawEvent, t: Token) -> bool:
    """An attack (the word ``t``) made in words: by a named person or body or one of its office-holders ("Lord
    Butler", "the Tory co-chairman"), on a named one or on what it said or plans ("Labour's pledges", "Mr Blair's
    words"), or "as" something ("attacked the plans as vacuous"). A clash is one in words only over something
    ("clashed over tax", "clashed with the magazine for publishing"): two clubs clash on the pitch."""
    for c in t.children:
        if c.dep_ != "prep":
            continue
        kids = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
        # "attacked the plans as vacuous", "clashed over tax", "attacked him for ignoring" (not "for the past week")
        if c.lower_ == "as" and t.pos_ == "VERB" \
                or c.lower_ == "over" and not any(g.ent_type_ in ("DATE", "TIME") for g in kids) \
                or c.lower_ == "for" and any(g.tag_ == "VBG" for g in kids):
            return True
    if t.lemma_.lower() == "clash":
        return False
    for toks, c in ((ev.actor, ev.actor_code), (ev.target, ev.target_code)):
        if toks and (any(x.ent_type_ in ("PERSON", "ORG") for x in toks) or c.sector in SPEAKER_SECTORS):
            return True
    objs = [c for c in t.children if c.dep_ == "dobj"]
    objs += [g for c in t.children if c.dep_ == "prep" and c.lower_ in ("on", "against") for g in c.children
             if g.dep_ == "pobj"]
    return any(o.lemma_.lower() in SAID_NOUNS for o in objs)


# office-holders and bodies whose attacks are made in words
SPEAKER_SECTORS = {"GOV", "ELI", "OPP", "LEG", "JUD", "MED", "BUS", "LAB", "EDU", "NGO", "HRI", "IGO", "PTY", "ENV"}
# what is attacked in words: a plan, a policy, what someone said
SAID_NOUNS = {"plan", "pledge", "policy", "proposal", "remark", "comment", "word", "record", "decision", "budget",
              "bill", "law", "reform", "strategy", "statement", "speech", "claim", "idea", "approach", "handling",
              "leadership", "government", "party", "campaign", "manifesto", "tax", "scheme", "report", "lie",
              "view", "stance", "position", "response", "move", "deal", "way"}


def _political(ev: RawEvent) -> bool:
    """Has a participant that codes as a country, IGO or sector ("Moscow",
    "officials", "20 people") or that spaCy tags as a place or nationality.
    (Names alone are not enough: "Arsenal beat Chelsea" is no assault.)"""
    for toks, c in ((ev.actor, ev.actor_code), (ev.target, ev.target_code)):
        if c.code or c.sector:
            return True
        if toks and any(t.ent_type_ in ("GPE", "NORP") for t in toks):
            return True
    passive_violence = ev.actor is None and ev.trigger.lemma_.lower() in UNAMBIGUOUS_FORCE and any(
        c.dep_ in ("nsubjpass", "auxpass") for c in ev.trigger.children)
    if ev.type in ("PROTEST", "COERCE", "ASSAULT") and not ev.nominal and (ev.actor is not None or passive_violence):
        # "prisoners rioted at a jail in Dili": the place names the country (PLOVER's location
        # convention codes the participants from it); so does it for "Mary Hanlon was abducted in Baghdad"
        for c in ev.trigger.children:
            if c.dep_ == "prep" and c.lower_ in LOC_PREPS | {"through"} and any(
                    x.ent_type_ == "GPE" and x.pos_ == "PROPN" for x in c.subtree):
                return True
    return False


def _fill_verb(ev: RawEvent) -> None:
    v = ev.trigger
    subj = _subject(v)
    psubj = _passive_subject(v)
    if psubj is not None and _committed_to_act(v):
        subj, psubj = psubj, None   # "Vietnam is committed to …": the committed one acts
    actor = subj if subj is not None and subj is not psubj else None
    if psubj is not None and actor is None:
        # passive without agent: the subject is the target
        pass
    tgt = _target(v, actor, psubj)
    if tgt is not None and actor is not None and ev.type in SYMMETRIC and tgt.dep_ == "pobj" \
            and tgt.head.lower_ in ("on", "over", "for"):
        # "Major and Reynolds signed a declaration on Northern Ireland": the partner, not the topic
        conj = next((c for c in actor.children if c.dep_ == "conj"), None)
        if conj is not None and _country(code_tokens(np_tokens(conj))):
            tgt = conj
    if tgt is None and actor is not None and ev.type in SYMMETRIC:
        conj = next((c for c in actor.children if c.dep_ == "conj"), None)
        if conj is not None and code_tokens(np_tokens(conj)).code:
            tgt = conj
    if actor is not None:
        ev.actor, ev.actor_code = code_np(actor)
        poss = next((c for c in actor.children if c.dep_ == "poss" and c.lower_ in ("its", "their")), None)
        if ev.actor_code.code is None and poss is not None:
            # "Iraq said its warplanes attacked …": the possessive is the speaker's
            g = v
            while g.dep_ in ("ccomp", "xcomp", "conj") and g.head.i != g.i:
                g = g.head
                outer = next((k for k in g.children if k.dep_ == "nsubj" and k.lower_ not in PRONOUNS), None)
                if outer is not None:
                    oc = code_np(outer)[1]
                    if _country(oc) or oc.sector == "IGO":
                        ev.actor_code = Coded(oc.code, ev.actor_code.sector or oc.sector, poss.idx,
                                              poss.idx + len(poss.text))
                    break
    if tgt is not None and tgt is not actor:
        ev.target, ev.target_code = code_np(tgt)
    elif tgt is None and actor is not None:
        _split_joint(ev, actor)


def _split_joint(ev: RawEvent, actor: Token) -> None:
    """"Russian and American diplomats held talks", "Indian and Pakistani troops
    exchanged fire": in a symmetric event the first state is the actor, the second
    the target."""
    if ev.type not in SYMMETRIC or ev.target is not None:
        return
    mods = [c for c in actor.children if c.dep_ in ("amod", "compound", "nmod") and c.i < actor.i]
    mods += [k for c in mods for k in c.children if k.dep_ == "conj"]
    coded = [(m, code_tokens([m])) for m in sorted(mods, key=lambda x: x.i)]
    coded = [(m, c) for m, c in coded if _country(c)]
    if len({c.code for _, c in coded}) >= 2:
        first = coded[0]
        second = next((m, c) for m, c in coded if c.code != first[1].code)
        ev.actor_code = Coded(first[1].code, ev.actor_code.sector, ev.actor_code.start, ev.actor_code.end)
        ev.target = [second[0]]
        ev.target_code = Coded(second[1].code, ev.actor_code.sector, second[0].idx, second[0].idx + len(second[0].text))


TRAVEL_VERBS = {"fly", "travel", "arrive", "go", "come", "head", "return", "leave", "set", "depart", "journey"}


def _fill_nominal(ev: RawEvent) -> None:
    n = ev.trigger
    actor = target = None
    coded_mods = []
    for c in n.children:
        if c.dep_ == "poss":
            actor = c
        elif c.dep_ in ("compound", "amod", "nmod") and c.i < n.i:
            if code_tokens(np_tokens(c) if c.dep_ != "amod" else [c]).code:
                coded_mods.append(c)
        elif c.dep_ == "prep":
            for g in c.children:
                if g.dep_ != "pobj" or g.ent_type_ in ("DATE", "TIME"):
                    continue  # ("on Wednesday" is a date, not a target)
                if c.lower_ == "by" and actor is None:
                    actor = g
                elif c.lower_ == "between" and actor is None:
                    actor = g
                    target = next((k for k in g.children if k.dep_ == "conj"), target)
                elif c.lower_ in ("on", "against", "with", "to", "between", "in", "of") and target is None:
                    if c.lower_ in ("in", "of") and code_tokens(np_tokens(g)).sector is None:
                        continue  # "attacks in Kabul": a place, not a target
                    if code_tokens(np_tokens(g)).code or g.pos_ == "PROPN":
                        target = g
    if actor is None:
        # "a meeting in September 2015 between A and B": the parser often hangs
        # "between" on the date or on the verb governing the noun
        cands = [x for x in n.subtree if x.dep_ == "prep" and x.lower_ == "between" and x.head.i != n.i
                 and x.head.pos_ in ("NOUN", "PROPN", "NUM")]
        anc = n.head if n.dep_ == "pobj" else None
        if anc is not None and anc.head.i != anc.i:
            cands += [x for x in anc.head.children if x.dep_ == "prep" and x.lower_ == "between" and x.i > n.i]
        for x in cands[:1]:
            g = next((k for k in x.children if k.dep_ == "pobj"), None)
            if g is not None:
                actor = g
                target = next((k for k in g.children if k.dep_ == "conj"), target)
    if actor is None and coded_mods:
        actor = coded_mods[0]
    if actor is not None and actor.pos_ == "PRON" and n.dep_ == "dobj" and n.head.pos_ == "VERB":
        actor = None  # "Israel mounted its invasion": its = the light verb's subject
    if actor is None and n.dep_ == "dobj" and n.head.pos_ == "VERB":
        # "X held talks with Y", "X launched an attack on Y": the light verb's subject acts
        actor = _subject(n.head)
        if target is None and len(coded_mods) > 1:
            target = coded_mods[1]
    if actor is None and n.dep_ == "pobj" and n.head.lower_ in ("under", "into") and n.head.head.pos_ == "VERB" \
            and ev.type in ("COERCE", "ASSAULT"):
        # "placed the opposition leader under house arrest", "took them into custody"
        v = n.head.head
        actor = _subject(v)
        if target is None:
            target = next((c for c in v.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if actor is None and ev.type == "CONSULT" and n.dep_ == "pobj" and n.head.lower_ == "for" \
            and n.head.head.lemma_.lower() in TRAVEL_VERBS:
        # "flew to Damascus on Monday for talks with Assad": the traveller holds the talks
        actor = _subject(n.head.head)
    if target is None and ev.type in ("REQUEST", "ACCUSE", "THREATEN"):
        # "its demand that Israel ease …", "reiterated its demand … that Israel ease": who is to act
        holders = [n] + ([n.head] if n.dep_ == "dobj" else [])
        for h in holders:
            cl = next((c for c in h.children if c.dep_ in ("ccomp", "acl", "advcl")
                       and any(m.lower_ in ("that", "for") and m.dep_ == "mark" for m in c.children)), None)
            subj = next((k for k in cl.children if k.dep_ in ("nsubj", "nsubjpass")), None) if cl is not None else None
            if subj is not None and subj.lower_ not in PRONOUNS:
                target = subj
                break
    if actor is not None:
        ev.actor = [actor] if actor.dep_ in ("compound", "amod") and actor in coded_mods else np_tokens(actor)
        ev.actor_code = code_tokens(ev.actor)
    if target is not None:
        ev.target = [target] if target in coded_mods else np_tokens(target)
        ev.target_code = code_tokens(ev.target)
    elif actor is not None and actor.dep_ not in ("compound", "amod"):
        _split_joint(ev, actor)


# ------------------------------------------------------------------ records


def _text(doc: Doc) -> str:
    return doc_text(doc)


def _span(doc: Doc, toks: list[Token]) -> Span:
    s = toks[0].idx
    e = toks[-1].idx + len(toks[-1].text)
    return Span.of(_text(doc), s, e)


def _relative_antecedent(t: Token) -> Optional[tuple[str, tuple[int, int]]]:
    """A relative pronoun's noun phrase, as the sources component gives a personal pronoun's: "the militia, who
    armed …" → ("the militia", (start, end))."""
    if t.lower_ not in ("who", "which", "that", "whom"):
        return None
    v = t.head
    while v.dep_ not in ("relcl", "acl") and v.head.i != v.i and v.dep_ in ("xcomp", "ccomp", "conj", "aux"):
        v = v.head   # "who have sworn to fight …": the pronoun is the subject of the clause's first verb
    if v.dep_ != "relcl" or v.head.pos_ not in ("NOUN", "PROPN"):
        return None
    np = np_tokens(v.head)
    return t.doc[np[0].i:np[-1].i + 1].text, (np[0].idx, np[-1].idx + len(np[-1].text))


def _actor(doc: Doc, toks: Optional[list[Token]], coded: Coded, implicit: bool = False) -> Optional[Actor]:
    if not toks:
        return None
    sp = _span(doc, toks)
    resolved = None
    if len(toks) == 1 and not implicit:
        # a pronoun the sources component resolved ("He accused the government …" after "Michael Howard said …"):
        # the name it stands for, and that name's code where the pronoun has none
        ante = (doc._.st_antecedents or {}).get(toks[0].i) or _relative_antecedent(toks[0])
        if ante is not None:
            named = code_text(doc, *ante[1])
            if coded.code is None or named.code in (None, coded.code):   # (not against the events' own reading)
                resolved = ante[0]
                if coded.code is None:
                    coded = named
    return Actor(start=sp.start, end=sp.end, text=sp.text, code=coded.code, sector=coded.sector, implicit=implicit,
                 resolved=resolved)


def _attach(doc: Doc, items, triggers: dict[int, int], avoid: dict[int, list[tuple[int, int]]]):
    """item → event index: the first event trigger on the item's way up the parse."""
    out: dict[int, object] = {}
    for item in items or []:
        sp = doc.char_span(item.start, item.end, alignment_mode="expand")
        if sp is None:
            continue
        tok = sp.root
        seen = 0
        while seen < 8:
            if tok.i in triggers:
                k = triggers[tok.i]
                if k not in out and not any(s < item.end and item.start < e for s, e in avoid.get(k, [])):
                    out[k] = item
                break
            if tok.head.i == tok.i or (tok.pos_ == "VERB" and tok.i not in triggers and seen > 0):
                break
            tok = tok.head
            seen += 1
    return out


def _overlaps(item, sp) -> bool:
    return sp is not None and item.start < sp.end and sp.start < item.end


def _locative(doc: Doc, p) -> bool:
    """A place used as the event's location ("in Kabul", "the Kabul bombing"),
    not as a possessor or an argument ("the U.S.' enemy", "Moscow denies")."""
    sp = doc.char_span(p.start, p.end, alignment_mode="expand")
    if sp is None:
        return False
    r = sp.root
    if r.dep_ == "pobj":
        return r.head.lower_ in LOC_PREPS
    return r.dep_ in ("compound", "npadvmod", "appos") and r.head.pos_ in ("NOUN", "PROPN")


def _time_fallbacks(doc: Doc, raw: list[RawEvent], events: list[Event], dates) -> None:
    """A date right next to the trigger ("a meeting in September 2015", "the
    2015 meeting"); a "when" clause takes the date of its main clause
    ("began in 2007, when the Taliban reached out")."""
    if not dates:
        return
    for r, e in zip(raw, events):
        if e.time is not None:
            continue
        t = r.trigger
        sent = t.sent
        for d in dates:
            if d.start < sent.start_char or d.end > sent.end_char or _overlaps(d, e.actor) or _overlaps(d, e.target):
                continue
            sp = doc.char_span(d.start, d.end, alignment_mode="expand")
            if sp is None:
                continue
            if r.nominal and (0 < sp.start - t.i <= 3 or 0 <= t.i - sp.end <= 1):
                e.time = d
                break
        if e.time is None and t.dep_ == "relcl" and any(c.lower_ == "when" for c in t.children):
            # "in 2007, when the Taliban reached out": the date the clause hangs from
            for d in dates:
                sp = doc.char_span(d.start, d.end, alignment_mode="expand")
                if sp is not None and sp.start <= t.head.i < sp.end:
                    e.time = d
                    break
        if e.time is not None or t.dep_ != "advcl":
            continue
        if not any(c.lower_ == "when" and c.dep_ == "advmod" for c in t.children):
            continue
        main = t.head
        for d in dates:
            sp = doc.char_span(d.start, d.end, alignment_mode="expand")
            if sp is None:
                continue
            a, hops = sp.root, 0
            while a.head.i != a.i and a.i != main.i and hops < 4:
                a = a.head
                hops += 1
            if a.i == main.i and not (t.left_edge.i <= sp.root.i <= t.right_edge.i):
                e.time = d
                break


def _place_fallbacks(doc: Doc, raw: list[RawEvent], events: list[Event], places) -> None:
    """"the capital Kabul, where a series of attacks ...": the place a
    "where" clause hangs from."""
    if not places:
        return
    for r, e in zip(raw, events):
        if e.place is not None:
            continue
        a, hops = r.trigger, 0
        while a.head.i != a.i and hops < 4:
            if a.dep_ == "relcl" and any(c.lower_ == "where" for c in a.children):
                head = a.head
                for p in places:
                    sp = doc.char_span(p.start, p.end, alignment_mode="expand")
                    if sp is not None and sp.start <= head.i < sp.end:
                        e.place = p
                        break
                break
            a = a.head
            hops += 1


# "deny supporting X" also denies material support: these are one proposition
_COMPAT = [{"SUPPORT", "AID", "COOPERATE"}]


def _same_prop(a: Event, b: Event) -> bool:
    if a.type != b.type and not any(a.type in g and b.type in g for g in _COMPAT):
        return False

    def ok(x, y):
        return x is None or y is None or x.code is None or y.code is None or x.code == y.code

    if not (ok(a.actor, b.actor) and ok(a.target, b.target)):
        return False
    shared = [(x, y) for x, y in ((a.actor, b.actor), (a.target, b.target))
              if x is not None and y is not None and x.code and y.code]
    return bool(shared)


# CAMEO's unspecified top-level codes (040 consult, 060 cooperate materially, 130 threaten, …) read
# from the verb alone: the dictionary knew no more than the verb ("rule", "handle", "compete", "warn").
# Force (180-200) is kept: "attacked", "fought" name the act, and force has its own checks for figurative uses
# (_figurative_force). Verbs the project's table reads alone ("urged", "rejected", "vowed") are no default here.
_VAGUE_KEPT = {"180", "190", "200"}


def _confidence(r: RawEvent) -> str:
    """'low' for a dictionary default read as an unspecified act, unless a state, an armed group or
    an international organisation acts ("Moscow is supporting …", "the EU pledged …") or two
    different countries take part ("the US company agreed with a new Indian airline …")."""
    code = r.code or ""
    if not (r.by_default and not r.nominal and len(code) == 3 and code.endswith("0") and code not in _VAGUE_KEPT):
        return "high"
    p = plover(code)
    if p is None or p[0] != r.type:
        return "high"   # a rule read more into it ("have sworn to fight": a threat)
    a, t = r.actor_code if r.actor else None, r.target_code if r.target else None
    if a is not None and (a.code and a.sector in ("GOV", "MIL") or a.sector in ("IGO", "REB")):
        return "high"
    return "high" if a is not None and t is not None and a.code and t.code and a.code != t.code else "low"


# sectors of political actors: an article none of whose events names one (nor sets two countries against each other)
# is a sports report, a product launch, a film review: its "events" are the dictionaries reading other language as
# politics ("Barcelona snatched a late win at Albacete", "the world number two hangs in")
POLITICAL_SECTORS = {"GOV", "MIL", "ELI", "IGO", "REB", "LEG", "JUD", "COP", "OPP", "PTY", "SPY", "UAF"}
# (only over an article's worth of text: one sentence, "Israeli tanks fired four shells at targets in Jericho", has too
# little context to say that no political actor takes part)
ARTICLE_SENTENCES = 5


def _names_political_actor(raw: list[RawEvent]) -> bool:
    for r in raw:
        named = [c for toks, c in ((r.actor, r.actor_code), (r.target, r.target_code)) if toks]
        if any(c.sector in POLITICAL_SECTORS for c in named):
            return True
        if len(named) == 2 and named[0].code and named[1].code and named[0].code != named[1].code:
            return True
    return False


def build_events(doc: Doc, raw: Optional[list[RawEvent]] = None) -> list[Event]:
    raw = extract(doc) if raw is None else raw
    events: list[Event] = []
    for k, r in enumerate(raw):
        t = r.trigger
        events.append(Event(
            id=f"e{k + 1}", type=r.type, mode=r.mode or None,
            trigger=Span.of(_text(doc), t.idx, t.idx + len(t.text)),
            actor=_actor(doc, r.actor or r.actor_implicit, r.actor_code, implicit=not r.actor),
            target=_actor(doc, r.target or r.target_implicit, r.target_code, implicit=not r.target),
            modality=r.modality, confidence=_confidence(r),
        ))
    if not events:
        return events
    if not _names_political_actor(raw) and sum(1 for _ in doc.sents) >= ARTICLE_SENTENCES:
        for e in events:
            e.confidence = "low"
    triggers = {r.trigger.i: k for k, r in enumerate(raw)}
    # (a participant supplied by a convention, "the country where it happens", is no reason
    # to drop that place as the event's place)
    avoid = {k: [(a.start, a.end) for a, toks in ((e.actor, raw[k].actor), (e.target, raw[k].target))
                 if a is not None and toks] for k, e in enumerate(events)}
    dates = _attach(doc, getattr(doc._, "st_dates", None), triggers, avoid)
    places = _attach(doc, [p for p in (getattr(doc._, "st_places", None) or []) if _locative(doc, p)],
                     triggers, avoid)
    for k, e in enumerate(events):
        if k in dates:
            e.time = dates[k]
        if k in places:
            e.place = places[k]
    _time_fallbacks(doc, raw, events, getattr(doc._, "st_dates", None) or [])
    _place_fallbacks(doc, raw, events, getattr(doc._, "st_places", None) or [])
    # statements
    stmts = getattr(doc._, "st_statements", None) or []
    denials: list[tuple[int, str]] = []
    for st in stmts:
        for k, e in enumerate(events):
            cue = getattr(st, "cue", None)
            # the content holds the trigger, or the cue does ("continues to deny supporting")
            if any(c.start <= e.trigger.start and e.trigger.end <= c.end for c in st.content) or \
                    (cue is not None and cue.start <= e.trigger.start and e.trigger.end <= cue.end
                     and (cue.start, cue.end) != (e.trigger.start, e.trigger.end)):
                if st.id not in e.statements:
                    e.statements.append(st.id)
                if st.stance == "denies" and e.modality in ("asserted", "alleged"):
                    e.modality = "denied"
                elif e.modality == "asserted" and st.stance in ("asserts", "speculates", "questions") \
                        and st.kind != "unattributed" and st.source is not None:
                    # reported, not established: on the source's word
                    e.modality = "alleged"
                if st.stance == "denies" or e.modality == "denied":
                    denials.append((k, st.id))
    for k, sid in denials:
        if sid not in events[k].denied_by:
            events[k].denied_by.append(sid)
    for k, e in enumerate(events):
        if e.modality != "denied":
            continue
        ids = [sid for kk, sid in denials if kk == k]
        for j, other in enumerate(events):
            if j != k and other.modality != "denied" and _same_prop(e, other):
                for sid in ids:
                    if sid not in other.statements:
                        other.statements.append(sid)
                    if sid not in other.denied_by:
                        other.denied_by.append(sid)
                for sid in other.statements:
                    if sid not in e.statements and sid not in ids:
                        e.statements.append(sid)
                        if sid in other.denied_by:  # another denial of the same proposition
                            e.denied_by.append(sid)
    return events


@Language.component("sourcetrace_events")
def events_component(doc: Doc) -> Doc:
    doc._.st_events = build_events(doc)
    return doc
