"""Query limits: tokens, depth, aliases, directives and cost, checked before a query runs."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any, TypeVar

import pytest
import strawberry
from graphql import (
    GraphQLError,
    GraphQLSyntaxError,
    get_introspection_query,
    specified_rules,
    validate,
)

from api.app import create_app
from api.errors import ErrorCode
from api.graphql import GRAPHQL_SCHEMA, graphql_core_schema
from api.graphql.fields import described
from api.graphql.limits import (
    OperationMeasure,
    cost_error,
    cost_report,
    limit_rules,
    measure_operation,
    parse_query,
)
from api.settings import Settings
from tests.api.conftest import ApiClient
from tests.conftest import PROJECT_ROOT

SCHEMA = GRAPHQL_SCHEMA
DEFAULTS = Settings()
# "Comfortably under the budget": what shipped examples and GraphiQL may cost at most.
COMFORTABLE = DEFAULTS.max_complexity // 4

T = TypeVar("T")


def validation_errors(
    query: str, limits: Settings = DEFAULTS, *, only_limits: bool = False
) -> list[GraphQLError]:
    """Errors of ``query`` under the spec's rules and the limits (or the limits alone)."""
    rules = limit_rules(limits) if only_limits else (*specified_rules, *limit_rules(limits))
    return validate(SCHEMA, parse_query(query, limits), rules)


def refusal(query: str, limits: Settings = DEFAULTS, *, only_limits: bool = False) -> GraphQLError:
    [error] = validation_errors(query, limits, only_limits=only_limits)
    return error


def assert_refused(error: GraphQLError, code: ErrorCode, limit: int, value: int) -> None:
    assert error.extensions == {"code": code.value, "limit": limit, "value": value}
    assert f"the limit is {limit}." in error.message


def cost(query: str, variables: Mapping[str, Any] | None = None) -> int:
    """The cost of a query that passes validation under the default limits."""
    document = parse_query(query, DEFAULTS)
    assert validate(SCHEMA, document, (*specified_rules, *limit_rules(DEFAULTS))) == []
    return measure_operation(SCHEMA, document, None, variables).cost


def finishes(work: Callable[[], T], seconds: float = 10.0) -> T:
    """``work()``; fails if it is still running after ``seconds`` (a hang guard only)."""
    outcome: list[tuple[bool, Any]] = []

    def run() -> None:
        try:
            outcome.append((True, work()))
        except BaseException as error:
            outcome.append((False, error))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds} seconds"
    [(returned, value)] = outcome
    if not returned:
        raise value
    result: T = value
    return result


# Settings


def test_limits_come_from_the_settings() -> None:
    settings = Settings.from_env(
        {
            "CONTENT_API_MAX_QUERY_DEPTH": "3",
            "CONTENT_API_MAX_QUERY_TOKENS": "40",
            "CONTENT_API_MAX_ALIASES": "5",
            "CONTENT_API_MAX_DIRECTIVES": "6",
            "CONTENT_API_MAX_COMPLEXITY": "70",
        }
    )

    assert_refused(refusal(SIX_DEEP, settings), ErrorCode.QUERY_TOO_DEEP, 3, 6)
    with pytest.raises(GraphQLError) as caught:
        parse_query(with_fields(39), settings)
    assert_refused(caught.value, ErrorCode.TOO_MANY_TOKENS, 40, 41)
    assert cost_report(1, settings) == {"requested": 1, "limit": 70}


def test_a_limit_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="CONTENT_API_MAX_ALIASES"):
        Settings.from_env({"CONTENT_API_MAX_ALIASES": "0"})


# Tokens


def with_fields(count: int) -> str:
    """A query of ``count`` fields: ``count + 2`` tokens with its braces."""
    return "{" + " contentVersion" * count + " }"


def test_a_document_of_exactly_max_tokens_parses() -> None:
    parse_query(with_fields(DEFAULTS.max_query_tokens - 2), DEFAULTS)


def test_one_token_more_is_refused_with_its_own_code() -> None:
    with pytest.raises(GraphQLError) as caught:
        parse_query(with_fields(DEFAULTS.max_query_tokens - 1), DEFAULTS)

    assert not isinstance(caught.value, GraphQLSyntaxError)
    assert_refused(caught.value, ErrorCode.TOO_MANY_TOKENS, 2000, 2001)
    assert caught.value.message == "The query has more than 2000 tokens; the limit is 2000."


def test_comments_count_as_tokens() -> None:
    padded = "# padding\n" * 10 + "{ contentVersion }"

    parse_query(padded, replace(DEFAULTS, max_query_tokens=13))
    with pytest.raises(GraphQLError) as caught:
        parse_query(padded, replace(DEFAULTS, max_query_tokens=12))
    assert_refused(caught.value, ErrorCode.TOO_MANY_TOKENS, 12, 13)


