"""spaCy pipeline loading: the base English model plus sourcetrace's components."""
from .pipeline import get_nlp, load_base

__all__ = ["get_nlp", "load_base"]
