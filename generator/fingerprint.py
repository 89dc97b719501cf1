"""What generated code depends on, hashed: the keys that let unchanged files be reused.

A file is regenerated only when one of its inputs changed: its page, its place in
the package, the generator code and templates that write it, or black.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

# black's own version module (black.__version__ is read from it): importlib.metadata
# would cost a no-op run more than everything it does.
from _black_version import version as black_version

from .render.environment import template_sources

PACKAGE = Path(__file__).resolve().parent
# The code that decides what is generated; the CLI, the mock server and the rest do not.
OUTPUT_SOURCES = (
    "__init__.py",
    "ir.py",
    "kinds",
    "pagenames.py",
    "prices.py",
    "wording.py",
    "parser",
    "render",
    "runtime",
    "output/formatting.py",
)


def generator_fingerprint(templates: Path | None = None) -> str:
    """sha256 of the generator code and templates in use, and of the black release."""
    digest = hashlib.sha256(f"black {black_version}\0".encode())
    for path in _output_sources():
        digest.update(_entry(path.relative_to(PACKAGE).as_posix(), path.read_bytes()))
    for name, source in template_sources(templates):
        digest.update(_entry(f"templates/{name}", source.encode()))
    return digest.hexdigest()


def input_key(fingerprint: str, *parts: str) -> str:
    """The key of one generated file: the fingerprint and everything else it is made from."""
    return hashlib.sha256("\0".join((fingerprint, *parts)).encode()).hexdigest()


def _output_sources() -> list[Path]:
    found: list[Path] = []
    for name in OUTPUT_SOURCES:
        path = PACKAGE / name
        found += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return found


def _entry(name: str, content: bytes) -> bytes:
    # Line ends normalised: a checkout with CRLF files must give the same keys.
    return name.encode() + b"\0" + content.replace(b"\r\n", b"\n") + b"\0"
