"""Guard against PySide6 6.12.0, whose void methods drop a reference to None.

Under CPython 3.11 (where None is not immortal) every call of a void Qt method
on 6.12.0 decrements None's refcount once, until the interpreter aborts with
"none_dealloc". This test needs only PySide6, so it can check any interpreter.
It calls in batches and fails at the first batch that leaks, before None runs out.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QObject  # noqa: E402

CALLS = 10_000
BATCH = 100
# Other code may move None's refcount a little; a leak moves it by one per call.
TOLERANCE = 50


def test_pyside_does_not_leak_none():
    obj = QObject()
    before = sys.getrefcount(None)
    for done in range(BATCH, CALLS + 1, BATCH):
        for _ in range(BATCH):
            obj.setObjectName("x")
        lost = before - sys.getrefcount(None)
        assert lost < TOLERANCE, (
            f"None lost {lost} references in {done} void Qt calls: this PySide6 "
            "(6.12.0?) leaks None and would abort with none_dealloc"
        )
