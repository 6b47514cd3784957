// graphql-codegen (typescript + typescript-operations) typing operations from the
// server's SDL and from its introspection: the same types both ways, every custom
// scalar typed from its @specifiedBy, nothing left `unknown` or `any`; and the
// introspection printed back equal to the committed schema.graphql.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";

import { codegen } from "@graphql-codegen/core";
import * as typescript from "@graphql-codegen/typescript";
import * as operations from "@graphql-codegen/typescript-operations";
import {
  buildClientSchema,
  buildSchema,
  getIntrospectionQuery,
  lexicographicSortSchema,
  parse,
  printSchema,
} from "graphql";

import { check, GRAPHQL, SERVER } from "./http.mjs";

// The text form each specification describes: a front end receives these as strings.
const SPECIFIED_TYPES = {
  "https://scalars.graphql.org/andimarek/local-date.html": "string",
  "https://scalars.graphql.org/andimarek/date-time.html": "string",
  // Any JSON value (structuredData's JSON-LD objects): arrays and objects are `object`.
  "https://www.rfc-editor.org/rfc/rfc8259": "string | number | boolean | null | object",
};
const OPERATIONS = parse(`
  query ArticlePage($locale: String!) {
    article(key: "ketamine-trd", locale: $locale) {
      id title published { iso formatted } sections { key heading body { html } }
    }
  }
  query Status { contentStatus { version loadedAt checkedAt } }
  query FaqPage($first: Int, $after: String) {
    faqs(first: $first, after: $after) { edges { cursor node { id question } } pageInfo { endCursor } }
  }
`);

// Custom scalars mapped by their specification; one without is left out, and
// strictScalars then refuses to generate.
function scalarsOf(schema) {
  const builtIn = new Set(["String", "Int", "Float", "Boolean", "ID"]);
  const mapped = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.constructor.name !== "GraphQLScalarType" || builtIn.has(type.name)) continue;
    const typed = SPECIFIED_TYPES[type.specifiedByURL];
    if (typed) mapped[type.name] = typed;
  }
  return mapped;
}

async function generate(schema) {
  return codegen({
    filename: "operations.ts",
    schema: parse(printSchema(schema)),
    schemaAst: schema,
    documents: [{ location: "operations.graphql", document: OPERATIONS }],
    config: { strictScalars: true, scalars: scalarsOf(schema), defaultScalarType: "unknown" },
    plugins: [{ typescript: {} }, { typescriptOperations: {} }],
    pluginMap: { typescript, typescriptOperations: operations },
  });
}

const sdl = await (await fetch(`${SERVER}/schema.graphql`)).text();
const introspection = await (
  await fetch(GRAPHQL, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ query: getIntrospectionQuery({ specifiedByUrl: true }) }),
  })
).json();
const fromSdl = buildSchema(sdl);
const fromIntrospection = buildClientSchema(introspection.data);

// The types of the operations themselves, after the schema's.
const operationTypes = (generated) =>
  generated.slice(generated.indexOf("export type ArticlePageQueryVariables"));

let typed = "";
await check("codegen from SDL: typed operations, no unknown scalars", async () => {
  typed = await generate(fromSdl);
  assert.match(typed, /Date: \{ input: string; output: string; \}/);
  assert.match(typed, /DateTime: \{ input: string; output: string; \}/);
  assert.match(typed, /JSON: \{ input: string \| number \| boolean \| null \| object; output:/);
  assert.match(typed, /export type ArticlePageQuery = /);
  // Every scalar has a type: none falls back to `unknown` (or `any`).
  const scalars = typed.match(/export type Scalars = \{[^]*?\n\};/)[0];
  assert.doesNotMatch(scalars, /\b(unknown|any)\b/);
  assert.doesNotMatch(operationTypes(typed), /\b(unknown|any)\b/);
  assert.match(operationTypes(typed), /iso: string/);
  assert.match(operationTypes(typed), /loadedAt: string/);
});

await check("codegen from introspection: the same types as from SDL", async () => {
  assert.equal(operationTypes(await generate(fromIntrospection)), operationTypes(typed));
});

await check("introspection round trip equals the committed schema.graphql", async () => {
  const committed = await readFile(new URL("../../../schema.graphql", import.meta.url), "utf8");
  const print = (schema) => printSchema(lexicographicSortSchema(schema));
  assert.equal(print(fromIntrospection), print(buildSchema(committed)));
  assert.equal(sdl, committed);
});
