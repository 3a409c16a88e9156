"""``python -m archive_gui.core.extract.build_native``: compile the extraction modules
with mypyc (``native``), as ``pip install -e .`` does; run it after editing one of them."""

from __future__ import annotations

import argparse
import sys

from archive_gui.core.extract import native


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m archive_gui.core.extract.build_native",
        description="Compile the extraction modules with mypyc (needs mypy and a C compiler).",
    )
    parser.add_argument("--verbose", action="store_true", help="show the compiler's output")
    args = parser.parse_args(argv)
    target = native.build_and_report(verbose=args.verbose)
    if target is None:
        print(f"compiled extraction not built: see {native.REPORT}", file=sys.stderr)
        return 1
    print(f"compiled extraction in {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
