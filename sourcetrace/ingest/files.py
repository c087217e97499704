"""Files and byte streams -> :class:`~sourcetrace.model.Article`, with clear errors.

``read_input(path)`` reads a ``.txt``, ``.html``/``.htm`` file (or either ``.gz``
compressed) or ``-`` for standard input; ``read_bytes(data, name)`` does the
same for bytes already in memory. Every problem that makes an input
unanalysable raises :class:`IngestError` naming the input and the problem in
one line; recoverable oddities (an encoding fallback, a byte-order mark) are
recorded in ``article.meta.notes`` instead.

Plain text is decoded and kept exactly as decoded (no newline or Unicode
normalisation), so every offset refers to the file's own characters.
"""

from __future__ import annotations

import gzip
import io
import os
import re
import sys
import unicodedata
import zlib
from pathlib import Path

from ..model import Article
from .errors import IngestError

# "> 5 MB of text" (issue 2): the limit on the text that is analysed.
MAX_TEXT_BYTES = 5 * 1024 * 1024
# HTML carries markup, scripts and styles around its text; allow more raw bytes.
MAX_HTML_BYTES = 50 * 1024 * 1024

TEXT_EXTS = {".txt", ".text"}
HTML_EXTS = {".html", ".htm", ".xhtml", ".shtml"}
# Formats we know we do not read: a clear "unsupported" message instead of
# "binary" or a garbled decode.
UNSUPPORTED_EXTS = {
    ".pdf": "PDF document", ".doc": "Word document", ".docx": "Word document", ".odt": "OpenDocument text",
    ".rtf": "RTF document", ".epub": "EPUB book", ".xls": "spreadsheet", ".xlsx": "spreadsheet", ".ods": "spreadsheet",
    ".ppt": "presentation", ".pptx": "presentation", ".zip": "zip archive", ".tar": "tar archive", ".7z": "7z archive",
    ".rar": "RAR archive", ".bz2": "bzip2 archive", ".xz": "xz archive", ".png": "image", ".jpg": "image",
    ".jpeg": "image", ".gif": "image", ".webp": "image", ".mp3": "audio", ".mp4": "video", ".json": "JSON file",
    ".jsonl": "JSON Lines file", ".csv": "CSV file", ".xml": "XML file", ".rss": "RSS feed", ".atom": "Atom feed",
    ".warc": "WARC archive", ".arc": "ARC archive", ".exe": "program", ".bin": "binary file",
}
ACCEPTED = ".txt, .html, .htm (optionally .gz)"

_BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig", "UTF-8 with byte-order mark (mark removed)"),
    (b"\xff\xfe\x00\x00", "utf-32", "UTF-32 (byte-order mark)"),
    (b"\x00\x00\xfe\xff", "utf-32", "UTF-32 (byte-order mark)"),
    (b"\xff\xfe", "utf-16", "UTF-16 (byte-order mark)"),
    (b"\xfe\xff", "utf-16", "UTF-16 (byte-order mark)"),
]
_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_CONTROL_OK = set("\t\n\r\f\v\x1c\x1d\x1e\x85")  # whitespace-like controls allowed in text


# ---------------------------------------------------------------- names / types
def split_name(name: str) -> tuple[str, str, bool]:
    """``"a/b.html.gz"`` -> (stem ``"b"``, ext ``".html"``, gz ``True``)."""
    base = os.path.basename(name.rstrip("/\\")) or name
    gz = base.lower().endswith(".gz")
    if gz:
        base = base[:-3]
    stem, ext = os.path.splitext(base)
    return (stem or base), ext.lower(), gz


def _sniff_unsupported(data: bytes) -> str | None:
    """Name a known non-text format from its magic bytes (``filetype`` library)."""
    try:
        import filetype
    except ImportError:  # pragma: no cover - dependency declared in pyproject
        return None
    kind = filetype.guess(data[:8192])
    if kind is None:
        return None
    if kind.extension in ("bmp", "exe", "elf") and b"\x00" not in data[:8192]:
        return None  # two-letter signatures ("BM", "MZ") that plain text can start with
    return f"{kind.mime} (.{kind.extension})"


