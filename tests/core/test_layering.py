"""The core stays Qt-free, and only the data layer writes SQL."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import archive_gui

PACKAGE = Path(archive_gui.__file__).parent
FORBIDDEN_IN_CORE = ("PySide6", "shiboken6", "pyqtgraph", "archive_gui.ui")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_never_imports_qt_or_the_ui():
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(
            name for name in imported_modules(path) if name.startswith(FORBIDDEN_IN_CORE)
        )
        for path in (PACKAGE / "core").rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_importing_the_core_loads_no_qt():
    code = (
        "import sys, archive_gui.cli, archive_gui.core.importer, archive_gui.core.export;"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_ui_never_talks_to_sqlite_directly():
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in (PACKAGE / "ui").rglob("*.py")
        if {"sqlite3", "sqlite_utils"} & imported_modules(path)
    ]
    assert offenders == []
