"""Compiled extraction: the hot modules of this package built with mypyc, used only when
built from exactly the sources beside them.

The same Python source runs either way and gives the same records (a test compares the
two on the gold corpus); compiled, extraction takes about a third less time. A build
lives in ``_native/<digest>/``, where the digest covers the compiled modules' sources,
so an edited source is never shadowed by a stale build: until it is rebuilt, the pure
Python modules are used. ``pip install -e .`` builds it (``hatch_build.py``); so does
``python -m archive_gui.core.extract.native``. Setting ``ARCHIVE_GUI_PURE_PYTHON=1``
turns it off.

This module uses the standard library only: the build hook loads it by path, before
the package's dependencies are installed.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import os
import shutil
import sys
import sysconfig
import tempfile
from pathlib import Path

PACKAGE = "archive_gui.core.extract"
# The modules compiled: the ones extraction spends its time in. The data tables, the
# disk cache of tables and the benchmark stay pure Python.
MODULES = (
    "regex_trie",
    "textutil",
    "numbers",
    "periods",
    "places",
    "speakers",
    "quotes",
    "operations",
)
# mypyc puts the code of all modules in one shared library of this name.
GROUP = "archive_gui_extract"
SHARED_LIBRARY = f"{GROUP}__mypyc"
PURE_PYTHON_VARIABLE = "ARCHIVE_GUI_PURE_PYTHON"

HERE = Path(__file__).resolve().parent
BUILDS = HERE / "_native"
_SUFFIX = sysconfig.get_config_var("EXT_SUFFIX") or ".so"


def source_digest(directory: Path = HERE) -> str:
    """A digest of the compiled modules' sources and of the interpreter's ABI."""
    digest = hashlib.sha256(_SUFFIX.encode())
    for name in MODULES:
        digest.update(name.encode() + b"\0")
        digest.update((directory / f"{name}.py").read_bytes())
    return digest.hexdigest()[:20]


def build_directory(directory: Path = HERE) -> Path:
    return directory / "_native" / source_digest(directory)


def _library_paths(build: Path) -> dict[str, Path]:
    """Each importable name of a build and the file that holds it."""
    package_dir = build.joinpath(*PACKAGE.split("."))
    paths = {f"{PACKAGE}.{name}": package_dir / f"{name}{_SUFFIX}" for name in MODULES}
    paths[SHARED_LIBRARY] = build / f"{SHARED_LIBRARY}{_SUFFIX}"
    return paths


class _NativeFinder(importlib.abc.MetaPathFinder):
    """Finds the compiled modules of one build (and only those names)."""

    def __init__(self, paths: dict[str, Path]) -> None:
        self.paths = paths

    def find_spec(self, fullname, path=None, target=None):
        file = self.paths.get(fullname)
        if file is None:
            return None
        loader = importlib.machinery.ExtensionFileLoader(fullname, str(file))
        return importlib.util.spec_from_file_location(fullname, file, loader=loader)


# What ``install`` found: "compiled", or "pure Python" with the reason.
mode = "pure Python (not yet looked for)"


def install() -> str:
    """Put this sources' build first on the import path, if there is one; say which
    kind of extraction is used. Called before the package imports its modules."""
    global mode
    if os.environ.get(PURE_PYTHON_VARIABLE):
        mode = f"pure Python ({PURE_PYTHON_VARIABLE} is set)"
        return mode
    if any(f"{PACKAGE}.{name}" in sys.modules for name in MODULES):
        mode = "pure Python (modules imported before the build was looked for)"
        return mode
    try:
        paths = _library_paths(build_directory())
    except OSError as error:
        mode = f"pure Python (sources unreadable: {error})"
        return mode
    missing = [name for name, file in paths.items() if not file.is_file()]
    if missing:
        mode = (
            "pure Python (no compiled build of these sources; "
            "`python -m archive_gui.core.extract.native` makes one)"
        )
        return mode
    if not any(isinstance(f, _NativeFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, _NativeFinder(paths))
    mode = "compiled (mypyc)"
    return mode


def build(directory: Path = HERE, *, verbose: bool = False) -> Path:
    """Compile the modules with mypyc into ``_native/<digest>/`` (kept if it is
    already there) and remove the builds of older sources. Needs mypy, setuptools
    and a C compiler; raises on any failure, leaving no partial build behind."""
    target = build_directory(directory)
    if all(file.is_file() for file in _library_paths(target).values()):
        return target
    from mypyc.build import mypycify  # the build's own requirements
    from setuptools import Distribution

    root = directory.parents[len(PACKAGE.split(".")) - 1]
    sources = [str(Path(*PACKAGE.split("."), f"{name}.py")) for name in MODULES]
    builds = directory / "_native"
    builds.mkdir(exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="build-", dir=builds))
    previous = Path.cwd()
    try:
        os.chdir(root)  # mypy names the modules by their paths from the package root
        extensions = mypycify(
            ["--ignore-missing-imports", "--follow-imports=silent", *sources],
            opt_level="3",
            group_name=GROUP,
            target_dir=str(work / "c"),
            verbose=verbose,
        )
        distribution = Distribution({"name": GROUP, "ext_modules": extensions})
        command = distribution.get_command_obj("build_ext")
        command.build_lib = str(work / "lib")
        command.build_temp = str(work / "temp")
        distribution.verbose = verbose
        distribution.run_command("build_ext")
        output = work / "lib"
        missing = [n for n, f in _library_paths(output).items() if not f.is_file()]
        if missing:
            raise RuntimeError(f"mypyc did not produce {', '.join(missing)}")
        if target.exists():
            shutil.rmtree(target)
        output.rename(target)
    finally:
        os.chdir(previous)
        shutil.rmtree(work, ignore_errors=True)
    for old in builds.iterdir():
        if old.is_dir() and old != target and not old.name.startswith("build-"):
            shutil.rmtree(old, ignore_errors=True)
    return target


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m archive_gui.core.extract.native",
        description="Compile the extraction modules with mypyc (needs mypy and a C compiler).",
    )
    parser.add_argument("--verbose", action="store_true", help="show the compiler's output")
    args = parser.parse_args(argv)
    try:
        target = build(verbose=args.verbose)
    except Exception as error:  # any failure: say it; extraction stays pure Python
        print(f"compiled extraction not built: {error}", file=sys.stderr)
        return 1
    print(f"compiled extraction in {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
