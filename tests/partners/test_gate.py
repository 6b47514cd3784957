"""The gate over HTTP: who may ask, with which key, how often, and what they are told."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.requests import Request
from starlette.types import Receive, Scope, Send

from api.partners import Access, LivePartners, PartnerGate, RateLimiter
from api.partners.keys import key_digest
from api.rate_limits import RateLimit
from tests.api.conftest import ApiClient
from tests.partners.conftest import MakeGatedClient
from tests.partners.sample import (
    PARTNER_KEY,
    PARTNER_ORIGIN,
    SCOPED_KEY,
    SECOND_PARTNER_KEY,
    FakeClock,
)

QUERY = '{ article(key: "ketamine-trd") { key } }'


def error_of(response: httpx.Response) -> dict[str, Any]:
    """The one error of a GraphQL-shaped error body."""
    [error] = response.json()["errors"]
    assert set(error) == {"message", "extensions"}
    assert error["message"]
    return error  # type: ignore[no-any-return]


def test_a_valid_key_is_served_without_an_origin(gated_client: ApiClient) -> None:
    # Servers calling the API send no Origin: the key alone is enough.
    data = gated_client.data(QUERY, headers={"X-Api-Key": PARTNER_KEY})

    assert data == {"article": {"key": "ketamine-trd"}}


def test_every_key_of_a_partner_works(gated_client: ApiClient) -> None:
    for key in (PARTNER_KEY, SECOND_PARTNER_KEY):
        assert gated_client.data(QUERY, headers={"X-Api-Key": key})["article"] is not None


def test_an_unknown_key_gets_401(gated_client: ApiClient) -> None:
    response = gated_client.post_query(QUERY, headers={"X-Api-Key": "cpk_not-a-key"})

    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["www-authenticate"] == 'ApiKey header="X-Api-Key"'
    assert error_of(response)["extensions"] == {"code": "INVALID_API_KEY"}


def test_the_digest_of_a_key_is_not_a_key(gated_client: ApiClient) -> None:
    response = gated_client.post_query(QUERY, headers={"X-Api-Key": key_digest(PARTNER_KEY)})

    assert response.status_code == 401


def test_an_empty_key_is_an_invalid_key(gated_client: ApiClient) -> None:
    response = gated_client.post_query(QUERY, headers={"X-Api-Key": ""})

    assert error_of(response)["extensions"]["code"] == "INVALID_API_KEY"


def test_gate_refusals_carry_a_request_id(gated_client: ApiClient) -> None:
    response = gated_client.post_query(
        QUERY, headers={"X-Api-Key": "cpk_not-a-key", "X-Request-ID": "trace-42"}
    )

    assert response.headers["x-request-id"] == "trace-42"


def test_graphql_clients_get_the_graphql_media_type(gated_client: ApiClient) -> None:
    response = gated_client.post_query(
        QUERY,
        headers={"X-Api-Key": "cpk_not-a-key", "Accept": "application/graphql-response+json"},
    )

    assert response.headers["content-type"] == "application/graphql-response+json"


def test_anonymous_requests_are_served_by_default(gated_client: ApiClient) -> None:
    assert gated_client.data(QUERY) == {"article": {"key": "ketamine-trd"}}


def test_without_anonymous_access_a_key_is_required(make_gated_client: MakeGatedClient) -> None:
    client = make_gated_client(anonymous_access=False)

    response = client.post_query(QUERY)

    assert response.status_code == 401
    assert error_of(response)["extensions"] == {"code": "API_KEY_REQUIRED"}
    assert "X-Api-Key" in error_of(response)["message"]
    assert client.data(QUERY, headers={"X-Api-Key": PARTNER_KEY})["article"] is not None


def test_get_requests_are_gated_too(make_gated_client: MakeGatedClient) -> None:
    client = make_gated_client(anonymous_access=False)

    assert client.get("/graphql", params={"query": QUERY}).status_code == 401
    keyed = client.get("/graphql", params={"query": QUERY}, headers={"X-Api-Key": PARTNER_KEY})
    assert keyed.status_code == 200


@pytest.mark.parametrize("path", ["/healthz", "/readyz", "/schema.graphql"])
def test_operational_paths_are_not_gated(make_gated_client: MakeGatedClient, path: str) -> None:
    client = make_gated_client(anonymous_access=False, anonymous_rate_limit=RateLimit(1, "hour"))

    responses = [client.get(path, headers={"X-Api-Key": "cpk_not-a-key"}) for _ in range(3)]

    assert [response.status_code for response in responses] == [200, 200, 200]
    assert "access-control-allow-origin" not in responses[0].headers


def test_the_request_state_holds_the_access(partners_file: Path) -> None:
    seen: list[Access] = []

    async def endpoint(scope: Scope, receive: Receive, send: Send) -> None:
        seen.append(Request(scope).state.access)
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    gate = PartnerGate(endpoint, partners=LivePartners(partners_file), limiter=RateLimiter())
    ApiClient(gate).post_query(QUERY)
    ApiClient(gate).post_query(QUERY, headers={"X-Api-Key": SCOPED_KEY})

    anonymous, scoped = seen
    assert anonymous.is_anonymous and anonymous.cache_key == "anonymous"
    assert anonymous.scope.is_unrestricted
    assert scoped.partner is not None and scoped.partner.name == "clinique-francophone"
    assert scoped.cache_key.startswith("partner:clinique-francophone:")
    assert scoped.scope.locales == frozenset({"fr-CA"})


def limited_client(
    make_gated_client: MakeGatedClient, **overrides: Any
) -> tuple[ApiClient, FakeClock]:
    clock = FakeClock()
    return make_gated_client(clock=clock, **overrides), clock


def test_beyond_its_rate_limit_a_partner_gets_429(
    make_gated_client: MakeGatedClient, partners_file: Path
) -> None:
    partners_file.write_text(
        partners_file.read_text().replace("rate_limit: 600/minute", "rate_limit: 2/minute", 1)
    )
    client, _ = limited_client(make_gated_client)
    headers = {"X-Api-Key": PARTNER_KEY, "Origin": PARTNER_ORIGIN}

    statuses = [client.post_query(QUERY, headers=headers).status_code for _ in range(2)]
    limited = client.post_query(QUERY, headers=headers)

    assert statuses == [200, 200]
    assert limited.status_code == 429
    # The window frees a place when the oldest request is a minute old.
    assert limited.headers["retry-after"] == "60"
    error = error_of(limited)
    assert error["extensions"] == {"code": "RATE_LIMITED", "retryAfter": 60}
    assert "60 seconds" in error["message"]
    # The partner's own site may read the refusal (and its Retry-After).
    assert limited.headers["access-control-allow-origin"] == PARTNER_ORIGIN
    assert "Retry-After" in limited.headers["access-control-expose-headers"]


def test_a_partners_keys_share_one_bucket(
    make_gated_client: MakeGatedClient, partners_file: Path
) -> None:
    partners_file.write_text(
        partners_file.read_text().replace("rate_limit: 600/minute", "rate_limit: 1/hour", 1)
    )
    client, _ = limited_client(make_gated_client)

    first = client.post_query(QUERY, headers={"X-Api-Key": PARTNER_KEY})
    second = client.post_query(QUERY, headers={"X-Api-Key": SECOND_PARTNER_KEY})
    other_partner = client.post_query(QUERY, headers={"X-Api-Key": SCOPED_KEY})

    assert (first.status_code, second.status_code) == (200, 429)
    assert other_partner.status_code == 200


def test_anonymous_clients_are_limited_per_address(make_gated_client: MakeGatedClient) -> None:
    client, _ = limited_client(make_gated_client, anonymous_rate_limit=RateLimit(3, "minute"))

    statuses = [client.post_query(QUERY).status_code for _ in range(4)]
    keyed = client.post_query(QUERY, headers={"X-Api-Key": PARTNER_KEY})

    assert statuses == [200, 200, 200, 429]
    assert keyed.status_code == 200  # a key has its own window


def test_refused_requests_take_no_token(make_gated_client: MakeGatedClient) -> None:
    client, _ = limited_client(make_gated_client, anonymous_rate_limit=RateLimit(1, "hour"))

    for _ in range(3):
        client.post_query(QUERY, headers={"X-Api-Key": "cpk_not-a-key"})

    assert client.post_query(QUERY).status_code == 200


def test_embed_pages_and_oembed_are_gated_but_static_files_are_not(
    make_gated_client: MakeGatedClient,
) -> None:
    client = make_gated_client(anonymous_access=False)

    page = client.get("/embed/v1/fr-CA/faqs/effets-secondaires-du-traitement-par-ketamine")
    oembed = client.get("/oembed", params={"url": "https://clinic.example/fr-CA/faqs/x"})
    script = client.get("/embed/v1/widget.js")

    assert (page.status_code, oembed.status_code) == (401, 401)
    assert error_of(page)["extensions"]["code"] == "API_KEY_REQUIRED"
    assert script.status_code == 200
