"""The translators' workflow as they live it: texts as they read them, checks before writing.

The last test is the whole round trip as a PO editor does it: export, translate a
stale entry and clear its fuzzy flag, save (re-wrapped by GNU gettext's msgcat, as
Poedit and Lokalize re-wrap), import: only the intended change reaches the files.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from api.content import TranslationState
from api.content.translation import translation_state
from api.translations.po import SLUG_HINT
from tests.conftest import ContentTree
from tests.translations.conftest import commit_all
from tests.translations.test_po import (
    EN_FAQ,
    FR_ARTICLE,
    FR_FAQ,
    export,
    run,
    snapshot_bytes,
    write_catalog,
)

MSGCAT = shutil.which("msgcat")
QUESTION = "faq/side-effects:question"
ANSWER = "faq/side-effects:answer"


def test_msgids_are_the_text_a_translator_reads(content_tree: ContentTree) -> None:
    catalog = export(content_tree)
    body = catalog.get(
        next(m.id for m in catalog if m.context == "article/ketamine-trd:sections.conclusion.body"),
        context="article/ketamine-trd:sections.conclusion.body",
    )
    assert body is not None
    # The YAML wraps this paragraph over six lines; the PO entry gives it on one.
    assert str(body.id).startswith("Ketamine infusion therapy is reshaping the landscape for")
    assert str(body.string).startswith("Le traitement par perfusion de kétamine transforme")
    for message in (entry for entry in catalog if entry.id):
        for text in (str(message.id), str(message.string)):
            assert not text.endswith("\n"), message.context
            assert "\n" not in text.replace("\n\n", ""), message.context


def test_a_multi_paragraph_markdown_answer_keeps_its_paragraphs_and_lists(
    content_tree: ContentTree,
) -> None:
    content_tree.replace(
        EN_FAQ,
        "usually temporary.\n",
        "usually temporary.\n\n  - one\n  - two\n\n  Then a last\n  paragraph.\n",
    )
    [answer] = [m for m in export(content_tree) if m.context == ANSWER]
    assert str(answer.id).endswith("usually temporary.\n\n- one\n- two\n\nThen a last paragraph.")


def test_slug_entries_say_what_a_slug_may_be_and_a_bad_one_is_refused(
    content_tree: ContentTree,
) -> None:
    catalog = export(content_tree)
    [slug] = [m for m in catalog if m.context == "faq/side-effects:slug"]
    assert SLUG_HINT in " ".join(slug.auto_comments)
    slug.string = "effets-secondaires-de-la-kétamine"
    before = snapshot_bytes(content_tree)
    result = run(content_tree, "import", str(write_catalog(content_tree, catalog)))
    assert result.exit_code == 1
    assert "slug 'effets-secondaires-de-la-kétamine' is not a URL slug" in result.output
    assert snapshot_bytes(content_tree) == before


def test_fuzzy_entries_are_counted_and_named(git_tree: ContentTree) -> None:
    git_tree.replace(EN_FAQ, "usually temporary", "usually brief")
    git_tree.replace(EN_FAQ, "What are the common", "What are the usual")
    commit_all(git_tree, "reword")
    catalog = export(git_tree)
    assert {m.context for m in catalog if m.fuzzy} == {QUESTION, ANSWER}
    result = run(git_tree, "import", str(write_catalog(git_tree, catalog)))
    assert result.exit_code == 0, result.output
    assert "Skipped 2 fuzzy entries" in result.output
    assert f"  {QUESTION}\n" in result.output
    assert f"  {ANSWER}\n" in result.output


@pytest.mark.parametrize("dry_run", [True, False], ids=["dry run", "import"])
def test_the_text_checks_refuse_an_import_and_a_dry_run_alike(
    content_tree: ContentTree, dry_run: bool
) -> None:
    catalog = export(content_tree)
    [question] = [m for m in catalog if m.context == QUESTION]
    question.string = "La kétamine agit-elle ?"
    [answer] = [m for m in catalog if m.context == ANSWER]
    answer.string = "Sous supervision médicale, la couverture varie : renseignez-vous."
    path = write_catalog(content_tree, catalog)
    before = snapshot_bytes(content_tree)
    result = run(content_tree, "import", str(path), *(["--dry-run"] if dry_run else []))
    assert result.exit_code == 1
    assert f"error: {FR_FAQ}:3:" in result.output
    assert "[question] no space before ; ! or ?" in result.output
    assert "[answer] a no-break space goes before :" in result.output
    assert "glossary: avoid 'supervision médicale'" in result.output
    assert "3 text check finding(s); nothing was written" in result.output
    assert snapshot_bytes(content_tree) == before


def test_allow_warnings_writes_and_warns(content_tree: ContentTree) -> None:
    catalog = export(content_tree)
    [question] = [m for m in catalog if m.context == QUESTION]
    question.string = "La kétamine agit-elle ?"
    result = run(
        content_tree, "import", str(write_catalog(content_tree, catalog)), "--allow-warnings"
    )
    assert result.exit_code == 0, result.output
    assert "warning: " in result.output
    assert "question: La kétamine agit-elle ?\n" in content_tree.read(FR_FAQ)


def test_a_dry_run_validates_the_content_as_the_import_does(content_tree: ContentTree) -> None:
    """The loader's checks (here: raw HTML in Markdown) refuse a dry run too."""
    catalog = export(content_tree)
    [answer] = [m for m in catalog if m.context == ANSWER]
    answer.string = "<b>Attention</b>"
    path = write_catalog(content_tree, catalog)
    dry = run(content_tree, "import", str(path), "--dry-run")
    real = run(content_tree, "import", str(path))
    assert dry.exit_code == real.exit_code == 1
    assert "raw HTML is not allowed" in dry.output
    assert "Would update" not in dry.output
    assert dry.output == real.output


