"""Uncached GraphQL executions per second, in process, on the shipped content.

What a query costs the service itself, without a socket or a cache: the app is built
by ``create_app`` with the response cache off and queried through httpx's ASGI
transport. Run by hand, from a checkout's root::

    .venv/bin/python -m bench.execution

To compare two checkouts in one run (shared machines drift), run this file from the
other one's root with its package first on the path::

    (cd ../other && PYTHONPATH=. ../main/.venv/bin/python ../main/bench/execution.py)

With ``--faqs N`` it serves the synthetic tree of N FAQs per locale instead
(``bench/content_tree.py``, generated and indexed the first time) and adds
``search-uncached``: the search of ``bench.http_load``, every request a different pair
of the corpus's commonest words, alternating locales, as GETs. It is what one worker
can do for uncached searches without a socket, the CPU side of ``http_load``'s case::

    .venv/bin/python -m bench.execution --faqs 10000 --requests 400
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time

import httpx

from api.app import create_app
from api.settings import Settings
from bench.content_tree import search_terms, synthetic_tree
from bench.http_load import DistinctSearches

QUERIES = {
    "article": """query($l: String) { article(key: "ketamine-trd", locale: $l) {
        title summary callToAction readingTime { label } seo { title description }
        sections { key heading body { html } } faqs { question answer { html } } } }""",
    "faq-list": """query($l: String) { faqs(locale: $l, first: 10) {
        totalCount edges { node { question answer { text } fieldLocales { field locale } } } } }""",
    "search": """query($l: String) { search(query: "kétamine effets", locale: $l) {
        totalCount hits { snippets { html } content { key } } } }""",
}


async def rate(client: httpx.AsyncClient, query: str, requests: int, rounds: int) -> float:
    """The best of ``rounds`` runs of ``requests`` queries, alternating the two locales."""
    best = 0.0
    for _ in range(rounds):
        started = time.perf_counter()
        for number in range(requests):
            variables = {"l": "fr-CA" if number % 2 else "en-CA"}
            response = await client.post("/graphql", json={"query": query, "variables": variables})
            if response.status_code != 200 or "errors" in response.json():
                raise AssertionError(response.text)
        best = max(best, requests / (time.perf_counter() - started))
    return best


async def distinct_rate(client: httpx.AsyncClient, paths: list[str], rounds: int) -> float:
    """The best of ``rounds`` runs through ``paths``, each GET sent once in all."""
    best = 0.0
    per_round = len(paths) // rounds
    for number in range(rounds):
        started = time.perf_counter()
        for path in paths[number * per_round : (number + 1) * per_round]:
            response = await client.get(path, headers={"Accept": "application/json"})
            if response.status_code != 200 or "errors" in response.json():
                raise AssertionError(response.text)
        best = max(best, per_round / (time.perf_counter() - started))
    return best


async def measure(
    requests: int, rounds: int, faqs: int | None = None, index_dir: str | None = None
) -> dict[str, float]:
    # As an operator writes them, which every version of the settings reads the same way.
    environment = {
        "CONTENT_API_INDEX_DIR": tempfile.mkdtemp(prefix="bench-execution-"),
        "CONTENT_API_ANONYMOUS_RATE_LIMIT": "off",
        "CONTENT_API_RESPONSE_CACHE_ENTRIES": "0",
    }
    tree = synthetic_tree(faqs) if faqs else None
    if tree is not None:
        environment.update(tree.environment())
    if index_dir is not None:
        # Another checkout's index format: built there at the first start.
        environment["CONTENT_API_INDEX_DIR"] = index_dir
    transport = httpx.ASGITransport(app=create_app(Settings.from_env(environment)))
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        for query in QUERIES.values():  # warm: Babel data, Markdown caches, searchers
            await rate(client, query, 20, 1)
        rates = {
            name: await rate(client, query, requests, rounds) for name, query in QUERIES.items()
        }
        if tree is not None:
            paths = DistinctSearches(search_terms(tree)).paths(0)[: requests * rounds]
            rates["search-uncached"] = await distinct_rate(client, paths, rounds)
        return rates


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--requests", type=int, default=300, help="queries per round")
    parser.add_argument("--rounds", type=int, default=5, help="rounds; the best is kept")
    parser.add_argument("--faqs", type=int, help="serve the synthetic tree of N FAQs per locale")
    parser.add_argument("--index-dir", help="index folder (default: a new one, or the tree's)")
    options = parser.parse_args()
    rates = asyncio.run(measure(options.requests, options.rounds, options.faqs, options.index_dir))
    for name, per_second in rates.items():
        print(f"{name:<10} {per_second:8.0f} uncached queries/s")


if __name__ == "__main__":
    main()
