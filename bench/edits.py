"""Edits of a served content tree: valid ones that must be served, invalid ones that must not.

The target is a French FAQ's text file, whose answer is its last field. A valid edit
changes the answer's wording by appending a sentence that names the edit; an invalid
edit carries such a sentence too, in a file the loader must refuse (broken YAML, an
unknown field, raw HTML in Markdown). Any response showing an edit's sentence
proves that edit was served: eventually, for a valid one; never, for an invalid one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from api.content import ContentError, load_content
from bench.content_tree import ContentTree

# ASCII only, so that they read the same in JSON that escapes accents (\u00e9) and in JSON
# that does not.
VALID_SENTENCE = "Version {number} du texte."
INVALID_SENTENCE = "Brouillon invalide {number}."
_VALID = re.compile(r"Version (\d+) du texte")
_INVALID = re.compile(r"Brouillon invalide (\d+)")
# The answer as a literal block at the end of the file: appended lines extend it.
# The answer as a | block, its lines indented two spaces (the fields after it are not).
_ANSWER_BLOCK = re.compile(r"^answer: \|\n(?:  .*\n)+", re.MULTILINE)

INVALID_KINDS = ("broken YAML", "unknown field", "raw HTML")


@dataclass
class Edit:
    number: int
    kind: str
    written_at: float
    first_served_at: float | None = None
    # Invalid edits: whether /readyz listed the file's problems while it was on disk.
    refusal_reported: bool = False

    @property
    def valid(self) -> bool:
        return self.kind == "wording"


class ContentEditor:
    """Writes numbered edits to one French FAQ file and notices which ones get served."""

    def __init__(self, tree: ContentTree, faq_key: str, locale: str = "fr-CA") -> None:
        self.tree = tree
        self.path = tree.locales_dir / locale / "faqs" / f"{faq_key}.yaml"
        self.original = self.path.read_text(encoding="utf-8")
        answer = _ANSWER_BLOCK.search(self.original)
        if answer is None:
            raise ValueError(f"{self.path}: the answer must be a | block")
        self.answer_end = answer.end()
        self.edits: list[Edit] = []
        self.valid_edits: dict[int, Edit] = {}
        self.invalid_edits: dict[int, Edit] = {}
        self.restored_at: float | None = None

    @property
    def relative_path(self) -> Path:
        return self.path.relative_to(self.tree.root)

    def next_text(self) -> tuple[int, str, str]:
        """The next edit's number, kind and file text: valid and invalid ones alternate."""
        number = len(self.edits) + 1
        if number % 2:
            return number, "wording", self._with(VALID_SENTENCE.format(number=number))
        kind = INVALID_KINDS[(number // 2 - 1) % len(INVALID_KINDS)]
        sentence = INVALID_SENTENCE.format(number=number)
        if kind == "broken YAML":
            text = self._with(sentence) + 'note: "a quote never closed\n'
        elif kind == "unknown field":
            text = self._with(sentence) + "answr: a misspelt field\n"
        else:
            text = self._with(f"<script>alert(1)</script> {sentence}")
        return number, kind, text

    def write(self, number: int, kind: str, text: str, at: float) -> Edit:
        """Write an edit, after checking the loader judges it as the edit intends."""
        edit = Edit(number, kind, at)
        self.path.write_text(text, encoding="utf-8")
        self.edits.append(edit)
        (self.valid_edits if edit.valid else self.invalid_edits)[number] = edit
        return edit

    def check_judgement(self, edit: Edit) -> None:
        """A valid edit must load and an invalid one must not, or the soak proves nothing."""
        try:
            load_content(self.tree.content_dir, self.tree.locales_dir)
            loads = True
        except ContentError:
            loads = False
        if loads != edit.valid:
            raise AssertionError(f"edit {edit.number} ({edit.kind}) loads: {loads}")

    def observe(self, text: str, at: float) -> None:
        """Note every edit whose sentence ``text`` (a response body) shows."""
        for pattern, edits in ((_VALID, self.valid_edits), (_INVALID, self.invalid_edits)):
            for match in pattern.finditer(text):
                edit = edits.get(int(match.group(1)))
                if edit is not None and edit.first_served_at is None:
                    edit.first_served_at = at

    def shows_an_edit(self, text: str) -> bool:
        return bool(_VALID.search(text) or _INVALID.search(text))

    def restore(self, at: float) -> None:
        self.path.write_text(self.original, encoding="utf-8")
        self.restored_at = at

    def _with(self, line: str) -> str:
        """The original file with one more line at the end of the answer."""
        return f"{self.original[: self.answer_end]}  {line}\n{self.original[self.answer_end :]}"
