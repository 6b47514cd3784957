"""The GraphQL API: one type per module, the schema assembled in ``schema.py``."""

from api.graphql.schema import GRAPHQL_SCHEMA, graphql_core_schema, schema, schema_sdl

__all__ = ["GRAPHQL_SCHEMA", "graphql_core_schema", "schema", "schema_sdl"]
