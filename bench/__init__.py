"""Benchmark of the site search (issue 3, item 5): ``make bench-search``.

What it does, in order, on its own PostgreSQL database (``BENCH_DATABASE_URL``,
default ``postgres://postgres@127.0.0.1:5432/andelis_bench``, dropped, created
and migrated at each run):

1. Generates an archive with the real models in the real page tree
   (``bench/content.py``): 2,000 pages (colloquia with programme, speakers and
   venue, each with its argument essay and footnotes, and its proceedings) and
   10,000 documents of 5 to 40 pages, one contribution (talk) each. The text is
   French drawn from real word frequencies (``wordfreq``'s 30,000 most common
   French words, sampled by frequency, with per-document themes and set
   expressions of the field; ``bench/corpus.py``): no sentence repeats.
2. Extraction: a sample of the documents (300 by default) gets a real PDF
   written with fpdf2, and the project's extraction (``core.extraction.
   store_extraction``, what the background task runs) reads it with pypdf and
   stores it. This gives the extraction speed in pages per second, for pypdf
   alone and with the storage, and checks that each page is read back word for
   word. Writing and parsing ~225,000 PDF pages would take hours on the
   benchmark machine, so for the other documents the generated page texts are
   stored by that same ``store_extraction``, with only its PDF-reading step
   (``extract_text``) replaced by the generated pages: the same rows
   (``DocumentPageText`` per page, the document's ``search_text``) as an
   extraction would write, minus pypdf's line breaks. Those documents' files
   are one small placeholder PDF.
3. Builds the search index with Wagtail's ``update_index`` (timed), then runs
   ``VACUUM ANALYZE`` as autovacuum would on a live site (statistics, and
   the GIN indexes' pending entries merged).
4. Times the 50 fixed queries of ``bench/queries.py`` (common, field and rare
   words with and without accents, names, pairs, phrases, queries matching
   nothing): the search API the page uses (``search.query.search()``) and the
   whole ``/recherche/?q=`` response through
   Django's test client (in process: URL routing, middleware, view, template;
   no HTTP server). One warm-up through the API, then ``repeats`` runs (5) of
   the three, fewer for a slow query (``budget_s``, 2 s of runs at most; at
   least one). p50 and p95 are taken over the 50 queries' medians, so every
   query weighs the same. Targets: p95 ≤ 50 ms for the query, ≤ 150 ms for
   the page.
5. Runs ``EXPLAIN (ANALYZE, BUFFERS)`` on the slowest SQL statement of the
   slowest query, prints a Markdown table, and writes everything as JSON to
   ``bench/results/`` (git-ignored; ``latest.json`` is the last run).

Scale and options (flags, or environment variables for ``make``):
``--documents`` / ``BENCH_DOCUMENTS`` (10,000), ``--pages`` / ``BENCH_PAGES``
(2,000), ``--sample`` / ``BENCH_EXTRACTION_SAMPLE`` (300), ``--repeats`` /
``BENCH_REPEATS`` (5), ``--budget`` / ``BENCH_BUDGET`` (2 s), ``--seed`` /
``BENCH_SEED`` (2026); ``--quick`` (60 documents, 30 pages, a smoke run of
about a minute); ``--keep-data`` (reuse the archive and index already in the
database, after applying new migrations and the post-index command to it,
and only time the queries; with ``--reindex``, rebuild the index first; with
``--queries-only``, skip the post-index command when the index is known to be
up to date).
``make bench-search BENCH_ARGS="--quick"`` passes flags through make. Uploaded
sample PDFs go to ``BENCH_MEDIA_ROOT`` (``bench/results/media``).

``tests/bench/`` runs the whole benchmark at a tiny scale on the test database
so that it cannot rot.
"""
