"""The widget on partner pages, in Chromium: content, search, languages, keyboard, CSP."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.api.servers import running_server
from tests.browser.conftest import OpenPage, partner_server
from tests.browser.sites import StaticSite
from tests.conftest import PROJECT_ROOT

FRENCH_QUESTION = "Quels sont les effets secondaires courants du traitement par kétamine?"
ENGLISH_QUESTION = "What are the common side effects of ketamine treatment?"
# The partner's own look: the widget should take its font and accept its accent colour.
PARTNER_CSS = """
body { font-family: "DejaVu Serif", Georgia, serif; margin: 2rem; }
clinic-search { --clinic-accent: #6d28d9; }
"""


def strict_policy(api_url: str) -> str:
    """A partner page's strict CSP: scripts and requests only to the API, own styles only."""
    return f"default-src 'none'; script-src {api_url}; connect-src {api_url}; style-src 'self'"


def partner_page(api_url: str, key: str, widgets: str) -> str:
    return f"""<!doctype html>
<html lang="fr-CA">
<head>
<meta charset="utf-8">
<title>Clinique partenaire</title>
<link rel="stylesheet" href="/partner.css">
<script type="module" src="{api_url}/embed/v1/widget.js"></script>
</head>
<body>
<h1>Clinique partenaire</h1>
{widgets.format(key=key)}
</body>
</html>
"""


WIDGETS = """
<clinic-faq-list locale="fr-CA" api-key="{key}"></clinic-faq-list>
<clinic-search locale="fr-CA" api-key="{key}"></clinic-search>
"""


def publish(site: StaticSite, path: str, html: str, policy: str) -> None:
    site.add(path, html, headers={"Content-Security-Policy": policy})
    site.add("/partner.css", PARTNER_CSS, content_type="text/css; charset=utf-8")


@pytest.fixture
def allowed_url(api_url: str, partner_site: StaticSite, partner_key: str) -> str:
    publish(
        partner_site,
        "/faq.html",
        partner_page(api_url, partner_key, WIDGETS),
        strict_policy(api_url),
    )
    return f"http://127.0.0.1:{partner_site.port}/faq.html"


def ready(page: Page, name: str) -> Locator:
    widget = page.locator(f'{name}[data-state="ready"]')
    expect(widget).to_have_count(1)
    return widget


def deep_focus(page: Page) -> str:
    """Tag and text of the element with focus, inside the widgets' shadow roots too."""
    description: str = page.evaluate(
        """() => {
          let element = document.activeElement;
          while (element && element.shadowRoot && element.shadowRoot.activeElement) {
            element = element.shadowRoot.activeElement;
          }
          return element ? `${element.tagName} ${element.textContent.trim()}` : "";
        }"""
    )
    return description


def test_faqs_are_shown_in_french(open_page: OpenPage, allowed_url: str) -> None:
    faqs = ready(open_page(allowed_url).page, "clinic-faq-list")

    expect(faqs.get_by_role("heading", name="Questions fréquentes")).to_be_visible()
    expect(faqs.locator("summary")).to_have_count(5)
    expect(faqs.locator("summary", has_text=FRENCH_QUESTION)).to_be_visible()
    expect(faqs.get_by_role("button", name="Français")).to_have_attribute("aria-pressed", "true")


def test_search_shows_highlighted_snippets(
    open_page: OpenPage, allowed_url: str, artifacts: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = open_page(allowed_url).page
    search = ready(page, "clinic-search")

    search.get_by_label("Rechercher").fill("effets secondaires")
    search.get_by_label("Rechercher").press("Enter")

    expect(search.locator(".hit").first).to_be_visible()
    expect(search.get_by_role("status")).to_have_text(re.compile(r"^\d+ résultats?$"))
    marks = [text.lower() for text in search.locator(".hit mark").all_inner_texts()]
    assert any(text.startswith(("effet", "secondaire")) for text in marks), marks
    # The hit links to the canonical page on the clinic's site, in a new tab.
    first_link = search.locator(".hit > a").first
    expect(first_link).to_have_attribute("href", re.compile(r"^https://clinic\.example/fr-CA/"))
    expect(first_link).to_have_attribute("target", "_blank")

    ready(page, "clinic-faq-list").locator("summary").first.click()
    screenshot = artifacts / "widget-fr-CA.png"
    page.screenshot(path=screenshot, full_page=True)
    with capsys.disabled():
        print(f"\nwidget screenshot: {screenshot}")


def test_the_language_switch_shows_english(open_page: OpenPage, allowed_url: str) -> None:
    page = open_page(allowed_url).page
    faqs = ready(page, "clinic-faq-list")

    english = faqs.get_by_role("button", name="English")
    english.click()

    expect(page.locator('clinic-faq-list[data-locale="en-CA"][data-state="ready"]')).to_have_count(
        1
    )
    expect(faqs.locator("summary", has_text=ENGLISH_QUESTION)).to_be_visible()
    expect(faqs.get_by_role("heading", name="Frequently asked questions")).to_be_visible()
    expect(english).to_have_attribute("aria-pressed", "true")
    expect(english).to_be_focused()  # the frame stays: focus is not lost on a switch
    # Every widget on the page follows the visitor's choice.
    search = page.locator('clinic-search[data-locale="en-CA"][data-state="ready"]')
    expect(search.get_by_label("Search", exact=True)).to_be_visible()


def test_faq_items_work_with_the_keyboard(open_page: OpenPage, allowed_url: str) -> None:
    page = open_page(allowed_url).page
    faqs = ready(page, "clinic-faq-list")
    first = faqs.locator("details").first

    for _ in range(6):
        page.keyboard.press("Tab")
        if deep_focus(page).startswith("SUMMARY"):
            break
    assert deep_focus(page).startswith("SUMMARY"), deep_focus(page)

    page.keyboard.press("Enter")
    expect(first).to_have_attribute("open", "")
    expect(first.locator(".answer")).to_be_visible()
    page.keyboard.press("Enter")
    expect(first).not_to_have_attribute("open", "")
    page.keyboard.press("Tab")
    assert deep_focus(page).startswith("SUMMARY"), deep_focus(page)
    page.keyboard.press("Space")
    expect(faqs.locator("details").nth(1)).to_have_attribute("open", "")


def test_no_console_errors_or_csp_violations_on_an_allowed_page(
    open_page: OpenPage, allowed_url: str
) -> None:
    opened = open_page(allowed_url)
    page = opened.page
    search = ready(page, "clinic-search")
    ready(page, "clinic-faq-list").locator("summary").first.click()
    search.get_by_label("Rechercher").fill("kétamine")
    search.get_by_label("Rechercher").press("Enter")
    expect(search.locator(".hit mark").first).to_be_visible()

    assert opened.csp_violations() == []
    assert opened.problems.all() == []


def test_styles_apply_under_a_strict_style_src(open_page: OpenPage, allowed_url: str) -> None:
    """Constructed stylesheets are not inline styles: style-src 'self' lets them apply."""
    page = open_page(allowed_url).page
    faqs = ready(page, "clinic-faq-list")
    search = ready(page, "clinic-search")

    summary = faqs.locator("summary").first
    assert summary.evaluate("e => getComputedStyle(e).fontWeight") == "600"
    # The host page's font is inherited; its --clinic-accent themes the button.
    assert "DejaVu Serif" in summary.evaluate("e => getComputedStyle(e).fontFamily")
    button = search.get_by_role("button", name="Lancer la recherche")
    assert button.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(109, 40, 217)"


def test_the_initial_locale_follows_the_browser(
    open_page: OpenPage, api_url: str, partner_site: StaticSite, partner_key: str
) -> None:
    widgets = '<clinic-faq-list api-key="{key}"></clinic-faq-list>'
    publish(
        partner_site,
        "/browser-language.html",
        partner_page(api_url, partner_key, widgets),
        strict_policy(api_url),
    )
    url = f"http://127.0.0.1:{partner_site.port}/browser-language.html"

    french = ready(open_page(url, locale="fr-BE").page, "clinic-faq-list")
    english = ready(open_page(url, locale="en-GB").page, "clinic-faq-list")

    expect(french).to_have_attribute("data-locale", "fr-CA")
    expect(english).to_have_attribute("data-locale", "en-CA")


def test_an_origin_that_is_not_allowed_gets_no_content(
    open_page: OpenPage, api_url: str, foreign_site: StaticSite, partner_key: str
) -> None:
    publish(
        foreign_site,
        "/faq.html",
        partner_page(api_url, partner_key, WIDGETS),
        strict_policy(api_url),
    )
    page = open_page(f"http://localhost:{foreign_site.port}/faq.html").page

    for name in ("clinic-faq-list", "clinic-search"):
        widget = page.locator(f'{name}[data-state="error"]')
        expect(widget).to_have_count(1)
        error = widget.locator(".error")
        expect(error).to_be_visible()
        expect(error).to_have_text("Ce contenu ne peut pas être affiché ici pour le moment.")
        expect(widget.locator("summary, form, .hit")).to_have_count(0)


def test_an_oembed_iframe_shows_the_embed_page(
    open_page: OpenPage, partner_site: StaticSite, tmp_path: Path
) -> None:
    """What a CMS does with our oEmbed answer: paste its html into a page."""
    # The iframe's src starts with the public URL, so the browser must reach it there.
    with running_server(PROJECT_ROOT, tmp_path / "index", own_public_url=True) as api_url:
        _show_oembed_frame(open_page, partner_site, api_url)


def _show_oembed_frame(open_page: OpenPage, partner_site: StaticSite, api_url: str) -> None:
    canonical = f"{api_url}/fr-CA/faqs/effets-secondaires-du-traitement-par-ketamine"
    answer = httpx.get(f"{api_url}/oembed", params={"url": canonical}, timeout=10).json()
    html = f'<!doctype html><html lang="fr-CA"><title>oEmbed</title>{answer["html"]}</html>'
    policy = f"default-src 'none'; frame-src {api_url}"
    partner_site.add("/oembed.html", html, headers={"Content-Security-Policy": policy})

    opened = open_page(f"http://127.0.0.1:{partner_site.port}/oembed.html")
    frame = opened.page.frame_locator("iframe")

    expect(frame.get_by_role("heading", level=1)).to_have_text(FRENCH_QUESTION)
    expect(frame.get_by_role("link", name=re.compile("^Source"))).to_have_attribute(
        "href", canonical
    )
    # The page's own stylesheet applied (its CSP allows 'self'), in its sandboxed frame.
    heading = frame.get_by_role("heading", level=1)
    assert heading.evaluate("e => getComputedStyle(e).fontSize") == "24px"
    embed = opened.page.frames[1]
    assert embed.evaluate("window.__cspViolations ?? []") == []
    assert opened.problems.all() == []


def test_an_article_is_found_by_key_or_slug(
    open_page: OpenPage, api_url: str, partner_site: StaticSite, partner_key: str
) -> None:
    widgets = (
        '<clinic-article id="by-key" item="ketamine-trd" locale="en-CA" api-key="{key}">'
        "</clinic-article>"
        '<clinic-article id="by-slug" item="ketamine-depression-resistante-au-traitement" '
        'locale="fr-CA" heading-level="3" api-key="{key}"></clinic-article>'
        '<clinic-article id="missing" item="no-such-article" api-key="{key}"></clinic-article>'
    )
    publish(
        partner_site,
        "/article.html",
        partner_page(api_url, partner_key, widgets),
        strict_policy(api_url),
    )
    opened = open_page(f"http://127.0.0.1:{partner_site.port}/article.html")
    page = opened.page

    by_key = page.locator('#by-key[data-state="ready"]')
    expect(by_key.get_by_role("heading", level=2)).to_have_text(re.compile("^Ketamine"))
    expect(by_key.locator("section")).to_have_count(6)
    expect(by_key.get_by_role("link", name="Source: clinic.example")).to_have_attribute(
        "href", "https://clinic.example/en-CA/articles/ketamine-treatment-resistant-depression"
    )
    by_slug = page.locator('#by-slug[data-state="ready"]')
    expect(by_slug.get_by_role("heading", level=3)).to_have_text(re.compile("^La kétamine"))
    # The clinic's crisis notice comes first, before the title, in the widget's language.
    for widget, words in ((by_key, "Call or text 9-8-8"), (by_slug, "Appelez ou textez le 9-8-8")):
        first = widget.locator("article > :first-child")
        expect(first).to_have_class("safety-notice")
        expect(first).to_have_attribute("role", "note")
        expect(first).to_contain_text(words)
    expect(by_slug.get_by_role("heading", level=4).first).to_be_visible()
    # No locale attribute: the browser's language (fr-CA here) decides.
    expect(page.locator('#missing[data-state="ready"] .notice')).to_have_text(
        "Ce contenu est introuvable."
    )
    assert opened.problems.all() == []


HOSTILE_HTML = (
    '<p onclick="window.__owned = 1">Texte <strong>gras</strong>'
    "<script>window.__owned = 2</script>"
    '<a href="javascript:window.__owned = 3">lien</a>'
    '<a href="/fr-CA/faqs/autre">relatif</a>'
    '<img src="x" onerror="window.__owned = 4">'
    '<span style="color: red">sans style</span><mark>repère</mark></p>'
    '<iframe src="https://evil.example"></iframe>'
)


def test_api_html_is_copied_through_an_allowlist(
    open_page: OpenPage, allowed_url: str, api_url: str
) -> None:
    page = open_page(allowed_url).page
    ready(page, "clinic-faq-list")

    copied: dict[str, str] = page.evaluate(
        """async ([url, html]) => {
          const widget = await import(url);
          const render = (allowed) => {
            const box = document.createElement("div");
            box.append(widget.safeFragment(html, allowed, "https://clinic.example/fr-CA/"));
            document.body.append(box);
            return box.innerHTML;
          };
          return { body: render(widget.SAFE_BODY), snippet: render(widget.SAFE_SNIPPET) };
        }""",
        [f"{api_url}/embed/v1/widget.js", HOSTILE_HTML],
    )

    body = copied["body"]
    for forbidden in ("onclick", "onerror", "script", "javascript:", "style=", "iframe", "<span"):
        assert forbidden not in body, (forbidden, body)
    assert "<strong>gras</strong>" in body
    assert '<a href="https://clinic.example/fr-CA/faqs/autre" target="_blank"' in body
    assert "<mark>repère</mark>" in body
    assert copied["snippet"] == "Texte graslienrelatifsans style<mark>repère</mark>"
    page.wait_for_timeout(100)  # an error handler would have fired by now
    assert page.evaluate("window.__owned ?? null") is None


@pytest.fixture(scope="module")
def fallback_api_url(
    browser: Browser,
    partner_site: StaticSite,
    partner_key: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[str]:
    """A server whose French lacks one FAQ's answer and the article's summary and conclusion;
    that FAQ also carries the crisis notice, named by key."""
    root = tmp_path_factory.mktemp("fallback")
    shutil.copytree(PROJECT_ROOT / "content", root / "content")
    shutil.copytree(PROJECT_ROOT / "locales", root / "locales")
    notice = root / "content/notices/crisis-line.yaml"
    notice.write_text(
        notice.read_text(encoding="utf-8") + "faqs: [side-effects]\n", encoding="utf-8"
    )
    faq = root / "locales/fr-CA/faqs/side-effects.yaml"
    text = faq.read_text(encoding="utf-8")
    start, end = text.index("answer:"), text.index("seo:")
    faq.write_text(text[:start] + text[end:], encoding="utf-8")
    article = root / "locales/fr-CA/articles/ketamine-trd.yaml"
    text = article.read_text(encoding="utf-8")
    start, end = text.index("summary:"), text.index("seo:")
    text = text[:start] + text[end:]
    conclusion = text.index("  - id: conclusion")
    article.write_text(
        text[:conclusion]
        + "  - id: conclusion\n    heading: Conclusion\n"
        + text[text.index("call_to_action:") :],
        encoding="utf-8",
    )
    with partner_server(root, root, partner_site, partner_key) as url:
        yield url


def test_english_fallback_in_a_french_widget_is_marked_english(
    open_page: OpenPage, fallback_api_url: str, partner_site: StaticSite, partner_key: str
) -> None:
    widgets = (
        '<clinic-faq-list locale="fr-CA" api-key="{key}"></clinic-faq-list>'
        '<clinic-article item="ketamine-trd" locale="fr-CA" api-key="{key}"></clinic-article>'
        '<clinic-article id="english" item="ketamine-trd" locale="en-CA" api-key="{key}">'
        "</clinic-article>"
    )
    publish(
        partner_site,
        "/fallback.html",
        partner_page(fallback_api_url, partner_key, widgets),
        strict_policy(fallback_api_url),
    )
    opened = open_page(f"http://127.0.0.1:{partner_site.port}/fallback.html")
    page = opened.page

    def lang_of(locator: Locator) -> str:
        language: str = locator.evaluate("e => e.closest('[lang]').lang")
        return language

    faqs = ready(page, "clinic-faq-list")
    [item] = faqs.locator("details", has_text=FRENCH_QUESTION).all()
    item.locator("summary").click()
    assert lang_of(item.locator("summary")) == "fr-CA"
    assert lang_of(item.get_by_text("Some patients experience mild dissociation")) == "en-CA"
    assert lang_of(faqs.locator("details", has_text="En combien de temps").locator("summary")) == (
        "fr-CA"
    )
    expect(item.locator(".notice")).to_have_text(
        "Ce texte n\u2019est pas encore offert dans votre langue."
    )
    # The safety notice comes first in the answer, in French (it has its own text).
    first = item.locator(".answer > :first-child")
    expect(first).to_have_class("safety-notice")
    expect(first).to_contain_text("Appelez ou textez le 9-8-8")
    assert lang_of(first) == "fr-CA"
    expect(item.locator(".review")).to_have_text(
        "Ce contenu n\u2019a pas encore été validé sur le plan médical."
    )

    article = page.locator('clinic-article:not(#english)[data-state="ready"]')
    expect(article).to_have_count(1)
    assert lang_of(article.get_by_text("Standard antidepressants fail about 30%")) == "en-CA"
    assert lang_of(article.get_by_role("heading", name="Conclusion")) == "fr-CA"  # translated
    assert lang_of(article.get_by_text("Ketamine infusion therapy is reshaping")) == "en-CA"
    assert lang_of(article.get_by_text("Le Canada fait figure de chef de file")) == "fr-CA"
    expect(article.locator("p.meta").first).to_have_text(
        re.compile(r"^Publié le 1er décembre 2026 · \d minutes de lecture$")
    )

    # An English widget on a French page: its content says it is English.
    english = page.locator('#english[data-state="ready"]')
    assert lang_of(english.get_by_text("Standard antidepressants fail about 30%")) == "en-CA"
    expect(english.locator("p.meta").first).to_have_text(
        re.compile(r"^Published on December 1, 2026 · \d minute read$")
    )
    assert opened.problems.all() == []
