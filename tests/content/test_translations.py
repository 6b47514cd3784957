"""Translation state (CURRENT, STALE, MISSING) and per-field fallback with provenance."""

from __future__ import annotations

from api.content import TranslationState
from api.content.digest import raw_text_digest
from api.content.fields import (
    ANSWER,
    QUESTION,
    SECTION_BODY,
    SECTION_HEADING,
    SEO_DESCRIPTION,
    SEO_TITLE,
    TITLE,
    section_field,
)
from api.content.translation import field_states, translation_state
from tests.conftest import ContentTree

EN_FAQ = "locales/en-CA/faqs/side-effects.yaml"
FR_FAQ = "locales/fr-CA/faqs/side-effects.yaml"
FR_ARTICLE = "locales/fr-CA/articles/ketamine-trd.yaml"


def test_editing_the_english_answer_makes_the_french_stale_until_restored(
    content_tree: ContentTree,
) -> None:
    content_tree.replace(EN_FAQ, "usually temporary", "usually temporary and mild")
    faq = content_tree.load().faqs["side-effects"]
    assert translation_state(faq, "fr-CA") is TranslationState.STALE
    assert translation_state(faq, "en-CA") is TranslationState.CURRENT
    assert field_states(faq, "fr-CA")[ANSWER.name] is TranslationState.STALE

    content_tree.replace(EN_FAQ, "usually temporary and mild", "usually temporary")
    faq = content_tree.load().faqs["side-effects"]
    assert translation_state(faq, "fr-CA") is TranslationState.CURRENT


def test_a_stale_translation_is_still_served_in_its_own_language(
    content_tree: ContentTree,
) -> None:
    content_tree.replace(EN_FAQ, "usually temporary", "usually brief")
    snapshot = content_tree.load()
    localized = snapshot.localize(snapshot.faqs["side-effects"], "fr-CA")
    assert localized.state is TranslationState.STALE
    assert localized[ANSWER].locale == "fr-CA"
    assert localized.fallback_fields == {}


def test_editing_only_the_english_slug_keeps_the_translation_current(
    content_tree: ContentTree,
) -> None:
    slug = content_tree.read(EN_FAQ).splitlines()[0]
    content_tree.replace(EN_FAQ, slug, "slug: ketamine-side-effects")
    faq = content_tree.load().faqs["side-effects"]
    assert translation_state(faq, "fr-CA") is TranslationState.CURRENT


def test_removed_translation_falls_back_to_english_with_provenance(
    content_tree: ContentTree,
) -> None:
    content_tree.remove(FR_FAQ)
    snapshot = content_tree.load()
    faq = snapshot.faqs["side-effects"]
    localized = snapshot.localize(faq, "fr-CA")

    assert translation_state(faq, "fr-CA") is TranslationState.MISSING
    assert localized.requested_locale == "fr-CA"
    assert localized[QUESTION].value == "What are the common side effects of ketamine treatment?"
    assert localized[QUESTION].locale == "en-CA"
    assert localized.slug.locale == "en-CA"
    assert localized.fallback_fields == {
        "slug": "en-CA",
        QUESTION.name: "en-CA",
        ANSWER.name: "en-CA",
        SEO_TITLE.name: "en-CA",
        SEO_DESCRIPTION.name: "en-CA",
    }
    # The English slug now also reaches the item in fr-CA URLs.
    assert snapshot.item_by_slug(faq.type, "fr-CA", localized.slug.value) is faq


def test_a_partial_translation_falls_back_field_by_field(content_tree: ContentTree) -> None:
    text = content_tree.read(FR_ARTICLE)
    start = text.index("  - id: conclusion")
    end = text.index("call_to_action:")
    content_tree.write(FR_ARTICLE, text[:start] + text[end:])
    snapshot = content_tree.load()
    article = snapshot.articles["ketamine-trd"]
    localized = snapshot.localize(article, "fr-CA")

    assert localized[TITLE].locale == "fr-CA"
    assert [section[SECTION_BODY].locale for section in localized.sections] == ["fr-CA"] * 5 + [
        "en-CA"
    ]
    assert localized.sections[-1][SECTION_HEADING].value == "Conclusion"
    assert localized.fallback_fields == {
        section_field("conclusion", "heading"): "en-CA",
        section_field("conclusion", "body"): "en-CA",
    }
    states = field_states(article, "fr-CA")
    assert states[section_field("conclusion", "body")] is TranslationState.MISSING
    assert states[section_field("clinical-evidence", "body")] is TranslationState.CURRENT
    # Incomplete is not current: the item reports the worst of its fields.
    assert translation_state(article, "fr-CA") is TranslationState.MISSING


