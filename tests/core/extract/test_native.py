"""The compiled build of the extraction modules: used when it matches the sources, never
when it does not, and giving the same records as the pure Python modules."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from archive_gui.core.extract import native

# Extracts the gold articles (and a few awkward texts) and prints the records as JSON,
# with the kind of extraction first.
_DUMP = """
import dataclasses, json, sys
from archive_gui.core.evaluation import load_gold
from archive_gui.core.extract import extract, native
texts = [(a.text, a.published) for a in load_gold()]
texts += [("\\u201c unmatched open mark, said Bryan Cox", None), ("", None),
          ('"Hi," said "Mr. Smith" "', None), ("About 200 were arrested in Atlanta." * 50, None)]
records = [dataclasses.asdict(extract(text, day)) for text, day in texts]
print(native.mode)
print(json.dumps(records, default=str, sort_keys=True))
"""


def _dump(pure: bool) -> tuple[str, list]:
    env = {k: v for k, v in os.environ.items() if k != native.PURE_PYTHON_VARIABLE}
    if pure:
        env[native.PURE_PYTHON_VARIABLE] = "1"
    done = subprocess.run(
        [sys.executable, "-c", _DUMP], env=env, capture_output=True, text=True, check=True
    )
    mode, records = done.stdout.split("\n", 1)
    return mode, json.loads(records)


def test_the_build_made_at_install_is_in_use():
    """``pip install -e .`` compiles the modules; the tests then run them compiled."""
    if os.environ.get(native.PURE_PYTHON_VARIABLE):
        pytest.skip(f"{native.PURE_PYTHON_VARIABLE} is set")
    if native._complete(native.build_directory()):
        assert native.mode == "compiled (mypyc)"
        import archive_gui.core.extract.quotes as quotes

        assert quotes.__file__.endswith(native._SUFFIX)
        return
    if not native.REPORT.is_file():
        pytest.fail("no compiled build was attempted: reinstall with `pip install -e .`")
    outcome = native.REPORT.read_text(encoding="utf-8")
    if outcome.startswith("failed"):
        pytest.fail(f"the compiled build failed:\n{outcome}")
    if outcome.startswith("skipped"):
        pytest.skip(outcome)
    pytest.skip(f"the sources changed since the build: `python -m {native.PACKAGE}.build_native`")


def test_compiled_and_pure_python_give_the_same_records():
    compiled_mode, compiled = _dump(pure=False)
    if compiled_mode != "compiled (mypyc)":
        pytest.skip(f"no compiled build to compare: {compiled_mode}")
    pure_mode, pure = _dump(pure=True)
    assert pure_mode.startswith("pure Python")
    assert len(compiled) == len(pure) > 60
    assert compiled == pure


def test_an_edit_changes_the_digest(tmp_path: Path):
    copy = tmp_path / "extract"
    shutil.copytree(native.HERE, copy, ignore=shutil.ignore_patterns("_native", "__pycache__"))
    shutil.copy(native.HERE.parent / "records.py", tmp_path / "records.py")
    assert native.source_digest(copy) == native.source_digest(native.HERE)
    for edited in ("quotes.py", "gazetteer_data.py"):  # compiled, and a source of types
        before = native.source_digest(copy)
        with (copy / edited).open("a", encoding="utf-8") as source:
            source.write("\n# an edit\n")
        assert native.source_digest(copy) != before


_MODE = (
    "import archive_gui.core.extract as e, archive_gui.core.extract.quotes as q;"
    "print(e.native.mode); print(q.__file__)"
)


def _mode_of_copy(root: Path) -> tuple[str, str]:
    env = {k: v for k, v in os.environ.items() if k != native.PURE_PYTHON_VARIABLE}
    env["PYTHONPATH"] = str(root)
    done = subprocess.run(
        [sys.executable, "-c", _MODE], env=env, cwd=root, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    mode, file = done.stdout.split("\n")[:2]
    return mode, file


def test_a_stale_or_broken_build_is_not_used(tmp_path: Path):
    """A copy of the package with this build: used as it is; not once a source is
    edited; not when its shared library does not load."""
    build = native.build_directory()
    if not native._complete(build):
        pytest.skip("no compiled build of these sources")
    package = native.HERE.parents[1]
    shutil.copytree(
        package,
        tmp_path / "archive_gui",
        ignore=shutil.ignore_patterns("_native", "__pycache__"),
    )
    extract = tmp_path / "archive_gui" / "core" / "extract"
    shutil.copytree(build, extract / "_native" / build.name)
    mode, file = _mode_of_copy(tmp_path)
    assert mode == "compiled (mypyc)" and file.startswith(str(extract / "_native"))

    with (extract / "operations.py").open("a", encoding="utf-8") as source:
        source.write("\n# an edit\n")
    mode, file = _mode_of_copy(tmp_path)
    assert mode.startswith("pure Python (no compiled build of these sources")
    assert file == str(extract / "quotes.py")

    shutil.move(extract / "_native" / build.name, native.build_directory(extract))
    library = native._library_paths(native.build_directory(extract))[native.SHARED_LIBRARY]
    library.write_bytes(b"not a shared library")
    mode, file = _mode_of_copy(tmp_path)
    assert mode.startswith("pure Python (the compiled build does not load")
    assert file == str(extract / "quotes.py")


def test_pure_python_when_asked():
    env = {**os.environ, native.PURE_PYTHON_VARIABLE: "1"}
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import archive_gui.core.extract.quotes as q, archive_gui.core.extract as e;"
            "print(e.native.mode); print(q.__file__)",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    mode, file = done.stdout.split("\n")[:2]
    assert mode == f"pure Python ({native.PURE_PYTHON_VARIABLE} is set)"
    assert file.endswith("quotes.py")


def test_extraction_modules_pass_mypy(tmp_path: Path):
    """mypyc compiles from the annotations and checks them at run time: they must hold."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            *native.MYPY_OPTIONS,
            "--enable-error-code=redundant-expr",
            "--warn-unreachable",
            f"--cache-dir={tmp_path}",
            str(native.HERE),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_type_error_fails_the_build_with_a_report_not_an_exit(tmp_path: Path):
    """mypyc exits the process on a type error; the install must go on, pure Python."""
    shutil.copytree(
        native.HERE.parents[1],
        tmp_path / "archive_gui",
        ignore=shutil.ignore_patterns("_native", "__pycache__"),
    )
    extract = tmp_path / "archive_gui" / "core" / "extract"
    with (extract / "regex_trie.py").open("a", encoding="utf-8") as source:
        source.write('\n_BROKEN: int = "not a number"\n')
    assert native.build_and_report(extract) is None
    report = (extract / "_native" / "last-build.txt").read_text(encoding="utf-8")
    assert report.startswith("failed: mypy or mypyc reported errors")
    assert [p.name for p in (extract / "_native").iterdir()] == ["last-build.txt"]
