"""Describe, type and resolve the sources of statements.

``describe_sources(doc, statements)`` fills each statement's ``source`` with:

* ``named`` – the span's head is a proper name (``"Gen. John W. Nicholson Jr."``, ``"the Russian Embassy"``),
  not a description (``"a senior Taliban official"``, ``"a BBC analysis"``) or a pronoun;
* ``type`` – by these rules, first match wins:

  1. ``pronoun``: the span is a pronoun (he, she, they, it, his, who, which, I, we …);
  2. the head is a common noun: a document noun (report, analysis, figures, poll, documents …) →
     ``document``; a person noun (official, source, diplomat, commander, expert …) → ``person``
     when the span also holds a person's name or is a definite title that refers back to a
     named person ("the general", "the president"), else ``anonymous``; a media noun
     (newspaper, network …) → ``media``; a government noun (embassy, ministry, administration,
     court, police …) → ``government``; an organisation noun (campaign, company, party …) →
     ``organisation``;
  3. the head is a name: a person (spaCy PERSON, a title such as "Gen."/"Sen."/"Mr." before it,
     or the surname of a person named earlier) → ``person``; a known outlet or a name ending in
     Times/Post/News/Journal … → ``media``; the Kremlin, the White House, a ministry, an embassy,
     a country or capital used as a speaker (GPE) → ``government``; any other ORG/NORP
     (Google, the Taliban, Republicans) → ``organisation``;
  4. otherwise ``unknown``.

* ``resolved``/``resolved_span`` – the full name (first fullest mention) of the person or body the
  span refers to: pronouns by salience, partial names ("Nicholson") by surname, definite titles
  ("the general") by the roles the article gives people, definite descriptions ("the official") by
  the earlier description with the same head noun;
* ``anonymous``/``anonymity`` – for unnamed people: role (head noun), affiliation (proper-name
  modifiers: "Taliban", "Russian Foreign Ministry") and place ("in Afghanistan's Helmand region" →
  Helmand; "based in Islamabad" → Islamabad);
* ``description`` – the role words the text gives a named source (apposition or title);

and ``told_to`` (the outlet a statement was made to: "told The Media Line", "in an interview with CNN",
"When contacted by The Media Line").

Pronoun resolution is hand-written: the coreference libraries on PyPI either need torch and a
model download (fastcoref, maverick-coref, spacy-experimental's coref, allennlp) or fetch their
weights from GitHub at install time (coreferee's ``python -m coreferee install en``), which this
project cannot do. The resolver below is a Lappin–Leass-style salience model: every preceding
mention of an entity adds weight for recency (halved per sentence), subjecthood, not being
embedded in another phrase, and having been the source of a statement; candidates must agree in
number and gender (gender from titles, role words and first names via the ``gender-guesser``
package's name list).
"""

from __future__ import annotations

import bisect
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

import numpy
from spacy.attrs import LOWER, POS
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc, Span as SpacySpan, Token

from ..nlp.doc import boilerplate_ranges, doc_text
from ..model import Anonymity, Source, Span, Statement


@lru_cache(maxsize=1)
def _lex() -> dict:
    path = Path(__file__).resolve().parent.parent / "data" / "sources" / "lexicon.json"
    with path.open(encoding="utf-8") as f:
        raw = json.load(f)
    lex = {k: (set(v) if isinstance(v, list) else v) for k, v in raw.items() if not k.startswith("_")}
    return lex


@lru_cache(maxsize=1)
def _gender_detector():
    try:
        import gender_guesser.detector as gd
    except ImportError:  # pragma: no cover - declared dependency
        return None
    return gd.Detector(case_sensitive=False)


@lru_cache(maxsize=65536)   # (the detector's three lookups cost about 25 µs a name; names repeat across articles)
def _first_name_gender(name: str) -> str:
    over = _lex()["first_name_gender"].get(name.lower())
    if over is not None:
        return over
    det = _gender_detector()
    if det is None or not name or not name[0].isupper() or len(name) < 2:
        return "u"
    # only clear cases: "mostly_female" covers Bernie, Jody …; a wrong gender blocks the right antecedent. The
    # detector's British and American answers come first where they are clear (the news here is in English:
    # "Jan" is male overall and female in Britain, "Rand" female overall and male in the USA), then its overall one
    local = {det.get_gender(name, c) for c in ("great_britain", "usa")} & {"male", "female"}
    if len(local) > 1:
        return "u"
    g = local.pop() if local else det.get_gender(name)
    if g == "male":
        return "m"
    if g == "female":
        return "f"
    return "u"


PRONOUNS = {
    # lower-case form: (kind, number, gender)
    "he": ("person", "sg", "m"), "him": ("person", "sg", "m"), "his": ("person", "sg", "m"),
    "himself": ("person", "sg", "m"),
    "she": ("person", "sg", "f"), "her": ("person", "sg", "f"), "hers": ("person", "sg", "f"),
    "herself": ("person", "sg", "f"),
    "they": ("any", "pl", "u"), "them": ("any", "pl", "u"), "their": ("any", "pl", "u"),
    "themselves": ("any", "pl", "u"),
    "it": ("thing", "sg", "n"), "its": ("thing", "sg", "n"), "itself": ("thing", "sg", "n"),
}
_PRONOUN_FORMS = set(PRONOUNS) | {"his", "her", "its", "their"}   # the forms resolve_all_pronouns looks at
RELATIVE = {"who", "which", "that", "whom", "whose"}
# definite descriptions that name a position a named person holds ("the general", "the candidate")
TITLE_NOUNS = {"president", "candidate", "nominee", "senator", "governor", "general", "commander", "leader",
               "businessman", "businesswoman", "billionaire", "mogul", "chairman", "chairwoman", "secretary",
               "minister", "congressman", "congresswoman", "mayor", "speaker", "director", "chief", "justice",
               "judge", "ambassador", "admiral", "colonel", "officer", "envoy", "negotiator", "lawyer", "spokesman", "spokeswoman", "prosecutor", "attorney", "premier", "chancellor",
               "king", "queen", "prince", "pope", "developer", "executive", "founder", "host", "star", "actor",
               "actress", "singer", "moderator", "anchor", "frontrunner", "front-runner", "incumbent", "challenger", "republican",
               "democrat", "lawmaker", "legislator", "veteran", "economist", "professor", "author", "reverend"}
# sport, business and arts news refer back to a named person by role as often ("the champion", "the coach", "the
# striker"); there the role's qualifier must fit the person ("the Arsenal boss" is not the Manchester United boss
# named last), see _fits_qualifiers
QUALIFIED_ROLE_NOUNS = {"champion", "coach", "boss", "captain", "skipper", "striker", "midfielder", "defender",
                        "goalkeeper", "forward", "winger", "keeper", "fly-half", "scrum-half", "flanker", "full-back",
                        "athlete", "sprinter", "boxer", "winner", "presenter", "comedian", "musician",
                        "writer", "novelist", "artist", "rapper", "entrepreneur", "chef", "designer", "mp", "msp", "mep"}
TITLE_NOUNS |= QUALIFIED_ROLE_NOUNS
# offices named with their field after "of": "director of rugby", "head of communications", "chief of staff"
ROLE_OF_FIELD = {"director", "head", "chief", "minister", "secretary", "professor", "chairman", "chairwoman", "chair",
                 "president", "manager", "editor", "lecturer", "commissioner", "governor", "chancellor", "dean",
                 "officer", "controller", "coordinator", "leader", "spokesman", "spokeswoman", "vice-president"}
FIRST_SECOND = {"i", "me", "my", "we", "us", "our", "you", "your"}
# letters after a name (British honours and offices: "Guy Mansfield QC", "Anne Wells MP"): not part of the surname
POSTNOMINALS = {"qc", "kc", "mp", "msp", "mep", "obe", "mbe", "cbe", "kbe", "dbe"}
NAME_SUFFIXES = {"jr.", "jr", "sr.", "sr", "ii", "iii", "iv"} | POSTNOMINALS
QUOTE_OPEN = "“«"
QUOTE_CLOSE = "”»"


# --------------------------------------------------------------------------- mentions and entities


@dataclass
class Entity:
    id: int
    kind: str                     # person, org, gov, media, group, thing
    number: str = "sg"
    gender: str = "u"             # m, f, u, n (neuter)
    name: Optional[str] = None    # canonical (fullest first) text
    span: Optional[tuple[int, int]] = None
    named: bool = False
    first: Optional[str] = None   # first name (persons)
    last: Optional[str] = None    # surname key (persons)
    roles: set = field(default_factory=set)
    head: Optional[str] = None    # head lemma for descriptions
    starts: list = field(default_factory=list)  # char offsets of all its mentions (in the order they were found)
    name_len: int = 0
    generic: bool = False         # a noun phrase no word list knows (weaker candidate)
    count: int = 0
    deputy: bool = False          # named with a title a deputy, shadow or predecessor bears ("Deputy Prime Minister")
    mods: set = field(default_factory=set)   # proper words of the phrases that describe a person ("manchester",
                                             # "united" for "Manchester United boss Sir Alex Ferguson")
    honour: bool = False          # named with Sir, Dame, Lord, Lady: "Mr <surname>" is someone else


@dataclass
class Mention:
    start: int
    end: int
    tok: int            # head token index
    sent: int
    entity: Entity
    subj: bool
    obj: bool
    embedded: bool
    in_quote: bool
    is_source: bool = False


def _token_indices(doc: Doc, attr: int, values: set[str]) -> list[int]:
    """Indices of the tokens whose ``attr`` (POS, LOWER …) is one of ``values``, read from the
    Doc's array: a loop over ``doc`` builds a Token object per token, and this component runs
    on every article."""
    if attr == POS:
        ids = [POS_IDS[v] for v in values]
    else:
        ids = [doc.vocab.strings[v] for v in values if v in doc.vocab.strings]
    if not ids or not len(doc):
        return []
    col = doc.to_array([attr])
    return numpy.flatnonzero(numpy.isin(col, numpy.array(ids, dtype=col.dtype))).tolist()


def _is_title(tok: Token) -> bool:
    return tok.lower_ in _lex()["titles"]


