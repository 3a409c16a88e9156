"""The ``archive-gui`` command: open the window, or import and export from a shell."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from archive_gui import __version__
from archive_gui.core.paths import default_archive_path
from archive_gui.core.records import ArticleMeta


class _VersionAction(argparse.Action):
    """``--version``: the version, and which kind of extraction runs (compiled or not),
    looked up only when asked."""

    def __init__(
        self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None
    ):
        super().__init__(option_strings, dest, nargs=0, default=default, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        from archive_gui.core.extract import native

        print(f"{parser.prog} {__version__}\nextraction: {native.mode}")
        parser.exit()


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from None


def build_parser() -> argparse.ArgumentParser:
    # --db is accepted before the command and after it (``archive-gui --db X import ...``
    # and ``archive-gui import --db X ...``): every parser inherits it from this one. Its
    # default is SUPPRESS so that a subcommand without --db keeps the one given before it.
    db_parent = argparse.ArgumentParser(add_help=False)
    db_parent.add_argument(
        "--db",
        type=Path,
        default=argparse.SUPPRESS,
        help=f"archive file (default: {default_archive_path()})",
    )
    parser = argparse.ArgumentParser(
        prog="archive-gui",
        description="Browse, import and export an archive of news coverage of "
        "immigration enforcement. With no command, opens the window.",
        parents=[db_parent],
    )
    parser.add_argument("--version", action=_VersionAction, help="show the version and exit")
    parser.add_argument(
        "--sample",
        action="store_true",
        help="open the bundled sample archive (kept apart from your own archive); not with --db",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    imp = commands.add_parser(
        "import", help="import article files or folders of them", parents=[db_parent]
    )
    imp.add_argument("--title", help="article title (default: headline line or file name)")
    imp.add_argument("--outlet", help="news outlet")
    imp.add_argument("--url", help="article URL")
    imp.add_argument("--published", type=_iso_date, help="publication date, YYYY-MM-DD")
    imp.add_argument("paths", nargs="+", type=Path, metavar="PATH")

    tag = commands.add_parser(
        "tag",
        parents=[db_parent],
        help="add a tag to quotes, or remove it",
        description="Tag the quotes named by id, or every quote a search matches (the search "
        'syntax of the window: words, "phrases", prefix*, AND/OR/NOT, speaker:, city:, tag:, '
        "outlet:, year:, status:). Prints how many quotes changed.",
    )
    which = tag.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "--quote", type=int, nargs="+", action="extend", metavar="ID", help="quote ids"
    )
    which.add_argument("--search", metavar="QUERY", help="every quote matching this search")
    action = tag.add_mutually_exclusive_group(required=True)
    action.add_argument("--add", metavar="TAG", help="tag to add (created if new), e.g. policy/ice")
    action.add_argument("--remove", metavar="TAG", help="tag to remove")

    exp = commands.add_parser(
        "export",
        parents=[db_parent],
        help="export quotes or operations (with a manifest beside the file)",
        description="Export records with their provenance. With -o, the file is replaced only "
        "once complete, and FILE.manifest.json beside it records the selection, counts, "
        "versions and time.",
    )
    exp.add_argument("--what", choices=("quotes", "operations"), required=True)
    exp.add_argument(
        "--format", choices=("csv", "json", "jsonl", "xlsx", "md", "txt"), default="json"
    )
    exp.add_argument("-o", "--output", type=Path, help="output file (default: standard output)")
    _add_selection(exp)
    exp.add_argument(
        "--columns",
        type=_name_list,
        metavar="A,B",
        help="comma-separated fields to export, in this order (csv, json, jsonl, xlsx)",
    )
    exp.add_argument(
        "--excel-bom",
        action="store_true",
        help="start a CSV file with a UTF-8 byte order mark, so Excel reads it as UTF-8",
    )

    bundle = commands.add_parser("bundle", help="move records between archives")
    bundle_commands = bundle.add_subparsers(dest="bundle_command", metavar="ACTION", required=True)
    bexp = bundle_commands.add_parser(
        "export",
        parents=[db_parent],
        help="write the articles of the selected records, whole, to a bundle file",
    )
    bexp.add_argument(
        "--what",
        choices=("quotes", "operations"),
        default="quotes",
        help="what --ids and the filters select (default: quotes)",
    )
    _add_selection(bexp)
    bexp.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.bundle")
    bimp = bundle_commands.add_parser(
        "import",
        help="merge a bundle into the archive (articles already there are kept)",
        parents=[db_parent],
    )
    bimp.add_argument("bundle_file", type=Path, metavar="FILE")

    srv = commands.add_parser(
        "serve",
        parents=[db_parent],
        help="publish the archive read-only on localhost with Datasette",
        description="Serve the archive with Datasette (the optional `serve` extra), read-only "
        "and bound to 127.0.0.1, with views, full-text search and facets configured.",
    )
    srv.add_argument("--port", type=int, default=8001, help="port on 127.0.0.1 (default: 8001)")
    return parser


def _id_list(value: str) -> list[int]:
    try:
        ids = [int(part) for part in value.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a comma-separated list of ids: {value!r}") from None
    if not ids:
        raise argparse.ArgumentTypeError("no ids given")
    return ids


def _name_list(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _add_selection(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--ids", type=_id_list, default=[], metavar="1,2,3", help="only these record ids"
    )
    parser.add_argument(
        "--city",
        action="append",
        default=[],
        metavar="NAME",
        help="records of this city, e.g. Atlanta or 'Atlanta, GA' (repeatable)",
    )
    parser.add_argument("--speaker", action="append", default=[], metavar="NAME", help="repeatable")


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    args.db = getattr(args, "db", None)  # absent when given nowhere (default SUPPRESS)
    if args.sample:
        if args.db is not None:
            parser.error("--sample opens the bundled sample archive: not with --db")
        args.db = default_archive_path().with_name("sample.db")
    db_path = args.db or default_archive_path()
    if args.command == "import":
        return _run_import(db_path, args)
    if args.command == "tag":
        return _run_tag(db_path, args)
    if args.command == "export":
        return _run_export(db_path, args)
    if args.command == "bundle":
        return _run_bundle(db_path, args)
    if args.command == "serve":
        return _run_serve(db_path, args)
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
        if report.added:
            archive.tidy_search_index()  # the imports' segments merged: searches stay quick
    for path, reason in report.failed:
        print(f"failed: {path}: {reason}", file=sys.stderr)
    print(f"{db_path}: {report.summary()}")
    return 0 if report.ok else 1


def _run_tag(db_path: Path, args: argparse.Namespace) -> int:
    from archive_gui.core.search import SearchSyntaxError
    from archive_gui.core.store.curation import Curation, CurationError

    archive = _open_existing(db_path)
    if archive is None:
        return 2
    with archive:
        curation = Curation(archive)
        try:
            if args.search is not None:
                ids = curation.quote_ids_matching(args.search)
            else:
                ids = sorted(set(args.quote))
                known = curation.review_statuses("quotes", ids)  # the ids that exist
                missing = [i for i in ids if i not in known]
                if missing:
                    raise CurationError(
                        f"no quote with id {', '.join(map(str, missing))} (nothing was changed)"
                    )
            if args.add is not None:
                change = curation.tag_quotes(ids, args.add)
                verb = f"tagged {change.tag.name}"
            else:
                change = curation.untag_quotes(ids, args.remove)
                verb = f"untagged {change.tag.name}"
        except SearchSyntaxError as exc:
            print(f"archive-gui: bad search: {exc}", file=sys.stderr)
            return 2
        except CurationError as exc:
            print(f"archive-gui: {exc}", file=sys.stderr)
            return 2
    changed = len(change.quote_ids)
    print(
        f"{changed} quote{'s' if changed != 1 else ''} {verb}"
        f" ({len(ids) - changed} of {len(ids)} selected unchanged)"
    )
    return 0


class _UsageError(Exception):
    """A command-line mistake, reported as one line on standard error."""


def _selection(archive, args: argparse.Namespace):
    """The filters and ids the --city, --speaker and --ids options name."""
    from archive_gui.core.store import RecordFilter

    cities: set[int] = set()
    for name in args.city:
        found = archive.city_ids(name)
        if not found:
            raise _UsageError(f"no city called {name!r} in this archive")
        cities.update(found)
    speakers: set[int] = set()
    for name in args.speaker:
        found = archive.speaker_ids(name)
        if not found:
            raise _UsageError(f"no speaker called {name!r} in this archive")
        speakers.update(found)
    return RecordFilter(cities=frozenset(cities), speakers=frozenset(speakers)), args.ids


def _open_existing(db_path: Path):
    if not db_path.exists():
        print(f"archive-gui: no archive at {db_path}", file=sys.stderr)
        return None
    return _open(db_path)


def _run_export(db_path: Path, args: argparse.Namespace) -> int:
    from archive_gui.core.export import export_records, manifest_path
    from archive_gui.core.store import RecordKind

    if args.format == "xlsx" and args.output is None:
        print("archive-gui: an xlsx export needs -o FILE", file=sys.stderr)
        return 2
    archive = _open_existing(db_path)
    if archive is None:
        return 2
    with archive:
        try:
            filters, ids = _selection(archive, args)
            count = export_records(
                archive,
                RecordKind(args.what),
                args.format,
                args.output,
                filters=filters,
                ids=ids,
                columns=args.columns,
                excel_compatible=args.excel_bom,
            )
        except (_UsageError, ValueError) as exc:
            print(f"archive-gui: {exc}", file=sys.stderr)
            return 2
        except OSError as exc:  # a missing or read-only folder, a full disk
            print(
                f"archive-gui: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr
            )
            return 1
    if args.output is not None:
        print(
            f"{count} {args.what} written to {args.output}"
            f" (manifest: {manifest_path(args.output).name})",
            file=sys.stderr,
        )
    return 0


def _run_bundle(db_path: Path, args: argparse.Namespace) -> int:
    from archive_gui.core.bundle import BundleError, export_bundle, import_bundle
    from archive_gui.core.store import RecordKind

    if args.bundle_command == "export":
        archive = _open_existing(db_path)
        if archive is None:
            return 2
        with archive:
            try:
                filters, ids = _selection(archive, args)
            except _UsageError as exc:
                print(f"archive-gui: {exc}", file=sys.stderr)
                return 2
            try:
                summary = export_bundle(archive, args.output, RecordKind(args.what), filters, ids)
            except OSError as exc:
                print(
                    f"archive-gui: cannot write {args.output}: {exc.strerror or exc}",
                    file=sys.stderr,
                )
                return 1
        print(
            f"{args.output}: {summary.articles} articles with {summary.quotes} quotes and "
            f"{summary.operations} operations"
        )
        return 0
    if not args.bundle_file.is_file():
        print(f"archive-gui: no bundle at {args.bundle_file}", file=sys.stderr)
        return 2
    archive = _open(db_path)
    if archive is None:
        return 2
    with archive:
        try:
            result = import_bundle(archive, args.bundle_file)
        except BundleError as exc:
            print(f"archive-gui: {args.bundle_file}: {exc} (nothing was imported)", file=sys.stderr)
            return 1
    print(
        f"{db_path}: {result.articles_added} articles added ({result.quotes} quotes, "
        f"{result.operations} operations), {result.articles_present} already archived and "
        f"kept as they were; {result.speakers_added} new speakers, {result.tags_added} new tags"
    )
    return 0


def _run_serve(db_path: Path, args: argparse.Namespace) -> int:
    from archive_gui.core import publish

    if not publish.datasette_available():
        print(f"archive-gui: {publish.INSTALL_HINT}", file=sys.stderr)
        return 2
    if not db_path.exists():
        print(f"archive-gui: no archive at {db_path}", file=sys.stderr)
        return 2
    from archive_gui.core.store import ArchiveError, ArchiveTooNewError

    try:
        return publish.serve(db_path, args.port)
    except (ArchiveError, ArchiveTooNewError, OSError) as exc:
        print(f"archive-gui: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
