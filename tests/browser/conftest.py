"""Browser fixtures: Debian's Chromium driven by Playwright, a real API server, partner sites.

One browser and one API server serve every browser test (package scope); each test
gets a fresh browser context. ``playwright install`` is never used: the browser is
the system's ``/usr/bin/chromium`` (``make test`` installs it when run as root).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright

from api.partners.keys import generate_key, key_digest
from tests.api.servers import running_server
from tests.browser.sites import StaticSite
from tests.conftest import PROJECT_ROOT

CHROMIUM = Path("/usr/bin/chromium")
# A closed network makes Chromium stall on its background fetches without these.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
TIMEOUT_MS = 15_000


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.skip(
            f"browser tests need Chromium at {CHROMIUM} (Debian package `chromium`; `make test` "
            "installs it when run as root with apt-get). They did not run here: CI must run them."
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture(scope="package")
def partner_site() -> Iterator[StaticSite]:
    """The partner clinic's site, on an origin its key allows: http://127.0.0.1:<port>."""
    site = StaticSite()
    yield site
    site.close()


@pytest.fixture(scope="package")
def foreign_site() -> Iterator[StaticSite]:
    """Another site, reached as http://localhost:<port>: an origin no partner lists."""
    site = StaticSite()
    yield site
    site.close()


@pytest.fixture(scope="package")
def partner_key() -> str:
    return generate_key()


@pytest.fixture(scope="package")
def api_url(
    browser: Browser,
    partner_site: StaticSite,
    partner_key: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[str]:
    """The real server, with a partners file allowing the partner site's origin."""
    with partner_server(
        PROJECT_ROOT, tmp_path_factory.mktemp("browser"), partner_site, partner_key
    ) as url:
        yield url


@contextmanager
def partner_server(
    root: Path, folder: Path, partner_site: StaticSite, partner_key: str
) -> Iterator[str]:
    """A real server of the content under ``root`` that lets the partner site's key in."""
    partners_file = folder / "partners.yaml"
    partners_file.write_text(
        "partners:\n"
        "  - name: clinique-partenaire\n"
        "    display_name: Clinique partenaire\n"
        f"    origins: [http://127.0.0.1:{partner_site.port}]\n"
        "    rate_limit: 'off'\n"
        "    keys:\n"
        f"      - sha256: {key_digest(partner_key)}\n",
        encoding="utf-8",
    )
    env = {"CONTENT_API_PARTNERS_FILE": str(partners_file)}
    with running_server(root, folder / "search_index", extra_env=env) as url:
        yield url


@dataclass
class BrowserProblems:
    """What must stay empty on a working page: console errors and uncaught script errors.

    Chromium reports CSP refusals as console errors; messages of frames are included.
    """

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def all(self) -> list[str]:
        return [*self.console_errors, *self.page_errors]


# Runs before any of the page's scripts (injected by the browser, not subject to its CSP).
_RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " blocked " + event.blockedURI);
});
"""


@dataclass
class OpenedPage:
    page: Page
    problems: BrowserProblems

    def csp_violations(self) -> list[str]:
        """``securitypolicyviolation`` events of the top document."""
        violations: list[str] = self.page.evaluate("window.__cspViolations ?? []")
        return violations


OpenPage = Callable[..., OpenedPage]


@pytest.fixture
def open_page(browser: Browser) -> Iterator[OpenPage]:
    """Opens a URL in a fresh context (browser language ``locale``), recording problems."""
    contexts = []

    def open_(url: str, *, locale: str = "fr-CA") -> OpenedPage:
        context = browser.new_context(locale=locale, viewport={"width": 900, "height": 900})
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.add_init_script(_RECORD_CSP_VIOLATIONS)
        problems = BrowserProblems()

        def on_console(message: ConsoleMessage) -> None:
            if message.type == "error":
                problems.console_errors.append(message.text)

        page.on("console", on_console)
        page.on("pageerror", lambda error: problems.page_errors.append(str(error)))
        page.goto(url)
        return OpenedPage(page, problems)

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture(scope="package")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
