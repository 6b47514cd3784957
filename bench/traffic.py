"""The soak test's traffic: a weighted mix of good and bad GraphQL requests, GET and POST.

A good request must get a 200 with data and no errors. A bad one (unsupported
locale, malformed query, oversized body, ...) must get a 4xx or a GraphQL error:
never a 5xx, and never data as if nothing were wrong. ``Tally`` counts what came back.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any
from urllib.parse import urlencode

import httpx

from bench.graphql_http import (
    GRAPHQL_PATH,
    PERSISTED_QUERY_NOT_FOUND,
    Variables,
    get_path,
    persisted_get_path,
    persisted_registration,
    post_body,
)
from bench.vocabulary import LOCALES

ARTICLE = """query Article($key: String!, $locale: String) {
  contentVersion
  article(key: $key, locale: $locale) {
    title translationState sections { anchor heading body { html } } faqs { question }
  }
}"""
FAQ_LIST = """query Faqs($locale: String, $first: Int!) {
  contentVersion
  faqs(locale: $locale, first: $first) {
    totalCount edges { node { key question answer { html } } } pageInfo { endCursor }
  }
}"""
FAQ = """query Faq($key: String!, $locale: String) {
  contentVersion
  faq(key: $key, locale: $locale) { question answer { text } translationState }
}"""
SEARCH = """query Search($q: String!, $locale: String) {
  contentVersion
  search(query: $q, locale: $locale) {
    totalCount suggestion hits { snippets { html } content { key url } }
  }
}"""
SUGGEST = """query Suggest($prefix: String!, $locale: String) {
  contentVersion
  suggest(prefix: $prefix, locale: $locale)
}"""

# Above the 16 KiB default of CONTENT_API_MAX_BODY_BYTES.
OVERSIZED_BODY_BYTES = 64 * 1024
BAD_SHARE = 0.15
GOOD_WEIGHTS = {"article": 2, "faq list": 2, "faq": 2, "search": 3, "suggest": 2, "apq": 1}


@dataclass(frozen=True)
class PlannedRequest:
    name: str
    method: str
    path: str
    body: bytes | None = None
    bad: bool = False
    # An APQ GET: PERSISTED_QUERY_NOT_FOUND is a fair answer, then the client registers.
    persisted: tuple[str, Variables] | None = None

    @classmethod
    def graphql(cls, name: str, query: str, variables: Variables, post: bool) -> PlannedRequest:
        if post:
            body = json.dumps(post_body(query, variables)).encode()
            return cls(f"{name} POST", "POST", GRAPHQL_PATH, body)
        return cls(f"{name} GET", "GET", get_path(query, variables))

    @classmethod
    def registration(cls, query: str, variables: Variables) -> PlannedRequest:
        body = json.dumps(persisted_registration(query, variables)).encode()
        return cls("apq register POST", "POST", GRAPHQL_PATH, body)


class Outcome(Enum):
    OK = "ok"
    # A bad request refused as it should be: 4xx, or a GraphQL error.
    REFUSED = "refused"
    # An APQ GET for a hash the server does not know yet (or any more).
    PERSISTED_MISS = "persisted query not found"
    SERVER_ERROR = "5xx"
    # A good request that got an error or another status than 200.
    UNEXPECTED_ERROR = "error on a good request"
    # A bad request answered with data and no error.
    BAD_ACCEPTED = "bad request accepted"


@dataclass
class Tally:
    """Everything the clients saw."""

    statuses: Counter[int] = field(default_factory=Counter)
    outcomes: Counter[Outcome] = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    failures: Counter[str] = field(default_factory=Counter)
    # (request name, what came back) of the outcomes that are not OK, REFUSED or a miss.
    problems: Counter[tuple[str, str]] = field(default_factory=Counter)
    versions: set[str] = field(default_factory=set)

    @property
    def requests(self) -> int:
        return sum(self.statuses.values()) + sum(self.failures.values())

    def record(self, planned: PlannedRequest, response: httpx.Response, seconds: float) -> Outcome:
        self.statuses[response.status_code] += 1
        self.latencies.append(seconds)
        body = _json(response)
        data = body.get("data") if body else None
        if isinstance(data, dict) and isinstance(data.get("contentVersion"), str):
            self.versions.add(data["contentVersion"])
        outcome = classify(planned, response.status_code, body)
        self.outcomes[outcome] += 1
        if outcome in (Outcome.SERVER_ERROR, Outcome.UNEXPECTED_ERROR, Outcome.BAD_ACCEPTED):
            self.problems[(planned.name, f"{response.status_code} {_summary(body)}")] += 1
        return outcome

    def record_failure(self, planned: PlannedRequest, error: Exception) -> None:
        self.failures[f"{planned.name}: {type(error).__name__}"] += 1


def classify(planned: PlannedRequest, status: int, body: dict[str, Any] | None) -> Outcome:
    errors = body.get("errors") if body else None
    if status >= 500:
        return Outcome.SERVER_ERROR
    if planned.persisted is not None and PERSISTED_QUERY_NOT_FOUND in _codes(errors):
        return Outcome.PERSISTED_MISS
    if planned.bad:
        refused = 400 <= status < 500 or bool(errors)
        return Outcome.REFUSED if refused else Outcome.BAD_ACCEPTED
    if status == 200 and body and body.get("data") and not errors:
        return Outcome.OK
    return Outcome.UNEXPECTED_ERROR


def _json(response: httpx.Response) -> dict[str, Any] | None:
    try:
        body = response.json()
    except ValueError:
        return None
    return body if isinstance(body, dict) else None


def _codes(errors: object) -> list[str]:
    if not isinstance(errors, list):
        return []
    return [
        str((error.get("extensions") or {}).get("code", ""))
        for error in errors
        if isinstance(error, dict)
    ]


def _summary(body: dict[str, Any] | None) -> str:
    if body is None:
        return "(not JSON)"
    codes = _codes(body.get("errors"))
    return ", ".join(codes) if codes else "(no errors)"


class Traffic:
    """Draws requests: mostly good ones over both methods, some bad ones."""

    def __init__(
        self,
        terms: Mapping[str, Sequence[str]],
        faq_keys: Sequence[str],
        article_keys: Sequence[str],
        rng: random.Random,
    ) -> None:
        self.terms = terms
        self.faq_keys = faq_keys
        self.article_keys = article_keys
        self.rng = rng
        self._good: dict[str, Callable[[], PlannedRequest]] = {
            "article": lambda: self._good_request(
                "article", ARTICLE, {"key": self._pick(article_keys), "locale": self._locale()}
            ),
            "faq list": lambda: self._good_request(
                "faq list", FAQ_LIST, {"locale": self._locale(), "first": rng.randint(1, 20)}
            ),
            "faq": lambda: self._good_request(
                "faq", FAQ, {"key": self._pick(faq_keys), "locale": self._locale()}
            ),
            "search": lambda: self._good_request("search", SEARCH, self._search_variables()),
            "suggest": lambda: self._good_request("suggest", SUGGEST, self._suggest_variables()),
            "apq": self._persisted,
        }
        self._bad = _bad_requests(faq_keys[0], article_keys[0])

    def next(self) -> PlannedRequest:
        if self.rng.random() < BAD_SHARE:
            return self.rng.choice(self._bad)
        names = list(GOOD_WEIGHTS)
        name = self.rng.choices(names, weights=[GOOD_WEIGHTS[n] for n in names])[0]
        return self._good[name]()

    def _good_request(self, name: str, query: str, variables: Variables) -> PlannedRequest:
        return PlannedRequest.graphql(name, query, variables, post=self.rng.random() < 0.5)

    def _persisted(self) -> PlannedRequest:
        variables = self._search_variables()
        return PlannedRequest(
            "apq GET",
            "GET",
            persisted_get_path(SEARCH, variables),
            persisted=(SEARCH, variables),
        )

    def _locale(self) -> str:
        return self.rng.choice(LOCALES)

    def _pick(self, values: Sequence[str]) -> str:
        return self.rng.choice(values)

    def _search_variables(self) -> dict[str, str]:
        locale = self._locale()
        words = self.rng.sample(self.terms[locale][:100], self.rng.choice((1, 2)))
        return {"q": " ".join(words), "locale": locale}

    def _suggest_variables(self) -> dict[str, str]:
        locale = self._locale()
        word = self.rng.choice(self.terms[locale][:100])
        return {"prefix": word[: self.rng.randint(2, 5)], "locale": locale}


def _bad_requests(faq_key: str, article_key: str) -> list[PlannedRequest]:
    """Requests the API must refuse, each named by what is wrong with it."""

    def both(name: str, query: str, variables: Variables | None = None) -> list[PlannedRequest]:
        return [
            PlannedRequest(f"bad: {name} GET", "GET", get_path(query, variables), bad=True),
            PlannedRequest(
                f"bad: {name} POST",
                "POST",
                GRAPHQL_PATH,
                json.dumps(post_body(query, variables)).encode(),
                bad=True,
            ),
        ]

    aliases = " ".join(f"a{number}: contentVersion" for number in range(40))
    unknown_hash = {"persistedQuery": {"version": 1, "sha256Hash": "0" * 64}}
    return [
        *both("unsupported locale", ARTICLE, {"key": article_key, "locale": "de-DE"}),
        *both("malformed locale", FAQ, {"key": faq_key, "locale": "!!"}),
        *both("first out of range", FAQ_LIST, {"locale": "fr-CA", "first": 500}),
        *both("bad cursor", '{ faqs(first: 5, after: "not-a-cursor") { totalCount } }'),
        *both("slug and key", '{ article(slug: "x", key: "y") { title } }'),
        *both("syntax error", "{ article(key: "),
        *both("unknown field", f'{{ article(key: "{article_key}") {{ titel }} }}'),
        *both("search too long", SEARCH, {"q": "kétamine " * 80, "locale": "fr-CA"}),
        *both("missing variable", SEARCH, {"locale": "fr-CA"}),
        *both("too many aliases", f"{{ {aliases} }}"),
        PlannedRequest("bad: invalid JSON POST", "POST", GRAPHQL_PATH, b'{"query": ', bad=True),
        PlannedRequest(
            "bad: variables not JSON GET",
            "GET",
            f"{GRAPHQL_PATH}?query=%7B+contentVersion+%7D&variables=%7Bnope",
            bad=True,
        ),
        PlannedRequest(
            "bad: unknown persisted query GET",
            "GET",
            f"{GRAPHQL_PATH}?{urlencode({'extensions': json.dumps(unknown_hash)})}",
            bad=True,
        ),
        PlannedRequest(
            "bad: oversized body POST",
            "POST",
            GRAPHQL_PATH,
            json.dumps({"query": "{ contentVersion }" + " " * OVERSIZED_BODY_BYTES}).encode(),
            bad=True,
        ),
        PlannedRequest("bad: wrong method PUT", "PUT", GRAPHQL_PATH, b"{}", bad=True),
    ]
