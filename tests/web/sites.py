"""One small web application per framework, each serving a handler view at /smsc/, posted to
through the framework's own test client or through a real server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import threading
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import smsc_formats as smsc

SECRET = "settings-secret"
PATH = "/smsc/"
FORM = "application/x-www-form-urlencoded"


@dataclass
class Inbox:
    """An idempotent handler: each event once, whatever the repeats (a real one keeps the keys
    in a unique column, written in the same transaction as the event)."""

    events: list[smsc.CallbackEvent] = field(default_factory=list)
    calls: int = 0
    keys: set[str] = field(default_factory=set)

    def __call__(self, event: smsc.CallbackEvent) -> None:
        self.calls += 1
        key = smsc.callback_key(event)
        if key in self.keys:
            return  # a repeat: stored already, and answered 200 so the gateway stops posting it
        self.keys.add(key)
        self.events.append(event)


Handle = Callable[[smsc.CallbackEvent], object]
Post = Callable[[str, bytes], tuple[int, str]]
"""``post(query, body)``: the status and text of the answer to a POST of ``body`` to /smsc/?query."""


def django_settings() -> None:
    """Django's settings, once per process: what a project's settings module would hold."""
    import django
    from django.conf import settings

    if not settings.configured:
        settings.configure(
            SECRET_KEY="tests-only",
            ALLOWED_HOSTS=["testserver", "127.0.0.1"],
            ROOT_URLCONF=_urls([]),
            MIDDLEWARE=[
                "django.middleware.security.SecurityMiddleware",
                "django.middleware.common.CommonMiddleware",
                "django.middleware.csrf.CsrfViewMiddleware",
            ],
            INSTALLED_APPS=[],
        )
        django.setup()


def flask_app(handle: Handle, secret: str | None) -> Any:
    from flask import Flask

    from smsc_formats.web.flask import callback_view

    app = Flask(__name__)
    app.config["PROPAGATE_EXCEPTIONS"] = False  # an error in the handler is a 500, as in production
    app.add_url_rule(PATH, view_func=callback_view(handle, secret=secret), methods=["POST"])
    return app


def _urls(patterns: list[Any]) -> types.ModuleType:
    """A URL configuration, as a project's urls.py is: a module with ``urlpatterns``."""
    module = types.ModuleType("smsc_callback_urls")
    module.urlpatterns = patterns  # type: ignore[attr-defined]
    return module


def django_urls(handle: Handle, secret: str | None) -> types.ModuleType:
    from django.urls import path

    from smsc_formats.web.django import callback_view

    django_settings()
    return _urls([path(PATH[1:], callback_view(handle, secret=secret))])


def starlette_app(handle: Handle, secret: str | None) -> Any:
    from starlette.applications import Starlette
    from starlette.routing import Route

    from smsc_formats.web.asgi import callback_endpoint

    return Starlette(routes=[Route(PATH, callback_endpoint(handle, secret=secret), methods=["POST"])])


def fastapi_app(handle: Handle, secret: str | None) -> Any:
    from fastapi import FastAPI

    from smsc_formats.web.asgi import callback_endpoint

    app = FastAPI()
    app.add_api_route(PATH, callback_endpoint(handle, secret=secret), methods=["POST"])
    return app


# Each framework's own test client.


@contextmanager
def flask_client(handle: Handle, secret: str | None) -> Iterator[Post]:
    client = flask_app(handle, secret).test_client()

    def post(query: str, body: bytes) -> tuple[int, str]:
        answer = client.post(f"{PATH}?{query}", data=body, content_type=FORM)
        return answer.status_code, answer.get_data(as_text=True)

    yield post


@contextmanager
def django_client(handle: Handle, secret: str | None) -> Iterator[Post]:
    urls = django_urls(handle, secret)
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import clear_url_caches

    client = Client(raise_request_exception=False)

    def post(query: str, body: bytes) -> tuple[int, str]:
        answer = client.post(f"{PATH}?{query}", data=body, content_type=FORM)
        return answer.status_code, answer.content.decode()

    with override_settings(ROOT_URLCONF=urls):
        clear_url_caches()
        yield post
    clear_url_caches()


def _asgi_client(make: Callable[[Handle, str | None], Any]) -> Callable[[Handle, str | None], Any]:
    @contextmanager
    def client(handle: Handle, secret: str | None) -> Iterator[Post]:
        from starlette.testclient import TestClient

        with TestClient(make(handle, secret), raise_server_exceptions=False) as test_client:

            def post(query: str, body: bytes) -> tuple[int, str]:
                answer = test_client.post(f"{PATH}?{query}", content=body, headers={"Content-Type": FORM})
                return answer.status_code, answer.text

            yield post

    return client


CLIENTS: dict[str, Callable[[Handle, str | None], Any]] = {
    "flask": flask_client,
    "django": django_client,
    "starlette": _asgi_client(starlette_app),
    "fastapi": _asgi_client(fastapi_app),
}


# Real servers on loopback: werkzeug's for Flask, wsgiref's for Django, uvicorn for ASGI.


@contextmanager
def flask_server(handle: Handle, secret: str | None) -> Iterator[str]:
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, flask_app(handle, secret), threaded=True)
    yield from _serving(server)


@contextmanager
def django_server(handle: Handle, secret: str | None) -> Iterator[str]:
    from wsgiref.simple_server import WSGIRequestHandler, make_server

    from django.core.handlers.wsgi import WSGIHandler
    from django.test.utils import override_settings

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    with override_settings(ROOT_URLCONF=django_urls(handle, secret)):
        server = make_server("127.0.0.1", 0, WSGIHandler(), handler_class=QuietHandler)
        yield from _serving(server)


def _serving(server: Any) -> Iterator[str]:
    """Serve ``server`` (a socketserver) on a thread while the caller yields its URL."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{PATH}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _uvicorn_server(make: Callable[[Handle, str | None], Any]) -> Callable[[Handle, str | None], Any]:
    @contextmanager
    def serve(handle: Handle, secret: str | None) -> Iterator[str]:
        import socket

        import uvicorn

        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        config = uvicorn.Config(make(handle, secret), log_level="warning", lifespan="off")
        server = uvicorn.Server(config)
        thread = threading.Thread(target=lambda: asyncio.run(server.serve(sockets=[sock])), daemon=True)
        thread.start()
        while not server.started:
            thread.join(0.01)
        try:
            yield f"http://127.0.0.1:{sock.getsockname()[1]}{PATH}"
        finally:
            server.should_exit = True
            thread.join()
            sock.close()

    return serve


SERVERS: dict[str, Callable[[Handle, str | None], Any]] = {
    "flask": flask_server,
    "django": django_server,
    "starlette": _uvicorn_server(starlette_app),
    "fastapi": _uvicorn_server(fastapi_app),
}
