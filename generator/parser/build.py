"""Turns what a layout reader found into the IR, checking what the page must say."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from ..ir import (
    Endpoints,
    Identifiers,
    Input,
    JsonValue,
    Option,
    PageSource,
    PageWarning,
    ResponseExample,
    Statuses,
    TaskEndpoint,
    ToolSpec,
    run_url_slug,
)
from ..kinds import UNKNOWN, kind_of
from .checks import page_warnings
from .curl import CurlExample, read_curl
from .grammar import FENCED_SECTIONS, Section
from .limits import url_problem
from .raw import RawEntry, RawField, RawPage, RawSection
from .source import DecodedPage
from .values import parse_json, unquote

CUT_OFF = "the end of the page (the page looks cut off)"
REPEATABLE = FENCED_SECTIONS | {Section.UNKNOWN}
RESPONSES: tuple[tuple[Section, TaskEndpoint], ...] = (
    (Section.RUN_RESPONSE, "run"),
    (Section.DETAIL_RESPONSE, "detail"),
    (Section.KILL_RESPONSE, "kill"),
    (Section.CANCEL_RESPONSE, "cancel"),
)


class SpecBuilder:
    """Builds one ToolSpec from one RawPage, collecting warnings on the way."""

    def __init__(self, raw: RawPage) -> None:
        self.raw = raw
        self.page: DecodedPage = raw.page
        self.warnings: list[PageWarning] = []
        self.sections: dict[Section, list[RawSection]] = defaultdict(list)
        for section in raw.sections:
            previous = self.sections[section.kind]
            if previous and section.kind not in REPEATABLE:
                line, _ = self.page.position(previous[0].offset)
                raise self.page.error(
                    section.offset,
                    section.title,
                    f"one {section.title!r} section",
                    f"a second one (the first is on line {line})",
                )
            previous.append(section)
        for section in self.sections[Section.UNKNOWN]:
            self.warn("unknown-section", f"section {section.title!r} is not understood; ignored")

    def warn(self, code: str, message: str) -> None:
        self.warnings.append(PageWarning(code, message))

    def build(self) -> ToolSpec:
        basic = self._required(Section.BASIC, "a '## Basic tool info' section")
        info = self._basic_fields(basic)
        run_url = self._endpoint(basic, info, "run", "Run Task Endpoint (POST):")
        if not run_url_slug(run_url):
            raise self.page.error(
                info["run"].offset,
                basic.title,
                "a run URL of the form https://.../Run/{owner}/{slug}",
                repr(run_url),
            )
        detail_url = self._endpoint(basic, info, "detail", "Get Task Detail Endpoint (POST):")
        inputs = self._inputs(self._required(Section.INPUTS, "a '## Tool Inputs:' section"))
        statuses = Statuses(
            self._statuses(Section.COMPLETED_STATUSES, "'### Completed Task Statuses'"),
            self._statuses(Section.RUNNING_STATUSES, "'### Running Task Statuses'"),
        )
        run = self._curl(Section.RUN_REQUEST)
        if run is None:
            self.warn("no-run-example", "the page has no run example")
        elif run.url != run_url:
            self.warn("run-url-differs", f"the run example posts to {run.url!r}, not {run_url!r}")
        kill, cancel = self._curl(Section.KILL_REQUEST), self._curl(Section.CANCEL_REQUEST)
        for kind, curl in ((Section.KILL_REQUEST, kill), (Section.CANCEL_REQUEST, cancel)):
            if curl is not None:
                section = self.sections[kind][0]
                self._check_url(curl.url, section.offset, section.title)
        spec = ToolSpec(
            name=info["name"].value if "name" in info else "",
            description=info["description"].value if "description" in info else "",
            cover=info["cover"].value if "cover" in info else "",
            categories=tuple(info["categories"].items) if "categories" in info else (),
            tags=tuple(info["tags"].items) if "tags" in info else (),
            endpoints=Endpoints(
                run_url, detail_url, kill.url if kill else None, cancel.url if cancel else None
            ),
            identifiers=Identifiers(
                self._identifiers(Section.DETAIL_REQUEST),
                self._identifiers(Section.KILL_REQUEST),
                self._identifiers(Section.CANCEL_REQUEST),
            ),
            inputs=inputs,
            statuses=statuses,
            source=PageSource(
                self.page.name.rsplit("/", 1)[-1], self.page.sha256, self.page.layout
            ),
            wording=(
                "Model"
                if self.page.text[basic.body : basic.end].lstrip().startswith("Model")
                else "Tool"
            ),
            preamble=self.raw.preamble,
            examples=self._examples(),
            run_example=self._run_example(run),
            responses=self._responses(),
        )
        return replace(spec, warnings=(*self.warnings, *page_warnings(spec)))

    def _required(self, kind: Section, expected: str) -> RawSection:
        found = self.sections.get(kind)
        if found:
            return found[0]
        raise self._cut_off(expected)

    def _cut_off(self, expected: str) -> Exception:
        last = self.raw.sections[-1].title if self.raw.sections else "page"
        return self.page.error(len(self.page.text.rstrip()), last, expected, CUT_OFF)

    def _basic_fields(self, basic: RawSection) -> dict[str, RawField]:
        fields: dict[str, RawField] = {}
        for found in basic.fields:
            if found.key in fields:
                raise self.page.error(
                    found.offset, basic.title, f"one {found.key!r} line", "a second one"
                )
            fields[found.key] = found
        return fields

    def _endpoint(self, basic: RawSection, info: dict[str, RawField], key: str, label: str) -> str:
        found = info.get(key)
        if found is None or not found.value:
            offset = found.offset if found else basic.end
            raise self.page.error(
                offset, basic.title, f"{label!r} followed by its URL", self.page.excerpt(offset)
            )
        self._check_url(found.value, found.offset, basic.title)
        return found.value

    def _check_url(self, url: str, offset: int, section: str) -> None:
        problem = url_problem(url)
        if problem:
            raise self.page.error(
                offset, section, "an http(s) URL with a valid host", f"{url!r}: {problem}"
            )

    def _inputs(self, section: RawSection) -> tuple[Input, ...]:
        inputs: list[Input] = []
        seen: dict[str, int] = {}
        for entry in section.entries:
            item = self._input(section, entry)
            if item.name in seen:
                line, _ = self.page.position(seen[item.name])
                raise self.page.error(
                    entry.offset,
                    section.title,
                    "input names that differ",
                    f"a second input named {item.name!r} (the first is on line {line})",
                )
            seen[item.name] = entry.offset
            inputs.append(item)
        if not inputs:
            raise self.page.error(
                section.body,
                section.title,
                "at least one '- name:' input",
                self.page.excerpt(section.body),
            )
        return tuple(inputs)

    def _input(self, section: RawSection, entry: RawEntry) -> Input:
        name = entry.value("name")
        if not name:
            raise self.page.error(
                entry.offset, section.title, "an input name after '- name:'", "none"
            )
        type_name = entry.value("type")
        if not type_name:
            raise self.page.error(
                entry.offset, section.title, f"a 'type:' field in input {name!r}", "none"
            )
        options = tuple(self._option(name, option) for option in entry.options or ())
        kind = kind_of(type_name)
        if kind is UNKNOWN:
            self.warn(
                "unknown-type", f"input {name!r}: type {type_name!r} is unknown; sent as text"
            )
        default = unquote(entry.value("default"))
        value, problem = kind.typed(default, [option.value for option in options])
        if problem:
            self.warn("bad-default", f"input {name!r}: default {default!r} {problem}; not sent")
        return Input(
            name=name,
            label=entry.value("label"),
            help=entry.value("help"),
            type=type_name,
            default=default,
            typed_default=value,
            options=options,
        )

    def _option(self, input_name: str, entry: RawEntry) -> Option:
        value = unquote(entry.value("value"))
        description = entry.get("description")
        json_fields: dict[str, JsonValue] = {}
        for key in ("triggerwords", "generatesettings"):
            found = entry.get(key)
            if found is None:
                json_fields[key] = None
                continue
            parsed, ok = parse_json(found.value)
            if not ok:
                self.warn(
                    "invalid-json",
                    f"input {input_name!r} option {value!r}: {key} is not valid JSON; kept as text",
                )
                parsed = found.value
            json_fields[key] = parsed
        return Option(
            value=value,
            label=entry.value("label"),
            description=description.value if description else None,
            triggerwords=json_fields["triggerwords"],
            generatesettings=json_fields["generatesettings"],
        )

    def _statuses(self, kind: Section, title: str) -> tuple[str, ...]:
        section = self._required(kind, f"the {title} list")
        statuses = tuple(dict.fromkeys(found.key for found in section.fields))
        if not statuses:
            raise self.page.error(
                section.body,
                section.title,
                "'- task_... : ...' status entries",
                self.page.excerpt(section.body),
            )
        return statuses

    def _curls(self, kind: Section) -> list[tuple[RawSection, CurlExample]]:
        found = []
        for section in self.sections.get(kind, []):
            for fence in section.fences:
                curl = read_curl(fence.text)
                if curl is not None:
                    found.append((section, curl))
        return found

    def _curl(self, kind: Section) -> CurlExample | None:
        found = self._curls(kind)
        return found[0][1] if found else None

    def _identifiers(self, kind: Section) -> tuple[str, ...]:
        keys: dict[str, None] = {}
        for section, curl in self._curls(kind):
            if curl.body_text and not curl.body_is_json:
                self.warn("invalid-json", f"{section.title!r}: the example body is not valid JSON")
            keys.update(dict.fromkeys(curl.keys))
        return tuple(keys)

    def _run_example(self, run: CurlExample | None) -> JsonValue:
        if run is None or not run.body_text:
            return None
        if not isinstance(run.body, dict):
            self.warn("invalid-json", "the run example body is not a valid JSON object")
            return None
        return run.body

    def _responses(self) -> tuple[ResponseExample, ...]:
        responses: list[ResponseExample] = []
        for kind, endpoint in RESPONSES:
            for section in self.sections.get(kind, []):
                for fence in section.fences:
                    body, ok = parse_json(fence.text)
                    if not ok:
                        self.warn(
                            "invalid-json", f"{section.title!r}: the example is not valid JSON"
                        )
                    responses.append(ResponseExample(endpoint, fence.text, body))
        return tuple(responses)

    def _examples(self) -> tuple[dict[str, str], ...]:
        """Parameter inspires: a key seen again starts the next example."""
        examples: list[dict[str, str]] = []
        for section in self.sections.get(Section.INSPIRES, []):
            current: dict[str, str] = {}
            for found in section.fields:
                if found.key in current:
                    examples.append(current)
                    current = {}
                current[found.key] = found.value
            if current:
                examples.append(current)
        return tuple(examples)


def build_spec(raw: RawPage) -> ToolSpec:
    """The IR of a page, or a ParseError saying what the page lacks."""
    return SpecBuilder(raw).build()
