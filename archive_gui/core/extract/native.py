"""Compiled extraction: the hot modules of this package built with mypyc, used only when
built from exactly the sources they were compiled against.

The same Python source runs either way and gives the same records (a test compares the
two on the gold corpus); compiled, extraction needs about 40% less CPU time. A
build lives in ``_native/<digest>/``, where the digest covers every source the compiler
read (this package and ``records.py``) and the interpreter's ABI, so an edited source
is never shadowed by a stale build: until it is rebuilt, the pure Python modules run.
``pip install -e .`` builds it (``hatch_build.py``); so does
``python -m archive_gui.core.extract.build_native``. ``ARCHIVE_GUI_PURE_PYTHON=1``
turns it off.

This module uses the standard library only: the build hook loads it by path, before
the package's dependencies are installed.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.machinery
import importlib.util
import os
import sys
import sysconfig
from pathlib import Path

# (The build's own modules, tempfile, shutil and traceback, are imported where it runs:
# this module is imported with the package, at every start of the window.)

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
# The type checker's options, for the build and for the test that runs it alone.
MYPY_OPTIONS = (
    "--ignore-missing-imports",
    "--follow-imports=silent",
    "--check-untyped-defs",
)
# Builds of the same interpreter kept besides the newest (a window still running may be
# using one); builds of other interpreters are never removed.
KEPT_OLDER_BUILDS = 2

HERE = Path(__file__).resolve().parent


def _builds(directory: Path) -> Path:
    return directory / "_native"


def _report(directory: Path) -> Path:
    """Where the outcome of the last build is written."""
    return _builds(directory) / "last-build.txt"


BUILDS = _builds(HERE)
REPORT = _report(HERE)
_SUFFIX = sysconfig.get_config_var("EXT_SUFFIX") or ".so"


def _sources(directory: Path) -> list[Path]:
    """Every source the compiler reads types from: the package's modules (the compiled
    ones and the data they import) and the records they build."""
    return [*sorted(directory.glob("*.py")), directory.parent / "records.py"]


def source_digest(directory: Path = HERE) -> str:
    """A digest of the sources the build is made from, and of the interpreter's ABI."""
    digest = hashlib.sha256(_SUFFIX.encode())
    for path in _sources(directory):
        digest.update(path.name.encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def build_directory(directory: Path = HERE) -> Path:
    return _builds(directory) / source_digest(directory)


def _library_paths(build: Path) -> dict[str, Path]:
    """Each importable name of a build and the file that holds it."""
    package_dir = build.joinpath(*PACKAGE.split("."))
    paths = {f"{PACKAGE}.{name}": package_dir / f"{name}{_SUFFIX}" for name in MODULES}
    paths[SHARED_LIBRARY] = build / f"{SHARED_LIBRARY}{_SUFFIX}"
    return paths


def _complete(build: Path) -> bool:
    return all(f.is_file() and f.stat().st_size > 0 for f in _library_paths(build).values())


class _NativeFinder:
    """Finds the compiled modules of one build (and only those names); a meta path
    finder by its ``find_spec`` (not subclassing ``importlib.abc.MetaPathFinder``,
    whose module costs some 20 ms to import at start-up)."""

    def __init__(self, paths: dict[str, Path]) -> None:
        self.paths = paths

    def find_spec(self, fullname, path=None, target=None):
        file = self.paths.get(fullname)
        if file is None:
            return None
        loader = importlib.machinery.ExtensionFileLoader(fullname, str(file))
        return importlib.util.spec_from_file_location(fullname, file, loader=loader)


# What ``install`` found: "compiled (mypyc)", or "pure Python" with the reason.
mode = "pure Python (not yet looked for)"


def install(directory: Path = HERE) -> str:
    """Put the build of these sources first on the import path, if there is one that
    loads; say which kind of extraction is used. Called before the package imports
    its modules."""
    global mode
    mode = _install(directory)
    return mode


def _install(directory: Path) -> str:
    if os.environ.get(PURE_PYTHON_VARIABLE):
        return f"pure Python ({PURE_PYTHON_VARIABLE} is set)"
    if any(f"{PACKAGE}.{name}" in sys.modules for name in MODULES):
        return "pure Python (modules imported before the build was looked for)"
    try:
        build = build_directory(directory)
    except OSError as error:
        return f"pure Python (sources unreadable: {error})"
    if not _complete(build):
        reason = "no compiled build of these sources"
        report = _report(directory)
        if report.is_file() and report.read_text(encoding="utf-8").startswith("failed"):
            reason = f"the last build failed, see {report}"
        return f"pure Python ({reason}; `python -m {PACKAGE}.build_native` makes one)"
    finder = _NativeFinder(_library_paths(build))
    sys.meta_path.insert(0, finder)
    try:
        # The shared library holds all the code: if it loads (a wheel built on another
        # system may not), the modules will. Their own code runs on first use.
        importlib.import_module(SHARED_LIBRARY)
    except ImportError as error:
        sys.meta_path.remove(finder)
        return f"pure Python (the compiled build does not load: {error})"
    return "compiled (mypyc)"


def build(directory: Path = HERE, *, verbose: bool = False) -> Path:
    """Compile the modules with mypyc into ``_native/<digest>/`` (kept if it is already
    there) and remove older builds of this interpreter. Needs mypy, setuptools and a C
    compiler; raises RuntimeError on any failure, leaving no partial build behind."""
    import shutil
    import tempfile

    target = build_directory(directory)
    builds = _builds(directory)
    if not _complete(target):
        builds.mkdir(exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix="build-", dir=builds))
        try:
            output = _compile(directory, work, verbose)
            if not _complete(target):  # (a build running beside this one may have won)
                if target.exists():
                    shutil.rmtree(target)
                output.rename(target)
        except SystemExit as error:  # mypyc exits on type errors
            raise RuntimeError(f"mypy or mypyc reported errors (exit {error.code})") from None
        except Exception as error:
            raise RuntimeError(f"{type(error).__name__}: {error}") from error
        finally:
            shutil.rmtree(work, ignore_errors=True)
    _prune(builds, keep=target)
    return target