def _quote_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks (curly pairs, or straight quotes toggled per paragraph)."""
    out = []
    start = None
    for i, ch in enumerate(text):
        if ch == "\n" and start is not None and text[i - 1:i + 1] == "\n\n":
            start = None
        if ch in QUOTE_OPEN:
            start = i
        elif ch in QUOTE_CLOSE:
            if start is not None:
                out.append((start, i + 1))
            start = None
        elif ch == '"':
            if start is None:
                start = i
            else:
                out.append((start, i + 1))
                start = None
    return out


class _Context:
    """Mentions, entities and pronoun links for one Doc."""

    def __init__(self, doc: Doc, source_spans: Iterable[tuple[int, int]] = ()):
        self.doc = doc
        self.text = doc_text(doc)
        self.lex = _lex()
        q = _quote_ranges(self.text)
        self._q_starts = [s for s, _ in q]
        self._q = q
        self.sent_of = [0] * len(doc)
        self.sents = list(doc.sents)
        for i, s in enumerate(self.sents):
            for t in range(s.start, s.end):
                self.sent_of[t] = i
        self.source_spans = sorted(source_spans)
        # the head token of each source span: only the mention that IS the source gets the source bonus
        # ("Afghanistan" in "the top American commander in Afghanistan" does not)
        self.source_heads: set[int] = set()
        for a, b in self.source_spans:
            sp = doc.char_span(a, b, alignment_mode="expand")
            if sp is not None and len(sp):
                self.source_heads.add(sp.root.i)
        self.entities: list[Entity] = []
        self.mentions: list[Mention] = []
        self.tok_entity: dict[int, Entity] = {}       # head token -> entity
        self.tok_mention: dict[int, Mention] = {}
        self.person_by_last: dict[str, list[Entity]] = {}
        self.org_by_key: dict[str, Entity] = {}
        self.desc_by_head: dict[str, list[Entity]] = {}
        self.contents: dict[str, list[tuple[int, int]]] = {}  # statement id -> content spans (build_context)
        self.called_org = self._called_organisation()
        meta = doc._.st_article if doc.has_extension("st_article") else None
        ts = getattr(meta, "title_span", None)
        self.headline_end = ts.end if ts is not None and ts.start == 0 else 0   # (chars; 0: no headline at the top)
        self._build()

    # ---- helpers
    def in_quote(self, pos: int) -> bool:
        i = bisect.bisect_right(self._q_starts, pos) - 1
        return i >= 0 and self._q[i][0] <= pos < self._q[i][1]

    def is_source_span(self, s: int, e: int) -> bool:
        i = bisect.bisect_right(self.source_spans, (e, e))
        for j in range(max(0, i - 3), min(len(self.source_spans), i + 1)):
            a, b = self.source_spans[j]
            if a < e and s < b:
                return True
        return False

    def _new_entity(self, **kw) -> Entity:
        ent = Entity(id=len(self.entities), **kw)
        self.entities.append(ent)
        return ent

    def _add_mention(self, ent: Entity, start: int, end: int, head: Token) -> Mention:
        m = Mention(
            start=start, end=end, tok=head.i, sent=self.sent_of[head.i], entity=ent,
            subj=head.dep_ in ("nsubj", "nsubjpass"),
            obj=head.dep_ in ("dobj", "pobj", "dative", "attr"),
            embedded=head.dep_ in ("poss", "compound", "amod", "nmod"),
            in_quote=self.in_quote(start),
            is_source=head.i in self.source_heads or (self.is_source_span(start, end) and any(
                start <= self.doc[i].idx < end for i in self.source_heads)),
        )
        ent.count += 1
        ent.starts.append(start)
        self.mentions.append(m)
        self.tok_entity[head.i] = ent
        self.tok_mention[head.i] = m
        return m

    # ---- names
    def _extend_titles(self, start_tok: int, sent_start: int) -> int:
        """Include capitalised titles before a name: "Gen." "Lt. Gen." "President" "Sen." (not "spokesman")."""
        i = start_tok
        while i - 1 >= sent_start and _is_title(self.doc[i - 1]) and self.doc[i - 1].text[:1].isupper():
            i -= 1
        return i

    def _name_start(self, title_start: int, name_start: int, name_end: int, sent_start: int) -> int:
        """Where a person's name begins, given the run of titles before it (:meth:`_extend_titles`): at the
        titles, unless a word before them changes the office they name. "Deputy Prime Minister John Prescott",
        "Vice-President Dick Cheney", "Former President Bill Clinton", "Shadow Home Secretary David Davis" and "US
        President George Bush" would otherwise become "Prime Minister John Prescott", "President Dick Cheney",
        "Secretary David Davis" ...: the name is then the name alone ("John Prescott"), and the office is left
        to the roles, which know a deputy's office from the office itself."""
        if title_start >= name_start or title_start - 1 < sent_start:
            return title_start
        doc = self.doc
        p = doc[title_start - 1]
        if p.lower_ in NOT_THE_OFFICE:
            return name_start
        if p.text in ("-", "–") and not p.whitespace_ and title_start >= 2 and not doc[title_start - 2].whitespace_:
            return name_start      # a prefix glued to the title: "Vice-President", "Ex-President"
        if p.text[:1].isupper() and p.dep_ in ("compound", "amod") and title_start <= p.head.i < name_end:
            return name_start      # a capitalised modifier of the title or the name: "Home Secretary", "US President"
        return title_start

    def _role_word(self, tok: Token) -> bool:
        """A title, office or role noun ("Tory MP", "Labour leader"): no surname after a first name."""
        low = tok.lower_
        return _is_title(tok) or low in TITLE_NOUNS or low in POSTNOMINALS or tok.lemma_.lower() in self.lex["person_nouns"]

    def _person_evidence(self, e: SpacySpan, surnames: set[str], titled_surnames: set[str]) -> bool:
        """Whether anything beyond the tagger says a PERSON-tagged name is someone's: a known first name, or its
        last word the surname of a full name with one (``surnames``) or written after a title ("Mr O'Neill")."""
        nm = self._name_tokens(list(e))
        if not nm:
            return False
        last = nm[-1].lower()
        return (len(nm) > 1 and _first_name_gender(nm[0]) != "u") or last in surnames or last in titled_surnames

    def _name_tokens(self, toks: list[Token]) -> list[str]:
        out = []
        join = False  # a hyphen written without spaces joins two words into one name: "Saint-Andre", "Simpson-Daniel"
        for k, t in enumerate(toks):
            lw = t.lower_
            if t.text == "-" and k and not toks[k - 1].whitespace_ and not t.whitespace_ and out \
                    and toks[k - 1].text.rstrip(".,") == out[-1]:
                join = True
                continue
            if lw in self.lex["titles"] or lw in NAME_SUFFIXES or t.is_punct or t.tag_ == "POS" or lw in ("’s", "'s") \
                    or not out and lw in QUALIFIED_ROLE_NOUNS:  # ("Rapper Jay-Z" in a headline: a role, not a name)
                join = False
                continue
            if not (t.text[:1].isupper() or t.text[:1].isdigit()):
                join = False
                continue
            if join:
                out[-1] = out[-1] + "-" + t.text.rstrip(".,")
                join = False
            else:
                out.append(t.text.rstrip(".,"))
        return out

    def _mention_gender(self, toks: list[Token], first: Optional[str]) -> str:
        for t in toks:
            lw = t.lower_
            if lw in self.lex["female_words"]:
                return "f"
            if lw in self.lex["male_words"]:
                return "m"
        return _first_name_gender(first) if first else "u"

    def _person_entity(self, first: Optional[str], last: str, gender: str, pos: int,
                       titled: bool = False, courtesy: bool = False) -> Optional[Entity]:
        cands = [e for e in self.person_by_last.get(last.lower(), [])
                 if gender == "u" or e.gender in ("u", gender)]
        if courtesy and not first and any(not e.honour for e in cands):
            cands = [e for e in cands if not e.honour]   # "Mr Blair" is not Sir Ian Blair
        if first:
            same = [e for e in cands if e.first and e.first.lower() == first.lower()]
            if same:
                return same[-1]
            nofirst = [e for e in cands if not e.first]
            return nofirst[-1] if nofirst else None
        if not cands:
            if first is None and not titled and _first_name_gender(last) != "u":
                # a first name alone ("I've spoken to Nicolas", quoting a club chairman on Nicolas Anelka): the one
                # person the article has named in full with that first name
                same = [e for e in self.entities if e.kind == "person" and e.named and e.first
                        and e.first.lower() == last.lower() and e.last and e.last != last.lower()]
                if len(same) == 1 and (gender == "u" or same[0].gender in ("u", gender)):
                    return same[0]
            return None
        # surname only ("Trump", "Mr. Clinton"): the most mentioned compatible person (the article's
        # "Trump" stays Donald after "Ivana Trump" appears), ties to the most recent
        return max(cands, key=lambda e: (e.count, max(e.starts, default=-1)))

    def _add_person(self, toks: list[Token], head: Token, start: int, end: int) -> Entity:
        while len(toks) > 1 and toks[0].lower_ in QUALIFIED_ROLE_NOUNS and toks[0].idx == start:
            toks = toks[1:]  # "Rapper Jay-Z" in a headline: the name starts after the role
            start = toks[0].idx
        names = self._name_tokens(toks)
        if not names:
            names = [head.text]
        first = names[0] if len(names) > 1 else None
        last = names[-1]
        n_parts = sum(len(n.split("-")) for n in names)  # (the fullest name wins: "Kilroy-Silk" counts as two words)
        mgender = self._mention_gender(toks, first)
        # ("Sir Ian" is a knight by his first name: no title that makes "Ian" a surname)
        titled = any(t.lower_ in self.lex["titles"] and t.lower_ not in _HONOURS for t in toks)
        courtesy = any(t.lower_ in _COURTESY for t in toks)
        before = self.doc[toks[0].i - 1] if toks[0].i > 0 else None
        honour = any(t.lower_ in _HONOURS for t in toks) or (before is not None and before.lower_ in _HONOURS)
        ent = self._person_entity(first, last, mgender, start, titled=titled, courtesy=courtesy)
        text = self.text[start:end]
        if text.endswith(("’s", "'s")):
            text = text[:-2]
            end -= 2
        stripped = text.rstrip(" -–—,;:")   # the tagger's span can take the dash after a name ("Carlos Tevez -")
        end -= len(text) - len(stripped)
        text = stripped
        if len(names) == 1 and before is not None and before.lower_ in _PEERAGES and before.text[:1].isupper() \
                and before.i + 1 == toks[0].i:
            # a peer is named by the peerage ("Lord Falconer", "Baroness Scotland"): the name, not a bare surname
            start = before.idx
            text = self.text[start:end]
        if ent is None:
            ent = self._new_entity(kind="person", first=first, last=last.lower(), name=text, span=(start, end),
                                   named=True, gender=mgender)
            ent.name_len = n_parts
            self.person_by_last.setdefault(last.lower(), []).append(ent)
        else:
            if first and not ent.first:
                ent.first = first
            if n_parts > getattr(ent, "name_len", 0):
                ent.name, ent.span, ent.name_len = text, (start, end), n_parts
            if ent.gender == "u":
                ent.gender = mgender
        if honour:
            ent.honour = True
        # a title's role is not had by its deputy, shadow or predecessor: "Deputy Prime Minister John Prescott"
        # is not "the prime minister", "shadow home secretary David Davis" not "the home secretary"
        lo = min(toks[0].i, min((t.left_edge.i for t in toks), default=toks[0].i))
        not_the_office = any(t.lower_ in NOT_THE_OFFICE for t in self.doc[lo:toks[-1].i + 1])
        if not_the_office and any(t.lower_ in self.lex["titles"] or t.lemma_.lower() in OFFICE_HEADS
                                  for t in self.doc[lo:toks[-1].i + 1]):
            ent.deputy = True
        for t in toks:
            lw = t.lower_
            if lw in self.lex["titles"] and self.lex["titles"][lw] and not not_the_office:
                ent.roles.add(self.lex["titles"][lw])
        if not not_the_office:
            # the office a minister or secretary holds ("Finance Minister X" is "the finance minister", not "the
            # prime minister"): its modifier and the title, as a role of its own
            for t in self.doc[lo:toks[-1].i + 1]:
                if t.lemma_.lower() in OFFICE_HEADS:
                    ent.roles.update(_office_roles(t)[1:])
        # role nouns in the same phrase: "Republican nominee Donald Trump", "campaign manager Robby Mook"
        left = toks[0].i - 1
        ent.mods.update(_qualifiers(self.doc[lo:toks[0].i]))
        for c in head.children:
            if c.dep_ == "appos":
                ent.mods.update(_qualifiers(c.subtree))
        while left >= 0 and self.doc[left].head.i in {t.i for t in toks} and self.doc[left].dep_ in ("compound", "amod", "nmod"):
            lw = self.doc[left].lemma_.lower()
            if (lw in self.lex["person_nouns"] or lw in self.lex["titles"]) and not not_the_office:
                ent.roles.add(self.lex["titles"].get(lw) or lw)
                if ent.gender == "u" and lw in self.lex["female_words"]:
                    ent.gender = "f"
                elif ent.gender == "u" and lw in self.lex["male_words"]:
                    ent.gender = "m"
            left -= 1
        for c in head.children:
            if c.dep_ == "appos" and c.pos_ == "NOUN":
                ent.roles.update(_office_roles(c))
                if ent.gender == "u" and c.lower_ in self.lex["female_words"]:
                    ent.gender = "f"
                elif ent.gender == "u" and c.lower_ in self.lex["male_words"]:
                    ent.gender = "m"
        if head.dep_ == "appos" and head.head.pos_ == "NOUN":
            ent.roles.update(_office_roles(head.head))
        self._add_mention(ent, start, end, head)
        for t in toks:
            self.tok_entity[t.i] = ent
        return ent

    def _called_organisation(self) -> set[str]:
        """Proper words (lower case) the article calls an organisation somewhere: an organisation noun right in
        front of it ("copy protection firm Macrovision", "Pan-European group Euronext") or in apposition
        ("Barclays, the bank,"), whatever the tagger made of the name (nothing, NORP, PERSON)."""
        doc, orgs = self.doc, self.lex["organisation_nouns"]
        out = set()
        for i in _token_indices(doc, POS, {"PROPN"}):
            t = doc[i]
            if t.ent_type_ == "PERSON" and (t.ent_iob_ == "I" or i + 1 < len(doc) and doc[i + 1].ent_iob_ == "I"):
                continue    # a full name ("Carmel Martin, ..., a liberal think tank": the parser's slip)
            if i > 0 and doc[i - 1].lemma_.lower() in orgs and doc[i - 1].pos_ == "NOUN":
                out.add(t.lower_)   # "UK banking group Harwick rose": the parser made the name the verb's subject
                continue
            for c in t.children:
                if c.lemma_.lower() in orgs and (c.dep_ == "appos" and t.i < c.i <= t.i + 5
                                                 or c.dep_ in ("compound", "amod", "nmod") and c.i < t.i):
                    out.add(t.lower_)
                    break
        return out

    def _named_as_organisation(self, e) -> bool:
        """A name the text itself calls an organisation: an organisation noun in front of it ("oil giant Yukos",
        "the carmaker Rover", "software firm Macromedia") or in apposition ("Yukos, the oil firm,")."""
        doc, orgs = self.doc, self.lex["organisation_nouns"]
        inside = range(e.start, e.end)
        for t in doc[max(0, e.start - 3):e.start]:
            if t.head.i in inside and t.dep_ in ("compound", "amod", "nmod") and t.lemma_.lower() in orgs:
                return True
        return any(c.dep_ == "appos" and c.lemma_.lower() in orgs for c in e.root.children)

    def _org_kind(self, text_l: str, head: Token, label: str) -> str:
        lex = self.lex
        t = re.sub(r"(’s|'s)$", "", text_l).strip()
        if t in lex["media_names"] or t.removeprefix("the ") in lex["media_names"]:
            return "media"
        if t in lex["government_names"] or t.removeprefix("the ") in lex["government_names"]:
            return "gov"
        hl = head.lower_
        if label == "ORG" and hl in lex["media_suffixes"] and head.text[:1].isupper() and len(t.split()) > 1:
            return "media"
        if hl in lex["government_heads"]:
            return "gov"
        if label == "GPE":
            return "gov"
        return "org"

    def _build(self) -> None:
        doc = self.doc
        lex = self.lex
        # text in boilerplate (read-more links, subscription promos) names no one the article's
        # statements can refer to: its names must not become entities nor the resolved_span of a source
        used: set[int] = set()
        for a, b in boilerplate_ranges(doc):
            bp = doc.char_span(a, b, alignment_mode="expand")
            if bp is not None:
                used.update(range(bp.start, bp.end))
        # 1. named entities (persons get titles; mislabelled titled names become persons). Surnames of
        #    full PERSON names anywhere in the article let a mislabelled "Obama"/"Lynch" (ORG) in the
        #    headline count as a person.
        surnames = set()
        for e in doc.ents:
            if e.label_ == "PERSON":
                nm = self._name_tokens(list(e))
                if len(nm) >= 2:
                    surnames.add(nm[-1].lower())
        # and of a first name and a surname the recogniser left untagged ("… would consider signing Adrian Mutu",
        # then "Mutu", tagged ORG, throughout)
        in_ent = {i for e in doc.ents if e.label_ not in ("PERSON", "NORP") for i in range(e.start, e.end)}
        # ("Adrian" may be tagged NORP; a name inside a firm's, a place's or a work's name is no one's)
        for i in _token_indices(doc, POS, {"PROPN"}):
            if i + 1 < len(doc) and i not in in_ent and doc[i + 1].pos_ == "PROPN" and doc[i].text[:1].isupper() \
                    and doc[i + 1].text[:1].isupper() and (i + 2 == len(doc) or doc[i + 2].pos_ != "PROPN") \
                    and (i == 0 or doc[i - 1].pos_ != "PROPN") and _first_name_gender(doc[i].text) != "u" \
                    and not _not_a_surname(doc[i + 1].text) and not self._role_word(doc[i + 1]):
                surnames.add(doc[i + 1].lower_)
        org_named = {e.text.lower() for e in doc.ents if e.label_ in ("PERSON", "ORG") and self._named_as_organisation(e)}
        # surnames of full names that start with a known first name ("Bernie Sanders"; not "Lib Dems")
        full_surnames = {nm[-1].lower() for nm in (self._name_tokens(list(e)) for e in doc.ents if e.label_ == "PERSON")
                         if len(nm) >= 2 and _first_name_gender(nm[0]) != "u"}
        org_tagged = Counter(_ent_key(e.text) for e in doc.ents if e.label_ == "ORG")
        person_tagged = Counter(_ent_key(e.text) for e in doc.ents if e.label_ == "PERSON")
        # names the article writes with a determiner of their own ("the Lib Dems"; not "the Bush administration")
        with_the = {_ent_key(e.text) for e in doc.ents if e.label_ == "PERSON" and (
            e[0].lower_ == "the" or e.start > 0 and doc[e.start - 1].lower_ == "the" and doc[e.start - 1].head.i == e.root.i
            and e.root.dep_ != "compound")}
        # surnames the article writes after a courtesy or other title ("Ms Sturgeon", "Mr. Cheney"): a first name
        # and one of them is a person even where the small model tagged the pair ORG
        titled_surnames = {doc[i + 1].lower_ for i in _token_indices(doc, POS, {"PROPN"})
                           if i + 1 < len(doc) and _is_title(doc[i]) and doc[i].text[:1].isupper()
                           and doc[i + 1].pos_ == "PROPN"}
        for e in doc.ents:
            if e.label_ not in ("PERSON", "ORG", "GPE", "NORP") or any(i in used for i in range(e.start, e.end)):
                continue
            e = _without_open_bracket(e)
            sent = e.sent
            st = self._extend_titles(e.start, sent.start)
            titled = st < e.start and any(self.lex["titles"].get(doc[i].lower_, None) is not None and doc[i].lower_ not in ("the",) for i in range(st, e.start))
            ns = self._name_start(st, e.start, e.end, sent.start)
            toks = list(doc[ns:e.end])
            head = e.root
            start, end = doc[ns].idx, e.end_char
            if e.text.lower().startswith("the "):
                pass
            is_person = e.label_ == "PERSON"
            if is_person and (e.text.lower() in org_named or len(e) == 1 and (e.root.lower_ in self.called_org
                                                                               or _not_a_surname(e.root.text))) \
                    and not titled:
                is_person = False   # "Russian oil giant Yukos" (and "Yukos" anywhere in that article): the small
                                    # model tags some firms PERSON
            elif (is_person and not titled and (org_tagged[_ent_key(e.text)] >= person_tagged[_ent_key(e.text)]
                                                or _ent_key(e.text) in with_the)
                  and not self._person_evidence(e, full_surnames, titled_surnames)):
                is_person = False   # "Labour", "Manchester United" tagged ORG at least as often as PERSON, or "the
                                    # Lib Dems" (always PERSON) written with "the" somewhere, and nothing in the
                                    # article says a person bears the name: a "he" had resolved to them
            if not is_person and e.label_ in ("ORG", "GPE") and len(e) <= 3:
                nm = self._name_tokens(list(e))
                if titled and nm:
                    is_person = True
                elif nm and len(nm) == 1 and (nm[0].lower() in self.person_by_last or nm[0].lower() in surnames):
                    is_person = True
                elif e.end + 2 < len(doc) and doc[e.end].text == "," and doc[e.end + 1].like_num and doc[e.end + 2].text == ",":
                    is_person = True          # "Singh, 47, voted …"
                elif (e.label_ == "ORG" and len(e) >= 3 and e[-1].text.isupper() and e[-1].lower_ in POSTNOMINALS
                      and _first_name_gender(e[0].text) != "u"):
                    is_person = True          # "Guy Mansfield QC" tagged ORG
                elif (2 <= len(e) <= 3 and all(t.pos_ == "PROPN" for t in e)
                      and _first_name_gender(e[0].text) != "u"
                      and e[-1].lower_ not in self.lex["organisation_nouns"]
                      and (head.dep_ == "appos" and head.head.lemma_.lower() in self.lex["person_nouns"]
                           or any(c.dep_ == "appos" and c.lemma_.lower() in self.lex["person_nouns"] for c in head.children)
                           or e[-1].lower_ in titled_surnames
                           or any(c.dep_ == "compound" and c.i < e.start and c.lower_ in self.lex["person_nouns"]
                                  for c in head.children)
                           or e.start > 0 and doc[e.start - 1].lower_ in self.lex["person_nouns"])):
                    is_person = True          # "The transport secretary, Amara Lewis," "party leader Nicola Sturgeon"
                                              # (a role noun before it, whatever the parse made of it: "Liverpool
                                              # forward Milan Baros") or "... Nicola Sturgeon ... Ms Sturgeon" tagged
                                              # ORG or GPE
            if is_person:
                self._add_person(toks, head, start, end)
            else:
                kind = self._org_kind(e.text.lower(), head, e.label_)
                number = "sg"
                if e.label_ in ("NORP", "GPE") and len(e) == 1 and head.lower_ in self.called_org:
                    kind = "org"    # "Pan-European group Euronext" (tagged NORP), "food giant Nestle" (GPE): a firm
                elif e.label_ == "NORP":
                    if len(e) == 1 and e.end < len(doc) and doc[e.end].tag_ == "NNP" and doc[e.end].text[:1].isupper() \
                            and _first_name_gender(e.text) != "u" and e.text[:1].isupper() and not self._role_word(doc[e.end]) \
                            and (e.end + 1 == len(doc) or doc[e.end + 1].pos_ != "PROPN"):  # (not "Argentine Economic Minister")
                        continue  # "Adrian Mutu" with "Adrian" tagged NORP: a first name, read with the names below
                    if head.tag_ not in ("NNPS", "NNS") and not head.text.endswith("s"):
                        used.update(range(e.start, e.end))
                        continue  # adjectival NORP ("Russian"): not a mention
                    kind, number = "group", "pl"
                key = _ent_key(e.text)
                ent = self.org_by_key.get(key)
                if ent is None:
                    # "the Post" -> an earlier "The New York Post"
                    for k, cand in self.org_by_key.items():
                        if len(key.split()) == 1 and k.split()[-1] == key and cand.kind == kind and k != key:
                            ent = cand
                            break
                if ent is None:
                    ent = self._new_entity(kind=kind, number=number, gender="n" if kind != "group" else "u",
                                           name=re.sub(r"(’s|'s)$", "", e.text), span=(e.start_char, e.start_char + len(re.sub(r"(’s|'s)$", "", e.text))), named=True)
                    self.org_by_key[key] = ent
                self._add_mention(ent, e.start_char, e.end_char, head)
                acr = _acronym_after(e)
                if acr is not None:
                    self.org_by_key.setdefault(acr.lower(), ent)  # "the BBA" later is the same body
                # what the article calls it ("Security firm iDefence", "Barclays, the bank,"): a later "the security
                # firm" means it
                orgs = self.lex["organisation_nouns"]
                for c in list(head.children) + ([doc[e.start - 1]] if e.start > 0 else []):
                    if c.lemma_.lower() in orgs and c.pos_ == "NOUN" and (c.dep_ == "appos" or c.i < e.start):
                        ent.roles.add(c.lemma_.lower())
            used.update(range(st, e.end))
        # 2. names the NER missed: titled proper nouns ("Mr. Clarke") and "Amadou Magassa" (a known first name
        #    followed by a proper noun)
        for i in _token_indices(doc, POS, {"PROPN"}):   # (only proper nouns: no Token object for the rest)
            t = doc[i]
            if t.i in used or not t.text[:1].isupper():
                continue
            titled = t.i > 0 and _is_title(doc[t.i - 1]) and doc[t.i - 1].i not in used and doc[t.i - 1].text[:1].isupper() \
                and not (doc[t.i - 1].lower_ in _PEERAGES and (t.lower_ in self.lex["titles"]
                                                               or t.lemma_.lower() in self.lex["person_nouns"]))
            # ("Lord Chancellor", "Lord Chief Justice", "Lady Mayoress": an office, not a peer's name)
            aged = (t.i + 3 < len(doc) and doc[t.i + 1].text == "," and doc[t.i + 2].like_num
                    and doc[t.i + 3].text == "," and (t.i == 0 or doc[t.i - 1].pos_ != "PROPN"))
            if aged:
                self._add_person([t], t, t.idx, t.idx + len(t.text))
                used.add(t.i)
                continue
            first_named = (t.i + 1 < len(doc) and doc[t.i + 1].pos_ == "PROPN" and doc[t.i + 1].i not in used
                           and doc[t.i + 1].text[:1].isupper() and _first_name_gender(t.text) != "u")
            if titled or first_named:
                j = t.i
                while j + 1 < len(doc) and doc[j + 1].pos_ == "PROPN" and doc[j + 1].i not in used and doc[j + 1].text[:1].isupper():
                    j += 1
                st = self._extend_titles(t.i, t.sent.start)
                ns = self._name_start(st, t.i, j + 1, t.sent.start)
                toks = list(doc[ns:j + 1])
                self._add_person(toks, doc[j], doc[ns].idx, doc[j].idx + len(doc[j].text))
                used.update(range(st, j + 1))
        # 3. descriptions: "a senior Taliban official", "the general", "a report", "the campaign"
        for chunk in doc.noun_chunks:
            head = chunk.root
            if head.i in used or not _common_noun(head):
                continue
            lem = _role_lemma(head)
            kind = None
            if lem in lex["person_nouns"] or head.lower_ in lex["person_nouns"]:
                kind = "person"
            elif lem in lex["media_nouns"]:
                kind = "media"
            elif lem in lex["government_heads"] and any(w.lower_ in ("the",) for w in chunk):
                kind = "gov"
            elif lem in lex["organisation_nouns"]:
                kind = "org"
            elif lem in lex["document_nouns"]:
                kind = "thing"
            generic = False
            plural = _plural_noun(head) or lem in ("people", "police")
            if kind is None:
                # any other noun phrase can still be what "they"/"it" stands for ("the attendees", "the bill")
                if head.like_num or lem in GENERIC_SKIP or not head.is_alpha:
                    continue
                kind, generic = ("group" if plural else "thing"), True
            if kind == "person" and plural:
                kind = "group"
            start, end = chunk.start_char, chunk.end_char
            definite = chunk[0].lower_ in ("the", "this", "that", "these", "those")
            ent = None
            # "UK pharmaceutical firm Phytopharm", "rival Sony": a body's description right before its name (however
            # the parser attached the name) is that named body, not a second one a later "it" could mean
            if kind in ("org", "media", "gov") and not plural and chunk.end < len(doc) and doc[chunk.end].pos_ == "PROPN":
                j = chunk.end
                while self.tok_entity.get(j) is None and j + 1 < min(len(doc), chunk.end + 4) and doc[j + 1].pos_ == "PROPN":
                    j += 1      # (a name's entity is kept on its head token: "Biogen Idec")
                nxt = self.tok_entity.get(j)
                if nxt is not None and nxt.named and nxt.kind in ("org", "media", "gov"):
                    ent = nxt
            # "Sanders's campaign manager, Jeff Weaver," : the description's apposition names it
            if kind == "person":
                for c in head.children:
                    if c.dep_ == "appos" and self.tok_entity.get(c.i) is not None and self.tok_entity[c.i].kind == "person" \
                            and self.tok_entity[c.i].named:
                        ent = self.tok_entity[c.i]
                        ent.roles.update(_office_roles(head))
                        ent.mods.update(_qualifiers(chunk))
                        break
            # "The chief executive of Harbour Foods, Martin Keel, said": the name follows the description
            # and its modifiers after a comma, but the parser hung it on the modifier ("Foods")
            if ent is None and kind == "person" and not plural:
                ent = self._trailing_name(chunk.end)
                if ent is not None:
                    ent.roles.update(_office_roles(head))
            # "Sanders, a Vermont senator," / "Zai is an expert": the description is the named person
            if ent is None and kind == "person" and (head.dep_ == "appos" or head.dep_ == "attr"):
                anchor = head.head
                if head.dep_ == "attr":
                    anchor = next((c for c in head.head.children if c.dep_ == "nsubj"), None)
                pe = self.tok_entity.get(anchor.i) if anchor is not None else None
                if pe is not None and pe.kind == "person" and pe.named:
                    ent = pe
                    pe.roles.update(_office_roles(head))
            if ent is None and definite:
                ent = self._link_definite(head, lem, kind, start)
                if ent is None and kind == "person" and lem in TITLE_NOUNS and not plural:
                    g = "f" if head.lower_ in lex["female_words"] else "m" if head.lower_ in lex["male_words"] else "u"
                    r = self.salient(head.idx, self.sent_of[head.i], self.in_quote(head.idx), "person", "sg", g,
                                     named_only=True, max_dist=2)
                    ent = r[0] if r else None
                    if ent is not None and not _fits_qualifiers(head, lem, ent):
                        ent = None
                    if (ent is not None and lem in QUALIFIED_ROLE_NOUNS and lem not in ent.roles
                            and any(r in TITLE_NOUNS for r in ent.roles)):
                        ent = None  # "the defender" is not the manager named last
                    if ent is not None and lem in NO_GUESS_OFFICES and lem not in ent.roles:
                        ent = None  # "the chancellor" is whoever holds the office, not the politician named last
                    office = _office_roles(head)[-1]
                    if ent is not None and " " in office and office not in ent.roles and (ent.deputy or any(
                            x in OTHER_OFFICES or x.endswith(tuple(" " + h for h in OFFICE_HEADS)) for x in ent.roles)):
                        ent = None  # the finance minister, the home secretary, the chancellor or the deputy prime
                                    # minister named last is not "the prime minister"
                if ent is None and self.headline_end > 0 and any(
                        x < self.headline_end for e in self.desc_by_head.get(lem, ()) for x in e.starts):
                    ent = self._link_definite(head, lem, kind, start, headline=True)
                if ent is None and kind == "org" and not plural and chunk[0].lower_ == "the" \
                        and not any(t.pos_ == "PROPN" or t.ent_type_ for t in chunk):
                    # "the company", "the software giant": news varies the name of the firm it is about. A named
                    # firm the article described with this noun ("Security firm iDefence" ... "The security firm"),
                    # else the named organisation most salient in the last sentences (a description of its own,
                    # "the company" said first, is taken above)
                    described = [(max(x for x in e.starts if x < start), e) for e in self.entities
                                 if e.kind == "org" and e.named and lem in e.roles and any(x < start for x in e.starts)]
                    if described:
                        ent = max(described, key=lambda c: c[0])[1]
                    elif lem in FIRM_NOUNS:   # (not "the party", "the committee": bodies of another kind)
                        r = self.salient(head.idx, self.sent_of[head.i], self.in_quote(head.idx), "thing", "sg", "n",
                                         named_only=True, max_dist=3)
                        if r is not None and r[0].kind == "org":
                            ent = r[0]
            if ent is None:
                gender = "u"
                if head.lower_ in lex["female_words"]:
                    gender = "f"
                elif head.lower_ in lex["male_words"]:
                    gender = "m"
                if kind in ("org", "gov", "media", "thing"):
                    gender = "n"
                desc_end = self._desc_end(head, chunk.end)
                ent = self._new_entity(kind=kind, number="pl" if plural else "sg", gender=gender,
                                       name=self.text[start:doc[desc_end - 1].idx + len(doc[desc_end - 1].text)],
                                       span=(start, doc[desc_end - 1].idx + len(doc[desc_end - 1].text)),
                                       named=False, head=lem)
                ent.generic = generic
                self.desc_by_head.setdefault(lem, []).append(ent)
            self._add_mention(ent, start, end, head)

    def _trailing_name(self, chunk_end: int) -> Optional[Entity]:
        """The named person in ", NAME," right after a description and its short modifiers ("of
        Harbour Foods"): at most 6 tokens, no verb and no other punctuation, before the comma."""
        doc = self.doc
        i = chunk_end
        while i < len(doc) and i - chunk_end <= 6 and doc[i].text != ",":
            if doc[i].pos_ in ("VERB", "AUX", "PUNCT", "SPACE") or doc[i].is_sent_start:
                return None
            i += 1
        if i + 1 >= len(doc) or doc[i].text != ",":
            return None
        ent = self.tok_entity.get(i + 1)
        if ent is None or ent.kind != "person" or not ent.named:
            return None
        j = i + 1
        while j < len(doc) and self.tok_entity.get(j) is ent:
            j += 1
        # the name closes the apposition: ", NAME," or ", NAME said"
        if j < len(doc) and (doc[j].text == "," or doc[j].pos_ in ("VERB", "AUX")):
            return ent
        return None

    def _desc_end(self, head: Token, chunk_end: int) -> int:
        """End token (exclusive) of a description with its place/affiliation modifiers."""
        end = chunk_end
        for c in head.rights:
            if c.dep_ in ("prep", "acl") and c.i >= chunk_end - 1 and c.i - head.i <= 3:
                if c.dep_ == "prep" and c.lower_ not in ("in", "at", "with", "from", "of", "for", "on"):
                    continue
                sub_end = c.right_edge.i + 1
                if sub_end - head.i <= 12 and not any(t.is_punct and t.text in ",;:—–" for t in self.doc[head.i:sub_end]):
                    end = max(end, sub_end)
        return end

    def _link_definite(self, head: Token, lem: str, kind: str, pos: int, headline: bool = False) -> Optional[Entity]:
        """'the general' -> the person with that role; 'the official' -> the earlier 'a … official'
        (the same number: 'the officials' are not the one official named before)."""
        plural = _plural_noun(head)

        def before(e: Entity) -> int:
            # its latest mention before the description (-1: none). Entities are built in passes over the whole
            # text (names first), so its latest mention of all may come after the description: "London mayor Ken
            # Livingstone …" then "The mayor then says …" then "Mr Livingstone" again had left "the mayor" unresolved
            return max((x for x in e.starts if x < pos), default=-1)

        if kind == "person" and not plural:
            role = _office_roles(head)[-1]  # "the prime minister" is whoever holds that office, not any minister
            cands = [(before(e), e.id, e) for e in self.entities if e.kind == "person" and e.named and role in e.roles
                     and _fits_qualifiers(head, lem, e)]
            cands = [c for c in cands if c[0] >= 0]
            if cands:
                return max(cands, key=lambda c: (c[0], -c[1]))[2]
        cands = [(before(e), e.id, e) for e in self.desc_by_head.get(lem, []) if (e.number == "pl") == plural]
        # a description met only in the headline ("Tory leader quits ...") is taken last, after the article's own
        # named people: "The Scottish Conservative leader" right after "David McLetchie has resigned" is him
        cands = [c for c in cands if c[0] >= 0 and (headline or c[0] >= self.headline_end)]
        if cands:
            return max(cands, key=lambda c: (c[0], -c[1]))[2]
        return None

    # ---- pronouns
    def resolve_pronoun(self, tok: Token, speaker: bool = False,
                        content: tuple[tuple[int, int], ...] = ()) -> Optional[tuple[Entity, float]]:
        """``speaker``: the pronoun is a statement's source, so people and bodies beat things; ``content``: that
        statement's content spans."""
        lw = tok.lower_
        if lw not in PRONOUNS:
            return None
        pkind, pnum, pgen = PRONOUNS[lw]
        return self.salient(tok.idx, self.sent_of[tok.i], self.in_quote(tok.idx), pkind, pnum, pgen, speaker=speaker,
                            content=content)

    def salient(self, pos: int, psent: int, pq: bool, pkind: str, pnum: str, pgen: str,
                named_only: bool = False, max_dist: int = 6, speaker: bool = False,
                content: tuple[tuple[int, int], ...] = ()) -> Optional[tuple[Entity, float]]:
        """The most salient entity before ``pos`` that agrees with (kind, number, gender)."""
        scores: dict[int, float] = {}
        by_id: dict[int, Entity] = {}
        for m in self.mentions:
            if m.start >= pos:
                continue
            d = psent - m.sent
            if d > max_dist or d < 0:
                continue
            if named_only and not m.entity.named:
                continue
            # a subject in the same clause as the pronoun cannot be its antecedent ("Trump said he …" is fine,
            # the pronoun's own verb's subject is not)
            ent = m.entity
            if not self._agrees(ent, pkind, pnum, pgen):
                continue
            w = 100.0
            if m.subj:
                w += SUBJECT_W
            elif m.obj:
                w += 30
            if not m.embedded:
                w += 60
            if m.is_source:
                w += SOURCE_W
            if m.in_quote and not pq:
                w -= QUOTE_PENALTY
            w = max(w, 5.0) * (DECAY ** d)
            if speaker and m.in_quote and not pq:
                w *= QUOTED_FOR_SPEAKER   # "He said:" after a quote names its speaker, not whom the quote was about
            elif speaker and d == 0 and any(a <= m.start < b for a, b in content) and self.doc[m.tok].lower_ not in PRONOUNS:
                # "Mr Blair has failed to tackle these problems, he claimed": whom the speaker's own words in this
                # sentence are about is not the speaker
                w *= QUOTED_FOR_SPEAKER
            if ent.generic and (ent.number == "sg" or speaker):
                w *= GENERIC_WEIGHT
            if pkind == "person" and not ent.named:
                w *= UNNAMED_PERSON_WEIGHT   # "he"/"she" sources mostly point back to named people
            scores[ent.id] = scores.get(ent.id, 0.0) + w
            by_id[ent.id] = ent
        if not scores:
            return None
        for eid in scores:
            ent = by_id[eid]
            if ent.kind == "person" and ent.named and pkind == "person":
                scores[eid] += 20
            if pkind == "person" and pgen in ("m", "f") and ent.gender == pgen:
                scores[eid] = (scores[eid] + 40) * GENDER_MATCH
            if pnum == "pl" and ent.kind in ("org", "gov", "media") and ent.number == "sg":
                scores[eid] *= 0.6
        best = max(scores, key=lambda k: scores[k])
        return by_id[best], scores[best]

    @staticmethod
    def _agrees(ent: Entity, pkind: str, pnum: str, pgen: str) -> bool:
        if pkind == "person":
            if ent.kind != "person" or ent.number != "sg":
                return False
            if pgen in ("m", "f") and ent.gender in ("m", "f") and ent.gender != pgen:
                return False
            return True
        if pkind == "thing":
            return ent.kind in ("org", "gov", "media", "thing") and ent.number == "sg"
        # they/them/their
        if ent.kind in ("group",) or ent.number == "pl":
            return True
        return ent.kind in ("org", "gov", "media")

    def resolve_all_pronouns(self) -> None:
        """Resolve every third-person pronoun in order, adding each as a mention of its entity (salience)."""
        doc = self.doc
        for i in _token_indices(doc, LOWER, _PRONOUN_FORMS):
            tok = doc[i]
            if tok.lower_ in PRONOUNS and tok.pos_ == "PRON" or (tok.lower_ in ("his", "her", "its", "their") and tok.dep_ == "poss"):
                r = self.resolve_pronoun(tok)
                if r is None:
                    continue
                ent, _ = r
                self._add_mention(ent, tok.idx, tok.idx + len(tok.text), tok)
        self.mentions.sort(key=lambda m: m.start)


