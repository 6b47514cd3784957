"""Which operations may be cached at all: those that select no field that changes on its own."""

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
