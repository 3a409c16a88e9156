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
    report = native.BUILDS / "last-build.txt"
    if not report.is_file():
        pytest.fail("no compiled build was attempted: reinstall with `pip install -e .`")
    outcome = report.read_text(encoding="utf-8")
    if outcome.startswith("failed"):
        pytest.fail(f"the compiled build failed at install:\n{outcome}")
    if outcome.split()[-1] != native.source_digest():
        pytest.skip(
            "the sources changed since the build: `python -m archive_gui.core.extract.native`"
        )
    assert native.mode == "compiled (mypyc)"
    import archive_gui.core.extract.quotes as quotes

    assert quotes.__file__.endswith(native._SUFFIX)


def test_compiled_and_pure_python_give_the_same_records():
    compiled_mode, compiled = _dump(pure=False)
    pure_mode, pure = _dump(pure=True)
    assert pure_mode.startswith("pure Python")
    assert len(compiled) == len(pure) > 60
    assert compiled == pure, compiled_mode


def test_a_changed_source_has_another_digest(tmp_path: Path):
    for name in native.MODULES:
        shutil.copy(native.HERE / f"{name}.py", tmp_path / f"{name}.py")
    before = native.source_digest(tmp_path)
    assert before == native.source_digest(native.HERE)
    with (tmp_path / "quotes.py").open("a", encoding="utf-8") as source:
        source.write("\n# an edit\n")
    assert native.source_digest(tmp_path) != before
    assert native.build_directory(tmp_path).name != before


def test_a_build_for_other_sources_is_not_loaded(tmp_path: Path):
    """Only the directory named by the current sources' digest is looked in."""
    stale = tmp_path / "_native" / ("0" * 20)
    for file in native._library_paths(stale).values():
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(b"not a library")
    for name in native.MODULES:
        shutil.copy(native.HERE / f"{name}.py", tmp_path / f"{name}.py")
    found = native._library_paths(native.build_directory(tmp_path))
    assert not any(file.is_file() for file in found.values())


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
            "--ignore-missing-imports",
            "--follow-imports=silent",
            "--enable-error-code=redundant-expr",
            "--warn-unreachable",
            f"--cache-dir={tmp_path}",
            str(native.HERE),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
