"""The site as ``make bench-pages`` serves it: the production settings and URLs, plus a
minimal Django view (``/bench/ok/``) served by the same gunicorn, for comparison.

Self-contained (it imports only ``andelis``), so that the benchmark can serve another
checkout of the project with it (``--baseline``).
"""
