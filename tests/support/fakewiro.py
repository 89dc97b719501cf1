"""A scripted Wiro API behind httpx.MockTransport, and a driver for sync and async clients."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import inspect
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

KEY = "test-key"
SECRET = "test-secret-do-not-leak"
BASE_URL = "https://api.wiro.ai/v1"


def task(status: str, pexit: str = "0", **extra: Any) -> dict[str, Any]:
    """A Task/Detail task entry, all values strings as Wiro sends them."""
    return {
        "id": "2221",
        "uuid": "15bce51f",
        "socketaccesstoken": "eDcCm5yy",
        "status": status,
        "pexit": pexit,
        "debugoutput": "",
        "debugerror": "",
        "createtime": "1734513807",
        "starttime": "1734513809",
        "endtime": "1734513813",
        "elapsedseconds": "6.0000",
        "totalcost": "0.003510000000",
        "outputs": [
            {"id": "6bc3", "name": "0.png", "contenttype": "image/png", "size": "202472",
             "url": "https://cdn1.wiro.ai/6a6a/0.png"}
        ] if status == "task_postprocess_end" else [],
        **extra,
    }  # fmt: skip


def ok(**body: Any) -> httpx.Response:
    return httpx.Response(200, json={"result": True, "errors": [], **body})


def detail(*tasks: dict[str, Any]) -> httpx.Response:
    return ok(total=str(len(tasks)), tasklist=list(tasks))


RUN_OK = ok(taskid="2221", socketaccesstoken="eDcCm5yy")


@dataclass
class FakeWiro:
    """Answers each path from its own queue of responses; the last one answers from then on."""

    routes: dict[str, list[httpx.Response | Exception]] = field(default_factory=dict)
    requests: list[httpx.Request] = field(default_factory=list)

    def queue(self, path: str, *responses: httpx.Response | Exception) -> FakeWiro:
        self.routes.setdefault(path, []).extend(responses)
        return self

    def handler(self, request: httpx.Request) -> httpx.Response:
        request.read()
        # Retries re-sign the same request object: keep what this attempt carried.
        self.requests.append(
            httpx.Request(
                request.method, request.url, headers=request.headers.copy(), content=request.content
            )
        )
        path = request.url.path.removeprefix("/v1/")
        answers = self.routes.get(path)
        if not answers:
            return httpx.Response(
                404, json={"result": False, "errors": [{"code": 1, "message": f"no route {path}"}]}
            )
        answer = answers.pop(0) if len(answers) > 1 else answers[0]
        if isinstance(answer, Exception):
            raise answer
        # A response object belongs to one exchange: hand out a copy of the scripted one.
        return httpx.Response(answer.status_code, headers=answer.headers, content=answer.content)

    def sent(self, path: str) -> list[httpx.Request]:
        return [request for request in self.requests if request.url.path == f"/v1/{path}"]

    @staticmethod
    def body(request: httpx.Request) -> Any:
        return json.loads(request.content)


def signature(nonce: str, key: str = KEY, secret: str = SECRET) -> str:
    """The x-signature Wiro expects, computed independently of the runtime."""
    return hmac.new(key.encode(), (secret + nonce).encode(), hashlib.sha256).hexdigest()


async def maybe(value: Any) -> Any:
    """A sync call's value as is; an async call's awaited."""
    return await value if inspect.isawaitable(value) else value


@dataclass
class Driver:
    """Runs one scenario with the sync or the async client of a generated package."""

    package: Any
    flavour: str
    sleeps: list[float] = field(default_factory=list)

    def client(self, fake: FakeWiro, **options: Any) -> Any:
        options.setdefault("transport", httpx.MockTransport(fake.handler))
        options.setdefault("api_key", KEY)
        options.setdefault("api_secret", SECRET)
        if self.flavour == "sync":
            return self.package.WiroClient(sleep=self.sleeps.append, **options)

        async def sleep(seconds: float) -> None:
            self.sleeps.append(seconds)

        return self.package.AsyncWiroClient(sleep=sleep, **options)

    def tool(self, module: Any, class_name: str, client: Any) -> Any:
        prefix = "" if self.flavour == "sync" else "Async"
        return getattr(module, prefix + class_name)(client)

    def run(self, fake: FakeWiro, scenario: Callable[[Any], Awaitable[Any]], **options: Any) -> Any:
        """Run `scenario(client)` inside the client's context manager."""
        client = self.client(fake, **options)

        async def main() -> Any:
            if self.flavour == "sync":
                with client:
                    return await scenario(client)
            async with client:
                return await scenario(client)

        return asyncio.run(main())
