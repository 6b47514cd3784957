// Starts GraphiQL on the page served at /graphql (api/transport/graphiql.py). A file of
// its own rather than an inline script, so that the page's CSP allows scripts from
// 'self' only. React, ReactDOM and GraphiQL are the globals of their UMD bundles.
"use strict";

const fetcher = GraphiQL.createFetcher({ url: window.location.pathname });
const root = ReactDOM.createRoot(document.getElementById("graphiql"));
root.render(
  React.createElement(GraphiQL, {
    fetcher,
    defaultEditorToolsVisibility: true,
    defaultQuery:
      '{\n  search(query: "kétamine", locale: "fr-CA") {\n    totalCount\n' +
      "    hits { content { url ... on Faq { question } } }\n  }\n}\n",
  }),
);
