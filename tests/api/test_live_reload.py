"""Live reload: valid edits are served within seconds, invalid ones never are."""

from __future__ import annotations

import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

from api.search import SearchRequest
from api.serving import LiveServices
from tests.api.conftest import ApiClient, MakeClient
from tests.api.servers import running_server
from tests.conftest import ContentTree

FR_FAQ = "locales/fr-CA/faqs/side-effects.yaml"
OLD = "des nausées"
NEW = "des nausées passagères"
QUESTION_QUERY = '{ faq(key: "side-effects", locale: "fr-CA") { answer { text } } }'
STATUS_QUERY = "{ contentStatus { version problems { file line field message } } }"
RELOAD_DEADLINE_SECONDS = 10
OPERATOR_TOKEN = "operator-token-for-the-tests"
OPERATOR = {"Authorization": f"Bearer {OPERATOR_TOKEN}"}


def live_of(client: ApiClient) -> LiveServices:
    return client.api.live


def answer(client: Any) -> str:
    text: str = client.data(QUESTION_QUERY)["faq"]["answer"]["text"]
    return text


def test_a_valid_edit_is_served_with_a_new_version_and_index(
    content_tree: ContentTree, make_client: MakeClient
) -> None:
    client = make_client(content_tree)
    live = live_of(client)
    before = live.current
    content_tree.replace(FR_FAQ, OLD, f"{NEW}, zygomatiques")

    assert live.reload() is True
    assert NEW in answer(client)
    assert client.data(STATUS_QUERY)["contentStatus"]["version"] != before.snapshot.version
    # The index was updated for the edited item: its new word is found.
    hits = live.current.search.search(SearchRequest(text="zygomatiques", locale="fr-CA")).hits
    assert [hit.key for hit in hits] == ["side-effects"]
    # A request that started before the reload still has the old version, fully usable.
    assert OLD in before.snapshot.faqs["side-effects"].texts["fr-CA"].fields["answer"]
    assert before.search.search(SearchRequest(text="nausées", locale="fr-CA")).total >= 1


def test_an_unchanged_tree_does_not_make_a_new_version(
    content_tree: ContentTree, make_client: MakeClient
) -> None:
    client = make_client(content_tree)
    live = live_of(client)
    services = live.current
    assert live.reload() is False
    assert live.current is services


def test_an_invalid_edit_keeps_the_last_good_version_and_reports_it(
    content_tree: ContentTree, make_client: MakeClient
) -> None:
    client = make_client(content_tree, operator_token=OPERATOR_TOKEN)
    live = live_of(client)
    version = live.current.snapshot.version
    content_tree.replace(FR_FAQ, "\nquestion:", "\nquestoin:")

    assert live.reload() is False
    assert OLD in answer(client)
    status = client.data(STATUS_QUERY, headers=OPERATOR)["contentStatus"]
    assert status["version"] == version
    [problem] = status["problems"]
    assert problem["file"] == FR_FAQ
    assert problem["line"] == 3
    assert problem["field"] == "questoin"
    readiness = client.get("/readyz", headers=OPERATOR).json()
    assert readiness["contentVersion"] == version
    assert readiness["contentProblems"][0]["field"] == "questoin"
    # Paths and values are the operator's: anonymous callers (and partners) see none.
    assert client.data(STATUS_QUERY)["contentStatus"]["problems"] is None
    assert "questoin" not in client.get("/readyz").text

    content_tree.replace(FR_FAQ, "\nquestoin:", "\nquestion:")
    live.reload()
    assert client.data(STATUS_QUERY, headers=OPERATOR)["contentStatus"]["problems"] == []


def test_messages_query_gives_french_plural_forms(
    make_client: MakeClient, content_tree: ContentTree
) -> None:
    client = make_client(content_tree)
    messages = client.data('{ messages(locale: "fr") { key text plurals { category text } } }')
    by_id = {message["key"]: message for message in messages["messages"]}
    assert by_id["search.label"]["text"] == "Rechercher"
    assert [form["category"] for form in by_id["search.result_count"]["plurals"]] == [
        "one",
        "many",
        "other",
    ]


def wait_for(condition: Any, what: str) -> float:
    """Seconds until ``condition()`` holds; fails after the deadline."""
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > RELOAD_DEADLINE_SECONDS:
            raise AssertionError(f"not within {RELOAD_DEADLINE_SECONDS} s: {what}")
        time.sleep(0.05)
    return time.monotonic() - start


def test_a_real_server_reloads_edits_under_load_without_failing_a_request(
    content_tree: ContentTree, tmp_path: Path
) -> None:
    environment = {"CONTENT_API_WATCH": "true", "CONTENT_API_OPERATOR_TOKEN": OPERATOR_TOKEN}
    with running_server(content_tree.root, tmp_path / "index", environment) as url:
        outcomes: Counter[str] = Counter()
        answers: list[str] = []
        stop = threading.Event()

        def keep_querying() -> None:
            with httpx.Client(base_url=url, timeout=10) as session:
                while not stop.is_set():
                    try:
                        response = session.post("/graphql", json={"query": QUESTION_QUERY})
                        body = response.json()
                        if response.status_code == 200 and "errors" not in body:
                            outcomes["ok"] += 1
                            answers.append(body["data"]["faq"]["answer"]["text"])
                        else:
                            outcomes[f"failed {response.status_code}"] += 1
                    except httpx.HTTPError as error:
                        outcomes[type(error).__name__] += 1

        clients = [threading.Thread(target=keep_querying) for _ in range(4)]
        for thread in clients:
            thread.start()
        try:
            time.sleep(0.5)
            content_tree.replace(FR_FAQ, OLD, NEW)
            wait_for(lambda: bool(answers) and NEW in answers[-1], "the edit is served")

            # A broken edit: the server keeps answering with the last good text.
            content_tree.replace(FR_FAQ, "\nquestion:", "\nquestoin:")
            wait_for(
                lambda: bool(
                    httpx.get(f"{url}/readyz", headers=OPERATOR).json()["contentProblems"]
                ),
                "the problem is reported",
            )
            served = len(answers)
            time.sleep(0.3)
        finally:
            stop.set()
            for thread in clients:
                thread.join()

    assert set(outcomes) == {"ok"}, outcomes
    assert outcomes["ok"] > 20
    assert all(NEW in text for text in answers[served:])