# --------------------------------------------------------------------------- span analysis


# roles written as capitals that the tagger reads as proper nouns ("the Tory MP for Sleaford", "three Labour MPs")
ABBREVIATED_ROLES = {"mp": "mp", "mps": "mp", "msp": "msp", "msps": "msp", "mep": "mep", "meps": "mep"}


_COURTESY = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss"}
_HONOURS = {"sir", "dame", "lord", "lady", "baroness", "baron"}
_PEERAGES = {"lord", "lady", "baroness", "baron"}   # (a knight is "Sir Ian", by first name: no peerage name)


def _demonym(word: str) -> bool:
    """A nationality word ("pakistani", "briton"): the actor dictionary codes it as a country."""
    from .actors import tables

    w = word.lower()
    if not w.endswith(("i", "an", "on", "ese")) or w in ("jordan", "chad", "sudan", "oman", "iran", "japan"):
        return False    # (country names the dictionary also codes; "Jordans" is a surname)
    code = tables()[0].get(w)
    return bool(code) and len(code) == 3 and code.isalpha() and code.isupper()


def _not_a_surname(word: str) -> bool:
    """A word written as no person's name is: an acronym ("BT", "LSE", "WMC"), a name with a capital, digit or
    ampersand inside it ("BSkyB", "OptInRealBig", "B&B", "3M"). Firms, not surnames ("Mc"/"Mac"/"O'" names and
    "DeLay"-like particles excepted)."""
    w = word.strip(".,;:’'")
    if len(w) < 2:
        return False
    if any(ch.isdigit() for ch in w) or "&" in w:
        return True
    letters = [ch for ch in w if ch.isalpha()]
    if len(letters) >= 2 and all(ch.isupper() for ch in letters):
        return True
    inner = w[1:]
    if any(ch.isupper() for ch in inner) and not re.match(r"^(?:Mc|Mac|O['’]|D['’]|De|Di|Da|La|Le|Van|Von)[A-Z]", w) \
            and "-" not in w:
        return True
    return False


