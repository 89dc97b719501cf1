"""An OpenAPI 3.1 document of the Wiro API for a set of tools (`wirogen openapi`).

`build_document` turns specs into the document as plain data; `write_document`
writes it as JSON or YAML. Nothing here knows about the command line.
"""

from __future__ import annotations

from .document import build_document, operation_ids, run_path
from .output import FORMATS, dump_json, dump_yaml, dumper_for, write_document

__all__ = [
    "FORMATS",
    "build_document",
    "dump_json",
    "dump_yaml",
    "dumper_for",
    "operation_ids",
    "run_path",
    "write_document",
]
