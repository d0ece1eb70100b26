"""Corridor Atlas for Python: the same reading, matching and counting as the desktop app and
its command line, on Arrow data.

    >>> import pyarrow as pa, corridor_atlas
    >>> ex = corridor_atlas.Extractor()            # the gazetteer, built once
    >>> batch = pa.record_batch({"id": ["a"], "text": ["Turkey and Georgia signed a deal."]})
    >>> counts = ex.count_articles(batch)          # per-article counts (counts_schema())
    >>> counts.column("pairs")[0][0]["a"].as_py(), counts.column("pairs")[0][0]["b"].as_py()
    ('GEO', 'TUR')

- ``Extractor(names=None)``: the bundled names, plus a names file (the command line's
  ``--gazetteer``). Build one per process: it is not pickled, and building takes a moment.
- ``count_files(batch)``: files' raw bytes (columns ``id``, ``content``) read in every format the
  command line reads (text, HTML, JSON/CSV records, office documents, PDF, news-database
  exports, mail, WARC, zip/tar/gz archives) and counted, one row per article; a file that
  cannot be read is a row with ``problem`` set.
- ``count_articles(batch)``: articles as fields (``id``, ``text``; optional ``title``, ``date``,
  ``url``) counted.
- ``mentions(batch)``: articles to their mentions, one row per mention.
- ``read_files(batch)``: files' bytes to articles (``id``, ``file``, ``title``, ``date``,
  ``url``, ``byline``, ``text``).

Every call releases the interpreter lock while it reads and matches. The Spark job is
``python -m corridor_atlas.spark`` (see ``corridor_atlas.spark``).
"""

from ._core import (  # noqa: F401  (the package's API)
    EXTENSIONS,
    KEY_SPAN,
    MAX_FILE_BYTES,
    MAX_BUCKET,
    NEAR,
    PASSAGE_BYTES,
    Extractor,
    __version__,
    classify,
    counts_schema,
    similarity,
)

__all__ = [
    "Extractor",
    "classify",
    "counts_schema",
    "similarity",
    "NEAR",
    "EXTENSIONS",
    "MAX_FILE_BYTES",
    "KEY_SPAN",
    "MAX_BUCKET",
    "PASSAGE_BYTES",
    "__version__",
]
