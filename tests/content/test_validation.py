"""Each validation rule, on a copy of the content that breaks exactly that rule.

Every test asserts the file, the line and the field the problem names, since that
is what a translator needs to fix it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from api.content import ContentError, ContentProblem
from tests.conftest import ContentTree

FR_FAQ = "locales/fr-CA/faqs/side-effects.yaml"
EN_FAQ = "locales/en-CA/faqs/side-effects.yaml"
EN_ARTICLE = "locales/en-CA/articles/ketamine-trd.yaml"
FR_ARTICLE = "locales/fr-CA/articles/ketamine-trd.yaml"
ARTICLE = "content/articles/ketamine-trd.yaml"
FAQ = "content/faqs/side-effects.yaml"


def problems_of(tree: ContentTree) -> tuple[ContentProblem, ...]:
    with pytest.raises(ContentError) as caught:
        tree.load()
    return caught.value.problems


def line_of(tree: ContentTree, relative: str, needle: str) -> int:
    """1-based line of the only line containing ``needle``."""
    lines = [i for i, line in enumerate(tree.read(relative).splitlines(), 1) if needle in line]
    assert len(lines) == 1, f"{needle!r} is on lines {lines} of {relative}"
    return lines[0]


def only_problem(tree: ContentTree) -> ContentProblem:
    problems = problems_of(tree)
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def assert_problem(
    problem: ContentProblem, relative: str, line: int | None, field: str | None, words: str
) -> None:
    assert problem.path == Path(relative), problem
    assert problem.line == line, problem
    assert problem.field == field, problem
    assert words in problem.message, problem


def test_missing_required_field(content_tree: ContentTree) -> None:
    content_tree.replace(FAQ, "status: published\n", "")
    assert_problem(only_problem(content_tree), FAQ, 1, "status", "required field is missing")


def test_missing_required_text_in_the_source_locale(content_tree: ContentTree) -> None:
    question = content_tree.read(EN_FAQ).splitlines()[1]
    content_tree.replace(EN_FAQ, question + "\n", "")
    problem = only_problem(content_tree)
    assert_problem(problem, EN_FAQ, 1, "question", "required field is missing")


def test_missing_section_in_the_source_locale(content_tree: ContentTree) -> None:
    text = content_tree.read(EN_ARTICLE)
    start = text.index("  - id: conclusion")
    end = text.index("call_to_action:")
    content_tree.write(EN_ARTICLE, text[:start] + text[end:])
    problems = problems_of(content_tree)
    line = line_of(content_tree, EN_ARTICLE, "sections:")
    assert {p.message for p in problems} == {
        "section 'conclusion' needs its heading",
        "section 'conclusion' needs its body",
    }
    for problem in problems:
        assert_problem(problem, EN_ARTICLE, line, "sections", "conclusion")


def test_wrong_type(content_tree: ContentTree) -> None:
    content_tree.replace(FAQ, "order: 3", "order: third")
    line = line_of(content_tree, FAQ, "order:")
    assert_problem(only_problem(content_tree), FAQ, line, "order", "valid integer")


def test_text_that_yaml_reads_as_a_boolean_is_refused(content_tree: ContentTree) -> None:
    question = content_tree.read(FR_FAQ).splitlines()[2]
    content_tree.replace(FR_FAQ, question, "question: yes")
    assert_problem(only_problem(content_tree), FR_FAQ, 3, "question", "valid string")


def test_unknown_field_suggests_the_right_name(content_tree: ContentTree) -> None:
    content_tree.replace(FR_ARTICLE, "\ntitle:", "\ntitel:")
    line = line_of(content_tree, FR_ARTICLE, "titel:")
    problem = only_problem(content_tree)
    assert_problem(problem, FR_ARTICLE, line, "titel", "unknown field 'titel'")
    assert "did you mean 'title'?" in problem.message


REVIEWED = "review:\n  reviewed: null\n  reviewer: Dr. Example\n"


def test_unknown_nested_field(content_tree: ContentTree) -> None:
    content_tree.replace(FR_FAQ, "\nquestion:", "\nreview:\n  reviewr: null\nquestion:")
    line = line_of(content_tree, FR_FAQ, "reviewr:")
    problem = only_problem(content_tree)
    assert_problem(problem, FR_FAQ, line, "review.reviewr", "did you mean 'reviewer'?")


def test_invalid_date(content_tree: ContentTree) -> None:
    content_tree.replace(FAQ, "published: 2026-12-01", "published: 2026-13-01")
    line = line_of(content_tree, FAQ, "published:")
    assert_problem(only_problem(content_tree), FAQ, line, None, "month must be in 1..12")


def test_date_that_is_not_a_date(content_tree: ContentTree) -> None:
    content_tree.replace(FAQ, "published: 2026-12-01", "published: next week")
    line = line_of(content_tree, FAQ, "published:")
    assert_problem(only_problem(content_tree), FAQ, line, "published", "valid date")


def test_updated_before_published(content_tree: ContentTree) -> None:
    content_tree.replace(FAQ, "updated: null", "updated: 2020-01-01")
    line = line_of(content_tree, FAQ, "updated:")
    assert_problem(only_problem(content_tree), FAQ, line, "updated", "earlier than published")


def test_published_item_needs_a_publication_date(content_tree: ContentTree) -> None:
    content_tree.replace(FAQ, "published: 2026-12-01", "published: null")
    line = line_of(content_tree, FAQ, "published:")
    assert_problem(only_problem(content_tree), FAQ, line, "published", "publication date")


def test_draft_may_have_no_publication_date(content_tree: ContentTree) -> None:
    content_tree.replace(FAQ, "status: published", "status: draft")
    content_tree.replace(FAQ, "published: 2026-12-01", "published: null")
    assert content_tree.load().faqs["side-effects"].published is None


def test_reviewer_needs_a_review_date(content_tree: ContentTree) -> None:
    content_tree.replace(FR_FAQ, "\nquestion:", "\n" + REVIEWED + "question:")
    line = line_of(content_tree, FR_FAQ, "reviewed:")
    assert_problem(only_problem(content_tree), FR_FAQ, line, "review.reviewed", "review date")


def test_a_review_in_the_language_neutral_file_is_refused_with_where_it_goes(
    content_tree: ContentTree,
) -> None:
    content_tree.replace(FAQ, "\norder:", "\n" + REVIEWED + "order:")
    line = line_of(content_tree, FAQ, "review:")
    assert_problem(
        only_problem(content_tree),
        FAQ,
        line,
        "review",
        "record it in each reviewed locale file (locales/<locale>/faqs/side-effects.yaml)",
    )


def test_unknown_status(content_tree: ContentTree) -> None:
    content_tree.replace(FAQ, "status: published", "status: live")
    line = line_of(content_tree, FAQ, "status:")
    assert_problem(only_problem(content_tree), FAQ, line, "status", "'draft' or 'published'")


def test_duplicate_key_in_a_file(content_tree: ContentTree) -> None:
    content_tree.replace(FR_FAQ, "\nanswer:", "\nquestion: Encore?\nanswer:")
    line = line_of(content_tree, FR_FAQ, "Encore?")
    problem = only_problem(content_tree)
    assert_problem(problem, FR_FAQ, line, "question", "duplicate key 'question'")
    assert "first given on line 3" in problem.message


def test_slug_used_twice_in_one_locale(content_tree: ContentTree) -> None:
    taken = content_tree.read("locales/fr-CA/faqs/how-soon-it-works.yaml").splitlines()[0]
    original = content_tree.read(FR_FAQ).splitlines()[0]
    content_tree.replace(FR_FAQ, original, taken)
    problem = only_problem(content_tree)
    assert problem.path in {Path(FR_FAQ), Path("locales/fr-CA/faqs/how-soon-it-works.yaml")}
    assert problem.line == 1
    assert problem.field == "slug"
    assert "already used in fr-CA by faq" in problem.message


def test_same_slug_in_two_locales_is_allowed(content_tree: ContentTree) -> None:
    english = content_tree.read(EN_FAQ).splitlines()[0]
    french = content_tree.read(FR_FAQ).splitlines()[0]
    content_tree.replace(FR_FAQ, french, english)
    snapshot = content_tree.load()
    assert snapshot.faqs["side-effects"].texts["fr-CA"].slug == english.removeprefix("slug: ")


def test_slug_format(content_tree: ContentTree) -> None:
    original = content_tree.read(FR_FAQ).splitlines()[0]
    content_tree.replace(FR_FAQ, original, "slug: Effets secondaires!")
    problem = only_problem(content_tree)
    assert_problem(problem, FR_FAQ, 1, "slug", "lower-case letters, digits and single hyphens")


def test_article_lists_a_faq_that_does_not_exist(content_tree: ContentTree) -> None:
    content_tree.replace(ARTICLE, "  - insurance-coverage", "  - insurance-costs")
    line = line_of(content_tree, ARTICLE, "insurance-costs")
    problem = only_problem(content_tree)
    assert_problem(problem, ARTICLE, line, "faqs[4]", "no FAQ 'insurance-costs'")


def test_translation_of_an_item_that_does_not_exist(content_tree: ContentTree) -> None:
    orphan = "locales/fr-CA/faqs/dosage.yaml"
    content_tree.write(orphan, content_tree.read(FR_FAQ))
    assert_problem(only_problem(content_tree), orphan, 1, None, "faq that does not exist")


def test_locale_folder_that_is_not_enabled(content_tree: ContentTree) -> None:
    content_tree.write("locales/fr-FR/faqs/side-effects.yaml", content_tree.read(FR_FAQ))
    problem = only_problem(content_tree)
    assert_problem(problem, "locales/fr-FR", None, None, "fr-FR is not an enabled locale")


def test_source_locale_that_is_not_enabled(content_tree: ContentTree) -> None:
    content_tree.replace(FAQ, "source_locale: en-CA", "source_locale: es-MX")
    line = line_of(content_tree, FAQ, "source_locale:")
    problem = problems_of(content_tree)[0]
    assert_problem(problem, FAQ, line, "source_locale", "es-MX is not enabled")


def test_fallback_to_a_locale_that_is_not_enabled(content_tree: ContentTree) -> None:
    content_tree.replace("locales/locales.yaml", "fallback: [en-CA]", "fallback: [en-GB]")
    line = line_of(content_tree, "locales/locales.yaml", "en-GB")
    problem = only_problem(content_tree)
    assert_problem(
        problem, "locales/locales.yaml", line, "locales[1].fallback[0]", "not another enabled"
    )


def test_empty_required_text(content_tree: ContentTree) -> None:
    question = content_tree.read(FR_FAQ).splitlines()[2]
    content_tree.replace(FR_FAQ, question, 'question: "   "')
    assert_problem(only_problem(content_tree), FR_FAQ, 3, "question", "text is empty")


@pytest.mark.parametrize(
    ("markup", "words"),
    [
        ("<script>alert('x')</script>", "raw HTML is not allowed"),
        ('<img src=x onerror="alert(1)">', "raw HTML is not allowed"),
        ("![tracker](data:image/png;base64,iVBORw0KGgo=)", "'data' scheme"),
    ],
)
def test_html_or_script_in_markdown_is_refused(
    content_tree: ContentTree, markup: str, words: str
) -> None:
    content_tree.replace(
        FR_ARTICLE, "      Le Canada fait figure", f"      {markup} Le Canada fait figure"
    )
    problem = only_problem(content_tree)
    line = line_of(content_tree, FR_ARTICLE, "- id: ketamine-therapy-in-canada") + 2
    assert_problem(problem, FR_ARTICLE, line, "sections[3].body", words)


def test_html_in_a_faq_answer_is_refused(content_tree: ContentTree) -> None:
    content_tree.replace(EN_FAQ, "Some patients", "<b>Some</b> patients")
    line = line_of(content_tree, EN_FAQ, "answer:")
    assert_problem(only_problem(content_tree), EN_FAQ, line, "answer", "raw HTML")


def test_malformed_yaml_gives_the_parser_line(content_tree: ContentTree) -> None:
    content_tree.replace(FR_FAQ, "\nquestion:", '\nquestion: "unclosed\nnext: x\nquestion:')
    problem = only_problem(content_tree)
    assert problem.path == Path(FR_FAQ)
    assert problem.line is not None
    assert problem.line >= 3
    assert problem.message.startswith("malformed YAML")


def test_yaml_aliases_are_refused(content_tree: ContentTree) -> None:
    content_tree.replace(FAQ, "tags: [ketamine, safety]", "tags: &t [ketamine, safety]\nx: *t")
    line = line_of(content_tree, FAQ, "x: *t")
    assert_problem(only_problem(content_tree), FAQ, line, None, "aliases")


def test_key_must_match_file_name(content_tree: ContentTree) -> None:
    content_tree.replace(FAQ, "key: side-effects", "key: side-effect")
    assert_problem(only_problem(content_tree), FAQ, 1, "key", "differs from file name")


def test_translation_needs_a_source_digest(content_tree: ContentTree) -> None:
    digest_line = content_tree.read(FR_FAQ).splitlines()[1]
    content_tree.replace(FR_FAQ, digest_line + "\n", "")
    problem = only_problem(content_tree)
    assert_problem(problem, FR_FAQ, 1, "source_digest", "today's:")
    digest = digest_line.removeprefix("source_digest: ").strip('"')
    # Quoted in the hint, so that pasting it is safe whatever its characters.
    assert f'source_digest: "{digest}"' in problem.message


def test_an_unquoted_digest_of_digits_is_refused_with_a_hint(content_tree: ContentTree) -> None:
    digest_line = content_tree.read(FR_FAQ).splitlines()[1]
    content_tree.replace(FR_FAQ, digest_line, "source_digest: 1234567890123456")
    problem = only_problem(content_tree)
    assert_problem(problem, FR_FAQ, 2, "source_digest", "must be written in quotes")


def test_unknown_section_in_a_translation(content_tree: ContentTree) -> None:
    content_tree.replace(FR_ARTICLE, "- id: conclusion", "- id: conclusions")
    line = line_of(content_tree, FR_ARTICLE, "- id: conclusions")
    problem = only_problem(content_tree)
    assert_problem(problem, FR_ARTICLE, line, "sections[5].id", "unknown section 'conclusions'")


def test_a_file_that_is_not_a_mapping(content_tree: ContentTree) -> None:
    content_tree.write(FR_FAQ, "- just\n- a list\n")
    assert_problem(only_problem(content_tree), FR_FAQ, 1, None, "expected a mapping")


def test_oversized_file_is_refused_before_parsing(content_tree: ContentTree) -> None:
    content_tree.write(FR_FAQ, "answer: " + "x" * 300_000 + "\n")
    assert_problem(only_problem(content_tree), FR_FAQ, None, None, "limited to")


def test_yml_extension_is_reported_not_ignored(content_tree: ContentTree) -> None:
    content_tree.write("locales/fr-CA/faqs/notes.yml", "x: 1\n")
    problem = only_problem(content_tree)
    assert_problem(problem, "locales/fr-CA/faqs/notes.yml", None, None, "not .yml")


def test_all_problems_are_reported_at_once(content_tree: ContentTree) -> None:
    content_tree.replace(FAQ, "status: published", "status: live")
    content_tree.replace(FR_ARTICLE, "\ntitle:", "\ntitel:")
    content_tree.replace(ARTICLE, "  - insurance-coverage", "  - insurance-costs")
    problems = problems_of(content_tree)
    assert {problem.path for problem in problems} == {Path(FAQ), Path(FR_ARTICLE), Path(ARTICLE)}


def test_problem_reads_as_file_line_column_field_message() -> None:
    problem = ContentProblem(Path("locales/fr-CA/faqs/x.yaml"), 3, 1, "question", "text is empty")
    assert str(problem) == "locales/fr-CA/faqs/x.yaml:3:1: [question] text is empty"
