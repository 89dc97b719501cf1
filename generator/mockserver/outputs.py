"""What a finished task produced: image files of real bytes, or a language model's answer."""

from __future__ import annotations

import base64
import functools
import hashlib
import itertools
import struct
import zlib

from ..ir import JsonValue
from .lifecycle import Task

# The smallest output: a valid 1x1 PNG.
OUTPUT_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
OUTPUT_CONTENT_TYPE = "image/png"
LLM_CONTENT_TYPE = "raw"
_IEND = OUTPUT_PNG[-12:]
_CHUNK_OVERHEAD = 12  # length, type and CRC around a chunk's data
_COMMENT = b"Comment\x00"


@functools.lru_cache(maxsize=16)
def png_of_size(size: int) -> bytes:
    """A valid 1x1 PNG of exactly `size` bytes (at least the smallest one's), padded with a
    tEXt comment chunk, so a client can check both the type and the size of a download."""
    padding = size - len(OUTPUT_PNG) - _CHUNK_OVERHEAD - len(_COMMENT)
    if padding < 0:
        return OUTPUT_PNG
    data = _COMMENT + b"x" * padding
    chunk = struct.pack(">I", len(data)) + b"tEXt" + data
    chunk += struct.pack(">I", zlib.crc32(chunk[4:]) & 0xFFFFFFFF)
    return OUTPUT_PNG[: -len(_IEND)] + chunk + _IEND


def output_bytes(task: Task) -> bytes:
    """The bytes every file output of `task` serves."""
    size = task.script.output_size
    return OUTPUT_PNG if size is None else png_of_size(size)


def output_path(task: Task, index: int) -> str:
    """Where the server serves a task's output number `index`."""
    return f"/files/{task.uuid}/{index}.png"


def outputs_json(task: Task, origin: str, added: int) -> list[JsonValue]:
    """The outputs of a task that succeeded, as Task/Detail lists them."""
    if task.script.is_llm:
        return [_llm_output(task, added)]
    served = len(output_bytes(task))
    advertised = task.script.advertised_size
    size = str(served if advertised is None else advertised)
    return [
        {
            "id": _output_id(task, index),
            "name": f"{index}.png",
            "contenttype": OUTPUT_CONTENT_TYPE,
            "uuid": task.uuid,
            "size": size,
            "addedtime": str(added),
            "modifiedtime": str(added),
            "url": origin + output_path(task, index),
        }
        for index in range(task.script.outputs)
    ]


def llm_content(thinking: list[str], answer: list[str]) -> dict[str, JsonValue]:
    """A language model's output so far as Wiro reports it: its `thinking` and `answer`
    items and the `raw` text they came from (reasoning inside <think> tags)."""
    raw = "".join(
        (f"<think>{thought}</think>" if thought else "") + said
        for thought, said in itertools.zip_longest(thinking, answer, fillvalue="")
    )
    return {"raw": raw, "thinking": list(thinking), "answer": list(answer)}


def _llm_output(task: Task, added: int) -> JsonValue:
    script = task.script
    content: dict[str, JsonValue] = {
        "prompt": str(task.parameters.get("prompt", "")),
        **llm_content(list(script.thinking), list(script.answer)),
    }
    return {
        "id": _output_id(task, 0),
        "name": "",
        "contenttype": LLM_CONTENT_TYPE,
        "uuid": task.uuid,
        "size": "",
        "addedtime": str(added),
        "modifiedtime": str(added),
        "url": "",
        "content": content,
    }


def _output_id(task: Task, index: int) -> str:
    return hashlib.sha256(f"{task.uuid}/{index}".encode()).hexdigest()[:32]
