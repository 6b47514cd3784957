// The GraphQL a Relay app would write beside its components; relay-compiler reads the
// graphql`` tags of this file (it is never run), and src/relay.mjs runs what it generates.
/* global graphql */

graphql`
  fragment ArticleCard_article on Article @refetchable(queryName: "ArticleCardRefetchQuery") {
    id
    title
    requestedLocale
    sections {
      key
      heading
    }
  }
`;

graphql`
  query ArticleCardQuery($locale: String!) {
    article(key: "ketamine-trd", locale: $locale) {
      ...ArticleCard_article
    }
  }
`;

graphql`
  fragment FaqList_query on Query
  @refetchable(queryName: "FaqListPaginationQuery")
  @argumentDefinitions(
    count: { type: "Int", defaultValue: 2 }
    cursor: { type: "String" }
    locale: { type: "String!" }
  ) {
    faqs(first: $count, after: $cursor, locale: $locale) @connection(key: "FaqList_faqs") {
      totalCount
      edges {
        node {
          id
          question
          requestedLocale
        }
      }
    }
  }
`;

graphql`
  query FaqListQuery($locale: String!) {
    ...FaqList_query @arguments(locale: $locale)
  }
`;
