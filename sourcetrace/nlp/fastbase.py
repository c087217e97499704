"""The base model's attribute ruler and lemmatizer, run with a cache: the same output, a fraction of the time.

Why this is written here and not taken from spaCy: in ``en_core_web_sm`` the two components that only look up
tables took about a fifth of the whole parse on BBC articles (attribute_ruler 1.8 s, lemmatizer 1.3-1.5 s of the
base model's 13 s on 150 articles, ``bench/bench_components.py``). spaCy's ``Matcher`` tries each of the ruler's
179 patterns at every token, and its ``IN``/``REGEX`` predicates are Python calls (27 µs a token here); the rule
lemmatizer has a cache, but reaches it through a Python ``Token`` per token. Both answers depend only on a token's
own attributes (a ruler pattern on its tag, lower-case form, dependency label; a lemma on its form, part of speech
and morphology), so they are computed once per distinct attribute tuple and reused; the values are set with
spaCy's own ``set_token_attrs`` and ``Doc.from_array``. The patterns, attributes and lemma rules are the model's
own, read at load time; a ruler pattern that uses anything this evaluator does not know (an ``OP`` quantifier, an
attribute outside ``_ATTRS``) makes it keep spaCy's component unchanged. ``tests/test_fastbase.py`` checks token
for token that the output equals spaCy's.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Optional

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, NORM, ORTH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

# pattern keys this evaluator reads, and the array attribute each is read from (before the ruler sets anything,
# as the Matcher matches before the ruler's annotations are set)
_ATTRS = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE, "ORTH": ORTH, "TEXT": ORTH, "NORM": NORM}
_BOOL = {"IS_SPACE"}
# the caches hold one entry per distinct token tuple; past this many they start again (a corpus of millions of
# articles keeps meeting new forms)
MAX_CACHE = 500_000


class _Unsupported(Exception):
    pass


class _Test:
    """One token test of a pattern; ``values``: the hashes an equality or IN test accepts (None for other tests)."""

    __slots__ = ("fn", "values")

    def __init__(self, fn: Callable[[int], bool], values: Optional[tuple] = None):
        self.fn = fn
        self.values = values

    def __call__(self, x: int) -> bool:
        return self.fn(x)


class CachedAttributeRuler:
    """The model's attribute rules, evaluated once per distinct (tag, lower, dep, …) tuple."""

    def __init__(self, ruler: Any):
        self.vocab = ruler.vocab
        self.attrs = list(ruler.attrs)
        self.indices = list(ruler.indices)
        keys: list[str] = []
        alts = []   # (attr index, pattern length, [per-position list of (slot, test)])
        for attr_id, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                positions = []
                for tok in pattern:
                    tests = []
                    for k, v in tok.items():
                        k = k.upper() if isinstance(k, str) else k
                        if k not in _ATTRS:
                            raise _Unsupported(k)
                        if k not in keys:
                            keys.append(k)
                        tests.append((keys.index(k), self._test(k, v)))
                    positions.append(tests)
                if not positions:
                    raise _Unsupported("empty pattern")
                alts.append((attr_id, len(positions), positions))
        self.keys = keys
        self.array_attrs = [_ATTRS[k] for k in keys]
        self.alts = alts
        self._cache: dict[tuple, frozenset] = {}
        # the token tests indexed by a value one of their equality or IN tests asks for: a token tuple is then
        # tested only against the few patterns that can match it (and the ones with no such test, checked always)
        self._index: dict[tuple[int, int], list[tuple[int, int]]] = {}
        self._always: list[tuple[int, int]] = []
        for a, (_attr, _n, positions) in enumerate(alts):
            for p, tests in enumerate(positions):
                keyed = next((t for t in tests if t[1].values is not None), None)
                if keyed is None:
                    self._always.append((a, p))
                    continue
                for h in keyed[1].values:
                    self._index.setdefault((keyed[0], h), []).append((a, p))

    def _test(self, key: str, value: Any) -> "_Test":
        strings = self.vocab.strings
        if key in _BOOL:
            if not isinstance(value, bool):
                raise _Unsupported(value)
            return _Test(lambda x, v=value: bool(x) == v)
        if isinstance(value, str):
            h = strings.add(value)
            return _Test(lambda x, h=h: x == h, (h,))
        if isinstance(value, dict) and len(value) == 1:
            (op, arg), = value.items()
            if op == "IN":
                hs = frozenset(strings.add(a) for a in arg)
                return _Test(lambda x, hs=hs: x in hs, tuple(hs))
            if op == "NOT_IN":
                hs = frozenset(strings.add(a) for a in arg)
                return _Test(lambda x, hs=hs: x not in hs)
            if op == "REGEX":
                rx = re.compile(arg)
                return _Test(lambda x, rx=rx: bool(rx.search(strings[x])))
        raise _Unsupported(value)

    def _satisfied(self, values: tuple) -> frozenset:
        """(alternative, position) pairs whose token test a token with these attribute values passes."""
        hit = self._cache.get(values)
        if hit is None:
            cands = [c for slot, v in enumerate(values) for c in self._index.get((slot, v), ())] + self._always
            hit = frozenset((a, p) for a, p in cands
                            if all(t(values[slot]) for slot, t in self.alts[a][2][p]))
            if len(self._cache) >= MAX_CACHE:
                self._cache.clear()
            self._cache[values] = hit
        return hit

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        rows = [self._satisfied(tuple(r)) for r in doc.to_array(self.array_attrs).tolist()]
        n = len(rows)
        matches = set()
        for i, sat in enumerate(rows):
            for a, p in sat:
                if p:
                    continue
                attr_id, length, _pos = self.alts[a]
                if length == 1:
                    matches.add((attr_id, i, i + 1))
                elif i + length <= n and all((a, k) in rows[i + k] for k in range(1, length)):
                    matches.add((attr_id, i, i + length))
        # later rules win: the ruler applies its matches in the order of its rules
        for attr_id, start, end in sorted(matches):
            index = self.indices[attr_id]
            set_token_attrs(doc[start:end][index], self.attrs[attr_id])
        return doc