def test_other_syntax_errors_stay_syntax_errors() -> None:
    with pytest.raises(GraphQLSyntaxError) as caught:
        parse_query("{ contentVersion", DEFAULTS)

    assert "code" not in (caught.value.extensions or {})


# Depth

SIX_DEEP = "{ articles { edges { node { faqs { answer { html } } } } } }"


def nested(levels: int) -> str:
    """Fields nested ``levels`` deep (not in the schema: for the limit rules alone)."""
    return "{" + " a {" * (levels - 1) + " b" + " }" * levels


def test_depth_at_the_limit_passes_and_one_more_is_refused() -> None:
    assert validation_errors(SIX_DEEP, replace(DEFAULTS, max_query_depth=6)) == []

    error = refusal(SIX_DEEP, replace(DEFAULTS, max_query_depth=5))
    assert_refused(error, ErrorCode.QUERY_TOO_DEEP, 5, 6)
    assert error.message == "The query is nested 6 levels deep; the limit is 5."


def test_default_depth_is_fifteen() -> None:
    assert validation_errors(nested(15), only_limits=True) == []
    assert_refused(refusal(nested(16), only_limits=True), ErrorCode.QUERY_TOO_DEEP, 15, 16)


def test_depth_is_counted_through_fragments() -> None:
    query = """query Deep { articles { edges { ...Edge } } }
    fragment Edge on ArticleEdge { node { ... on Article { faqs { answer { html } } } } }"""

    error = refusal(query, replace(DEFAULTS, max_query_depth=5))

    assert_refused(error, ErrorCode.QUERY_TOO_DEEP, 5, 6)
    assert error.message.startswith("Operation 'Deep' is nested 6 levels deep")


def test_introspection_is_bounded_by_graphql_cores_rule_not_by_depth() -> None:
    # GraphiQL's introspection query is 15 levels deep; its nesting is not the client's.
    assert validation_errors(get_introspection_query(), replace(DEFAULTS, max_query_depth=1)) == []

    cycle = "{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }"
    assert refusal(cycle).message == "Maximum introspection depth exceeded"


# Aliases


def aliased(count: int) -> str:
    return "{" + "".join(f" v{number}: contentVersion" for number in range(count)) + " }"


def test_aliases_at_the_limit_pass_and_one_more_is_refused() -> None:
    assert validation_errors(aliased(30)) == []

    error = refusal(aliased(31))
    assert_refused(error, ErrorCode.TOO_MANY_ALIASES, 30, 31)
    assert error.message.startswith("The query uses 31 aliases")


VERSIONS = "fragment Versions on Query { a: contentVersion b: contentVersion c: contentVersion }"


def test_aliases_count_once_per_fragment_spread() -> None:
    assert validation_errors("{" + " ...Versions" * 10 + " } " + VERSIONS) == []

    error = refusal("{" + " ...Versions" * 11 + " } " + VERSIONS)
    assert_refused(error, ErrorCode.TOO_MANY_ALIASES, 30, 33)


def test_aliases_count_through_fragments_within_fragments() -> None:
    twice = "fragment Twice on Query { ...Versions ...Versions }"
    query = "{ ...Twice ...Twice ...Twice } " + twice + " " + VERSIONS  # 3 x 2 x 3 aliases

    assert_refused(
        refusal(query, replace(DEFAULTS, max_aliases=17)), ErrorCode.TOO_MANY_ALIASES, 17, 18
    )
    assert validation_errors(query, replace(DEFAULTS, max_aliases=18)) == []


# Directives


def directed(count: int) -> str:
    return "{" + " contentVersion @include(if: true)" * count + " }"


def test_directives_at_the_limit_pass_and_one_more_is_refused() -> None:
    assert validation_errors(directed(20)) == []

    error = refusal(directed(21))
    assert_refused(error, ErrorCode.TOO_MANY_DIRECTIVES, 20, 21)
    assert error.message.startswith("The query uses 21 directives")


def test_directives_count_once_per_fragment_spread() -> None:
    fragment = "fragment Version on Query { contentVersion @skip(if: false) }"

    # Each spread brings its own directive and the fragment's: two.
    assert validation_errors("{" + " ...Version @include(if: true)" * 10 + " } " + fragment) == []
    error = refusal("{" + " ...Version @include(if: true)" * 11 + " } " + fragment)
    assert_refused(error, ErrorCode.TOO_MANY_DIRECTIVES, 20, 22)


# Hostile fragments


