"""The PO round trip: export, translate in a PO tool, import back into the YAML files."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from click.testing import CliRunner, Result

from api.cli import main
from api.content import TranslationState
from api.content.translation import translation_state
from tests.conftest import ContentTree
from tests.translations.conftest import commit_all

EN_FAQ = "locales/en-CA/faqs/side-effects.yaml"
FR_FAQ = "locales/fr-CA/faqs/side-effects.yaml"
FR_ARTICLE = "locales/fr-CA/articles/ketamine-trd.yaml"


def run(tree: ContentTree, *arguments: str) -> Result:
    return CliRunner().invoke(main, ["translations", *arguments, "--root", str(tree.root)])


def export(tree: ContentTree) -> Catalog:
    result = run(tree, "export", "--locale", "fr-CA")
    assert result.exit_code == 0, result.output
    return read_po(io.StringIO(result.stdout))


def write_catalog(tree: ContentTree, catalog: Catalog) -> Path:
    path = tree.root / "fr-CA.po"
    with path.open("wb") as file:
        write_po(file, catalog, include_previous=True)
    return path


def snapshot_bytes(tree: ContentTree) -> dict[Path, bytes]:
    return {
        path.relative_to(tree.root): path.read_bytes()
        for folder in (tree.content_dir, tree.locales_dir)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_export_names_every_field_and_carries_both_texts(content_tree: ContentTree) -> None:
    catalog = export(content_tree)
    assert str(catalog.locale) == "fr_CA"
    answer = catalog.get(
        "Some patients experience mild dissociation, nausea, or increased blood pressure "
        "during treatment, but these effects are usually temporary.",
        context="faq/side-effects:answer",
    )
    assert answer is not None
    assert str(answer.string).startswith("Certains patients présentent une dissociation légère")
    assert not answer.fuzzy
    contexts = {message.context for message in catalog if message.id}
    assert "article/ketamine-trd:sections.conclusion.body" in contexts
    assert "faq/insurance-coverage:slug" in contexts
    # 37 article and FAQ fields (SEO included) plus 6 slugs.
    assert len(contexts) == 43


def test_stale_entries_are_fuzzy_with_the_previous_source(git_tree: ContentTree) -> None:
    git_tree.replace(EN_FAQ, "usually temporary", "usually brief")
    commit_all(git_tree, "reword")
    result = run(git_tree, "export", "--locale", "fr-CA")
    catalog = read_po(io.StringIO(result.stdout))
    [answer] = [m for m in catalog if m.context == "faq/side-effects:answer"]
    [question] = [m for m in catalog if m.context == "faq/side-effects:question"]
    assert answer.fuzzy
    assert not question.fuzzy
    # gettext's previous-msgid lines, just before the entry's msgctxt. (Babel's reader
    # does not parse them back, so the text is checked as PO tools will read it.)
    assert (
        "#, fuzzy\n"
        '#| msgid ""\n'
        '#| "Some patients experience mild dissociation,"\n'
        '#| " nausea, or increased blood pressure "\n'
        '#| "during treatment, but these effects are"\n'
        '#| " usually temporary."\n'
        'msgctxt "faq/side-effects:answer"\n'
    ) in result.stdout


def test_missing_translations_are_exported_empty(content_tree: ContentTree) -> None:
    content_tree.remove(FR_FAQ)
    catalog = export(content_tree)
    [question] = [m for m in catalog if m.context == "faq/side-effects:question"]
    assert question.string == ""


def test_export_then_import_without_edits_changes_no_byte(git_tree: ContentTree) -> None:
    git_tree.replace(EN_FAQ, "usually temporary", "usually brief")  # one stale item
    commit_all(git_tree, "reword")
    git_tree.remove("locales/fr-CA/faqs/how-soon-it-works.yaml")  # one missing item
    before = snapshot_bytes(git_tree)
    path = write_catalog(git_tree, export(git_tree))
    result = run(git_tree, "import", str(path))
    assert result.exit_code == 0, result.output
    assert "Updated 0 file(s) for fr-CA." in result.output
    assert snapshot_bytes(git_tree) == before


def test_import_writes_the_edited_value_only(content_tree: ContentTree) -> None:
    catalog = export(content_tree)
    [question] = [m for m in catalog if m.context == "faq/side-effects:question"]
    question.string = "Quels effets secondaires la kétamine peut-elle causer?"
    before = content_tree.read(FR_FAQ)
    result = run(content_tree, "import", str(write_catalog(content_tree, catalog)))
    assert result.exit_code == 0, result.output
    assert f"Updated {Path(content_tree.root, FR_FAQ)}" in result.output
    after = content_tree.read(FR_FAQ)
    changed = [
        (old, new)
        for old, new in zip(before.splitlines(), after.splitlines(), strict=True)
        if old != new
    ]
    assert changed == [
        (
            "question: Quels sont les effets secondaires courants du traitement par kétamine?",
            "question: Quels effets secondaires la kétamine peut-elle causer?",
        )
    ]


def test_translating_a_stale_entry_makes_it_current(git_tree: ContentTree) -> None:
    git_tree.replace(EN_FAQ, "usually temporary", "usually brief")
    commit_all(git_tree, "reword")
    catalog = export(git_tree)
    [answer] = [m for m in catalog if m.context == "faq/side-effects:answer"]
    answer.string = str(answer.string).replace("généralement temporaires", "généralement brefs")
    answer.flags.discard("fuzzy")
    result = run(git_tree, "import", str(write_catalog(git_tree, catalog)))
    assert result.exit_code == 0, result.output
    faq = git_tree.load().faqs["side-effects"]
    assert translation_state(faq, "fr-CA") is TranslationState.CURRENT
    assert "généralement brefs" in faq.texts["fr-CA"].fields["answer"]


def test_a_translation_of_an_older_source_stays_stale(git_tree: ContentTree) -> None:
    catalog = export(git_tree)  # exported before the source changes
    git_tree.replace(EN_FAQ, "usually temporary", "usually brief")
    [question] = [m for m in catalog if m.context == "faq/side-effects:question"]
    question.string = "Quels effets secondaires la kétamine peut-elle causer?"
    result = run(git_tree, "import", str(write_catalog(git_tree, catalog)))
    assert result.exit_code == 0, result.output
    faq = git_tree.load().faqs["side-effects"]
    assert faq.texts["fr-CA"].fields["question"].startswith("Quels effets secondaires")
    assert translation_state(faq, "fr-CA") is TranslationState.STALE


def reimported(tree: ContentTree, relative: str) -> str:
    """The file the import writes for a translation whose file was deleted after export."""
    catalog = export(tree)
    tree.remove(relative)
    result = run(tree, "import", str(write_catalog(tree, catalog)))
    assert result.exit_code == 0, result.output
    return tree.read(relative)


def test_import_creates_a_missing_translation_file(content_tree: ContentTree) -> None:
    original = content_tree.read(FR_FAQ)
    written = reimported(content_tree, FR_FAQ)
    faq = content_tree.load().faqs["side-effects"]
    assert translation_state(faq, "fr-CA") is TranslationState.CURRENT
    assert written == original


def test_a_new_article_file_is_laid_out_as_the_shipped_ones(content_tree: ContentTree) -> None:
    original = content_tree.read(FR_ARTICLE)

    written = reimported(content_tree, FR_ARTICLE)

    assert top_level_keys(written) == top_level_keys(original)
    assert yaml.safe_load(written) == yaml.safe_load(original)
    # Titles and headings stay on their line however long; prose is folded.
    assert "\ntitle: La kétamine, une option de plus en plus prometteuse" in written
    assert "\nsummary: >-\n" in written


def top_level_keys(text: str) -> list[str]:
    return [line.split(":")[0] for line in text.splitlines() if line[:1].isalpha()]


@pytest.mark.parametrize(
    ("edit", "words"),
    [
        ("string", "raw HTML is not allowed"),
        ("context", "does not name an item field"),
        ("item", "no faq 'dosage' in the content"),
    ],
)
def test_an_invalid_import_writes_nothing_and_says_why(
    content_tree: ContentTree, edit: str, words: str
) -> None:
    catalog = export(content_tree)
    [answer] = [m for m in catalog if m.context == "faq/side-effects:answer"]
    [question] = [m for m in catalog if m.context == "faq/side-effects:question"]
    question.string = "Une question modifiée?"
    if edit == "string":
        answer.string = "<script>alert(1)</script>"
    elif edit == "context":
        catalog.add("x", "y", context="faq/side-effects")
    else:
        catalog.add("x", "y", context="faq/dosage:question")
    before = snapshot_bytes(content_tree)
    result = run(content_tree, "import", str(write_catalog(content_tree, catalog)))
    assert result.exit_code == 1
    assert words in result.output
    assert "nothing was written" in result.output
    assert snapshot_bytes(content_tree) == before


def test_a_file_that_is_not_po(content_tree: ContentTree) -> None:
    path = content_tree.root / "notes.po"
    path.write_bytes(b'msgid "unterminated\n\xff\xfe')
    result = run(content_tree, "import", str(path))
    assert result.exit_code == 1
    assert "nothing was written" in result.output


def test_a_po_file_for_a_locale_that_is_not_enabled(content_tree: ContentTree) -> None:
    catalog = export(content_tree)
    catalog.locale = "de_DE"
    result = run(content_tree, "import", str(write_catalog(content_tree, catalog)))
    assert result.exit_code == 1
    assert "de-DE is not an enabled locale" in result.output
