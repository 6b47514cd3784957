// urql with Graphcache, its normalising cache: the same article, FAQ list and UI
// messages in en-CA and fr-CA, each read back from the cache in its own language.
import assert from "node:assert/strict";

import { Client, fetchExchange, gql } from "@urql/core";
import { cacheExchange } from "@urql/exchange-graphcache";

import { check, GRAPHQL } from "./http.mjs";

const ARTICLE = gql`
  query Article($locale: String!) {
    article(key: "ketamine-trd", locale: $locale) {
      id title requestedLocale sections { key heading } faqs { id question requestedLocale }
    }
  }
`;
const FAQS = gql`
  query Faqs($locale: String!) {
    faqs(locale: $locale, first: 5) { edges { node { id question requestedLocale } } }
  }
`;
const MESSAGES = gql`
  query Messages($locale: String!) { messages(locale: $locale) { key text } }
`;

// Connection types have no id by nature: declared as stored inside their parent. Section
// and UiMessage are left to Graphcache's default (by `id`): they have none, so Graphcache
// embeds them too (with a warning on stderr), whereas an `id` would merge the languages.
const EMBEDDED = ["FaqConnection", "FaqEdge", "PageInfo"];

async function bothThenCache(query) {
  let requests = 0;
  const client = new Client({
    url: GRAPHQL,
    exchanges: [
      cacheExchange({ keys: Object.fromEntries(EMBEDDED.map((name) => [name, () => null])) }),
      fetchExchange,
    ],
    fetch: (...args) => {
      requests += 1;
      return fetch(...args);
    },
  });
  const fromNetwork = {};
  for (const locale of ["en-CA", "fr-CA"]) {
    const result = await client.query(query, { locale }).toPromise();
    assert.ifError(result.error);
    fromNetwork[locale] = result.data;
  }
  const fromCache = {};
  for (const locale of ["en-CA", "fr-CA"]) {
    const result = await client
      .query(query, { locale }, { requestPolicy: "cache-only" })
      .toPromise();
    fromCache[locale] = result.data;
  }
  assert.equal(requests, 2, "the cache went back to the network");
  return { fromNetwork, fromCache };
}

// urql adds __typename to what it reads; compare without it.
const plain = (data) =>
  JSON.parse(JSON.stringify(data, (name, value) => (name === "__typename" ? undefined : value)));

for (const [name, query] of [
  ["article", ARTICLE],
  ["FAQ list", FAQS],
  ["UI messages", MESSAGES],
]) {
  await check(`urql graphcache: ${name} en-CA and fr-CA re-read in their own language`, async () => {
    const { fromNetwork, fromCache } = await bothThenCache(query);
    for (const locale of ["en-CA", "fr-CA"]) {
      assert.deepEqual(plain(fromCache[locale]), plain(fromNetwork[locale]));
    }
    assert.notDeepEqual(plain(fromCache["en-CA"]), plain(fromCache["fr-CA"]));
  });
}
