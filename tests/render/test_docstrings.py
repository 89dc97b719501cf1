"""What generated docstrings say: the page's text without its placeholders, within 100 columns."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from benchmarks.corpus import write_corpus
from generator.parser import parse_page, parse_text
from generator.render.docs import HELP_KEY_WORD
from generator.render.package import render_owner_init, render_tool_module
from generator.render.planning import plan_tools

from ..support.genpkg import generate
from ..support.pagetext import make_page
from ..support.paths import ROOT, wiro_pages

# slow: generates a 300-tool corpus and every real page, kept on one worker for its module fixtures.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("docstrings")]

LONG_SLUG = "wiro/Product-Style-Realistic-Turbo-Lightning-Watercolor-v612"
HELP_KEY_INSIDE = """
  - name: aspectRatio
    label: Aspect Ratio
    help: Aspect ratio of the image. guidancescale-help.
    type: text
    default: 1:1
  - name: scale
    label: guidancescale
    help: guidancescale-help
    type: float
    default: 5.0
"""


def module_of(page: str) -> str:
    (tool,), _ = plan_tools([parse_text("page.md", page)])
    module, _ = render_tool_module(parse_text("page.md", page), tool, "wiro_tools")
    return module


def docstrings(source: str) -> Iterator[str]:
    """Every docstring of a module's source, each line as written (indentation included)."""
    lines = source.splitlines()
    for node in ast.walk(ast.parse(source)):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            value = body[0].value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                end = body[0].end_lineno or body[0].lineno
                yield "\n".join(lines[body[0].lineno - 1 : end])


def long_docstring_lines(package: Path) -> list[str]:
    """The docstring lines wider than 100 columns in the tool modules and owner packages."""
    return [
        f"{path.name}: {line}"
        for path in sorted(package.rglob("*.py"))
        if "_runtime" not in path.parts
        for doc in docstrings(path.read_text(encoding="utf-8"))
        for line in doc.splitlines()
        if len(line) > 100
    ]


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The committed package, one of the real Wiro pages' and one of 300 benchmark-corpus
    tools."""
    real: dict[str, Path] = {}
    for folder in ("full", "assembled", "seeds"):
        for page in wiro_pages(folder):
            real.setdefault(parse_page(page).slug, page)
    corpus = tmp_path_factory.mktemp("corpus")
    write_corpus(300, corpus / "pages")
    generate(sorted((corpus / "pages").iterdir()), corpus)
    output = tmp_path_factory.mktemp("wiro-pages")
    generate(list(real.values()), output)
    return [ROOT / "generated" / "wiro_tools", corpus / "wiro_tools", output / "wiro_tools"]


def test_docstring_lines_fit_in_100_columns(packages: list[Path]) -> None:
    assert [line for package in packages for line in long_docstring_lines(package)] == []


def test_no_help_key_reaches_a_docstring(packages: list[Path]) -> None:
    keys = [
        f"{path.name}: {key}"
        for package in packages
        for path in sorted(package.rglob("*.py"))
        if "_runtime" not in path.parts
        for doc in docstrings(path.read_text(encoding="utf-8"))
        for key in HELP_KEY_WORD.findall(doc)
    ]
    assert keys == []


COMMON_ARGUMENTS = {"extra_body", "project_id", "callback_url", "allow_unlisted"}


def none_sentence_mismatches(path: Path) -> Iterator[str]:
    """A tool module whose run() docstring says inputs at None are not sent, where no input
    defaults to None, or the other way round."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef) and node.name == "run":
            arguments = zip(node.args.kwonlyargs, node.args.kw_defaults, strict=True)
            defaults_none = any(
                isinstance(default, ast.Constant) and default.value is None
                for argument, default in arguments
                if argument.arg not in COMMON_ARGUMENTS
            )
            says_so = "Inputs left at None are not sent" in (ast.get_docstring(node) or "")
            if defaults_none != says_so:
                yield f"{path.name}: an input defaults to None: {defaults_none}, says so: {says_so}"


def test_the_none_sentence_is_there_exactly_when_an_input_defaults_to_none(
    packages: list[Path],
) -> None:
    modules = [path for package in packages for path in sorted(package.glob("*/*.py"))]
    mismatches = [found for path in modules for found in none_sentence_mismatches(path)]
    assert len(modules) > 300 and mismatches == []


def test_a_help_key_inside_a_help_text_is_left_out() -> None:
    module = module_of(make_page(HELP_KEY_INSIDE))
    assert "aspect_ratio: Aspect ratio of the image.\n" in module
    assert "guidancescale-help" not in module


