"""Synthetic content trees are valid content, with every translation current."""

from __future__ import annotations

from pathlib import Path

from api.content import TranslationState, load_content
from api.content.translation import translation_state
from bench.content_tree import search_terms, shipped_tree, write_tree
from bench.corpus import synthetic_corpus


def test_a_synthetic_tree_loads_with_every_translation_current(tmp_path: Path) -> None:
    write_tree(synthetic_corpus(faq_count=40, article_count=2), tmp_path)

    snapshot = load_content(tmp_path / "content", tmp_path / "locales")

    assert (len(snapshot.faqs), len(snapshot.articles)) == (40, 2)
    states = {translation_state(item, "fr-CA") for item in snapshot.items()}
    assert states == {TranslationState.CURRENT}


def test_search_terms_are_common_words_of_each_locale(tmp_path: Path) -> None:
    tree = shipped_tree(tmp_path / "tree", index=False)

    terms = search_terms(tree)

    assert "kétamine" in terms["fr-CA"][:5]
    assert "ketamine" in terms["en-CA"][:5]
    assert "les" not in terms["fr-CA"]
