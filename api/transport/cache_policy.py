"""HTTP caching headers: who may keep a response, for how long, and what it varies with."""

from __future__ import annotations

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)

# Root fields whose answer changes without the content version changing (the time of
# the last check, problems of edits on disk): never kept, by us or by anyone.
UNCACHEABLE_ROOT_FIELDS = frozenset({"contentStatus"})

NO_STORE = "no-store"


def public_cache_control(max_age: int, stale_while_revalidate: int) -> str:
    """Anonymous GETs: any cache (a CDN included) may keep and share them."""
    return f"public, max-age={max_age}, stale-while-revalidate={stale_while_revalidate}"


def private_cache_control(max_age: int) -> str:
    """Keyed (partner) GETs: only the visitor's browser may keep them.

    A shared cache would answer other visitors without the origin check and the
    rate limit, and a partner's scope is its own.
    """
    return f"private, max-age={max_age}"


def selects_uncacheable_field(document: DocumentNode, operation: OperationDefinitionNode) -> bool:
    fragments = {
        definition.name.value: definition
        for definition in document.definitions
        if isinstance(definition, FragmentDefinitionNode)
    }
    seen: set[str] = set()

    def visit(selection_set: SelectionSetNode) -> bool:
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                if selection.name.value in UNCACHEABLE_ROOT_FIELDS:
                    return True
            elif isinstance(selection, InlineFragmentNode):
                if visit(selection.selection_set):
                    return True
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name not in seen and name in fragments:
                    seen.add(name)
                    if visit(fragments[name].selection_set):
                        return True
        return False

    return visit(operation.selection_set)
