"""``content-api serve`` and ``content-api schema``: run the API, print its SDL."""

from __future__ import annotations

import logging.config
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
import uvicorn

from api.app import create_app
from api.cli.connections import BoundedHttpToolsProtocol
from api.cli.options import environment_settings
from api.content import ContentError
from api.logs import log_config
from api.partners import PartnersFileError, load_partners
from api.scrape import MULTIPROCESS_FOLDER_VARIABLE
from api.search import IndexDamaged, IndexNotBuilt, check_version
from api.serving import prepare_content
from api.settings import ENV_PREFIX, SETTINGS_TABLE, Settings


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
    # Unless it is set, the public URL is where this server listens: links, alternates
    # and oEmbed then work on any port. Set in the environment, so workers see it too.
    os.environ.setdefault(f"{ENV_PREFIX}PUBLIC_URL", f"http://{_url_host(host)}:{port}")
    settings = environment_settings()
    _check_folders(settings)
    logs = log_config(settings, access_log=access_log)
    # The same logging before the workers start as in them (uvicorn applies it in each).
    logging.config.dictConfig(logs)
    try:
        load_partners(settings.partners_file)
        # One worker is this process: the app is built here, once. More are processes of
        # their own, each building it from the environment.
        app = create_app(settings) if workers == 1 else None
        if app is None:
            _prepare_content(settings)
    except (ContentError, PartnersFileError) as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    except (IndexNotBuilt, IndexDamaged, OSError) as error:
        # An operator's mistake, not a bug: one line, no traceback.
        raise click.ClickException(f"the server was not started: {error}") from error
    with _metrics_shared_by_workers(workers > 1):
        uvicorn.run(
            app if app is not None else "api.asgi:app_from_environment",
            factory=app is None,
            host=host,
            port=port,
            workers=workers,
            log_level=settings.log_level,
            log_config=logs,
            # The service logs requests itself, with their request ids (api.access).
            access_log=False,
            # X-Forwarded-For and -Proto count only from the proxies named (none by default):
            # otherwise any client could pick its address, and so its rate-limit bucket.
            proxy_headers=bool(settings.trusted_proxies),
            forwarded_allow_ips=",".join(settings.trusted_proxies) or None,
            # The bounds on slow and huge requests (api/cli/connections.py, docs/hardening.md).
            http=BoundedHttpToolsProtocol,
            limit_concurrency=settings.max_connections,
            # On SIGTERM: stop accepting, let requests in flight finish, but not forever.
            timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS,
            timeout_keep_alive=KEEP_ALIVE_SECONDS,
        )


@contextmanager
def _metrics_shared_by_workers(several: bool) -> Iterator[None]:
    """With several workers, a folder where each writes its metrics for /metrics to add up.

    prometheus-client reads the variable when a worker first imports it, so it is set
    before they start. A folder the operator named is theirs to keep; otherwise a fresh
    one (in the temporary folder, never under the content or index) lives as long as
    the server.
    """
    if not several or os.environ.get(MULTIPROCESS_FOLDER_VARIABLE):
        yield
        return
    folder = tempfile.mkdtemp(prefix="content-api-metrics-")
    os.environ[MULTIPROCESS_FOLDER_VARIABLE] = folder
    try:
        yield
    finally:
        del os.environ[MULTIPROCESS_FOLDER_VARIABLE]
        shutil.rmtree(folder, ignore_errors=True)


def _url_host(host: str) -> str:
    """How a browser on this machine reaches ``host`` (an address to bind)."""
    if host in {"0.0.0.0", "::", ""}:
        return "127.0.0.1"
    return f"[{host}]" if ":" in host else host


def _check_folders(settings: Settings) -> None:
    """Refuse, in one line, folders that do not exist (typically: not run from the root)."""
    for name, folder in (
        ("content_dir", settings.content_dir),
        ("locales_dir", settings.locales_dir),
    ):
        if not folder.is_dir():
            variable = f"{ENV_PREFIX}{name.upper()}"
            raise click.ClickException(
                f"the folder {_shown(folder)} does not exist: run from the project's root, "
                f"or set {variable}."
            )


def _shown(folder: Path) -> str:
    return str(folder) if folder.is_absolute() else f"{folder} (in {Path.cwd()})"


def _prepare_content(settings: Settings) -> None:
    """Check the content and its index once, before any worker starts.

    Invalid content is refused with its problems listed; the workers then all read the
    same cached snapshot. The index is built, or rebuilt when damaged, if building is
    allowed, and every byte of it checked against its manifest; otherwise a missing or
    damaged index refuses the start here, not as a traceback in each worker. Raises
    ContentError, IndexNotBuilt or IndexDamaged.
    """
    snapshot = prepare_content(settings)
    check_version(settings.index_dir, snapshot.version, checksums=True)


@click.command()
def schema() -> None:
    """Print the GraphQL SDL; `content-api schema > schema.graphql` regenerates the file."""
    from api.graphql import schema_sdl  # noqa: PLC0415 - keeps the other commands' start-up light

    click.echo(schema_sdl(), nl=False)
