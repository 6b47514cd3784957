"""ASGI entry point for any server: ``uvicorn api.asgi:app``, configured from the environment."""

from __future__ import annotations

from starlette.applications import Starlette

from api.app import create_app
from api.settings import Settings


def app_from_environment() -> Starlette:
    """The factory ``content-api serve`` hands to uvicorn (``factory=True``), once per worker."""
    return create_app(Settings.from_env())


def __getattr__(name: str) -> Starlette:
    # Built on first access rather than at import, so importing this module is free.
    if name == "app":
        return app_from_environment()
    raise AttributeError(name)
