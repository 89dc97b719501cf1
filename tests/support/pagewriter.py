"""Writes a tool page from the IR, in Wiro's multi-line layout or collapsed.

The inverse of the parser, up to whitespace inside free text: round-trip tests
and the benchmark corpus are built with it.
"""

from __future__ import annotations

import json

from generator.ir import Input, JsonValue, Layout, Option, ToolSpec
from generator.parser.values import unquote

SIGNING_HEADERS = (
    '-H "Content-Type: multipart/form-data" \n'
    '-H "x-api-key: ${YOUR_API_KEY}" \n'
    '-H "x-nonce: ${NONCE}" \n'
    '-H "x-signature: ${SIGNATURE}" \n'
)
INTEGRATION = """## Integration Header Prepare 
```bash
  # Sign up Wiro dashboard and create project
  export YOUR_API_KEY="{{useSelectedProjectAPIKey}}"; 
  export YOUR_API_SECRET="XXXXXXXXX"; 

  # unix time or any random integer value
  export NONCE=$(date +%s);

  # hmac-SHA256 (YOUR_API_SECRET+Nonce) with YOUR_API_KEY
  export SIGNATURE="$(echo -n "${YOUR_API_SECRET}${NONCE}" | openssl dgst -sha256 -hmac "${YOUR_API_KEY}")";
```
"""  # noqa: W291 - the trailing spaces are Wiro's own
CALLBACK_TEXT = (
    "You can provide a callback URL; Wiro will send a POST request to it "
    "when the task is completed."
)
REQUEST_TITLES = {
    "taskid": "with Task ID",
    "tasktoken": "with Socket Access Token",
    "socketaccesstoken": "with Socket Access Token",
}


def write_page(spec: ToolSpec, layout: Layout = "multiline") -> str:
    """The page text for a spec."""
    parts = [spec.preamble + "\n"] if spec.preamble else []
    parts += [_basic(spec), _inputs(spec), _inspires(spec), INTEGRATION, _run(spec)]
    parts += _task_requests(spec)
    parts.append(_statuses(spec))
    text = "\n".join(part for part in parts if part)
    return " ".join(text.split()) if layout == "collapsed" else text


def _basic(spec: ToolSpec) -> str:
    w = spec.wording
    lines = ["## Basic tool info", ""]
    lines += [f"{w} name: {spec.name}", f"{w} description: {spec.description}"]
    lines += [f"{w} cover: {spec.cover}", f"{w} categories:"]
    lines += [f"  - {category}" for category in spec.categories] + [""]
    if spec.tags:
        lines += [f"{w} tags:"] + [f"  - {tag}" for tag in spec.tags] + [""]
    lines += ["Run Task Endpoint (POST):", spec.endpoints.run, ""]
    lines += ["Get Task Detail Endpoint (POST):", spec.endpoints.detail, ""]
    return "\n".join(lines)


def _inputs(spec: ToolSpec) -> str:
    return "\n".join([f"## {spec.wording} Inputs: ", ""] + [_input(item) for item in spec.inputs])


def _input(item: Input) -> str:
    lines = [
        f"  - name: {item.name}",
        f"    label: {item.label}",
        f"    help: {item.help}",
        f"    type: {item.type}",
        f"    default: {quote_if_needed(item.default)}",
    ]
    if item.options:
        lines.append("    options:")
        for option in item.options:
            lines += _option(option)
    return "\n".join(lines) + "\n"


def _option(option: Option) -> list[str]:
    lines = [f'      - value: "{option.value}"', f"        label: {option.label}"]
    if option.description is not None:
        lines.append(f"        description: {option.description}")
    for key in ("triggerwords", "generatesettings"):
        value: JsonValue = getattr(option, key)
        if value is not None:
            text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
            lines.append(f"        {key}: {text}")
    return [*lines, ""]


def quote_if_needed(default: str) -> str:
    """A default written so the parser reads it back unchanged."""
    if unquote(default) == default and default == default.strip():
        return default
    for quote in "\"'":
        if unquote(f"{quote}{default}{quote}") == default:
            return f"{quote}{default}{quote}"
    return default


def _inspires(spec: ToolSpec) -> str:
    if not spec.examples:
        return ""
    lines = [f"## {spec.wording} Parameter Inspires:", ""]
    for example in spec.examples:
        lines += [f"  - {key}: {value}" for key, value in example.items()]
    return "\n".join(lines) + "\n"


def _run(spec: ToolSpec) -> str:
    body = spec.run_example
    if not isinstance(body, dict):
        body = {item.name: item.default for item in spec.inputs}
        body["callbackUrl"] = CALLBACK_TEXT
    return _request("Run Command - Make HTTP Post Request", spec.endpoints.run, body) + _response(
        "Run Command - Response", spec, "run"
    )


def _task_requests(spec: ToolSpec) -> list[str]:
    parts = []
    for title, endpoint, url, keys in (
        ("Get Task Detail", "detail", spec.endpoints.detail, spec.identifiers.detail),
        ("Kill Task", "kill", spec.endpoints.kill, spec.identifiers.kill),
        ("Cancel Task", "cancel", spec.endpoints.cancel, spec.identifiers.cancel),
    ):
        if url is None:
            continue
        for key in keys or ("taskid",):
            suffix = "(For tasks on queue)" if endpoint == "cancel" else REQUEST_TITLES.get(key, "")
            heading = f"{title} - Make HTTP Post Request {suffix}".rstrip()
            parts.append(_request(heading, url, {key: "2221"}))
        parts.append(_response(f"{title} - Response", spec, endpoint))
    return parts


def _request(heading: str, url: str, body: JsonValue) -> str:
    payload = json.dumps(body, indent=2, ensure_ascii=False)
    return (
        f"## {heading} \n```bash\ncurl -X POST \"{url}\" \n{SIGNING_HEADERS}-d '{payload}';\n```\n"
    )


def _response(heading: str, spec: ToolSpec, endpoint: str) -> str:
    texts = [r.text for r in spec.responses if r.endpoint == endpoint] or ['{"result": true}']
    return "\n".join(f"## {heading}\n```json\n{text}\n```\n" for text in texts)


def _statuses(spec: ToolSpec) -> str:
    lines = [
        "## Task Status Information",
        "This section defines the possible task status values returned by the API.",
        "",
        "### Completed Task Statuses (Polling can stop)",
        "Once any of these is received, polling should stop.",
    ]
    lines += [f"- {status} : Task reached {status}." for status in spec.statuses.completed]
    lines += [
        "",
        "### Running Task Statuses (Continue polling)",
        "Polling should continue if one of these is returned.",
    ]
    lines += [f"- {status} : Task is at {status}." for status in spec.statuses.running]
    return "\n".join(lines) + "\n"