class CachedLemmatizer:
    """The model's rule lemmatizer, its answer kept per (form, part of speech, morphology)."""

    def __init__(self, lemmatizer: Any):
        self.lemmatizer = lemmatizer
        self._cache: dict[tuple, int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        arr = doc.to_array([ORTH, POS, MORPH, LEMMA])
        out = arr[:, 3].copy()
        strings = doc.vocab.strings
        cache = self._cache
        changed = False
        for i, (orth, pos, morph, lemma) in enumerate(arr.tolist()):
            if lemma:   # set by the attribute ruler; the lemmatizer does not overwrite it either
                continue
            key = (orth, pos, morph)
            value = cache.get(key)
            if value is None:
                value = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
                if len(cache) >= MAX_CACHE:
                    cache.clear()
                cache[key] = value
            out[i] = value
            changed = True
        if changed:
            doc.from_array([LEMMA], out.reshape(-1, 1).astype(np.uint64))
        return doc


def use_cached_components(nlp: Language) -> list[str]:
    """Swap the base model's attribute ruler and lemmatizer for their cached versions where that is safe; the
    names of the components swapped."""
    done = []
    names = nlp.pipe_names
    if "attribute_ruler" in names:
        try:
            fast: Optional[CachedAttributeRuler] = CachedAttributeRuler(nlp.get_pipe("attribute_ruler"))
        except _Unsupported:
            fast = None
        if fast is not None:
            _swap(nlp, "attribute_ruler", fast)
            done.append("attribute_ruler")
    if "lemmatizer" in names:
        lem = nlp.get_pipe("lemmatizer")
        if getattr(lem, "mode", None) == "rule" and not getattr(lem, "overwrite", True):
            _swap(nlp, "lemmatizer", CachedLemmatizer(lem))
            done.append("lemmatizer")
    return done


def _swap(nlp: Language, name: str, component: Any) -> None:
    # spaCy's replace_pipe builds the new component from a registered factory and its config; these wrap the
    # loaded component itself, so the pipeline's entry is replaced in place (same name, same position)
    # (``_components`` also holds the disabled ones, such as the model's "senter": find the entry by name)
    entries = nlp._components   # noqa: SLF001
    i = next(k for k, (n, _p) in enumerate(entries) if n == name)
    entries[i] = (name, component)