def _common_noun(t: Token) -> bool:
    return t.pos_ == "NOUN" or t.lower_ in ABBREVIATED_ROLES


def _role_lemma(t: Token) -> str:
    return ABBREVIATED_ROLES.get(t.lower_) or t.lemma_.lower()


def _plural_noun(t: Token) -> bool:
    """A plural noun, also where the tagger read an abbreviated role as a singular name ("MPs" is NNP)."""
    return t.tag_ in ("NNS", "NNPS") or (t.lower_ in ABBREVIATED_ROLES and t.lower_.endswith("s"))


def _qualifiers(toks: Iterable[Token]) -> set[str]:
    """Lower-case proper words among ``toks`` (names of teams, firms, places, nationalities)."""
    return {t.lower_ for t in toks if t.pos_ == "PROPN" or t.ent_type_ in ("NORP", "GPE", "ORG")}


def _fits_qualifiers(head: Token, lem: str, ent: Entity) -> bool:
    """For a role of :data:`QUALIFIED_ROLE_NOUNS`: the proper words that qualify it ("the Arsenal boss", "the
    England coach") are among those that describe the person (``Entity.mods``); a bare role ("the coach") fits."""
    if lem not in QUALIFIED_ROLE_NOUNS:
        return True
    quals = _qualifiers(t for t in head.subtree if t.i < head.i)
    if lem in ("mp", "msp", "mep"):
        # a member's party ("the Tory MP for Sleaford") is often named only in the description that varies the
        # name ("Former Cabinet minister Douglas Hogg ... But the Tory MP for ..."): it rules out a person
        # described with another party, not one whose party the article has not said
        mine = {_PARTY_ALIASES.get(q, q) for q in quals if _PARTY_ALIASES.get(q, q) in _PARTIES}
        theirs = {_PARTY_ALIASES.get(q, q) for q in ent.mods if _PARTY_ALIASES.get(q, q) in _PARTIES}
        return not (mine and theirs) or bool(mine & theirs)
    return not quals or bool(quals & ent.mods)


