"""Preloaded by the server process that starts the importer's worker processes.

Extraction builds its name tables and compiles its patterns on first use (about half
a second), and importing the importer takes as long again. The importer's workers are
started by "forkserver" (see ``importer._pool_context``): this module, imported once
by the server, does both there, so every worker forked from it starts ready, instead
of each worker paying a second of CPU before its first article.
"""

from __future__ import annotations

import contextlib

from archive_gui.core import importer

SAMPLE = (
    "ICE agents arrested 30 people in Atlanta, Georgia, this week, officials said.\n\n"
    "“We arrest people every day,” said Bryan Cox, an ICE spokesman. Nearly 100 were "
    "arrested in Georgia last month, according to the Department of Homeland Security."
)

with contextlib.suppress(Exception):  # a worker would then warm up on its first article
    importer.extract(SAMPLE)
