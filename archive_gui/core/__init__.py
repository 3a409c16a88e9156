"""The Qt-free core: records, extraction, the archive (all SQL), import and export.

Nothing under ``archive_gui.core`` may import Qt; the UI imports the core, never
the reverse (tests/core/test_layering.py checks it).
"""