def test_an_item_written_first_in_french_falls_back_to_french_in_english(
    content_tree: ContentTree,
) -> None:
    """Neither language is second-class: the source locale is always the last resort."""
    content_tree.replace(
        "content/faqs/side-effects.yaml", "source_locale: en-CA", "source_locale: fr-CA"
    )
    french = content_tree.read(FR_FAQ)
    content_tree.write(
        FR_FAQ,
        "\n".join(line for line in french.splitlines() if "source_digest" not in line) + "\n",
    )
    content_tree.remove(EN_FAQ)
    snapshot = content_tree.load()
    localized = snapshot.localize(snapshot.faqs["side-effects"], "en-CA")
    assert localized[QUESTION].locale == "fr-CA"
    assert localized.state is TranslationState.MISSING
    assert translation_state(snapshot.faqs["side-effects"], "fr-CA") is TranslationState.CURRENT


EN_ARTICLE = "locales/en-CA/articles/ketamine-trd.yaml"


def test_rewrapping_the_english_keeps_the_french_current_and_a_new_word_makes_it_stale(
    content_tree: ContentTree,
) -> None:
    text = content_tree.read(EN_ARTICLE)
    body_start = text.index("      Ketamine infusion therapy is reshaping")
    body_end = text.index("call_to_action:")
    words = text[body_start:body_end].split()
    paragraph = " ".join(words)
    # The same words on one long line, then three words a line: wrapping only.
    three_a_line = "\n      ".join(" ".join(words[i : i + 3]) for i in range(0, len(words), 3))
    for layout in (paragraph, three_a_line):
        content_tree.write(
            EN_ARTICLE, text[:body_start] + "      " + layout + "\n" + text[body_end:]
        )
        article = content_tree.load().articles["ketamine-trd"]
        assert translation_state(article, "fr-CA") is TranslationState.CURRENT
    content_tree.write(
        EN_ARTICLE,
        text[:body_start]
        + "      "
        + paragraph.replace("countless", "many")
        + "\n"
        + text[body_end:],
    )
    article = content_tree.load().articles["ketamine-trd"]
    assert translation_state(article, "fr-CA") is TranslationState.STALE
    assert field_states(article, "fr-CA")[section_field("conclusion", "body")] is (
        TranslationState.STALE
    )


def test_a_new_paragraph_is_a_change_but_trailing_spaces_are_not(content_tree: ContentTree) -> None:
    content_tree.replace(EN_FAQ, "nausea, or increased", "nausea, or increased   ")
    assert translation_state(content_tree.load().faqs["side-effects"], "fr-CA") is (
        TranslationState.CURRENT
    )
    content_tree.replace(EN_FAQ, "nausea, or increased   ", "nausea, or\n\n  increased")
    assert translation_state(content_tree.load().faqs["side-effects"], "fr-CA") is (
        TranslationState.STALE
    )


def test_a_translation_recording_the_raw_text_digest_of_old_stays_current(
    content_tree: ContentTree,
) -> None:
    """Digests recorded before normalisation are accepted while translations migrate."""
    faq = content_tree.load().faqs["side-effects"]
    old_digest = raw_text_digest(faq.source_text.fields)
    assert old_digest != faq.source_digest
    current = content_tree.read(FR_FAQ).split("\n")[1]
    content_tree.replace(FR_FAQ, current, f'source_digest: "{old_digest}"')
    assert translation_state(content_tree.load().faqs["side-effects"], "fr-CA") is (
        TranslationState.CURRENT
    )
