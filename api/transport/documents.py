"""Parsed and validated query documents, cached by their text.

Front-ends send the same few documents again and again; parsing and validating one
costs more than executing a typical query, so each distinct text is prepared once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from graphql import (
    DocumentNode,
    GraphQLError,
    GraphQLSchema,
    GraphQLSyntaxError,
    OperationDefinitionNode,
    specified_rules,
    validate,
)
from graphql.validation import ASTValidationRule

from api.errors import ErrorCode
from api.graphql.limits import limit_error, parse_query
from api.settings import Settings
from api.transport.lru import LruCache
from api.transport.problems import RequestProblem


@dataclass(frozen=True)
class PreparedDocument:
    """A parsed document (None if it does not parse) and the errors that stop it running."""

    document: DocumentNode | None
    errors: tuple[GraphQLError, ...] = ()

    def requested_operation(self, name: str | None) -> OperationDefinitionNode | None:
        """The operation ``name`` picks (or the only one), or None if it picks none."""
        if self.document is None:
            return None
        operations = [
            definition
            for definition in self.document.definitions
            if isinstance(definition, OperationDefinitionNode)
        ]
        if name is None:
            return operations[0] if len(operations) == 1 else None
        return next(
            (op for op in operations if op.name is not None and op.name.value == name), None
        )

    def operation(self, name: str | None) -> OperationDefinitionNode:
        """The operation to run; raises RequestProblem when the name does not pick one."""
        operation = self.requested_operation(name)
        if operation is not None:
            return operation
        message = (
            "the document has several operations; say which in operationName"
            if name is None
            else f"the document has no operation named {name!r}"
        )
        raise RequestProblem(None, ErrorCode.OPERATION_RESOLUTION_FAILURE, message)


# graphql-core's parser guards its own recursion and says so only in the message.
_NESTED_TOO_DEEPLY = "Document is nested too deeply"


_OPENING, _CLOSING = "{[(", "}])"


def nesting_error(query: str, max_depth: int) -> GraphQLError:
    """For documents whose nesting overflows the parser's stack before the depth rule runs.

    Selections, list and object literals and argument lists all nest; brackets inside
    strings do not count.
    """
    depth = deepest = 0
    in_string = escaped = False
    for char in query:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in _OPENING:
            depth += 1
            deepest = max(deepest, depth)
        elif char in _CLOSING:
            depth -= 1
    return limit_error(
        ErrorCode.QUERY_TOO_DEEP,
        f"The query is nested about {deepest} levels deep; the limit is {max_depth}.",
        limit=max_depth,
        value=deepest,
    )


class DocumentCache:
    """Parses within the token limit; validates with the spec's rules plus the given ones."""

    def __init__(
        self,
        schema: GraphQLSchema,
        extra_rules: Sequence[type[ASTValidationRule]],
        *,
        settings: Settings,
        capacity: int,
        hide_suggestions: bool = False,
    ) -> None:
        self.schema = schema
        self.rules = (*specified_rules, *extra_rules)
        self.settings = settings
        self.hide_suggestions = hide_suggestions
        self._prepared: LruCache[str, PreparedDocument] = LruCache(capacity)

    def prepare(self, query: str) -> PreparedDocument:
        prepared = self._prepared.get(query)
        if prepared is None:
            prepared = self._prepare(query)
            # Refusals are kept too: a client repeating a hostile document gets the
            # same answer without the work.
            self._prepared.put(query, prepared)
        return prepared

    def _prepare(self, query: str) -> PreparedDocument:
        try:
            document = parse_query(query, self.settings)
            errors = validate(
                self.schema, document, self.rules, hide_suggestions=self.hide_suggestions
            )
        except GraphQLSyntaxError as error:
            if _NESTED_TOO_DEEPLY in error.message:
                return PreparedDocument(None, (self._nesting_error(query),))
            return PreparedDocument(None, (error,))
        except GraphQLError as error:
            return PreparedDocument(None, (error,))
        except RecursionError:
            # graphql-core validates recursively: nesting the parser lets through can still
            # exhaust the stack before the depth rule gets to count it.
            return PreparedDocument(None, (self._nesting_error(query),))
        return PreparedDocument(document, tuple(errors))

    def _nesting_error(self, query: str) -> GraphQLError:
        return nesting_error(query, self.settings.max_query_depth)
