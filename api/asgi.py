"""ASGI entry point for any server: ``uvicorn api.asgi:app``, configured from the environment."""

from __future__ import annotations

from starlette.applications import Starlette

from api.app import create_app
from api.logs import configure_logging, is_configured
from api.settings import Settings


def app_from_environment() -> Starlette:
    """The factory ``content-api serve`` hands to uvicorn (``factory=True``), once per worker.

    Under another server (``uvicorn api.asgi:app``), it also sets up the service's logs,
    which ``content-api serve`` has done already.
    """
    settings = Settings.from_env()
    if not is_configured():
        configure_logging(settings)
    return create_app(settings)


def __getattr__(name: str) -> Starlette:
    # Built on first access rather than at import, so importing this module is free.
    if name == "app":
        return app_from_environment()
    raise AttributeError(name)
