"""`wirogen generate` and `wirogen check`: regenerate the package, or verify it is fresh."""

from __future__ import annotations

import contextlib
import difflib
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..output.files import write_atomically
from ..output.formatting import FormattingError
from ..output.lock import HeldLock, LockLost, LockTimeout, package_lock
from ..output.manifest import MANIFEST, GeneratedFile, Manifest
from ..output.ownership import has_provenance
from ..output.tree import Changes, OwnershipError, compare, write_package
from ..prices import PriceDataError
from ..project import Generation, Project
from ..render.errors import RenderError
from ..wording import counted
from .common import (
    READS_PAGES,
    failed_pages,
    failure,
    output_option,
    package_option,
    pages_of,
    progress,
    report_failures,
    report_notes,
    require_pages,
    specs_argument,
    templates_option,
)

if TYPE_CHECKING:
    from ..apidiff import Change

DEFAULT_LOCK_TIMEOUT = 120.0


def lock_options(function: Callable[..., Any]) -> Callable[..., Any]:
    function = click.option(
        "--lock-timeout",
        type=click.FloatRange(min=0),
        default=DEFAULT_LOCK_TIMEOUT,
        show_default=True,
        help="Seconds to wait for another run writing the same package.",
    )(function)
    return click.option(
        "--no-wait",
        "lock_timeout",
        flag_value=0.0,
        help="Fail at once, naming its pid, when another run holds the package.",
    )(function)


@click.command(epilog=READS_PAGES)
@specs_argument
@output_option
@package_option
@templates_option
@click.option("--keep-going", is_flag=True, help="Generate the pages that parse; still exit 1.")
@click.option("--check", "check_only", is_flag=True, help="Same as `wirogen check`.")
@click.option("--meta", is_flag=True, help="Also write OUTPUT/pyproject.toml (pip install OUTPUT).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar, no notes; only the summary.")
@lock_options
def generate(
    specs: tuple[Path, ...],
    output: Path,
    package: str,
    templates: Path | None,
    keep_going: bool,
    check_only: bool,
    meta: bool,
    quiet: bool,
    lock_timeout: float | None,
) -> None:
    """Generate the client package from SPECS (page files or directories; default ./specs).

    Incremental and atomic: only changed files are written, modules whose page is
    gone are removed, files wirogen did not generate are left alone, and a failed or
    interrupted run leaves the previous package exactly as it was. One run at a time
    writes a package: a second one waits for the first (see --lock-timeout).
    """
    if check_only:
        _check(specs, output, package, templates, quiet, lock_timeout)
        return
    started = time.perf_counter()
    project = Project(package=package, templates=templates)
    if meta:
        _refuse_foreign_pyproject(output / "pyproject.toml")
    with _locked(project.package_dir(output), lock_timeout, quiet) as held:
        result = _generation(project, specs, output, quiet, keep_going)
        if result.failures and not keep_going:
            report_failures(result.failures)
            raise failure(f"no files written: {failed_pages(result.failures)}")
        previous = result.previous
        try:
            if held is not None:
                held.confirm()
            changes = write_package(
                project.package_dir(output), result.files, result.fingerprint, previous
            )
            if meta:
                from ..render.package import render_project_metadata

                metadata = render_project_metadata(package, len(result.tools), templates)
                write_atomically(output / "pyproject.toml", metadata.encode())
        except (OwnershipError, RenderError, OSError, LockLost) as error:
            raise failure(f"error: {error}") from None
    report_failures(result.failures)
    _echo_warnings(changes)
    report_notes(result.notes, quiet)
    click.echo(f"generated {_counts(changes)} in {time.perf_counter() - started:.1f} s")
    if previous.files:
        click.echo(_applied(api_changes(previous, result.files)), nl=False)
    if result.failures:
        raise failure(f"{failed_pages(result.failures)}; those pages were skipped")


@click.command(epilog=READS_PAGES)
@specs_argument
@output_option
@package_option
@templates_option
@click.option("-q", "--quiet", is_flag=True, help="No diffs; only the summary.")
@lock_options
def check(
    specs: tuple[Path, ...],
    output: Path,
    package: str,
    templates: Path | None,
    quiet: bool,
    lock_timeout: float | None,
) -> None:
    """Exit 1 with a diff when the generated package is not what SPECS generate now.

    Writes nothing. For CI and pre-commit hooks. Waits for a running `generate`.
    A page that fails to parse exits 1 too.
    """
    _check(specs, output, package, templates, quiet, lock_timeout)