# British, Irish and US party words, for the members' roles above (lower case; an alias maps to one name)
_PARTIES = {"labour", "conservative", "liberal", "snp", "plaid", "ukip", "green", "dup", "uup", "sdlp", "sinn",
            "respect", "republican", "democrat"}
_PARTY_ALIASES = {"tory": "conservative", "tories": "conservative", "lib": "liberal", "dem": "liberal",
                  "dems": "liberal", "democratic": "democrat", "democrats": "democrat", "republicans": "republican",
                  "greens": "green"}


def _ent_key(text: str) -> str:
    """A named entity's text as a key: lower case, without a leading "the" or a possessive ending."""
    return re.sub(r"^the |(’s|'s)$", "", text.lower()).strip()


def _span_tokens(doc: Doc, start: int, end: int) -> Optional[SpacySpan]:
    sp = doc.char_span(start, end, alignment_mode="expand")
    return sp if sp is not None and len(sp) else None


def _head(sp: SpacySpan) -> Token:
    """The span's root; where the parse split it into pieces (a sentence break inside "Italy coach John Kirwan" made
    "Italy" a sentence of its own, and the source "Italy"), the piece that is a subject."""
    roots = [t for t in sp if t.head.i == t.i or not (sp.start <= t.head.i < sp.end)]
    if len(roots) > 1:
        subj = [t for t in roots if t.dep_ in ("nsubj", "nsubjpass")]
        if subj:
            return subj[-1]
    return sp.root


