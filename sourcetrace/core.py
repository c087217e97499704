"""The one pure core: ``analyze(article) -> Analysis``.

No I/O happens here: callers (CLI, batch, corpus ingest, a server, a
distributed job) read input with :mod:`sourcetrace.ingest` and hand the
``Article`` (or a plain string of text or HTML) to :func:`analyze`.
The spaCy pipeline is loaded once per process by :func:`get_nlp`.

A text longer than :data:`sourcetrace.chunking.CHUNK_THRESHOLD` characters
(100k; news articles are far shorter) is analysed in paragraph-aligned chunks
through ``nlp.pipe``, one chunk's Doc at a time, and the results are merged
into one Analysis of the whole text (:mod:`sourcetrace.chunking`); shorter
texts go through one Doc as they always did.
"""

from __future__ import annotations

from typing import Optional, Union

from spacy.language import Language

from .chunking import CHUNK_SIZE, CHUNK_THRESHOLD
from .model import Analysis, Article, ArticleMeta
from .nlp import get_nlp


def _as_article(obj: Union[Article, str], date: Optional[str]) -> Article:
    if isinstance(obj, Article):
        article = obj
    else:
        from .ingest import article_from_string  # pure string -> Article, no I/O

        article = article_from_string(obj, id="article")
    if date and not article.meta.date:
        article = article.model_copy(update={"meta": article.meta.model_copy(update={"date": date, "date_source": "option"})})
    if not article.meta.date:
        # a cautious guess from the text itself (a "Published ..." line, a dated dateline), said to be inferred
        from .extract.dates import infer_article_date

        guess = infer_article_date(article.text)
        if guess:
            value, reason = guess
            meta = article.meta.model_copy(update={"date": value, "date_source": "inferred", "notes": [*article.meta.notes, reason]})
            article = article.model_copy(update={"meta": meta})
    return article


def _results(doc) -> dict:
    """The components' results on a Doc, by Analysis field."""
    return dict(
        boilerplate=doc._.st_boilerplate or [],
        statements=doc._.st_statements or [],
        events=doc._.st_events or [],
        dates=doc._.st_dates or [],
        places=doc._.st_places or [],
        figures=doc._.st_figures or [],
        timeline=doc._.st_timeline or [],
    )


def analyze(
    article: Union[Article, str],
    *,
    date: Optional[str] = None,
    nlp: Optional[Language] = None,
    chunk_threshold: Optional[int] = None,
    chunk_size: Optional[int] = None,
) -> Analysis:
    """Analyse one article (an :class:`Article`, or a string of text or HTML).

    A text longer than ``chunk_threshold`` characters (default
    :data:`sourcetrace.chunking.CHUNK_THRESHOLD`) is analysed in chunks of at
    most ``chunk_size`` characters cut at paragraph breaks, and the results are
    merged into one Analysis of the whole text (see :mod:`sourcetrace.chunking`).
    """
    article = _as_article(article, date)
    nlp = nlp or get_nlp()
    threshold = CHUNK_THRESHOLD if chunk_threshold is None else chunk_threshold
    if len(article.text) > threshold:
        return _analyze_chunked(article, nlp, chunk_size or CHUNK_SIZE)
    doc = nlp.make_doc(article.text)
    doc._.st_article = article.meta
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    return Analysis(
        id=article.id,
        path=article.path,
        text=article.text,
        article=doc._.st_article or ArticleMeta(),
        **_results(doc),
    )


def _analyze_chunked(article: Article, nlp: Language, size: int) -> Analysis:
    """The same pipeline over consecutive chunks, one Doc alive at a time, merged as they come."""
    from .chunking import merge, split_text, chunk_meta

    bounds = split_text(article.text, size)

    def docs():
        for s, e in bounds:
            doc = nlp.make_doc(article.text[s:e])
            doc._.st_article = chunk_meta(article.meta, s, e)
            yield doc

    # batch_size=1: spaCy's pipe buffers a batch of Docs per component; one keeps memory to one chunk
    return merge(article, bounds, (_results(doc) for doc in nlp.pipe(docs(), batch_size=1)))
