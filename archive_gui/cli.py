"""The ``archive-gui`` command: open the window, or import and export from a shell."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from archive_gui import __version__
from archive_gui.core.paths import default_archive_path
from archive_gui.core.records import ArticleMeta


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="archive-gui",
        description="Browse, import and export an archive of news coverage of "
        "immigration enforcement. With no command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    db_help = f"archive file (default: {default_archive_path()})"
    parser.add_argument("--db", type=Path, help=db_help)
    parser.add_argument(
        "--sample",
        action="store_true",
        help="open the bundled sample archive (kept apart from your own archive)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    imp = commands.add_parser("import", help="import article files or folders of them")
    imp.add_argument("--db", type=Path, help=db_help, default=argparse.SUPPRESS)
    imp.add_argument("--title", help="article title (default: headline line or file name)")
    imp.add_argument("--outlet", help="news outlet")
    imp.add_argument("--url", help="article URL")
    imp.add_argument("--published", type=_iso_date, help="publication date, YYYY-MM-DD")
    imp.add_argument("paths", nargs="+", type=Path, metavar="PATH")

    exp = commands.add_parser("export", help="export quotes or operations")
    exp.add_argument("--db", type=Path, help=db_help, default=argparse.SUPPRESS)
    exp.add_argument("--what", choices=("quotes", "operations"), required=True)
    exp.add_argument("--format", choices=("json", "csv"), default="json")
    exp.add_argument("-o", "--output", type=Path, help="output file (default: standard output)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.sample:
        args.db = default_archive_path().with_name("sample.db")
    db_path = args.db or default_archive_path()
    if args.command == "import":
        return _run_import(db_path, args)
    if args.command == "export":
        return _run_export(db_path, args)
    from archive_gui.ui.app import run

    new_default_archive = args.db is None and not db_path.exists()
    return run(db_path, import_sample=args.sample or new_default_archive)


def _open(db_path: Path):
    from archive_gui.core.store import Archive, ArchiveError, ArchiveTooNewError

    try:
        return Archive.open(db_path)
    except (ArchiveError, ArchiveTooNewError) as exc:
        print(f"archive-gui: {exc}", file=sys.stderr)
        return None


def _run_import(db_path: Path, args: argparse.Namespace) -> int:
    from archive_gui.core.importer import import_paths

    archive = _open(db_path)
    if archive is None:
        return 2
    meta = ArticleMeta(title=args.title, outlet=args.outlet, url=args.url, published=args.published)
    with archive:
        report = import_paths(archive, args.paths, meta)
    for path, reason in report.failed:
        print(f"failed: {path}: {reason}", file=sys.stderr)
    print(f"{db_path}: {report.summary()}")
    return 0 if report.ok else 1


def _run_export(db_path: Path, args: argparse.Namespace) -> int:
    from archive_gui.core.export import export_records
    from archive_gui.core.store import RecordKind

    if not db_path.exists():
        print(f"archive-gui: no archive at {db_path}", file=sys.stderr)
        return 2
    archive = _open(db_path)
    if archive is None:
        return 2
    with archive:
        count = export_records(archive, RecordKind(args.what), args.format, args.output)
    if args.output is not None:
        print(f"{count} {args.what} written to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
