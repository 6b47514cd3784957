"""GraphiQL with no network but the service: it loads from the service's own files, runs
a query and shows the data, under its strict CSP."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Route

from api.transport.graphiql import is_installed
from tests.browser.conftest import TIMEOUT_MS

LOCAL_HOSTS = {"127.0.0.1", "localhost"}


@pytest.fixture
def offline_page(browser: Browser) -> Iterator[tuple[Page, list[str], list[str]]]:
    """A page whose requests to anything but this machine fail, as on a closed network.

    Yields the page, the URLs it tried to reach elsewhere, and its console errors.
    """
    if not is_installed():
        pytest.skip("GraphiQL's files are not installed: `make graphiql` runs npm ci")
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(TIMEOUT_MS)
    blocked: list[str] = []
    errors: list[str] = []

    def only_local(route: Route) -> None:
        if urlsplit(route.request.url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort("internetdisconnected")

    context.route("**/*", only_local)
    page = context.new_page()

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page, blocked, errors
    context.close()


def test_graphiql_runs_a_query_offline(
    offline_page: tuple[Page, list[str], list[str]], api_url: str, artifacts: Path
) -> None:
    page, blocked, errors = offline_page
    page.goto(f"{api_url}/graphql")

    page.locator(".graphiql-container").wait_for()
    # Its own default query: a French search.
    page.locator(".graphiql-execute-button").click()
    result = page.locator(".result-window")
    result.get_by_text('"totalCount"').wait_for()
    screenshot = artifacts / "graphiql-offline.png"
    page.screenshot(path=screenshot)
    print(f"\nGraphiQL screenshot: {screenshot}")

    text = result.inner_text()
    assert '"search"' in text
    assert '"errors"' not in text
    assert "/fr-CA/faqs/" in text
    assert blocked == []
    assert errors == []