def test_a_help_key_is_left_out_only_as_a_word_of_its_own() -> None:
    page = make_page(HELP_KEY_INSIDE.replace("guidancescale-help.", "See --help or self-help."))
    assert "See --help or self-help." in module_of(page)


def test_the_example_import_of_a_long_class_name_is_wrapped() -> None:
    module = module_of(make_page(name=LONG_SLUG, run=f"https://api.wiro.ai/v1/Run/{LONG_SLUG}"))
    assert (
        "        from wiro_tools.wiro.product_style_realistic_turbo_lightning_watercolor_v612 import (\n"
        "            ProductStyleRealisticTurboLightningWatercolorV612,\n"
        "        )\n"
    ) in module


def test_every_docstring_of_a_tool_with_a_long_name_fits_in_100_columns() -> None:
    """Its sentences wrap; only a URL or a module path longer than a line could not."""
    module = module_of(make_page(name=LONG_SLUG, run=f"https://api.wiro.ai/v1/Run/{LONG_SLUG}"))
    long = [line for doc in docstrings(module) for line in doc.splitlines() if len(line) > 100]
    assert long == [] and "`ProductStyleRealisticTurboLightningWatercolorV612`" in module


def test_an_owner_package_docstring_of_many_tools_is_wrapped() -> None:
    pages = [
        parse_text(f"{n}.md", make_page(run=f"https://api.wiro.ai/v1/Run/wiro/tool-number-{n}"))
        for n in range(12)
    ]
    tools, _ = plan_tools(pages)
    source = render_owner_init(tools)
    (doc,) = docstrings(source)
    assert len(doc.splitlines()) > 2 and max(map(len, doc.splitlines())) <= 100
    assert " ".join(doc.split()).endswith('tool_number_8, tool_number_9. """')


LOCAL_FILE = "a local file (a `Path`, bytes or a binary file object; a `str` is a URL)"


@pytest.mark.parametrize(
    ("argument", "where"),
    [
        (
            "input_image",
            f"A URL is sent in `inputImageUrl`; {LOCAL_FILE} is uploaded as `inputImage`.",
        ),
        (
            "references",
            "URLs are sent comma-separated in `referencesUrl`; local files (a `Path`, bytes or a"
            " binary file object; a `str` is a URL) are uploaded as parts named `references`.",
        ),
        (
            "input_images",
            "URLs and local files (a `Path`, bytes or a binary file object; a `str` is a URL) all"
            " go in `inputImages`: a JSON array of URLs, or one multipart part per file.",
        ),
    ],
    ids=["file", "multifile", "combinefile"],
)
def test_a_file_input_says_where_a_url_and_where_a_file_go(
    all_kinds_module: ModuleType, argument: str, where: str
) -> None:
    doc = " ".join(all_kinds_module.AllKinds.run.__doc__.split())
    assert f"{argument}: " in doc and where in doc.split(f"{argument}: ", 1)[1]


def test_an_old_pages_url_input_says_where_a_url_and_where_a_file_go(
    wiro_tools: ModuleType,
) -> None:
    from wiro_tools.wiro import cartoonify

    doc = " ".join(cartoonify.Cartoonify.run.__doc__.split())
    assert f"A URL is sent in `inputImageUrl`; {LOCAL_FILE} is uploaded as `inputImage`." in doc


SELECT_WITH_DESCRIPTIONS = """
  - name: selectedModel
    label: Model
    help: The model to use.
    type: select
    default: 901
    options:
      - value: "901"
        label: KandooAI/Juggernaut
        description: Juggernaut
      - value: "902"
        label: SG_161222/Paragon-V1.0
        description: Paragon V1.0 renders portraits.
"""


def test_an_option_description_repeating_its_label_is_left_out() -> None:
    module = module_of(make_page(SELECT_WITH_DESCRIPTIONS))
    assert "- `901`: KandooAI/Juggernaut.\n" in module
    assert "- `902`: SG_161222/Paragon-V1.0. Paragon V1.0 renders portraits.\n" in module


CHOICES = """
  - name: style
    label: Style
    help: The style.
    type: {kind}
    default: a
    options:
      - value: a
        label: a
      - value: b
        label: b
"""


@pytest.mark.parametrize(
    ("kind", "lead"), [("select", "One of `a`, `b`."), ("multiselect", "Any of `a`, `b`.")]
)
def test_the_options_are_introduced_as_the_kind_takes_them(kind: str, lead: str) -> None:
    module = module_of(make_page(CHOICES.format(kind=kind)))
    assert f"style: The style. {lead}\n" in module