def _affiliation_place(ctx: _Context, head: Token, sp: SpacySpan) -> tuple[Optional[str], Optional[str]]:
    doc = ctx.doc
    lex = ctx.lex
    aff_toks: list[Token] = []
    place: Optional[str] = None
    # left modifiers: "a senior Taliban commander", "a Russian Foreign Ministry official", "Afghan and American officials"
    i = head.i - 1
    while i >= sp.start:
        t = doc[i]
        if t.text == "-" or t.lower_ == "based":
            i -= 1
            continue
        proper = t.pos_ == "PROPN" or t.ent_type_ in ("NORP", "ORG", "GPE") or (t.text[:1].isupper() and t.pos_ in ("ADJ", "NOUN") and i > sp.start)
        if i + 2 < len(doc) and doc[i + 1].text == "-" and doc[i + 2].lower_ == "based":
            place = place or t.text
            i -= 1
            continue
        if proper and t.lower_ not in lex["titles"]:
            aff_toks.insert(0, t)
        elif t.lower_ in ("and", "&") and aff_toks:
            aff_toks.insert(0, t)
        elif aff_toks:
            break
        i -= 1
    while aff_toks and aff_toks[0].lower_ in ("and", "&"):
        aff_toks.pop(0)
    affiliation = doc[aff_toks[0].i:aff_toks[-1].i + 1].text if aff_toks else None
    # right modifiers: "of the Taliban", "with the ministry", "in Afghanistan's Helmand region", "based in Islamabad"
    def gpe_in(sub: Iterable[Token]) -> Optional[str]:
        sub = list(sub)
        # most specific: a compound of region/province/district/city, else the last GPE/LOC/PROPN
        for t in sub:
            if t.dep_ == "compound" and t.head.lower_ in ("region", "province", "district", "city", "area", "state", "county", "valley") and t.pos_ == "PROPN":
                return doc[t.left_edge.i:t.i + 1].text if t.left_edge.dep_ == "compound" else t.text
        props = [t for t in sub if (t.ent_type_ in ("GPE", "LOC", "FAC") or t.pos_ == "PROPN") and t.tag_ != "POS"]
        if props:
            last = props[-1]
            j = last.i
            while j - 1 >= sub[0].i and doc[j - 1].dep_ == "compound" and doc[j - 1].pos_ == "PROPN":
                j -= 1
            return doc[j:last.i + 1].text
        return None

    for c in head.rights:
        if c.i >= sp.end:
            continue
        if c.dep_ == "acl" and c.lower_ in ("based", "stationed", "located", "posted"):
            for p in c.children:
                if p.dep_ == "prep":
                    place = place or gpe_in(p.subtree)
        elif c.dep_ == "prep":
            sub = [t for t in c.subtree if t.i < sp.end]
            if c.lower_ in ("in", "at", "from") and any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in sub):
                place = place or gpe_in(sub[1:])
            elif c.lower_ in ("of", "with", "from", "at", "for", "in", "on") and not affiliation:
                props = [t for t in sub[1:] if t.pos_ == "PROPN" or t.ent_type_ in ("ORG", "NORP")]
                if props:
                    affiliation = doc[props[0].i:props[-1].i + 1].text
    return affiliation, place


def _last_speaker(ctx: _Context, pos: int, parents: dict[str, Source], ent: Entity, lw: str) -> Optional[Entity]:
    """The person of the last statement before ``pos`` whose source resolves to a named person other than ``ent``
    and agrees with the pronoun ``lw``; None if the last such statement is ``ent``'s."""
    prev = max((p for p in parents.values() if p.start < pos and p.resolved and p.type in ("person", "pronoun")),
               key=lambda p: p.start, default=None)
    if prev is None or prev.resolved == ent.name:
        return None
    other = next((e for e in ctx.entities if e.kind == "person" and e.named and e.name == prev.resolved), None)
    if other is not None and ctx._agrees(other, "person", "sg", PRONOUNS[lw][2]):
        return other
    return None


def _pronoun_source(ctx: _Context, tok: Token, st: Statement, parents: dict[str, Source]) -> Source:
    span = st.source
    lw = tok.lower_
    twin = next((p for p in parents.values() if p.start == span.start and p.end == span.end and p.type == "pronoun"), None)
    if twin is not None:
        return twin  # one "he" cueing two statements ("he claimed, saying …") is one person
    resolved = rspan = None
    if lw in RELATIVE:
        # "Trump, who said …": the noun the relative clause hangs on
        v = tok.head
        while v.dep_ in ("aux", "auxpass") and v.head is not v:
            v = v.head
        noun = v.head if v.dep_ == "relcl" else None
        if noun is not None and lw in ("who", "whom", "whose") and tok.i > 0:
            # "backed by Culture, Media and Sport Secretary Tessa Jowell who said": the parser hung the clause on
            # the first conjunct of the title; "who" stands for the named person right before it
            prev = ctx.doc[tok.i - 1] if ctx.doc[tok.i - 1].text != "," or tok.i < 2 else ctx.doc[tok.i - 2]
            at, pe = ctx.tok_entity.get(noun.i), ctx.tok_entity.get(prev.i)
            if pe is not None and pe.kind == "person" and pe.named and (at is None or at.kind != "person"):
                noun = prev
        if noun is None:
            for t in reversed(list(ctx.doc[tok.sent.start:tok.i])):
                if t.pos_ in ("PROPN", "NOUN"):
                    noun = t
                    break
        if noun is not None:
            ent = ctx.tok_entity.get(noun.i)
            if (ent is None or not ent.named) and noun.dep_ == "appos":
                # "Harlan Crow, a Texas real estate developer, who …": the named person
                pe = ctx.tok_entity.get(noun.head.i)
                if pe is not None and pe.named:
                    ent = pe
            if ent is None and noun.ent_iob_ in ("B", "I"):
                # "the ACLU of Oregon, which": the whole name
                for e in ctx.doc.ents:
                    if e.start <= noun.i < e.end:
                        ent = ctx.tok_entity.get(e.root.i)
                        if ent is None:
                            resolved, rspan = e.text, (e.start_char, e.end_char)
                        break
            if ent is not None and ent.name:
                resolved, rspan = ent.name, ent.span
            elif resolved is None:
                chunk = next((c for c in ctx.doc.noun_chunks if c.start <= noun.i < c.end), None)
                left = chunk.start if chunk is not None else noun.i
                while left < noun.i and ctx.doc[left].pos_ in ("VERB", "ADV", "CCONJ"):
                    left += 1
                resolved = ctx.doc[left:noun.i + 1].text
                rspan = (ctx.doc[left].idx, noun.idx + len(noun.text))
    elif lw in FIRST_SECOND:
        parent = parents.get(st.nested_in) if st.nested_in else None
        if parent is not None and lw in ("i", "me", "my"):
            resolved = parent.resolved or parent.text
            rspan = (parent.resolved_span.start, parent.resolved_span.end) if parent.resolved_span else (parent.start, parent.end)
    else:
        content = tuple((c.start, c.end) for c in st.content)
        r = ctx.resolve_pronoun(tok, speaker=True, content=content if lw in ("he", "she") else ())
        ent = r[0] if r else ctx.tok_entity.get(tok.i)
        if ent is not None and ent.kind == "person" and lw in ("he", "she") and any(
                m.entity is ent and m.sent == ctx.sent_of[tok.i] and any(a <= m.start < b for a, b in content)
                and ctx.doc[m.tok].lower_ not in PRONOUNS for m in ctx.mentions):
            # "Mr Blair has failed to tackle these problems, he claimed": the person the speaker's own words name
            # is not the speaker; the last speaker before is (Michael Howard, whose earlier "he"s left no name
            # within reach of the salience count)
            ent = _last_speaker(ctx, span.start, parents, ent, lw) or ent
        elif ent is not None and ent.kind == "person" and lw in ("he", "she"):
            # "… Mr Blair has failed, he claimed. “The result is …,” he said": the one man named within reach is named
            # only inside what the last speaker said (his "he"s, resolved already, are no mentions of that man), so
            # "he" is that speaker; not where this report is itself inside what the last speaker said ("the paper said
            # Mr X had caused uproar when he said …")
            psent = ctx.sent_of[tok.i]
            speakers = {p.start for p in parents.values() if p.resolved}
            near = [m for m in ctx.mentions if m.entity is ent and m.start < span.start and 0 <= psent - m.sent <= 6
                    and m.start not in speakers]
            last = max((p_id for p_id in ctx.contents if p_id in parents and parents[p_id].start < span.start),
                       key=lambda p_id: parents[p_id].start, default=None)
            if near and last is not None and not any(a <= span.start < b for a, b in ctx.contents[last]) and all(
                    any(a <= m.start < b for a, b in ctx.contents[last]) or ctx.doc[m.tok].lower_ in PRONOUNS
                    for m in near) and any(ctx.doc[m.tok].lower_ not in PRONOUNS for m in near):
                ent = _last_speaker(ctx, span.start, parents, ent, lw) or ent
        if ent is not None and ent.name:
            resolved, rspan = ent.name, ent.span
    return Source(
        start=span.start, end=span.end, text=span.text, named=False, type="pronoun",
        resolved=resolved, resolved_span=Span.of(ctx.text, *rspan) if rspan else None,
    )


OFFICE_HEADS = {"minister", "secretary"}   # titles whose office is named by a modifier ("prime", "home", "foreign")
# offices a person named with one of them holds instead of a minister's or secretary's ("Chancellor Gordon Brown")
OTHER_OFFICES = {"chancellor", "president", "mayor", "governor", "senator", "speaker", "premier"}
# nouns for a firm, which a definite description may use for the firm named just before ("the company")
FIRM_NOUNS = {"company", "firm", "giant", "group", "maker", "carmaker", "carrier", "producer", "supplier",
              "conglomerate", "insurer", "lender", "chain", "exporter", "refiner", "corporation", "business", "bank",
              "retailer", "manufacturer", "airline", "publisher", "studio", "brewer", "operator", "telco",
              "supermarket", "bourse", "startup", "brand"}
# offices a proximity guess gets wrong: British news names the chancellor and several other politicians side by side
NO_GUESS_OFFICES = {"chancellor"}


def _office_roles(t: Token) -> list[str]:
    """The roles a role noun gives a person: its lemma, and for a minister or secretary the office its modifiers
    name ("foreign minister"), which "the foreign minister" asks for and "the prime minister" does not take."""
    lem = t.lemma_.lower()
    mods = [m.lower_ for m in t.children if m.dep_ in ("compound", "amod") and m.i < t.i] if lem in OFFICE_HEADS else []
    return [lem] + ([" ".join(mods + [lem])] if mods else [])
NOT_THE_OFFICE = {"deputy", "vice", "shadow", "former", "ex", "acting", "assistant", "junior", "would-be"}
MEDIA_HEADS = {"news", "times", "post", "journal", "tribune", "gazette", "herald", "observer", "magazine", "daily",
               "telegraph", "chronicle", "examiner", "inquirer", "dispatch", "bulletin", "wire"}
# salience weights (Lappin & Leass style; recency halves per sentence). Set by hand, checked on a
# hand-labelled PolNeAR train sample.
SUBJECT_W = 80.0
SOURCE_W = 300.0
QUOTE_PENALTY = 110.0
DECAY = 0.5
GENERIC_WEIGHT = 0.6
GENDER_MATCH = 1.0
UNNAMED_PERSON_WEIGHT = 0.7
QUOTED_FOR_SPEAKER = 0.3
GENERIC_SKIP = {"year", "day", "week", "month", "time", "way", "thing", "lot", "part", "percent", "point", "number",
                "kind", "sort", "fact", "case", "end", "place", "side", "today", "night", "morning", "evening",
                "minute", "hour", "people", "something", "anything", "nothing", "everything", "one"}
