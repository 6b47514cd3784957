"""HTTP plumbing for every route: middleware, Vary, caching headers, error responses, JSON."""
