"""`argkb` command line: parse arguments, call the core, report. Exit 0 clean, 1 findings, 2 usage/I-O."""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from argkb.checks import has_errors, run_checks
from argkb.load import LoadError, load_kb
from argkb.model import KnowledgeBase
from argkb.report import FORMATS


def _out(text: str) -> None:
    """Print to stdout; a reader that went away (`argkb check | head -1`) is no error of ours.

    Flushing here, not at exit, lets the command still return the exit code its findings call
    for; the rest of its output goes to /dev/null so the interpreter's last flush is quiet too.
    """
    try:
        print(text, flush=True)
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _check(args: argparse.Namespace) -> int:
    kb = load_kb(args.root)
    diagnostics = run_checks(kb)
    if args.coverage:
        from argkb.checks.fidelity import coverage

        for paragraph_id, heading, claim_ids in coverage(kb):
            quoted_by = ", ".join(claim_ids) if claim_ids else "NOT COVERED"
            _out(f"¶ {paragraph_id:<8} {heading[:40]:<40} {quoted_by}")
    _out(FORMATS[args.format](diagnostics))
    return 1 if has_errors(diagnostics) else 0


def _checked_kb(root: str) -> KnowledgeBase | None:
    """The knowledge base, or None (after reporting its errors on stderr) when its data is wrong."""
    kb = load_kb(root)
    diagnostics = run_checks(kb)
    if has_errors(diagnostics):
        print(FORMATS["text"](diagnostics), file=sys.stderr)
        return None
    return kb


def _audit(args: argparse.Namespace) -> int:
    from argkb.audit import FORMATS as AUDIT_FORMATS
    from argkb.audit import audit

    kb = _checked_kb(args.root)
    if kb is None:
        print("argkb audit: fix the errors above first (`argkb check`)", file=sys.stderr)
        return 1
    _out(AUDIT_FORMATS[args.format](audit(kb)))
    return 0


def _export(args: argparse.Namespace) -> int:
    from argkb.export import export_files

    kb = _checked_kb(args.root)
    if kb is None:
        print("argkb export: nothing written; fix the errors above first (`argkb check`)", file=sys.stderr)
        return 1
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name, text in export_files(kb).items():
        (out / name).write_text(text, encoding="utf-8")
        _out(f"argkb export: wrote {out / name} ({len(text.encode()):,} bytes)")
    return 0


def _migrate(args: argparse.Namespace) -> int:
    from argkb import migrate

    kb = load_kb(args.root)
    migrations = migrate.plan(kb)
    if not migrations:
        print("argkb migrate: every section file is on the current schema; nothing to do")
        return 0
    if args.write:
        migrate.write(kb, migrations)
    for migration in migrations:
        print(f"argkb migrate: {'converted' if args.write else 'would convert'} {migration.path}")
        if not args.write:
            print(migration.diff(), end="")
        for line in migration.review:
            print(f"  review {line}")
    if not args.write:
        print("argkb migrate: nothing written (add --write to convert the files)")
    return 0


def _build(args: argparse.Namespace) -> int:
    from argkb.build import BuildFailed, EngineMissing, atomic_build

    try:
        seconds = atomic_build(Path(args.root), Path(args.site_dir), engine=args.engine)
    except EngineMissing as err:
        print(f"argkb build: {err}", file=sys.stderr)
        return 2
    except BuildFailed as err:
        print(f"argkb build: {err}; the previous site (if any) was left as it was", file=sys.stderr)
        return 1
    _out(f"argkb build: site written to {args.site_dir} in {seconds:.1f}s")
    return 0


def _links(args: argparse.Namespace) -> int:
    from argkb import links

    site = Path(args.site_dir)
    if not (site / "index.html").exists():
        print(f"argkb links: no built site in {site} (run argkb build first)", file=sys.stderr)
        return 2
    try:
        if args.external:
            code, failures = links.check_external(site, Path(args.report))
            _out("\n".join(failures) or "argkb links: every external link resolved")
            _out(f"argkb links: per-URL report in {args.report}")
            return 1 if code else 0
        result = links.check_internal(site)
    except links.LinkCheckerMissing as err:
        print(f"argkb links: {err}", file=sys.stderr)
        return 2
    _out(result.stdout.strip() or result.stderr.strip())
    return 1 if result.returncode else 0


def _diff(args: argparse.Namespace) -> int:
    from argkb.diff import compare
    from argkb.diff.report import FORMATS as DIFF_FORMATS
    from argkb.diff.report import Sides
    from argkb.diff.revision import RevisionError, revision_kb, site_url

    root = Path(args.root)
    try:
        with revision_kb(root, args.base) as (base_commit, base):
            if args.head is None:
                head, head_name = load_kb(root), "working tree"
                diff = compare(base, head)
            else:
                with revision_kb(root, args.head) as (head_commit, head):
                    diff = compare(base, head)
                head_name = f"{args.head} ({head_commit[:12]})"
    except RevisionError as err:
        print(f"argkb diff: {err}", file=sys.stderr)
        return 2
    url = site_url(root) if args.site_url is None else args.site_url.rstrip("/") + "/" * bool(args.site_url)
    sides = Sides(f"{args.base} ({base_commit[:12]})", head_name, url, args.artifact_url or "")
    _out(DIFF_FORMATS[args.format](diff, sides))
    return 0


