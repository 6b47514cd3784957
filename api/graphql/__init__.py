"""The GraphQL API: one type per module, the schema assembled in ``schema.py``."""

from api.graphql.schema import schema, schema_sdl

__all__ = ["schema", "schema_sdl"]
