"""sqlite-utils, imported without numpy and pandas.

sqlite-utils imports numpy and pandas at once when they are installed, only to map
their number types to column types; the archive never stores either. numpy comes with
pyqtgraph, which the window imports after its first paint: pulled in here, it added
about 150 ms to start-up (``python -X importtime``). So they are hidden while
sqlite-utils is imported, unless something has imported them already.
"""

from __future__ import annotations

import sys

_HIDDEN = ("numpy", "pandas")


def _import():
    hidden = [name for name in _HIDDEN if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # an import of it raises ImportError
    try:
        import sqlite_utils
    finally:
        for name in hidden:
            if sys.modules.get(name, False) is None:
                del sys.modules[name]
    return sqlite_utils


sqlite_utils = _import()
