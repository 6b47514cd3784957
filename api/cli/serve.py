"""``content-api serve`` and ``content-api schema``: run the API, print its SDL."""

from __future__ import annotations

import copy
import logging.config
import sys
from typing import Any

import click
import uvicorn
import uvicorn.config

from api.cli.options import environment_settings
from api.content import ContentError
from api.content.snapshot_cache import is_cached
from api.partners import PartnersFileError, load_partners
from api.serving import prepare_content
from api.settings import SETTINGS_TABLE, Settings


def _print_settings_table(ctx: click.Context, _: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    for setting in SETTINGS_TABLE:
        click.echo(f"{setting.env_var:<28} {setting.default:<24} {setting.help}")
    ctx.exit()


# Longest wait on SIGTERM for requests in flight (searches time out well before this).
GRACEFUL_SHUTDOWN_SECONDS = 30
# Idle keep-alive connections are kept longer than clients and load balancers keep
# theirs (60 s is common), so that the client, not the server, closes them: a server
# closing first races a client reusing the connection, which then fails (uvicorn's
# default of 5 s equals httpx's; bench/soak saw one such failure in 49,000 requests).
KEEP_ALIVE_SECONDS = 75


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(min=1),
    help="Worker processes; each loads the content and opens the index itself.",
)
@click.option(
    "--access-log/--no-access-log",
    default=True,
    show_default=True,
    help="Log every request (turn off when the load balancer logs them).",
)
@click.option(
    "--help-settings",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_settings_table,
    help="List the CONTENT_API_* environment variables, their defaults, and exit.",
)
def serve(host: str, port: int, workers: int, access_log: bool) -> None:
    """Serve the GraphQL API with uvicorn; configured by CONTENT_API_* variables."""
    settings = environment_settings()
    log_config = _log_config(settings.log_level, access_log=access_log)
    # The same logging before the workers start as in them.
    logging.config.dictConfig(log_config)
    try:
        _prepare_content(settings)
        load_partners(settings.partners_file)
    except (ContentError, PartnersFileError) as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    uvicorn.run(
        "api.asgi:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level=settings.log_level,
        log_config=log_config,
        # The service logs requests itself, with their request ids (api.access).
        access_log=False,
        # Behind a load balancer, the client's address comes from X-Forwarded-For.
        proxy_headers=True,
        # On SIGTERM: stop accepting, let requests in flight finish, but not forever.
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS,
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
    )


def _prepare_content(settings: Settings) -> None:
    """Check the content and build its index once, before any worker starts.

    Invalid content is refused with its problems listed; the workers then all read the
    same cached snapshot and open the same read-only index. Files loaded before (so
    known to be valid) are not loaded again here. Raises ContentError.
    """
    if not is_cached(settings.content_dir, settings.locales_dir, settings.snapshot_cache_dir):
        prepare_content(settings)


def _log_config(level: str, *, access_log: bool) -> dict[str, Any]:
    """uvicorn's logging, with the service's own ``api.*`` loggers on the same handler."""
    config = copy.deepcopy(uvicorn.config.LOGGING_CONFIG)
    config["loggers"]["api"] = {"handlers": ["default"], "level": level.upper(), "propagate": False}
    if not access_log:
        config["loggers"]["api.access"] = {"level": "WARNING"}
    return config


@click.command()
def schema() -> None:
    """Print the GraphQL SDL; `content-api schema > schema.graphql` regenerates the file."""
    from api.graphql import schema_sdl  # noqa: PLC0415 - keeps the other commands' start-up light

    click.echo(schema_sdl(), nl=False)
