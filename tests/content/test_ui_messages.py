"""UI string catalogs (locales/<locale>/messages.po): loading, checks and fallback."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from api.content import ContentError, ContentSnapshot
from api.content.typography import FRENCH_RULES, rule_matches
from api.content.ui_messages import UiMessage, plural_categories
from api.content.ui_strings import UI_STRINGS
from tests.conftest import PROJECT_ROOT, ContentTree

FR_CATALOG = "locales/fr-CA/messages.po"


def read_catalog(path: Path) -> Catalog:
    with path.open("rb") as file:
        return read_po(file)


def messages_by_id(snapshot: ContentSnapshot, locale: str) -> dict[str, UiMessage]:
    return {message.id: message for message in snapshot.messages.messages(locale)}


def test_french_has_every_ui_string_with_its_three_plural_forms(
    shipped_content: ContentSnapshot,
) -> None:
    assert plural_categories("fr-CA") == ("one", "many", "other")
    messages = shipped_content.messages.messages("fr-CA")
    assert [message.id for message in messages] == [string.id for string in UI_STRINGS]
    assert all(message.translated for message in messages)
    count = next(message for message in messages if message.id == "search.result_count")
    assert count.plurals == (
        ("one", "{count} résultat"),
        ("many", "{count} de résultats"),
        ("other", "{count} résultats"),
    )


def test_english_shows_the_source_strings_as_its_own(
    shipped_content: ContentSnapshot,
) -> None:
    messages = shipped_content.messages.messages("en-CA")
    label = next(message for message in messages if message.id == "search.label")
    # English is the strings' own language: nothing is missing, so they count as translated.
    assert (label.text, label.translated) == ("Search", True)
    count = next(message for message in messages if message.id == "search.result_count")
    assert count.plurals == (("one", "{count} result"), ("other", "{count} results"))


def test_french_ui_strings_follow_oqlf_typography(shipped_content: ContentSnapshot) -> None:
    offenders = [
        (message.id, rule.message)
        for message in shipped_content.messages.messages("fr-CA")
        for text in (message.text, *(form for _, form in message.plurals))
        for rule, _ in rule_matches(text, FRENCH_RULES)
    ]
    assert offenders == []


def test_a_fuzzy_translation_is_not_used(content_tree: ContentTree) -> None:
    content_tree.replace(FR_CATALOG, 'msgctxt "search.label"', '#, fuzzy\nmsgctxt "search.label"')
    label = messages_by_id(content_tree.load(), "fr-CA")["search.label"]
    # The English text, and the French catalog says it is not French.
    assert (label.text, label.translated) == ("Search", False)


def problems_of(tree: ContentTree) -> list[str]:
    with pytest.raises(ContentError) as caught:
        tree.load()
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize(
    ("plural_forms", "words"),
    [
        # Four forms declared: the catalog reads, and the header check names the forms.
        (
            "nplurals=4; plural=(n > 1);",
            "[Plural-Forms] fr-CA has 3 plural forms (one, many, other)",
        ),
        # Two declared for three given: Babel refuses the entries themselves.
        ("nplurals=2; plural=(n > 1);", "more translations than num_plurals"),
    ],
)
def test_wrong_number_of_plural_forms_in_the_header(
    content_tree: ContentTree, plural_forms: str, words: str
) -> None:
    text = content_tree.read(FR_CATALOG)
    header = next(line for line in text.splitlines() if line.startswith('"Plural-Forms'))
    content_tree.replace(FR_CATALOG, header, f'"Plural-Forms: {plural_forms}\\n"')
    problems = problems_of(content_tree)
    assert all(problem.startswith(FR_CATALOG) for problem in problems)
    assert any(words in problem for problem in problems), problems


def test_a_missing_plural_form_is_refused_with_its_line(content_tree: ContentTree) -> None:
    content_tree.replace(FR_CATALOG, 'msgstr[1] "{count} de résultats"', 'msgstr[1] ""')
    line = next(
        number
        for number, text in enumerate(content_tree.read(FR_CATALOG).splitlines(), 1)
        if text == 'msgid "{count} result"'
    )
    [problem] = problems_of(content_tree)
    assert problem == (
        f"{FR_CATALOG}:{line}: [search.result_count] needs all 3 plural forms, translated"
    )


def test_an_unknown_placeholder_is_refused(content_tree: ContentTree) -> None:
    content_tree.replace(FR_CATALOG, "Publié le {date}", "Publié le {jour}")
    [problem] = problems_of(content_tree)
    assert "[article.published_on] unknown placeholder {jour}" in problem


def test_a_catalog_for_another_language(content_tree: ContentTree) -> None:
    content_tree.replace(FR_CATALOG, '"Language: fr_CA\\n"', '"Language: fr_FR\\n"')
    assert any(
        "catalog is for fr-FR, not fr-CA" in problem for problem in problems_of(content_tree)
    )


def test_a_broken_catalog_is_reported_not_raised(content_tree: ContentTree) -> None:
    content_tree.path(FR_CATALOG).write_bytes(b"garbage that is not PO\n\xff\n")
    [problem] = problems_of(content_tree)
    assert problem.startswith(FR_CATALOG)
    assert "not a valid PO file" in problem


def test_catalog_changes_change_the_content_version(content_tree: ContentTree) -> None:
    before = content_tree.load().version
    content_tree.replace(FR_CATALOG, '"Rechercher"', '"Chercher"')
    assert content_tree.load().version != before


def test_the_template_lists_exactly_the_strings_in_code() -> None:
    """`make messages` extracts with babel.cfg; the committed template must match the code."""
    extracted = {
        context
        for _, _, _, _, context in extract_from_dir(
            str(PROJECT_ROOT / "api"),
            keywords={"ui": ((1, "c"), 2), "ui_plural": ((1, "c"), 2, 3)},
        )
    }
    template = read_catalog(PROJECT_ROOT / "locales" / "messages.pot")
    assert {message.context for message in template if message.id} == extracted
    assert extracted == {string.id for string in UI_STRINGS}


def test_every_catalog_is_up_to_date_with_the_template() -> None:
    template = read_catalog(PROJECT_ROOT / "locales" / "messages.pot")
    expected = {message.context for message in template if message.id}
    for path in sorted(Path(PROJECT_ROOT / "locales").glob("*/messages.po")):
        catalog = read_catalog(path)
        assert {message.context for message in catalog if message.id} == expected, path
