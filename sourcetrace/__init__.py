"""sourcetrace: who says what, about whom, how sure they are, and who denies it."""

__version__ = "0.1.0"

from .model import SCHEMA_VERSION, Analysis, Article  # noqa: E402


def analyze(article, **options):
    """``sourcetrace.analyze(text_or_html_or_Article) -> Analysis``; keyword options (``date``,
    ``nlp``, ``chunk_threshold``, ``chunk_size``) as :func:`sourcetrace.core.analyze`."""
    from .core import analyze as _analyze

    return _analyze(article, **options)


__all__ = ["analyze", "Analysis", "Article", "SCHEMA_VERSION", "__version__"]