QUANT_HEADS = {"one", "pair", "group", "some", "many", "most", "all", "number", "couple", "handful", "dozens",
               "hundreds", "thousands", "millions", "majority", "minority", "half", "two", "three", "several", "few",
               "both", "each", "none", "any", "series", "set", "team", "percent", "%"}
ANON_PRON_HEADS = {"those", "anyone", "someone", "everyone", "everybody", "somebody", "others", "many", "some", "few",
                   "most", "all", "nobody", "one"}


def _coordinated(ctx: _Context, st: Statement, sp: SpacySpan, head: Token,
                 parents: dict[str, Source]) -> Optional[Source]:
    """A source of several coordinated members ("Both the Tories and the Lib Dems", "Chancellor Gordon Brown and
    Transport Secretary Alistair Darling"): each member is described on its own, and the source is all of them,
    not its first member (which the span's head had made it: "Labour and the Greens" had been resolved to
    "Labour", and so merged across articles with Labour's own statements). One name that holds an "and" ("Marks
    and Spencer", an entity over the whole phrase) stays one."""
    doc = ctx.doc
    members = [head]
    k = 0
    while k < len(members):
        members += [c for c in members[k].children if c.dep_ == "conj" and sp.start <= c.i < sp.end]
        k += 1
    if len(members) < 2 or not any(c.dep_ == "cc" and c.lower_ in ("and", "&", "nor") for m in members for c in m.children):
        return None
    if head.ent_iob_ in ("B", "I") and any(doc[i].ent_iob_ == "I" for i in range(head.i + 1, members[-1].i + 1)) \
            and all(doc[i].ent_iob_ != "B" for i in range(head.i + 1, members[-1].i + 1)):
        return None  # one entity over the whole phrase
    parts = []
    for m in members:
        # the member's own words: not the members, "and"s and commas after it, nor a "both"/"neither" before it
        skip = {t.i for c in m.children
                if c.dep_ == "preconj" or (c.dep_ in ("conj", "cc", "punct") and c.i > m.i) for t in c.subtree}
        toks = [t for t in m.subtree if t.i not in skip and sp.start <= t.i < sp.end and not t.is_punct]
        if not toks or any(toks[0].i <= o.i <= toks[-1].i for o in members if o is not m):
            return None  # (a member whose words reach over another: the parse is not a plain list)
        a, b = toks[0].idx, toks[-1].idx + len(toks[-1])
        sub = Statement(id=st.id, kind=st.kind, cue=st.cue,
                        source=Source(start=a, end=b, text=ctx.text[a:b], named=False))
        parts.append(_describe(ctx, sub, parents, member=True))
    types = [p.type for p in parts if p.type != "unknown"] or ["unknown"]
    typ = max(types, key=types.count)  # the commonest known member type (the first on a tie)
    names = [re.sub(r"^(?:the|a|an)\s+", "", p.resolved or p.text, flags=re.I) for p in parts]
    resolved = None
    if any(p.resolved for p in parts):  # (nothing to add where no member refers to anything beyond its words)
        resolved = ", ".join(names[:-1]) + " and " + names[-1]
    return Source(start=st.source.start, end=st.source.end, text=st.source.text, named=all(p.named for p in parts),
                  type=typ, resolved=resolved, anonymous=all(p.anonymous for p in parts))


def _body_reference(ctx: _Context, ent: Optional[Entity], span: Span) -> dict:
    """``resolved``/``resolved_span`` for a description of a body or a document ("the central bank", "the study"): the
    name of the entity it refers to, or the fuller description it refers back to ("the Libyan central bank", "a
    study" said earlier); nothing when that is the span itself."""
    if ent is None or not ent.name:
        return {}
    if ent.named:
        return {"resolved": ent.name, "resolved_span": Span.of(ctx.text, *ent.span) if ent.span else None}
    if ent.span and not (ent.span[0] < span.end and span.start < ent.span[1]):
        return {"resolved": ent.name, "resolved_span": Span.of(ctx.text, *ent.span)}
    return {}


def _describe(ctx: _Context, st: Statement, parents: dict[str, Source], member: bool = False) -> Source:
    span = st.source
    doc, lex = ctx.doc, ctx.lex
    sp = _span_tokens(doc, span.start, span.end)
    base = dict(start=span.start, end=span.end, text=span.text)
    if sp is None:
        return Source(**base, named=False, type="unknown")
    words = [t for t in sp if not t.is_punct]
    if len(words) == 1 and words[0].lower_ in set(PRONOUNS) | RELATIVE | FIRST_SECOND:
        return _pronoun_source(ctx, words[0], st, parents)
    head = _head(sp)
    group = None if member else _coordinated(ctx, st, sp, head, parents)
    if group is not None:
        return group
    # "one of the first polls", "a pair of multimillionaires": the noun after "of" says what it is
    if head.lower_ in QUANT_HEADS:
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of" and c.i < sp.end), None)
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if pobj is not None and pobj.i < sp.end:
            head = pobj
    lem = _role_lemma(head)
    low = head.lower_
    description = None
    appos = [c for c in head.children if c.dep_ == "appos" and c.i < sp.end]
    if appos:
        a = appos[0]
        description = doc[a.left_edge.i:min(a.right_edge.i + 1, sp.end)].text.strip(" ,")
    ent = ctx.tok_entity.get(head.i)
    # a named person the span is about: its head, or a name the head stands in apposition to
    person_ent = None
    if ent is not None and ent.kind == "person" and ent.named:
        person_ent = ent
    else:
        for t in sp:
            e = ctx.tok_entity.get(t.i)
            if e is not None and e.kind == "person" and e.named and t.dep_ not in ("compound", "poss", "amod", "nmod") \
                    and t.head.i == head.i and t.dep_ in ("appos",):
                person_ent = e
                break
            # "Gloucester director of rugby Nigel Melville", "head of communications Jo Byrne": the parser hangs the
            # name on "of"; a lower-case word between "of" and the name says it is the office's field, not the
            # one the office is of ("the wife of Tony Blair" stays hers)
            if e is not None and e.kind == "person" and e.named and t.dep_ == "pobj" and t.head.lower_ == "of" \
                    and head.i in (t.head.head.i, t.head.head.head.i) and t.i == sp.end - 1 and t.head.i + 1 < t.i \
                    and doc[t.head.i + 1].text[:1].islower() and _role_lemma(t.head.head) in ROLE_OF_FIELD:
                person_ent = e
                break
    text_l = re.sub(r"(’s|'s)$", "", span.text.lower()).strip()
    text_l = re.sub(r"^(?:a|an|the)\s+", "", text_l)

    def in_media(t: str) -> bool:
        return t in lex["media_names"] or ("the " + t) in lex["media_names"]

    def named_src(tp: str, e: Optional[Entity]) -> Source:
        res = e.name if e is not None and e.name else None
        rsp = Span.of(ctx.text, *e.span) if e is not None and e.span else None
        return Source(**base, named=True, type=tp, resolved=res, resolved_span=rsp, description=description)

    def anon(role: str) -> Source:
        aff, place = _affiliation_place(ctx, head, sp)
        e = ent
        res = rsp = None
        # resolved to an earlier mention, not to this one (the entity's span may hold the source's, or the
        # reverse, when the parser's noun chunk and the source's edges differ)
        if e is not None and e.span and e.span[0] != span.start and not (e.span[0] >= span.start and e.span[1] <= span.end) \
                and not (span.start >= e.span[0] and span.end <= e.span[1]):
            res, rsp = e.name, Span.of(ctx.text, *e.span)
        return Source(**base, named=False, type="anonymous", anonymous=True,
                      anonymity=Anonymity(role=role, affiliation=aff, place=place), resolved=res, resolved_span=rsp)

    if len(words) == 1 and head.pos_ == "NOUN" and head.text[:1].isupper() and head.text[1:].islower() \
            and (ent is None or not ent.named):
        # a name the tagger read as a common noun where it opens a headline or sentence ("Ebbers denies WorldCom
        # fraud", "Rosneft, meanwhile, has agreed"): the person the article names in full, or the firm it calls one
        # ("oil group Rosneft"; not a song the entity recogniser took for a firm, nor "Alerts tell people ...")
        if head.lower_ in ctx.person_by_last and not _not_a_surname(head.text):
            named_person = ctx._person_entity(None, head.text, "u", span.start)
            if named_person is not None and named_person.first:
                return named_src("person", named_person)
        body = ctx.org_by_key.get(_ent_key(head.text))
        if body is not None and body.named and body.roles and body.kind in ("org", "media"):
            return named_src("media" if body.kind == "media" else "organisation", body)

    # outlets first: "The New York Times and the Gannett newspaper chain", "a New York Times"
    head_phrase = re.sub(r"^(?:a|an|the)\s+", "", doc[head.left_edge.i if head.left_edge.i >= sp.start else sp.start:head.i + 1].text.lower())
    head_phrase = re.sub(r"(’s|'s)$", "", head_phrase)
    if in_media(text_l) or in_media(head_phrase) or (
            head.pos_ == "PROPN" and low in MEDIA_HEADS and head.text[:1].isupper()
            and sum(1 for t in sp if t.text[:1].isupper()) >= 2):
        return named_src("media", ent if ent is not None and ent.kind == "media" else None)
    if _common_noun(head) or (lem in lex["document_nouns"] and head.pos_ != "PROPN") or (
            head.pos_ == "PROPN" and not head.ent_type_ and low in lex["document_nouns"]):
        if lem in lex["document_nouns"] or low in lex["document_nouns"]:
            return Source(**base, named=False, type="document", **_body_reference(ctx, ent, span))
        if lem in lex["person_nouns"] or low in lex["person_nouns"] or low.split("-")[-1] in lex["person_nouns"]:
            if person_ent is not None:
                src = named_src("person", person_ent)
                # "the top American commander" refers to a named person but does not name him
                in_name = any(ctx.tok_entity.get(t.i) is person_ent and t.pos_ == "PROPN" for t in sp)
                return src if in_name else src.model_copy(update={"named": False, "description": span.text})
            definite = sp[0].lower_ in ("the", "this", "that", "these", "those") or any(
                t.dep_ == "poss" and t.head.i == head.i for t in sp)
            e = ent if ent is not None else (ctx._link_definite(head, lem, "person", span.start) if definite else None)
            if e is not None and e.kind == "person" and e.named:
                # "the general" -> Gen. John W. Nicholson Jr.
                return Source(**base, named=False, type="person", resolved=e.name,
                              resolved_span=Span.of(ctx.text, *e.span) if e.span else None, description=span.text)
            if definite and any(t.dep_ == "poss" and t.head.i == head.i and t.pos_ in ("PRON", "PROPN") for t in sp) \
                    and lem in ("wife", "husband", "ex-wife", "son", "daughter", "father", "mother", "brother", "sister"):
                return Source(**base, named=False, type="person")
            return anon(lem)
        if lem in lex["media_nouns"]:
            return Source(**base, named=False, type="media")
        if lem in lex["government_heads"] or text_l in lex["government_names"] or lem in ("police", "state"):
            named = any(t.pos_ == "PROPN" for t in sp)
            return Source(**base, named=named, type="government", **_body_reference(ctx, ent, span))
        if lem in lex["organisation_nouns"]:
            return Source(**base, named=False, type="organisation", **_body_reference(ctx, ent, span))
    if head.lower_ in ANON_PRON_HEADS and head.pos_ in ("PRON", "DET", "NUM", "ADJ", "NOUN"):
        return anon(head.lower_)          # "those surveyed", "anyone who …"
    if head.pos_ == "PROPN" and head.lower_ in ctx.called_org and (ent is None or ent.kind != "person"):
        # "Rival exchange operator Euronext", "Macrovision" in an article that calls it "copy protection firm
        # Macrovision": a firm, whatever role word stands before it or however the tagger read the bare name
        kind = {"media": "media", "gov": "government"}.get(ent.kind if ent is not None else "", "organisation")
        return named_src(kind, ent if ent is not None and ent.named else None)
    if appos and any(c.lemma_.lower() in lex["person_nouns"] for c in appos) and sp[0].text[:1].isupper():
        # "Will Estrada, the chairman for …" / "Scheiderman, a Democrat whose office …"
        return named_src("person", person_ent)
    if head.pos_ == "PROPN" and any(t.lemma_.lower() in lex["person_nouns"] and t.pos_ == "NOUN" and t.head.i == head.i
                                    and t.dep_ in ("compound", "nmod") for t in sp):
        return named_src("person", person_ent)      # "author Junot Díaz", "host Trevor Noah"
    # proper-name heads
    if person_ent is None and head.pos_ == "PROPN" and head.text[:1].isupper() and len(words) <= 3 \
            and not _not_a_surname(head.text):
        # "Obama" / "Lynch" that the NER mislabelled ORG (headlines): the surname of a person named in the article
        # (a hyphenated one whole: "Saint-Andre" tagged as a place)
        joined = ctx._name_tokens(list(sp))
        surname = joined[-1] if len(joined) == 1 and head.text in joined[-1].split("-") else head.text
        person_ent = ctx._person_entity(None, surname, "u", span.start)
    if ent is None and person_ent is None and head.pos_ == "PROPN" and len(words) <= 3:
        # "Barclays has declined to comment", where the tagger marked this "Barclays" as nothing and the others ORG:
        # the firm or outlet the article names so elsewhere (not a place: the small model tags surnames GPE too)
        body = ctx.org_by_key.get(_ent_key(" ".join(t.text for t in words)))
        if body is not None and body.named and body.kind in ("org", "media"):
            return named_src("media" if body.kind == "media" else "organisation", body)
    if person_ent is not None:
        return named_src("person", person_ent)
    if head.ent_type_ == "NORP" and sp[0].lower_ in ("one", "a", "an", "another"):
        return anon(lem)        # "One Republican"
    if head.pos_ == "PROPN" and appos and any(c.lemma_.lower() in lex["person_nouns"] for c in appos):
        # "Scheiderman, a Democrat whose office …": an apposition that describes a person
        return named_src("person", None)
    if text_l in lex["government_names"]:
        return named_src("government", ent)
    if ent is not None:
        if ent.kind == "group" and sp[0].lower_ in ("one", "a", "an", "another"):
            return anon(lem)        # "One Republican"
        kind = {"media": "media", "gov": "government", "org": "organisation", "group": "organisation",
                "person": "person", "thing": "document"}[ent.kind]
        if ent.kind == "person" and not ent.named:
            return anon(lem)
        if ent.generic or not ent.named:
            return Source(**base, named=False, type="unknown" if ent.generic else kind)
        return named_src(kind, ent)
    if head.ent_type_ == "NORP" and len(words) == 1:
        return named_src("government", None)        # "American" (commitments)
    if head.pos_ == "PROPN" or head.text[:1].isupper():
        if low in lex["government_heads"]:
            return named_src("government", None)
        if low in lex["orgish_propn_suffixes"]:
            return named_src("organisation", None)
        names = [t for t in words if t.pos_ == "PROPN"]
        if names and len(names) >= 2 and _first_name_gender(names[0].text) != "u":
            return named_src("person", None)
        if head.ent_type_ == "GPE":
            return named_src("government", None)
        if len(words) == 1 and head.lower_.endswith("s") and (
                head.lower_[:-1] in lex["person_nouns"] or _demonym(head.lower_[:-1])):
            # "Ministers", "Pakistanis" opening a sentence, which the tagger reads as a name: people, not one person
            return anon(head.lower_[:-1] if head.lower_[:-1] in lex["person_nouns"] else head.lower_)
        if head.pos_ == "PROPN" and len(words) == 1 and not head.ent_type_ and not _not_a_surname(head.text):
            # a bare capitalised word the NER does not know, speaking: in news, a surname
            return named_src("person", None)
        if head.pos_ == "PROPN":
            return named_src("organisation", None)
    if head.ent_type_ == "GPE":
        return Source(**base, named=True, type="government")      # "from Paris to Prague"
    return Source(**base, named=False, type="unknown")


