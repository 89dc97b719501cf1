"""Python names derived from page names: modules, classes, arguments, aliases.

Every identifier in generated code comes from here, so no page text reaches
code except as an escaped literal.
"""

from __future__ import annotations

import builtins
import hashlib
import keyword
import re
import sys

NOT_NAME_CHARS = re.compile(r"[^a-z0-9]+")
WORDS = re.compile(r"[A-Za-z0-9]+")
CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")

# run() arguments wirogen adds itself, and names a method body relies on (`locals`).
RESERVED_ARGUMENTS = frozenset(
    {
        "self",
        "extra_body",
        "project_id",
        "callback_url",
        "allow_unlisted",
        "timeout",
        "poll_interval",
        "on_status",
        "locals",
    }
)


# Importing an owner package binds its name in the package's namespace, replacing
# whatever the registry bound there: its imports (every standard-library module is
# reserved, so a new import in the template stays safe), functions and helpers.
RESERVED_PACKAGE_NAMES = frozenset(
    {"_runtime", "_find", "_casefolded", "annotations", "get_tool", "get_async_tool"}
) | frozenset(sys.stdlib_module_names)

# What a tool module binds besides its classes: typing names, constants, builtins.
TOOL_MODULE_NAMES = frozenset(
    {"Callable", "Final", "Literal", "Mapping", "Sequence", "Unpack", "get_args"}
    | {"Any", "TYPE_CHECKING", "InputSpec", "SLUG", "TOOL", "EXAMPLES", "COMPLETED_STATUSES"}
) | frozenset(dir(builtins))

# Longer names are cut and given a hash: file names stay far below the usual 255 bytes.
MAX_NAME_LENGTH = 100
HASH_LENGTH = 8


def owner_package_name(owner: str) -> str:
    """The package of an owner's tools: `module_name`, clear of the names the package binds."""
    name = module_name(owner)
    return f"{name}_" if name in RESERVED_PACKAGE_NAMES else name


def module_name(segment: str) -> str:
    """`PixArt-Sigma` -> `pixart_sigma`: lower-cased, each run outside [a-z0-9] becomes `_`.

    A leading digit gets a `_` prefix and a keyword a `_` suffix; a long name is
    shortened with a hash. Runs of `_` fold too, so no name is a dunder (`__init__`).
    """
    name = NOT_NAME_CHARS.sub("_", segment.lower()) or "_"
    if name[0].isdigit():
        name = f"_{name}"
    name = _shortened(name, segment, "_")
    return f"{name}_" if keyword.iskeyword(name) else name


def class_name(segment: str) -> str:
    """`text-to-image-sd-lora` -> `TextToImageSdLora`; a leading digit gets a `Tool` prefix.

    A keyword, or a name the tool module binds itself (`Final`, `TOOL`, `ValueError`),
    gets a `_` suffix; a long name is shortened with a hash.
    """
    name = "".join(word[0].upper() + word[1:] for word in WORDS.findall(segment)) or "Tool"
    if name[0].isdigit():
        name = f"Tool{name}"
    name = _shortened(name, segment, "")
    return f"{name}_" if keyword.iskeyword(name) or name in TOOL_MODULE_NAMES else name


def _shortened(name: str, segment: str, separator: str) -> str:
    """`name` cut to MAX_NAME_LENGTH, ending in a hash of the whole `segment` when cut."""
    if len(name) <= MAX_NAME_LENGTH:
        return name
    digest = hashlib.sha256(segment.encode()).hexdigest()[:HASH_LENGTH]
    keep = MAX_NAME_LENGTH - HASH_LENGTH - len(separator)
    return f"{name[:keep]}{separator}{digest}"


def argument_name(input_name: str) -> str:
    """`negativePrompt` -> `negative_prompt`; keywords and reserved names get a `_` suffix."""
    spaced = CAMEL_BOUNDARY.sub("_", input_name)
    name = NOT_NAME_CHARS.sub("_", spaced.lower()).strip("_") or "input"
    if name[0].isdigit():
        name = f"input_{name}"
    if keyword.iskeyword(name) or name in RESERVED_ARGUMENTS:
        name = f"{name}_"
    return name


def pascal_case(snake: str) -> str:
    return "".join(word.capitalize() for word in snake.split("_") if word)


def unique(name: str, taken: set[str], suffix: str = "_") -> str:
    """`name`, or `name_2`, `name_3`... whichever is not taken yet; the result is taken."""
    candidate, number = name, 1
    while candidate in taken:
        number += 1
        candidate = f"{name}{suffix}{number}"
    taken.add(candidate)
    return candidate