def _check(
    specs: tuple[Path, ...],
    output: Path,
    package: str,
    templates: Path | None,
    quiet: bool,
    lock_timeout: float | None,
) -> None:
    started = time.perf_counter()
    project = Project(package=package, templates=templates)
    package_dir = project.package_dir(output)
    with _locked(package_dir, lock_timeout, quiet, reader=True):
        result = _generation(project, specs, output, quiet, keep_going=False)
        if result.failures:
            report_failures(result.failures)
            raise failure(failed_pages(result.failures))
        try:
            changes = compare(package_dir, result.files, result.fingerprint, result.previous)
        except OwnershipError as error:
            raise failure(f"error: {error}") from None
    if not result.previous.files and not changes.unchanged:
        _refuse_other_package(output, package)
    _echo_warnings(changes)
    report_notes(result.notes, quiet)
    elapsed = time.perf_counter() - started
    for path in changes.unlisted:
        click.echo(f"unlisted: {package_dir / path} (not generated by wirogen)", err=True)
    if not changes.any:
        if changes.unlisted:
            raise failure(
                f"error: {counted(len(changes.unlisted), 'file')} in {package_dir} not "
                "generated by wirogen: hand-written code belongs outside the package"
            )
        click.echo(
            f"fresh: {counted(len(changes.unchanged), 'file')} up to date in {elapsed:.1f} s"
        )
        return
    api = api_changes(result.previous, result.files)
    if api:
        click.echo(_api_report("API changes since the package was generated:", api), nl=False)
    if not quiet:
        _echo_staleness(package_dir, result.files, changes)
    manifest = f", {MANIFEST} stale" if changes.manifest_stale else ""
    raise failure(
        f"stale: {_counts(changes)}{manifest} (run `wirogen generate`) in {elapsed:.1f} s"
    )


def _generation(
    project: Project, specs: tuple[Path, ...], output: Path, quiet: bool, keep_going: bool
) -> Generation:
    try:
        result = project.generate(pages_of(specs), output, progress(quiet), keep_going)
    except (FormattingError, RenderError, PriceDataError) as error:
        raise failure(f"error: {error}") from None
    require_pages(result, len(result.tools))
    return result


@contextlib.contextmanager
def _locked(
    package_dir: Path, timeout: float | None, quiet: bool, reader: bool = False
) -> Iterator[HeldLock | None]:
    """The package's lock held for the block (None: a reader that could not take it).

    A `reader` (check) skips a package not there, and reads without the lock when it
    cannot be taken (a read-only tree, a lock path that is not a lock file): the swap
    is atomic, so what it reads is whole. `timeout` None (the command invoked from
    another, as `sync --generate` does) is the default wait, not an endless one.
    """
    timeout = DEFAULT_LOCK_TIMEOUT if timeout is None else timeout
    if reader and not package_dir.resolve().parent.is_dir():
        yield None
        return
    with contextlib.ExitStack() as stack:
        try:
            held = stack.enter_context(
                package_lock(package_dir.resolve(), timeout, _wait_note(quiet))
            )
        except LockTimeout as error:
            raise failure(f"error: {error}") from None
        except OSError as error:
            if not reader:
                raise failure(f"error: cannot lock {package_dir}: {error}") from None
            if not quiet:
                click.echo(f"note: reading without the lock: {error}", err=True)
            held = None
        yield held


def _refuse_other_package(output: Path, package: str) -> None:
    """A usage error when OUTPUT holds no package `package` but holds one generated
    under another name (a forgotten --package), rather than listing every file missing."""
    others = _packages_in(output)
    if others:
        names = ", ".join(others)
        hint = f"--package {others[0]}" if len(others) == 1 else "--package NAME"
        raise click.UsageError(
            f"{output} holds no package {package!r} but holds {names}, generated by wirogen "
            f"under another name: give {hint}"
        )


def _packages_in(output: Path, depth: int = 4) -> list[str]:
    """The dotted names of the wirogen packages in OUTPUT (a manifest marks each)."""
    found = []
    for level in range(1, depth + 1):
        for manifest in sorted(output.glob("*/" * level + MANIFEST)):
            parts = manifest.parent.relative_to(output).parts
            if (
                not any(part.startswith(".") for part in parts)
                and Manifest.read(manifest.parent).files
            ):
                found.append(".".join(parts))
    return found


def _wait_note(quiet: bool) -> Callable[[str], None]:
    return lambda note: None if quiet else click.echo(f"note: {note}", err=True)


def _refuse_foreign_pyproject(path: Path) -> None:
    """--meta writes pyproject.toml only over a file wirogen wrote (its header says so)."""
    if (path.exists() or path.is_symlink()) and not has_provenance(path):
        raise failure(
            f"error: {path} was not written by wirogen; --meta never replaces a project's "
            "own pyproject.toml (move it away, or leave out --meta)"
        )


def _echo_warnings(changes: Changes) -> None:
    for warning in changes.warnings:
        click.echo(f"warning: {warning}", err=True)


def _echo_staleness(package_dir: Path, files: list[GeneratedFile], changes: Changes) -> None:
    by_path = {item.path: item for item in files}
    if changes.manifest_stale:
        click.echo(f"stale: {package_dir / MANIFEST} is not what generation records")
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


# The API diff is imported only when the records differ: a no-op run does without it.


def api_changes(previous: Manifest, files: list[GeneratedFile]) -> list[Change]:
    """What changed in the tools' APIs from the package `previous` records to `files`."""
    before, after = previous.apis(), {item.slug: item.api for item in files if item.slug}
    if before == after:
        return []
    from ..apidiff import compare_records

    return compare_records(before, after)


def _applied(changes: list[Change]) -> str:
    """What generate changed in the APIs, named change by change as `check` names them."""
    if not changes:
        return "API changes applied: none\n"
    return _api_report("API changes applied:", changes)


def _api_report(heading: str, changes: list[Change]) -> str:
    from ..apireport import as_text

    return f"{heading}\n{as_text(changes)}"


def _counts(changes: Changes) -> str:
    return (
        f"{len(changes.new)} new, {len(changes.changed)} changed, "
        f"{len(changes.removed)} removed, {len(changes.unchanged)} unchanged"
    )
