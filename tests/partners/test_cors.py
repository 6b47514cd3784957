"""CORS over HTTP: partners' sites may read what their keys fetch, and nothing else can."""

from __future__ import annotations

import httpx
import pytest

from api.rate_limits import RateLimit
from tests.api.conftest import ApiClient
from tests.partners.conftest import MakeGatedClient
from tests.partners.sample import (
    FOREIGN_ORIGIN,
    PARTNER_KEY,
    PARTNER_ORIGIN,
    SCOPED_KEY,
    SCOPED_ORIGIN,
)

QUERY = '{ faq(key: "side-effects", locale: "fr-CA") { key } }'


def preflight(
    client: ApiClient, origin: str, path: str = "/graphql", method: str = "POST"
) -> httpx.Response:
    return client.request(
        "OPTIONS",
        path,
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": method,
            "Access-Control-Request-Headers": "content-type, x-api-key",
        },
    )


def vary_of(response: httpx.Response) -> list[str]:
    return [value.strip().lower() for value in response.headers.get("vary", "").split(",")]


def test_a_partner_site_may_read_what_its_key_fetched(gated_client: ApiClient) -> None:
    response = gated_client.post_query(
        QUERY, headers={"X-Api-Key": PARTNER_KEY, "Origin": PARTNER_ORIGIN}
    )

    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == PARTNER_ORIGIN
    exposed = {
        h.strip().lower() for h in response.headers["access-control-expose-headers"].split(",")
    }
    assert exposed == {"etag", "x-request-id", "retry-after", "content-language"}
    assert "access-control-allow-credentials" not in response.headers


def test_a_development_server_on_any_port_of_a_listed_pattern(gated_client: ApiClient) -> None:
    response = gated_client.post_query(
        QUERY, headers={"X-Api-Key": PARTNER_KEY, "Origin": "http://localhost:5173"}
    )

    assert response.headers["access-control-allow-origin"] == "http://localhost:5173"


def test_a_key_used_from_another_origin_is_refused(gated_client: ApiClient) -> None:
    response = gated_client.post_query(
        QUERY, headers={"X-Api-Key": PARTNER_KEY, "Origin": FOREIGN_ORIGIN}
    )

    assert response.status_code == 403
    assert response.json()["errors"][0]["extensions"] == {"code": "ORIGIN_NOT_ALLOWED"}
    assert "access-control-allow-origin" not in response.headers


def test_a_key_used_from_another_partners_origin_is_refused(gated_client: ApiClient) -> None:
    response = gated_client.post_query(
        QUERY, headers={"X-Api-Key": PARTNER_KEY, "Origin": SCOPED_ORIGIN}
    )

    assert response.status_code == 403
    # That other partner's developers may read why (the refusal holds no content).
    assert response.headers["access-control-allow-origin"] == SCOPED_ORIGIN


def test_anonymous_cross_origin_requests_get_no_cors_headers(gated_client: ApiClient) -> None:
    for origin in (FOREIGN_ORIGIN, PARTNER_ORIGIN):
        response = gated_client.post_query(QUERY, headers={"Origin": origin})

        assert response.status_code == 200  # served (to servers and same-origin pages) ...
        assert "access-control-allow-origin" not in response.headers  # ... unreadable here


def test_responses_vary_on_origin_and_key_keeping_other_values(gated_client: ApiClient) -> None:
    # Without a locale argument the answer depends on Accept-Language too.
    response = gated_client.post_query(
        '{ faq(key: "side-effects") { key } }',
        headers={"X-Api-Key": PARTNER_KEY, "Origin": PARTNER_ORIGIN},
    )
    anonymous = gated_client.post_query(QUERY)

    assert {"accept-language", "origin", "x-api-key"} <= set(vary_of(response))
    assert len(vary_of(response)) == len(set(vary_of(response)))
    assert {"origin", "x-api-key"} <= set(vary_of(anonymous))


def test_a_preflight_from_a_partner_origin_is_answered(gated_client: ApiClient) -> None:
    response = preflight(gated_client, SCOPED_ORIGIN)

    assert response.status_code == 204
    headers = response.headers
    assert headers["access-control-allow-origin"] == SCOPED_ORIGIN
    assert {m.strip() for m in headers["access-control-allow-methods"].split(",")} == {
        "GET",
        "POST",
    }
    allowed = {h.strip() for h in headers["access-control-allow-headers"].split(",")}
    assert {"content-type", "x-api-key", "accept", "x-request-id", "if-none-match"} <= allowed
    assert headers["access-control-max-age"] == "600"
    assert "origin" in vary_of(response)
    assert response.content == b""


def test_a_preflight_from_another_origin_is_refused_without_cors_headers(
    gated_client: ApiClient,
) -> None:
    response = preflight(gated_client, FOREIGN_ORIGIN)

    assert response.status_code == 403
    assert not [name for name in response.headers if name.startswith("access-control-")]
    assert "origin" in vary_of(response)


def test_a_preflight_takes_no_rate_limit_token(make_gated_client: MakeGatedClient) -> None:
    client = make_gated_client(anonymous_rate_limit=RateLimit(1, "hour"))

    statuses = [preflight(client, PARTNER_ORIGIN).status_code for _ in range(3)]

    assert statuses == [204, 204, 204]
    assert client.post_query(QUERY).status_code == 200  # the anonymous token is still there


def test_an_options_request_that_is_no_preflight_reaches_the_endpoint(
    gated_client: ApiClient,
) -> None:
    response = gated_client.request("OPTIONS", "/graphql", headers={"Origin": PARTNER_ORIGIN})

    assert response.status_code == 405


def test_a_scoped_partners_site_is_allowed_too(gated_client: ApiClient) -> None:
    response = gated_client.post_query(
        QUERY, headers={"X-Api-Key": SCOPED_KEY, "Origin": SCOPED_ORIGIN}
    )

    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == SCOPED_ORIGIN


@pytest.mark.parametrize("path", ["/healthz", "/schema.graphql"])
def test_ungated_paths_answer_no_preflight(gated_client: ApiClient, path: str) -> None:
    response = preflight(gated_client, PARTNER_ORIGIN, path=path, method="GET")

    assert "access-control-allow-origin" not in response.headers
