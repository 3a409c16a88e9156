"""Build hook: compile the extraction modules with mypyc while the package is installed.

``pip install -e .`` (and a wheel build) runs it. When compiling fails (no C compiler,
say), the install goes on and extraction runs as pure Python, about 1.6 times as slow;
the reason is kept in ``archive_gui/core/extract/_native/last-build.txt`` (pip shows
the hook's warning only with ``-v``; ``archive-gui --version`` tells which kind runs).
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

_NATIVE = Path(__file__).parent / "archive_gui" / "core" / "extract" / "native.py"


def _native_module():
    """``archive_gui.core.extract.native``, loaded by path: the package's own
    dependencies are not installed in the build environment."""
    spec = importlib.util.spec_from_file_location("_archive_gui_native", _NATIVE)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


class NativeExtractionHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel":
            return  # an sdist carries the sources only
        native = _native_module()
        if os.environ.get(native.PURE_PYTHON_VARIABLE):
            native.BUILDS.mkdir(exist_ok=True)
            native.REPORT.write_text(
                f"skipped: {native.PURE_PYTHON_VARIABLE} was set\n", encoding="utf-8"
            )
            self.app.display_info("Extraction stays pure Python (ARCHIVE_GUI_PURE_PYTHON).")
            return
        self.app.display_info("Compiling the extraction modules with mypyc (1-2 minutes)")
        target = native.build_and_report()
        if target is None:
            self.app.display_warning(
                f"Compiled extraction not built; extraction runs as pure Python ({native.REPORT})."
            )
            return
        if version == "editable":
            return  # the editable install imports from this tree, build included
        # A regular wheel carries the build; it then only suits this interpreter.
        relative = target.relative_to(Path(self.root))
        build_data["force_include"][str(target)] = str(relative)
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
