"""HTTP plumbing around the GraphQL endpoint: operational routes and middleware."""
