"""`wirogen generate` and `wirogen check`: regenerate the package, or verify it is fresh."""

from __future__ import annotations

import difflib
import time
from pathlib import Path

import click

from ..output.files import write_atomically
from ..output.formatting import FormattingError
from ..output.manifest import GeneratedFile
from ..output.tree import Changes, OwnershipError, compare, write_package
from ..project import Generation, Project
from ..render import DuplicateToolError, RenderError, render_project_metadata
from .common import (
    failure,
    output_option,
    package_option,
    pages_of,
    progress,
    report_failures,
    specs_argument,
    templates_option,
)


@click.command()
@specs_argument
@output_option
@package_option
@templates_option
@click.option("--keep-going", is_flag=True, help="Generate the pages that parse; still exit 1.")
@click.option("--check", "check_only", is_flag=True, help="Same as `wirogen check`.")
@click.option("--meta", is_flag=True, help="Also write OUTPUT/pyproject.toml (pip install OUTPUT).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar, no notes; only the summary.")
def generate(
    specs: tuple[Path, ...],
    output: Path,
    package: str,
    templates: Path | None,
    keep_going: bool,
    check_only: bool,
    meta: bool,
    quiet: bool,
) -> None:
    """Generate the client package from SPECS (page files or directories; default ./specs).

    Incremental and atomic: only changed files are written, modules whose page is
    gone are removed, files wirogen did not generate are left alone, and a failed or
    interrupted run leaves the previous package exactly as it was.
    """
    if check_only:
        _check(specs, output, package, templates, quiet)
        return
    started = time.perf_counter()
    project = Project(package=package, templates=templates)
    result = _generation(project, specs, output, quiet, keep_going)
    if result.failures and not keep_going:
        report_failures(result.failures)
        raise failure(f"no files written: {len(result.failures)} page(s) failed to parse")
    try:
        changes = write_package(project.package_dir(output), result.files, result.fingerprint)
        if meta:
            metadata = render_project_metadata(package, len(result.tools), templates)
            write_atomically(output / "pyproject.toml", metadata.encode())
    except (OwnershipError, RenderError, OSError) as error:
        raise failure(f"error: {error}") from None
    report_failures(result.failures)
    _echo_notes(result, quiet)
    click.echo(f"generated {_counts(changes)} in {time.perf_counter() - started:.1f} s")
    if result.failures:
        raise failure(f"{len(result.failures)} page(s) failed to parse and were skipped")


@click.command()
@specs_argument
@output_option
@package_option
@templates_option
@click.option("-q", "--quiet", is_flag=True, help="No diffs; only the summary.")
def check(
    specs: tuple[Path, ...], output: Path, package: str, templates: Path | None, quiet: bool
) -> None:
    """Exit 1 with a diff when the generated package is not what SPECS generate now.

    Writes nothing. For CI and pre-commit hooks.
    """
    _check(specs, output, package, templates, quiet)


def _check(
    specs: tuple[Path, ...], output: Path, package: str, templates: Path | None, quiet: bool
) -> None:
    started = time.perf_counter()
    project = Project(package=package, templates=templates)
    result = _generation(project, specs, output, quiet, keep_going=False)
    if result.failures:
        report_failures(result.failures)
        raise failure(f"{len(result.failures)} page(s) failed to parse")
    package_dir = project.package_dir(output)
    try:
        changes = compare(package_dir, result.files)
    except OwnershipError as error:
        raise failure(f"error: {error}") from None
    elapsed = time.perf_counter() - started
    if not changes.any:
        click.echo(f"fresh: {len(changes.unchanged)} files up to date in {elapsed:.1f} s")
        return
    if not quiet:
        _echo_staleness(package_dir, result.files, changes)
    raise failure(f"stale: {_counts(changes)} (run `wirogen generate`) in {elapsed:.1f} s")


def _generation(
    project: Project, specs: tuple[Path, ...], output: Path, quiet: bool, keep_going: bool
) -> Generation:
    try:
        return project.generate(pages_of(specs), output, progress(quiet), keep_going)
    except (DuplicateToolError, FormattingError, RenderError) as error:
        raise failure(f"error: {error}") from None


def _echo_staleness(package_dir: Path, files: list[GeneratedFile], changes: Changes) -> None:
    by_path = {item.path: item for item in files}
    for path in changes.changed:
        current = (package_dir / path).read_bytes().decode("utf-8", errors="replace")
        diff = difflib.unified_diff(
            current.splitlines(keepends=True),
            by_path[path].content.splitlines(keepends=True),
            fromfile=f"{package_dir / path} (on disk)",
            tofile=f"{package_dir / path} (generated)",
        )
        click.echo("".join(diff), nl=False)
    for path in changes.new:
        click.echo(f"missing: {package_dir / path}")
    for path in changes.removed:
        click.echo(f"orphaned: {package_dir / path}")


def _echo_notes(result: Generation, quiet: bool) -> None:
    if not quiet:
        for note in result.notes:
            click.echo(f"note: {note}", err=True)


def _counts(changes: Changes) -> str:
    return (
        f"{len(changes.new)} new, {len(changes.changed)} changed, "
        f"{len(changes.removed)} removed, {len(changes.unchanged)} unchanged"
    )