def _bench(args: argparse.Namespace) -> int:
    from argkb.bench import BenchError, report, run_bench

    if args.profile and not args.workdir:
        print("argkb bench: --profile needs --workdir (where the profiles are kept)", file=sys.stderr)
        return 2
    workdir = Path(args.workdir) if args.workdir else None
    try:
        rows, skipped = run_bench(
            Path(args.root), args.sizes, args.repeat, workdir, args.profile, measure_real_site=args.site
        )
    except BenchError as err:
        print(f"argkb bench: {err}", file=sys.stderr)
        return 1
    _out(report.text(rows, skipped))
    if args.json:
        report.write_json(rows, Path(args.json))
    return 0


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a comma-separated list of claim counts: {text!r}") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("sizes are positive claim counts, e.g. 100,1000,10000")
    return sizes


def _http_url(text: str) -> str:
    """An http(s) URL for links in Markdown ('' for none)."""
    if text and not re.fullmatch(r"https?://[^\s<>\"'`\\()]+", text):
        raise argparse.ArgumentTypeError(f"not an http(s) URL: {text!r}")
    return text


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def parser() -> argparse.ArgumentParser:
    main_parser = argparse.ArgumentParser(prog="argkb", description="Check and build the argkb knowledge base.")
    commands = main_parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="validate claims/ and references.bib; report every problem")
    check.add_argument("--root", default=".", help="repository root (default: the current directory)")
    check.add_argument("--format", choices=sorted(FORMATS), default="text", help="output format")
    check.add_argument(
        "--coverage", action="store_true", help="also list each body paragraph with the claims quoting it"
    )
    check.set_defaults(run=_check)

    audit = commands.add_parser(
        "audit", help="report citation coverage, anachronisms, notes and reference verification"
    )
    audit.add_argument("--root", default=".", help="repository root (default: the current directory)")
    audit.add_argument("--format", choices=["json", "text"], default="text", help="output format")
    audit.set_defaults(run=_audit)

    export = commands.add_parser("export", help="write claims.json, references.json (CSL-JSON) and the AIF graph")
    export.add_argument("--root", default=".", help="repository root (default: the current directory)")
    export.add_argument("--out", required=True, help="directory to write the files into (created if missing)")
    export.set_defaults(run=_export)

    migrate = commands.add_parser(
        "migrate", help="convert section files from schema 1 to 2 (shows the diff; --write applies it)"
    )
    migrate.add_argument("--root", default=".", help="repository root (default: the current directory)")
    migrate.add_argument("--write", action="store_true", help="write the converted files (default: show a diff)")
    migrate.set_defaults(run=_migrate)

    build = commands.add_parser("build", help="check, then build the site into a temp dir and swap it in on success")
    build.add_argument("--root", default=".", help="repository root")
    build.add_argument("--site-dir", default="site", help="where the site goes (replaced only on success)")
    build.add_argument("--engine", choices=["mkdocs", "properdocs"], default="mkdocs", help="the MkDocs 1.x engine")
    build.set_defaults(run=_build)

    links = commands.add_parser("links", help="check every internal link and #anchor of the built site (offline)")
    links.add_argument("--site-dir", default="site", help="the built site")
    links.add_argument(
        "--external", action="store_true", help="check external links instead (needs the network; cached)"
    )
    links.add_argument("--report", default="links-external.json", help="with --external: where the per-URL report goes")
    links.set_defaults(run=_links)

    diff = commands.add_parser("diff", help="what a change did to the argument: claims, quotes, relations, checks")
    diff.add_argument("base", help="the git revision to compare from (a branch, tag or commit)")
    diff.add_argument("head", nargs="?", help="the git revision to compare to (default: the working tree)")
    diff.add_argument("--root", default=".", help="repository root (default: the current directory)")
    diff.add_argument("--format", choices=["text", "json", "markdown"], default="text", help="output format")
    diff.add_argument(
        "--site-url",
        type=_http_url,
        help="where the pages the Markdown links to live (default: site_url in mkdocs.yml)",
    )
    diff.add_argument("--artifact-url", type=_http_url, help="the CI run page with the built site (Markdown links it)")
    diff.set_defaults(run=_diff)

    bench = commands.add_parser("bench", help="time check and build on growing synthetic knowledge bases")
    bench.add_argument("--root", default=".", help="repository root: its mkdocs.yml and docs/ are used")
    bench.add_argument("--sizes", type=_sizes, default=[100, 1000, 10000], help="claim counts, e.g. 100,1000")
    bench.add_argument("--repeat", type=_positive, default=3, help="runs per measurement (medians reported)")
    bench.add_argument("--json", help="also write the rows (medians) to this JSON file")
    bench.add_argument("--workdir", help="keep the generated sites here (default: removed)")
    bench.add_argument("--profile", action="store_true", help="also cProfile one argkb build per size")
    bench.add_argument(
        "--no-site",
        dest="site",
        action="store_false",
        help="skip the real site's edit-to-visible (mkdocs serve) and time to map (Chromium)",
    )
    bench.set_defaults(run=_bench)
    return main_parser


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.run(args))
    except LoadError as err:
        print(f"argkb: error: {err}", file=sys.stderr)
        return 2
    except OSError as err:
        print(f"argkb: error: {err.filename or ''}: {err.strerror}", file=sys.stderr)
        return 2