def test_fragment_cycles_are_reported_by_graphql_core_and_not_followed() -> None:
    query = """{ ...A }
    fragment A on Query { a: contentVersion ...B }
    fragment B on Query { b: contentVersion ...A }"""

    errors = finishes(lambda: validation_errors(query))

    assert [error.message for error in errors] == [
        "Cannot spread fragment 'A' within itself via 'B'."
    ]


def test_unknown_fragments_are_left_to_graphql_core() -> None:
    errors = validation_errors("{ ...Missing }")

    assert [error.message for error in errors] == ["Unknown fragment 'Missing'."]


def chain(length: int) -> str:
    """Fragments each spreading the next: ``length`` aliases, as many fragments deep."""
    fragments = [
        f"fragment F{n} on Query {{ v{n}: contentVersion ...F{n + 1} }}" for n in range(length)
    ]
    return "\n".join(
        ["{ ...F0 }", *fragments, f"fragment F{length} on Query {{ locales {{ tag }} }}"]
    )


def test_a_long_fragment_chain_does_not_exhaust_the_stack() -> None:
    limits = replace(DEFAULTS, max_query_tokens=1_000_000)
    document = parse_query(chain(5000), limits)

    errors = finishes(lambda: validate(SCHEMA, document, limit_rules(limits)))

    # graphql-core then gives up on the chain ("Validation aborted."), after the limits.
    assert_refused(errors[0], ErrorCode.TOO_MANY_ALIASES, 30, 5000)
    assert finishes(lambda: measure_operation(SCHEMA, document, None, None).cost) == 10


def fan_out(levels: int) -> str:
    """Each fragment spreads the next four times: 4**levels spreads of the last one."""
    fragments = [f"fragment F{n} on Query {{ {f' ...F{n + 1}' * 4} }}" for n in range(levels)]
    last = f"fragment F{levels} on Query {{ v: contentVersion locales {{ tag }} }}"
    return "\n".join(["{ ...F0 }", *fragments, last])


def test_exponential_fragment_spreads_are_counted_without_being_expanded() -> None:
    document = parse_query(fan_out(40), DEFAULTS)

    [error] = finishes(lambda: validate(SCHEMA, document, limit_rules(DEFAULTS)))
    measured = finishes(lambda: measure_operation(SCHEMA, document, None, None).cost)

    # 4**40 aliases: reported at the largest integer JSON carries exactly.
    assert_refused(error, ErrorCode.TOO_MANY_ALIASES, 30, 2**53 - 1)
    assert measured == 2**53 - 1


# Cost


def test_leaves_cost_nothing_and_objects_one() -> None:
    assert cost("{ contentVersion __typename }") == 0
    assert cost("{ contentStatus { version } }") == 1


def test_a_page_costs_first_items_from_a_variable() -> None:
    query = "query($n: Int!) { articles(first: $n) { totalCount edges { node { title } } } }"

    assert cost(query, {"n": 7}) == 1 + 7 * 2
    assert cost(query, {"n": 70}) == 1 + 70 * 2


def test_first_left_out_costs_its_default_and_too_large_costs_the_maximum() -> None:
    assert cost("{ articles { edges { node { title } } } }") == 1 + 20 * 2
    assert cost("query($n: Int! = 5) { faqs(first: $n) { edges { cursor } } }") == 1 + 5
    query = "query($n: Int!) { faqs(first: $n) { edges { cursor } } }"
    assert cost(query, {"n": 100_000}) == 1 + 100


def test_the_page_size_reaches_into_fragments() -> None:
    query = """{ articles(first: 3) { ...Page } }
    fragment Page on ArticleConnection { edges { node { title } } pageInfo { endCursor } }"""

    assert cost(query) == 1 + 3 * 2 + 1


def test_other_lists_count_ten_items() -> None:
    assert cost('{ article(key: "ketamine-trd") { sections { body { html } } } }') == 1 + 10 * 2


def test_search_and_suggest_cost_more() -> None:
    assert cost('{ search(query: "ketamine", first: 2) { totalCount } }') == 10 + 1
    assert cost('{ search(query: "ketamine", first: 2) { hits { score } } }') == 10 + 1 + 2
    assert cost('{ suggest(prefix: "ket") }') == 5


def test_a_fields_cost_and_cacheability_are_declared_with_it_whatever_its_name() -> None:
    @strawberry.type
    class Root:
        @described("Costly, under any name.", cost=7)
        def renamed_costly(self) -> int:
            return 1

        @described("Changes on its own.", cacheable=False)
        def renamed_volatile(self) -> int:
            return 1

    other = graphql_core_schema(strawberry.Schema(query=Root))

    def measure(query: str) -> OperationMeasure:
        return measure_operation(other, parse_query(query, DEFAULTS))

    assert measure("{ renamedCostly }") == OperationMeasure(7, cacheable=True)
    assert measure("{ renamedVolatile }") == OperationMeasure(0, cacheable=False)
    assert measure("{ ...F } fragment F on Root { again: renamedVolatile }").cacheable is False
    assert measure("{ renamedVolatile @skip(if: true) renamedCostly }").cacheable is True