def _compile(directory: Path, work: Path, verbose: bool) -> Path:
    from mypyc.build import mypycify  # the build's own requirements
    from setuptools import Distribution

    root = directory.parents[len(PACKAGE.split(".")) - 1]
    sources = [str(Path(*PACKAGE.split("."), f"{name}.py")) for name in MODULES]
    previous = Path.cwd()
    os.chdir(root)  # mypy names the modules by their paths from the package root
    try:
        extensions = mypycify(
            [*MYPY_OPTIONS, *sources],
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
    finally:
        os.chdir(previous)
    output = work / "lib"
    missing = [name for name, file in _library_paths(output).items() if not file.is_file()]
    if missing:
        raise RuntimeError(f"mypyc did not produce {', '.join(missing)}")
    return output


def _prune(builds: Path, keep: Path) -> None:
    """Remove all but the newest builds of this interpreter, and build directories an
    interrupted build left (an hour old)."""
    import shutil
    import time

    ours = []
    for path in builds.iterdir():
        if not path.is_dir() or path == keep:
            continue
        if path.name.startswith("build-"):
            if time.time() - path.stat().st_mtime > 3600:
                shutil.rmtree(path, ignore_errors=True)
        elif (path / f"{SHARED_LIBRARY}{_SUFFIX}").is_file():
            ours.append(path)
    ours.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    for old in ours[KEPT_OLDER_BUILDS:]:
        shutil.rmtree(old, ignore_errors=True)


def build_and_report(directory: Path = HERE, *, verbose: bool = False) -> Path | None:
    """``build``, with its outcome written to ``_native/last-build.txt``: the build
    directory, or None when it failed (the report says why)."""
    import traceback

    report = _report(directory)
    try:
        target = build(directory, verbose=verbose)
    except RuntimeError as error:
        report.parent.mkdir(exist_ok=True)
        report.write_text(f"failed: {error}\n\n{traceback.format_exc()}", encoding="utf-8")
        return None
    report.write_text(f"built: {target.name}\n", encoding="utf-8")
    return target
