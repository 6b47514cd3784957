// Apollo Client (3 or 4, the first argument after the URL) against the real server:
// one InMemoryCache holding the same article, FAQ list and UI messages in en-CA and
// fr-CA, each read back from the cache in its own language; persisted queries over GET,
// revalidated by ETag.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";

import { check, GRAPHQL, revalidatingFetch } from "./http.mjs";

const version = process.argv[3];
const apollo = await import(version === "4" ? "@apollo/client-4" : "@apollo/client/core/index.js");
const { createPersistedQueryLink } = await import(
  version === "4"
    ? "@apollo/client-4/link/persisted-queries"
    : "@apollo/client/link/persisted-queries/index.js"
);
const { ApolloClient, ApolloLink, HttpLink, InMemoryCache, gql } = apollo;

const ARTICLE = gql`
  query Article($locale: String!) {
    article(key: "ketamine-trd", locale: $locale) {
      id
      title
      requestedLocale
      sections { key heading }
      faqs { id question }
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
// What each language looks like, to tell a mixed-up cache from a right one.
const SIGNS = { "en-CA": /\b(the|is|and|of)\b/i, "fr-CA": /\b(la|le|les|est|et|des)\b/i };

function client(fetcher, link = null) {
  const http = new HttpLink({ uri: GRAPHQL, fetch: fetcher });
  return new ApolloClient({
    cache: new InMemoryCache(),
    link: link ? ApolloLink.from([link, http]) : http,
  });
}

function inLanguage(text, locale) {
  const other = locale === "en-CA" ? "fr-CA" : "en-CA";
  assert.match(text, SIGNS[locale], `expected ${locale} text: ${text}`);
  assert.doesNotMatch(text, SIGNS[other], `${other} text where ${locale} was cached: ${text}`);
}

async function bothThenCache(apolloClient, query) {
  const fromNetwork = {};
  for (const locale of ["en-CA", "fr-CA"]) {
    fromNetwork[locale] = (await apolloClient.query({ query, variables: { locale } })).data;
  }
  const fromCache = {};
  for (const locale of ["en-CA", "fr-CA"]) {
    // cache-only: what a page reads back without asking the server again.
    const read = await apolloClient.query({ query, variables: { locale }, fetchPolicy: "cache-only" });
    fromCache[locale] = read.data;
  }
  return { fromNetwork, fromCache };
}

await check(`apollo${version} cache: article en-CA and fr-CA re-read in their own language`, async () => {
  const { fromNetwork, fromCache } = await bothThenCache(client(fetch), ARTICLE);
  for (const locale of ["en-CA", "fr-CA"]) {
    const article = fromCache[locale].article;
    assert.deepEqual(article, fromNetwork[locale].article);
    assert.equal(article.requestedLocale, locale);
    inLanguage(article.sections.map((section) => section.heading).join(" "), locale);
    inLanguage(article.faqs.map((faq) => faq.question).join(" "), locale);
  }
  assert.notEqual(fromCache["en-CA"].article.id, fromCache["fr-CA"].article.id);
  assert.notEqual(fromCache["en-CA"].article.title, fromCache["fr-CA"].article.title);
});

await check(`apollo${version} cache: FAQ list en-CA and fr-CA re-read in their own language`, async () => {
  const { fromNetwork, fromCache } = await bothThenCache(client(fetch), FAQS);
  for (const locale of ["en-CA", "fr-CA"]) {
    assert.deepEqual(fromCache[locale], fromNetwork[locale]);
    const nodes = fromCache[locale].faqs.edges.map((edge) => edge.node);
    assert.equal(nodes.length, 5);
    assert.ok(nodes.every((faq) => faq.requestedLocale === locale));
    inLanguage(nodes.map((faq) => faq.question).join(" "), locale);
  }
});

await check(`apollo${version} cache: UI messages en-CA and fr-CA re-read in their own language`, async () => {
  const { fromNetwork, fromCache } = await bothThenCache(client(fetch), MESSAGES);
  const label = (locale) =>
    fromCache[locale].messages.find((message) => message.key === "search.label").text;
  for (const locale of ["en-CA", "fr-CA"]) {
    assert.deepEqual(fromCache[locale], fromNetwork[locale]);
  }
  assert.notEqual(label("en-CA"), label("fr-CA"));
});

await check(`apollo${version} persisted queries over GET, revalidated by ETag`, async () => {
  const sha256 = (text) => createHash("sha256").update(text).digest("hex");
  const link = () => createPersistedQueryLink({ sha256, useGETForHashedQueries: true });
  // Named after the client, so that each version's hash starts unknown to the server.
  const query = gql(`query PersistedFaqs${version}($locale: String!) {
    faqs(locale: $locale, first: 5) { edges { node { id question } } } }`);
  const variables = { locale: "fr-CA" };
  const browser = revalidatingFetch({ "Accept-Language": "en-CA" });

  // First visit: a hashed GET, PersistedQueryNotFound, then Apollo registers the query.
  const first = await client(browser.fetch, link()).query({ query, variables });
  const [hashed, ...registration] = browser.log;
  assert.equal(hashed.method, "GET");
  assert.ok(!new URL(hashed.url).searchParams.has("query"));
  assert.equal(registration.length, 1, JSON.stringify(browser.log));
  inLanguage(first.data.faqs.edges.map((edge) => edge.node.question).join(" "), "fr-CA");

  // Later pages (a fresh Apollo cache, the same browser) send only the short hashed GET:
  // the first gets a 200 with an ETag (the refused GET had none), the next a 304.
  for (const expected of [200, 304]) {
    browser.log.length = 0;
    const again = await client(browser.fetch, link()).query({ query, variables });
    assert.deepEqual(again.data, first.data);
    assert.deepEqual(
      browser.log.map((exchange) => [exchange.method, exchange.status]),
      [["GET", expected]],
    );
    assert.equal(browser.log[0].url, hashed.url);
  }

  // The locale is fixed by the argument: a reader of another language revalidates the
  // same URL with the same ETag, and gets a 304 too.
  const held = await fetch(hashed.url, { headers: { "Accept-Language": "en-CA" } });
  const other = await fetch(hashed.url, {
    headers: { "Accept-Language": "fr-CA", "If-None-Match": held.headers.get("etag") },
  });
  assert.equal(other.status, 304);
});