def test_content_status_is_the_uncacheable_field() -> None:
    def cacheable(query: str) -> bool:
        return measure_operation(SCHEMA, parse_query(query, DEFAULTS)).cacheable

    assert not cacheable("{ status: contentStatus { version } }")
    assert cacheable("{ contentVersion articles { totalCount } }")


def test_fields_left_out_by_directives_cost_nothing() -> None:
    query = """query($faqs: Boolean!) {
      articles(first: 10) { edges { node { title faqs @include(if: $faqs) { question } } } }
    }"""

    assert cost(query, {"faqs": False}) == 1 + 10 * 2
    assert cost(query, {"faqs": True}) == 1 + 10 * (2 + 10)


def test_only_the_chosen_operation_is_costed() -> None:
    document = parse_query(
        "query Cheap { contentVersion } query Dear { articles { totalCount } }", DEFAULTS
    )

    assert measure_operation(SCHEMA, document, "Cheap", None).cost == 0
    assert measure_operation(SCHEMA, document, "Dear", None).cost == 1
    with pytest.raises(ValueError, match="no operation 'Other'"):
        measure_operation(SCHEMA, document, "Other", None)


def readme_examples() -> list[str]:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```graphql\n(.*?)```", readme, flags=re.DOTALL)


# README's curl examples, whose queries sit inside shell quoting.
CURL_EXAMPLES = [
    '{ faqs(article: "ketamine-trd", first: 2) { totalCount edges { node { question } } '
    "pageInfo { hasNextPage endCursor } } }",
    '{ search(query: "kétamine effets", locale: "fr") { totalCount suggestion hits '
    "{ snippets { html } content { url ... on Faq { question } } } } }",
]


@pytest.mark.parametrize("query", [*readme_examples(), *CURL_EXAMPLES])
def test_shipped_examples_fit_comfortably(query: str) -> None:
    assert cost(query) <= COMFORTABLE


GRAPHIQL_OPTIONS = {
    "descriptions": True,
    "specified_by_url": True,
    "directive_is_repeatable": True,
    "schema_description": True,
    "input_value_deprecation": True,
}


@pytest.mark.parametrize("options", [{}, GRAPHIQL_OPTIONS], ids=["default", "graphiql"])
def test_introspection_is_accepted_under_the_defaults(options: dict[str, bool]) -> None:
    query = get_introspection_query(**options)

    assert validation_errors(query) == []
    assert cost(query) <= COMFORTABLE


def test_repeated_introspection_adds_up() -> None:
    schema_types = "__schema { types { name fields { name } } }"
    query = "{" + "".join(f" s{n}: {schema_types}" for n in range(10)) + " }"

    assert cost(query) > DEFAULTS.max_complexity


FAN_OUTS = [
    "{ articles(first: 100) { edges { node { "
    "faqs { answer { html } } sections { body { html } } } } } }",
    '{ search(query: "ketamine", first: 100) { hits { content { '
    "... on Article { faqs { answer { html } } } } } } }",
]


@pytest.mark.parametrize("query", FAN_OUTS)
def test_nested_lists_over_large_pages_blow_the_budget(query: str) -> None:
    assert cost(query) > DEFAULTS.max_complexity


def test_the_cost_error_names_the_cost_and_the_budget() -> None:
    value = cost(FAN_OUTS[0])
    error = cost_error(value, DEFAULTS)

    assert value == 1 + 100 * (1 + 1 + 10 * 2 + 10 * 2)
    assert_refused(error, ErrorCode.QUERY_TOO_COMPLEX, 1000, value)
    assert error.message.startswith(f"The query would cost {value};")
    assert cost_report(value, DEFAULTS) == {"requested": value, "limit": 1000}


# Search text


def test_the_search_text_limit_is_the_max_search_chars_setting(shipped_settings: Settings) -> None:
    client = ApiClient(create_app(replace(shipped_settings, max_search_chars=20)))
    query = 'query($q: String!) { search(query: $q, locale: "en-CA") { totalCount } }'

    assert client.data(query, {"q": "k" * 20})["search"]["totalCount"] >= 0
    [error] = client.errors(query, {"q": "k" * 21})
    assert error["extensions"]["code"] == "QUERY_TOO_LONG"
    assert "at most 20" in error["message"]
