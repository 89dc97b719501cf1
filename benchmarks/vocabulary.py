"""What the benchmark corpus is varied with: text harvested from the real pages in specs/,
and the names and awkward characters real Wiro pages hold.

Nothing here is random: `corpus.py` draws from these pools with a seeded generator.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.ir import Option, ToolSpec
from generator.parser import parse_page
from generator.render.docs import HELP_KEY

OWNERS = (
    "wiro",
    "wiro",
    "wiro",
    "ArsMachina",
    "arsmachina",
    "desertPixel",
    "Ostris",
    "KandooAI",
    "NestOrtiz3D",
    "Kairen92",
    "SG161222",
    "MelmothTheWanderer",
    "PromptSharingSamaritan",
    "futurist",
    "stabilityai",
    "black-forest-labs",
    "pixelcraft",
    "LumenLabs",
    "studio-nova",
    "deepmotion",
)
SLUG_WORDS = (
    "Flux", "Pixel", "Art", "Neon", "Portrait", "Anime", "Baroque", "Space", "Opera", "Niji",
    "Style", "Sketch", "Lora", "Upscaler", "Headshot", "Cartoon", "Motion", "Avatar", "Depth",
    "Inpaint", "Outpaint", "Sigma", "Turbo", "Lightning", "Realistic", "Vision", "Dream",
    "Shaper", "Juggernaut", "Paragon", "Comic", "Ink", "Watercolor", "Noir", "Retro", "Vapor",
    "Wave", "Cinematic", "Studio", "Product", "Shot", "Logo", "Icon", "Voice", "Clone", "Music",
    "Video", "Text", "to", "Image", "Speech", "Face", "Swap", "Restore", "Background", "Remover",
    "Virtual", "Segment", "Pose", "Control", "Edit", "Relight", "Mural", "Mosaic",
)  # fmt: skip
SEPARATORS = ("-", "-", "-", "-", "-", "-", "_", " ", ".", "+")
CASINGS = ("title", "title", "lower", "upper-last")

# Input names a new input of each type may take, as Wiro pages name them.
INPUT_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("seed", "inputImageUrl", "loraUrl", "triggerWord", "voiceId", "language"),
    "textarea": ("prompt", "negativePrompt", "systemPrompt", "lyrics", "script", "caption"),
    "number": ("steps", "samples", "width", "height", "clipSkip", "duration", "fps", "frames"),
    "float": ("scale", "strength", "guidanceScale", "loraScale", "temperature", "topP"),
    "range": ("quality", "motionBucket", "upscaleFactor", "denoise", "creativity"),
    "checkbox": ("enhancePrompt", "safetyChecker", "removeBackground", "tileable", "loop"),
    "select": ("scheduler", "aspectRatio", "outputFormat", "selectedModel", "resolution"),
    "selectwithcover": ("effectType", "outputType", "stylePreset", "template", "character"),
    "multiselect": ("selectedLoraModel", "styles", "tags", "objects", "languages"),
    "fileinput": ("inputImage", "maskImage", "inputAudio", "referenceImage", "inputVideo"),
    "multifileinput": ("inputImages", "referenceImages", "trainingImages", "keyframes"),
    "combinefileinput": ("inputImage", "personImage", "garmentImage", "sourceImages"),
}
UNKNOWN_INPUT_NAMES = ("color", "palette", "region", "curve", "timeline")

# Free text real pages carry: non-ASCII, curly quotes, brackets, colons, hashes, mojibake.
AWKWARD_TEXTS = (
    "Works best with résumé-style headshots (café lighting, naïve poses).",
    "Use the “golden hour” preset for warm tones; it’s the default.",
    "Aspect 16:9 or 4:3 [beta] - other ratios are cropped.",
    "Rank #1 on the community board (2024): try it with #retro prompts.",
    "PixArt-Σ blocks render 1024px, 2K and 4K images in one pass.",
    "Größere Bilder brauchen mehr Schritte; 日本語 prompts work too.",
    "{curly braces} and <angle brackets> are sent as typed.",
)
ASPECT_RATIOS = ("1:1", "16:9", "9:16", "4:3", "3:4", "3:2", "2:3", "21:9", "9:21", "5:4")
SAMPLE_FILES = (
    "https://cdn.wiro.ai/uploads/sampleinputs/input-man-3.jpg",
    "https://cdn.wiro.ai/uploads/sampleinputs/woman-portrait.png",
    "https://cdn.wiro.ai/uploads/sampleinputs/garment-jacket.jpg",
    "https://cdn.wiro.ai/uploads/sampleinputs/voice-sample.mp3",
    "input-man-3.jpg",
    "room-empty.jpeg",
)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class Material:
    """The real pages, and the text harvested from them that new tools are built from."""

    seeds: tuple[ToolSpec, ...]
    sentences: tuple[str, ...]
    prompts: tuple[str, ...]
    options: tuple[Option, ...]
    categories: tuple[str, ...]
    tags: tuple[str, ...]
    covers: tuple[str, ...]


def load_material(specs_dir: Path) -> Material:
    """Parse every page of `specs_dir` (sorted by name) and harvest its text."""
    seeds = tuple(parse_page(path) for path in sorted(specs_dir.glob("*.md")))
    if not seeds:
        raise FileNotFoundError(f"no pages in {specs_dir}: the corpus is varied from them")
    defaults = (item.default for spec in seeds for item in spec.inputs if item.type == "textarea")
    examples = (example.get("prompt", "") for spec in seeds for example in spec.examples)
    options = tuple(option for spec in seeds for item in spec.inputs for option in item.options)
    return Material(
        seeds=seeds,
        sentences=_unique([*_sentences(seeds), *AWKWARD_TEXTS]),
        prompts=_unique(text for text in (*defaults, *examples) if len(text) > 20),
        options=options,
        categories=_unique(category for spec in seeds for category in spec.categories),
        tags=_unique(tag for spec in seeds for tag in spec.tags),
        covers=_unique(spec.cover for spec in seeds if spec.cover),
    )


def _sentences(seeds: Iterable[ToolSpec]) -> Iterable[str]:
    for spec in seeds:
        texts = [spec.description, *(item.help for item in spec.inputs)]
        texts += [o.description or "" for item in spec.inputs for o in item.options]
        for text in texts:
            parts = SENTENCE_END.split(text)
            # A placeholder help key (`guidancescale-help`) is no sentence: pages never
            # write one inside a text.
            yield from (part for part in parts if len(part) > 12 and not HELP_KEY.fullmatch(part))


def _unique(texts: Iterable[str]) -> tuple[str, ...]:
    """The texts in first-seen order, without repeats."""
    return tuple(dict.fromkeys(texts))
