"""The service's log lines: a timestamp and the request id on every one, as text or JSON.

One configuration for every way the app runs. ``content-api serve`` hands it to uvicorn
(which applies it in each worker); under any other ASGI server, ``api.asgi`` applies it
when the app is built, so ``uvicorn api.asgi:app`` logs the same lines. uvicorn's own
loggers are routed to the same handler; its access log is silenced, since
``api.access`` logs every request with its id.

The request id travels in a context variable set by ``api.http.request_id``: code that
logs while serving a request (in the event loop or a worker thread) needs no argument.
"""

from __future__ import annotations

import datetime
import json
import logging
import logging.config
import sys
from contextvars import ContextVar
from typing import Any, TextIO

from api.settings import Settings

# The id of the request being served, or "-" outside any request.
current_request_id: ContextVar[str] = ContextVar("current_request_id", default="-")

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"


def _timestamp(record: logging.LogRecord) -> str:
    moment = datetime.datetime.fromtimestamp(record.created, datetime.UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


class RequestIdFilter(logging.Filter):
    """Gives every record the request id it was logged under."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id.get()
        return True


class TextFormatter(logging.Formatter):
    """``2026-12-04T20:05:09.123Z INFO api.access [id] message``: UTC, to the millisecond."""

    def __init__(self) -> None:
        super().__init__(TEXT_FORMAT)

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:  # noqa: N802 - logging's name
        return _timestamp(record)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, request_id, message (and exception)."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": _timestamp(record),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", current_request_id.get()),
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class LogHandler(logging.StreamHandler[TextIO]):
    """Standard error, looked up at each line (so a replaced ``sys.stderr`` is followed)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stderr
        super().emit(record)


def log_config(settings: Settings, *, access_log: bool = True) -> dict[str, Any]:
    """The ``logging.config.dictConfig`` of the service."""
    formatter = JsonFormatter if settings.log_format == "json" else TextFormatter
    quiet = {"handlers": [], "level": "WARNING", "propagate": False}
    through_root = {"handlers": [], "propagate": True}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": RequestIdFilter}},
        "formatters": {"line": {"()": formatter}},
        "handlers": {"stderr": {"()": LogHandler, "formatter": "line", "filters": ["request_id"]}},
        "root": {"handlers": ["stderr"], "level": "WARNING"},
        "loggers": {
            "api": {"level": settings.log_level.upper()},
            "api.access": {"level": "INFO" if access_log else "WARNING"},
            "uvicorn": {**through_root, "level": settings.log_level.upper()},
            "uvicorn.error": through_root,
            # Replaced by api.access, which knows the request id.
            "uvicorn.access": quiet,
        },
    }


def is_configured() -> bool:
    """Whether the service's logging is in place in this process already."""
    return any(isinstance(handler, LogHandler) for handler in logging.getLogger().handlers)


def configure_logging(settings: Settings, *, access_log: bool = True) -> None:
    logging.config.dictConfig(log_config(settings, access_log=access_log))