def _maybe_binary(data: bytes) -> bool:
    """Only trust magic bytes on data that is not clean text: a news story may
    well start with "BM" (BMW...) or "MZ", which are also image/program signatures."""
    head = data[:65536]
    if b"\x00" in head or head.startswith((b"%PDF-", b"{\\rtf")):
        return True
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as e:
        return e.start < len(head) - 3  # not just a character cut at the end of the sample
    return False


# ---------------------------------------------------------------- decoding
def _control_ratio(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in _CONTROL_OK)
    return bad / len(sample)


def _bomless_utf16(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when ``data`` looks like BOM-less UTF-16 English
    (Windows tools write it): a NUL in nearly every high byte and almost none in
    the low bytes. Binary data has NULs scattered in both positions."""
    head = data[:65536]
    if len(head) < 4 or len(data) % 2:
        return None
    even, odd = head[0::2], head[1::2]
    n = len(odd)
    nul_even, nul_odd = even.count(0) / n, odd.count(0) / n
    if nul_odd >= 0.9 and nul_even <= 0.01:
        return "utf-16-le"
    if nul_even >= 0.9 and nul_odd <= 0.01:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, name: str, declared: str | None = None) -> tuple[str, list[str]]:
    """Decode ``data`` to text the way a reader would expect; return (text, notes).

    Order: byte-order mark; strict UTF-8; a charset the document declares
    (HTML ``<meta charset>``); Windows-1252 for mostly-ASCII bytes (the usual
    non-UTF-8 encoding of English text, a superset of Latin-1's printable
    characters); otherwise ``charset-normalizer``'s best guess. Binary data
    (NUL bytes, control characters) raises :class:`IngestError`.
    """
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as e:
                raise IngestError(name, f"invalid {label.split(' ')[0]} text ({e.reason} at byte {e.start})") from None
            return _check_text(text, name), [f"decoded as {label}"]
    if b"\x00" in data[:65536]:
        codec = _bomless_utf16(data)
        if codec:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                pass
            else:
                if _control_ratio(text) < 0.01:
                    return text, [f"decoded as {codec.upper()} (no byte-order mark; NUL bytes in every other position)"]
        raise IngestError(name, "binary file (contains NUL bytes), not text")
    try:
        return _check_text(data.decode("utf-8"), name), []
    except UnicodeDecodeError as e:
        why = f"not valid UTF-8: byte 0x{data[e.start]:02x} at offset {e.start}"
    if declared:
        try:
            text = data.decode(declared)
            return _check_text(text, name), [f"decoded as {declared} (declared by the document; {why})"]
        except (LookupError, UnicodeDecodeError):
            pass
    ascii_share = sum(1 for b in data[:65536] if b < 0x80) / max(1, min(len(data), 65536))
    if ascii_share >= 0.9:
        try:
            text = data.decode("cp1252")
            return _check_text(text, name), [f"decoded as cp1252 ({why})"]
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:MAX_TEXT_BYTES]).best()
    if best is None:
        raise IngestError(name, f"binary or undecodable data ({why}, and no other text encoding fits)")
    text = data.decode(best.encoding, errors="replace")
    return _check_text(text, name), [f"decoded as {best.encoding} (guessed by charset-normalizer; {why})"]


def _check_text(text: str, name: str) -> str:
    if _control_ratio(text) > 0.01:
        raise IngestError(name, "binary file (mostly non-text control characters)")
    return text


def _declared_charset(data: bytes) -> str | None:
    m = _META_CHARSET_RE.search(data[:4096])
    if not m:
        return None
    enc = m.group(1).decode("ascii", "ignore").lower()
    try:
        import codecs

        return codecs.lookup(enc).name
    except LookupError:
        return None


# ---------------------------------------------------------------- gzip
def _gunzip(data: bytes, name: str, limit: int) -> bytes:
    """Decompress, refusing broken streams and anything over ``limit`` bytes (gzip bombs)."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
            out = f.read(limit + 1)
    except (OSError, EOFError, zlib.error) as e:  # gzip.BadGzipFile is an OSError
        reason = str(e) or e.__class__.__name__
        if isinstance(e, EOFError):
            reason = "truncated (compressed data ends early)"
        raise IngestError(name, f"broken gzip file: {reason}") from None
    if len(out) > limit:
        raise IngestError(name, f"too large: over {limit // (1024 * 1024)} MB once decompressed")
    return out


# ---------------------------------------------------------------- checks on the result
_EN_STOP = frozenset(
    "the of and to a in that is was for on it with as he she at by said from his her be have has had are were "
    "an this not but they their which who will would been or its after also more than about".split()
)
_langid = None


def detect_language(text: str) -> tuple[str | None, float]:
    """(ISO 639-1 code, probability) from ``py3langid``; (None, 0) for too little text."""
    global _langid
    sample = text[:6000]
    if sum(ch.isalpha() for ch in sample) < 30:  # too little text to tell (CJK has no spaces: count letters)
        return None, 0.0
    if _langid is None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        load = getattr(LanguageIdentifier, "from_model_file", None) or LanguageIdentifier.from_pickled_model
        _langid = load(MODEL_FILE, norm_probs=True)
    lang, prob = _langid.classify(sample)
    return lang, float(prob)


def english_stopword_share(text: str) -> float:
    words = re.findall(r"[a-z]+", text[:6000].lower())
    return sum(w in _EN_STOP for w in words) / max(1, len(words))


def check_english(text: str, name: str) -> str | None:
    """Raise :class:`IngestError` for text that is clearly not English; return the code found.

    A language identifier alone can be fooled by short or name-heavy text, so
    we also require few English function words before refusing.
    """
    lang, prob = detect_language(text)
    if lang is None:
        return None
    sample = text[:6000]
    letters = [ch for ch in sample if ch.isalpha()]
    latin_share = sum(ch.isascii() for ch in letters) / max(1, len(letters))
    if lang != "en" and (
        (prob >= 0.9 and english_stopword_share(text) < 0.12)
        or (latin_share < 0.2 and prob >= 0.5)  # another script altogether (Chinese, Arabic, Cyrillic ...)
    ):
        raise IngestError(name, f"not English (looks like {lang}); sourcetrace analyses English text only")
    return "en" if lang == "en" else None


def _finish(article: Article, name: str, date: str | None, check_language: bool) -> Article:
    text = article.text
    if not text.strip():
        raise IngestError(name, "no article text found" if article.meta.input_format == "html" else "empty file (only whitespace)")
    if len(text.encode("utf-8", "surrogatepass")) > MAX_TEXT_BYTES:
        raise IngestError(name, f"too large: over {MAX_TEXT_BYTES // (1024 * 1024)} MB of text")
    if check_language:
        article.meta.language = check_english(text, name) or article.meta.language
    if date and not article.meta.date:
        article.meta.date, article.meta.date_source = date, "option"
    return article


# ---------------------------------------------------------------- public API
def read_bytes(data: bytes, name: str, date: str | None = None, *, check_language: bool = True) -> Article:
    """Bytes of a ``.txt``/``.html``/``.htm`` (optionally gzip) input -> Article.

    ``name`` is the file name or path (its extension picks the format; ``-``
    or ``stdin`` means standard input, sniffed by content) and becomes
    ``article.path``; the id is its stem (``stdin`` for standard input).
    """
    from .html import article_from_html, looks_like_html
    from .text import article_from_text

    is_stdin = name in ("-", "stdin", "<stdin>")
    shown = "<stdin>" if is_stdin else name
    stem, ext, gz = ("stdin", "", False) if is_stdin else split_name(name)
    if ext in UNSUPPORTED_EXTS:
        raise IngestError(shown, f"unsupported file type {ext} ({UNSUPPORTED_EXTS[ext]}); accepted: {ACCEPTED}")
    if not data:
        raise IngestError(shown, "empty file")
    notes: list[str] = []
    if data[:2] == b"\x1f\x8b":
        if not gz:
            notes.append("gzip-compressed input decompressed")
        gz = True
    elif gz:
        raise IngestError(shown, "broken gzip file: not in gzip format (named .gz)")
    limit = MAX_HTML_BYTES if ext in HTML_EXTS or ext not in TEXT_EXTS else MAX_TEXT_BYTES
    if gz:
        data = _gunzip(data, shown, limit)
        if not data:
            raise IngestError(shown, "empty file (nothing inside the gzip stream)")
    if len(data) > limit:
        raise IngestError(shown, f"too large: {len(data) / (1024 * 1024):.1f} MB (limit {limit // (1024 * 1024)} MB)")
    magic = _sniff_unsupported(data) if _maybe_binary(data) else None
    if magic:
        raise IngestError(shown, f"unsupported file type: {magic}; accepted: {ACCEPTED}")
    if ext in HTML_EXTS:
        kind = "html"
    elif ext in TEXT_EXTS:
        kind = "text"
    else:  # stdin or an unknown extension: look at the content
        kind = "html" if looks_like_html(data[:4096].decode("utf-8", "ignore")) else "text"
    text, dec_notes = decode_bytes(data, shown, _declared_charset(data) if kind == "html" else None)
    notes += dec_notes
    if not text.strip():
        raise IngestError(shown, "empty file (only whitespace)")
    if kind == "html" and not re.search(r"<[A-Za-z!/?]", text[:65536]):
        # named .html but not a single tag: plain text (the HTML extractor finds no article in it)
        kind = "text"
        notes.append("named HTML but holds plain text (no markup): read as text")
    path = "-" if is_stdin else name
    if kind == "html":
        article = article_from_html(text, id=stem, path=path)
    else:
        if len(data) > MAX_TEXT_BYTES:
            raise IngestError(shown, f"too large: over {MAX_TEXT_BYTES // (1024 * 1024)} MB of text")
        article = article_from_text(text, id=stem, path=path)
    article.meta.notes = notes + article.meta.notes
    return _finish(article, shown, date, check_language)


def read_input(path: str, date: str | None = None, *, check_language: bool = True) -> Article:
    """Read one input: a file path, or ``-`` for standard input."""
    if path in ("-",):
        data = sys.stdin.buffer.read(MAX_HTML_BYTES + 1)  # bounded: read_bytes reports "too large"
        return read_bytes(data, "-", date, check_language=check_language)
    p = Path(path)
    stem, ext, gz = split_name(path)
    if ext in UNSUPPORTED_EXTS:
        raise IngestError(path, f"unsupported file type {ext} ({UNSUPPORTED_EXTS[ext]}); accepted: {ACCEPTED}")
    try:
        if p.is_dir():
            raise IngestError(path, "is a directory, not a file")
        size = p.stat().st_size
        limit = MAX_HTML_BYTES if ext in HTML_EXTS else MAX_TEXT_BYTES
        if gz:
            limit = MAX_HTML_BYTES  # compressed size; the text limit applies once decompressed
        if size > limit:
            raise IngestError(path, f"too large: {size / (1024 * 1024):.1f} MB (limit {limit // (1024 * 1024)} MB)")
        with p.open("rb") as f:
            # read at most one byte over the limit: the check above can race a growing file
            data = f.read(limit + 1)
    except FileNotFoundError:
        raise IngestError(path, "no such file") from None
    except PermissionError:
        raise IngestError(path, "permission denied (cannot read the file)") from None
    except IsADirectoryError:
        raise IngestError(path, "is a directory, not a file") from None
    except OSError as e:
        raise IngestError(path, f"cannot read: {e.strerror or e}") from None
    return read_bytes(data, path, date, check_language=check_language)