# --------------------------------------------------------------------------- told_to

_OUTLET = r"((?:[Tt]he\s+)?[A-Z][\w&.’'-]*(?:\s+(?:[A-Z][\w&.’'-]*|of|the|for|and)){0,5})"
_TOLD_TO = [
    re.compile(r"\btold\s+" + _OUTLET),
    re.compile(r"\b(?i:said|stated|contended|explained|confirmed|added|wrote|insisted|noted|denied|revealed|claimed|"
               r"argued|commented|admitted|acknowledged|complained|disclosed|maintained|suggested|emphasized|stressed|"
               r"warned|speaking|talking|spoke|talked|told|says|writes|tells)\s+(?:exclusively\s+)?(?:to|with)\s+" + _OUTLET),
    re.compile(r"\b(?i:in|during)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}(?:interview|conversation|call|email|e-mail|"
               r"statement|comments?|remarks|message|appearance)\s+(?:with|to|on)\s+" + _OUTLET),
    re.compile(r"\b(?i:contacted|reached|interviewed|asked|questioned)\s+by\s+" + _OUTLET),
]


def _trim_outlet(s: str) -> str:
    s = re.sub(r"(?:\s+(?:of|the|for|and))+$", "", s.strip())
    s = re.sub(r"(’s|'s)$", "", s)
    return s.rstrip(".,")


def find_told_to(ctx: _Context, st: Statement) -> Optional[Span]:
    anchor = st.cue or st.source
    if anchor is None:
        return None
    doc = ctx.doc
    sp = _span_tokens(doc, anchor.start, anchor.end)
    if sp is None:
        return None
    sent = sp[0].sent
    s0, s1 = sent.start_char, sent.end_char
    stext = ctx.text[s0:s1]
    best = None
    for rx in _TOLD_TO:
        for m in rx.finditer(stext):
            out = _trim_outlet(m.group(1))
            if not out:
                continue
            a = s0 + m.start(1)
            b = a + len(out)
            # inside quoted content it is something else being told
            if ctx.in_quote(a):
                continue
            cand = ctx.text[a:b]
            low = re.sub(r"^the ", "", cand.lower())
            toks = _span_tokens(doc, a, b)
            is_person = toks is not None and any(t.ent_type_ == "PERSON" for t in toks) and not (
                low in ctx.lex["media_names"] or ("the " + low) in ctx.lex["media_names"])
            if is_person:
                continue
            ok = (low in ctx.lex["media_names"] or ("the " + low) in ctx.lex["media_names"]
                  or cand.split()[-1].lower() in ctx.lex["media_suffixes"]
                  or (toks is not None and any(t.ent_type_ == "ORG" for t in toks))
                  or _is_article_outlet(doc, cand))
            if not ok:
                continue
            dist = min(abs(a - anchor.start), abs(a - anchor.end))
            if best is None or dist < best[0]:
                best = (dist, a, b)
    if best is None:
        return None
    return Span.of(ctx.text, best[1], best[2])


def _is_article_outlet(doc: Doc, cand: str) -> bool:
    meta = getattr(doc._, "st_article", None) if Doc.has_extension("st_article") else None
    outlet = getattr(meta, "outlet", None) if meta is not None else None
    return bool(outlet) and outlet.lower().removeprefix("the ") == cand.lower().removeprefix("the ")


# --------------------------------------------------------------------------- API


def build_context(doc: Doc, statements: list[Statement]) -> _Context:
    ctx = _Context(doc, [(s.source.start, s.source.end) for s in statements if s.source is not None])
    ctx.contents = {s.id: [(c.start, c.end) for c in s.content] for s in statements if s.source is not None}
    ctx.resolve_all_pronouns()
    return ctx


def describe_sources(doc: Doc, statements: list[Statement]) -> list[Statement]:
    """Return copies of ``statements`` with ``source`` described, typed and resolved, and ``told_to`` set."""
    if not statements:
        return []
    ctx = build_context(doc, statements)
    # the names third-person pronouns refer to, for the events component ("He accused …": who did)
    doc._.st_antecedents = {
        i: (m.entity.name, m.entity.span) for i, m in ctx.tok_mention.items()
        if doc[i].lower_ in PRONOUNS and m.entity.named and m.entity.name and m.entity.span}
    parents: dict[str, Source] = {}
    out: list[Statement] = []
    # parents first (nested statements resolve "I" to the outer speaker)
    order = sorted(range(len(statements)), key=lambda i: (statements[i].nested_in is not None,
                                                        statements[i].source.start if statements[i].source else -1))
    done: dict[int, Statement] = {}
    for i in order:
        st = statements[i]
        upd: dict = {}
        if st.source is not None:
            src = _describe(ctx, st, parents)
            upd["source"] = src
            parents[st.id] = src
        if st.told_to is None:
            tt = find_told_to(ctx, st)
            if tt is not None:
                upd["told_to"] = tt
        done[i] = st.model_copy(update=upd) if upd else st
    for i in range(len(statements)):
        out.append(done[i])
    return out


def _without_open_bracket(e):
    """An entity the recogniser ran into a bracket it does not close ("the British Bankers' Association (BBA") or
    that ends with a bracketed word ("… Organisation (ILO)") ends before the bracket, so that the name a source
    resolves to reads as written (and the bracketed acronym can name the body: ``_acronym_after``)."""
    k = next((t.i for t in reversed(e) if t.text == "("), None)
    if k is None or k == e.start:
        return e
    if any(t.text == ")" for t in e.doc[k:e.end]) and not (e.end - k == 3 and e[-1].text == ")"):
        return e  # (a bracket closed inside the name; but "the International Labour Organisation (ILO)" ends before it)
    from spacy.tokens import Span as _Span

    return _Span(e.doc, e.start, k, label=e.label_)


def _acronym_after(e) -> Optional[str]:
    """The acronym written in brackets right after a body's name, when its letters are the name's initials in order:
    "the International Labour Organisation (ILO)", "the National Hi-Tech Crime Unit (NHTCU)"."""
    doc = e.doc
    if e.end + 2 >= len(doc) or doc[e.end].text != "(" or doc[e.end + 2].text != ")":
        return None
    acr = doc[e.end + 1].text
    if not (2 <= len(acr) <= 8 and acr.isalpha() and acr.isupper()):
        return None
    initials = [w[0] for w in re.findall(r"[A-Z][\w'’]*", re.sub(r"^[Tt]he |(’s|'s)$", "", e.text).replace("-", " "))]
    if not initials or initials[0] != acr[0]:
        return None
    it = iter(initials)
    return acr if all(ch in it for ch in acr) else None