def test_an_unchanged_translation_keeps_its_wrapping_however_the_po_gives_it(
    content_tree: ContentTree,
) -> None:
    catalog = export(content_tree)
    [body] = [m for m in catalog if m.context == "article/ketamine-trd:sections.conclusion.body"]
    body.string = str(body.string).replace(" ", "  ", 3)  # spacing only: the same words
    before = content_tree.read(FR_ARTICLE)
    result = run(content_tree, "import", str(write_catalog(content_tree, catalog)))
    assert result.exit_code == 0, result.output
    assert "Updated 0 file(s)" in result.output
    assert content_tree.read(FR_ARTICLE) == before


@pytest.mark.skipif(MSGCAT is None, reason="GNU gettext's msgcat is not installed (make gettext)")
@pytest.mark.parametrize("wrapping", ["--width=40", "--no-wrap"])
def test_a_po_editor_round_trip_changes_only_what_the_translator_changed(
    git_tree: ContentTree, wrapping: str
) -> None:
    git_tree.replace(EN_FAQ, "usually temporary", "usually brief")
    commit_all(git_tree, "reword")
    exported = git_tree.root / "exported.po"
    result = run(git_tree, "export", "--locale", "fr-CA", "--output", str(exported))
    assert result.exit_code == 0, result.output

    # The translator's edit, made in the PO text itself: the new wording, fuzzy cleared.
    text = exported.read_text(encoding="utf-8")
    entry_start = text.index(f'msgctxt "{ANSWER}"')
    fuzzy_start = text.rindex("#, fuzzy\n", 0, entry_start)
    entry_end = text.index("\n\n", entry_start)
    entry = text[entry_start:entry_end]
    assert "temporaires" in entry
    edited = entry.replace("temporaires", "brefs")
    previous = text[fuzzy_start:entry_start].replace("#, fuzzy\n", "")
    translated = text[:fuzzy_start] + previous + edited + text[entry_end:]
    saved = git_tree.root / "translated.po"
    saved_by_editor = git_tree.root / "saved.po"
    saved.write_text(translated, encoding="utf-8")
    # Saving re-wraps every entry, as PO editors do.
    assert MSGCAT is not None
    subprocess.run(
        [MSGCAT, wrapping, "-o", str(saved_by_editor), str(saved)], check=True, capture_output=True
    )
    assert saved_by_editor.read_text(encoding="utf-8") != translated
    [answer] = [m for m in read_po(io.BytesIO(saved_by_editor.read_bytes())) if m.context == ANSWER]
    assert not answer.fuzzy
    assert "brefs" in str(answer.string)

    before = snapshot_bytes(git_tree)
    french_before = git_tree.read(FR_FAQ)
    result = run(git_tree, "import", str(saved_by_editor))
    assert result.exit_code == 0, result.output
    assert "Updated 1 file(s) for fr-CA." in result.output

    after = snapshot_bytes(git_tree)
    assert [path for path in after if after[path] != before[path]] == [Path(FR_FAQ)]
    changed_lines = [
        (old, new)
        for old, new in zip(
            french_before.splitlines(), git_tree.read(FR_FAQ).splitlines(), strict=True
        )
        if old != new
    ]
    [digest, wording] = changed_lines
    assert digest[0].startswith("source_digest:") and digest[1].startswith("source_digest:")
    assert wording == ("  généralement temporaires.", "  généralement brefs.")
    assert translation_state(git_tree.load().faqs["side-effects"], "fr-CA") is (
        TranslationState.CURRENT
    )


def test_a_new_wording_drops_the_review_of_the_old_one(content_tree: ContentTree) -> None:
    review = "review:\n  reviewed: 2026-12-02\n  reviewer: Dre Exemple\n"
    content_tree.replace(FR_FAQ, "\nquestion:", "\n" + review + "question:")
    catalog = export(content_tree)
    unchanged = run(content_tree, "import", str(write_catalog(content_tree, catalog)))
    assert unchanged.exit_code == 0, unchanged.output
    assert review in content_tree.read(FR_FAQ)

    [question] = [m for m in catalog if m.context == QUESTION]
    question.string = "Quels effets secondaires la kétamine peut-elle causer?"
    result = run(content_tree, "import", str(write_catalog(content_tree, catalog)))
    assert result.exit_code == 0, result.output
    assert "review:" not in content_tree.read(FR_FAQ)
    assert content_tree.load().faqs["side-effects"].texts["fr-CA"].review.reviewer is None
