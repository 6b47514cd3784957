// relay-runtime running what relay-compiler generated from relay/components.js (the
// test compiles it first, against the server's /schema.graphql): the store holds both
// languages of one article apart, the @refetchable fragment's query (node(id:)) answers in
// the language the article was first read in, and the @connection pages FAQs.
import assert from "node:assert/strict";
import { createRequire } from "node:module";

import relay from "relay-runtime";

import { check, GRAPHQL } from "./http.mjs";

const { ConnectionHandler, Environment, Network, RecordSource, Store, fetchQuery, getRequest } =
  relay;
const require = createRequire(import.meta.url);
const generated = Object.fromEntries(
  ["ArticleCardQuery", "ArticleCardRefetchQuery", "FaqListQuery", "FaqListPaginationQuery"].map(
    (name) => [name, require(`../generated/relay/${name}.graphql.js`)],
  ),
);

// Every request says it prefers English: what comes back in French came from the id.
function environment() {
  const network = Network.create(async (operation, variables) => {
    const response = await fetch(GRAPHQL, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept-Language": "en-CA" },
      body: JSON.stringify({ query: operation.text, variables }),
    });
    return response.json();
  });
  return new Environment({ network, store: new Store(new RecordSource()) });
}

const run = (env, query, variables) => fetchQuery(env, getRequest(query), variables).toPromise();

function record(env, id) {
  const found = env.getStore().getSource().get(id);
  assert.ok(found, `no record ${id} in the store`);
  return found;
}

await check("relay store: article en-CA and fr-CA kept apart", async () => {
  const env = environment();
  const ids = {};
  for (const locale of ["en-CA", "fr-CA"]) {
    const data = await run(env, generated.ArticleCardQuery, { locale });
    ids[locale] = data.article.__id;
  }
  assert.notEqual(ids["en-CA"], ids["fr-CA"]);
  assert.equal(record(env, ids["en-CA"]).requestedLocale, "en-CA");
  assert.equal(record(env, ids["fr-CA"]).requestedLocale, "fr-CA");
  assert.notEqual(record(env, ids["en-CA"]).title, record(env, ids["fr-CA"]).title);
});

for (const locale of ["fr-CA", "en-CA"]) {
  await check(`relay @refetchable: ArticleCardRefetchQuery keeps ${locale}`, async () => {
    const env = environment();
    const first = await run(env, generated.ArticleCardQuery, { locale });
    const id = first.article.__id;
    const title = record(env, id).title;
    const refetched = await run(env, generated.ArticleCardRefetchQuery, { id });
    assert.equal(refetched.node.__id, id);
    assert.equal(record(env, id).requestedLocale, locale);
    assert.equal(record(env, id).title, title);
  });
}

await check("relay @connection: FAQs paged in fr-CA, en-CA kept apart", async () => {
  const env = environment();
  // What a component reading the connection would see: its edges and where it ends.
  const connectionOf = (locale) => {
    let seen = null;
    env.commitUpdate((store) => {
      const connection = ConnectionHandler.getConnection(store.getRoot(), "FaqList_faqs", {
        locale,
      });
      assert.ok(connection, `no FaqList_faqs connection for ${locale}`);
      seen = {
        edges: connection.getLinkedRecords("edges").map((edge) => {
          const node = edge.getLinkedRecord("node");
          return { id: node.getDataID(), locale: node.getValue("requestedLocale") };
        }),
        endCursor: connection.getLinkedRecord("pageInfo").getValue("endCursor"),
        hasNextPage: connection.getLinkedRecord("pageInfo").getValue("hasNextPage"),
      };
    });
    return seen;
  };
  await run(env, generated.FaqListQuery, { locale: "en-CA" });
  await run(env, generated.FaqListQuery, { locale: "fr-CA" });
  const page = connectionOf("fr-CA");
  assert.equal(page.edges.length, 2);
  assert.ok(page.hasNextPage);
  const cursor = page.endCursor;
  await run(env, generated.FaqListPaginationQuery, { count: 2, cursor, locale: "fr-CA" });
  const french = connectionOf("fr-CA").edges;
  assert.equal(french.length, 4);
  assert.equal(new Set(french.map((edge) => edge.id)).size, 4);
  assert.ok(french.every((edge) => edge.locale === "fr-CA"));
  const english = connectionOf("en-CA").edges;
  assert.equal(english.length, 2);
  assert.ok(english.every((edge) => edge.locale === "en-CA"));
  // Four French FAQs and two English ones, each its own record.
  assert.equal(new Set([...french, ...english].map((edge) => edge.id)).size, 6);
});
