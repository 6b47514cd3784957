"""The soak test's edits: valid ones load, invalid ones are refused, and both are recognized."""

from __future__ import annotations

from pathlib import Path

from bench.content_tree import shipped_tree
from bench.edits import INVALID_KINDS, ContentEditor


def test_edits_alternate_and_the_loader_judges_each_as_intended(tmp_path: Path) -> None:
    editor = ContentEditor(shipped_tree(tmp_path / "tree", index=False), "side-effects")

    for _ in range(2 * len(INVALID_KINDS)):
        number, kind, text = editor.next_text()
        # Raises if a valid edit does not load or an invalid one does.
        editor.check_judgement(editor.write(number, kind, text, at=0.0))

    assert [edit.valid for edit in editor.edits] == [True, False] * len(INVALID_KINDS)
    assert {edit.kind for edit in editor.edits if not edit.valid} == set(INVALID_KINDS)


def test_a_response_showing_an_edit_marks_it_served(tmp_path: Path) -> None:
    editor = ContentEditor(shipped_tree(tmp_path / "tree", index=False), "side-effects")
    valid = editor.write(*editor.next_text(), at=1.0)
    invalid = editor.write(*editor.next_text(), at=2.0)

    editor.observe('{"text": "... temporaires.\\nVersion 1 du texte."}', at=3.0)

    assert valid.first_served_at == 3.0
    assert invalid.first_served_at is None
    editor.restore(at=4.0)
    assert editor.path.read_text(encoding="utf-8") == editor.original
