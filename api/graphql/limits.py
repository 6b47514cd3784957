"""The limits a query document must respect before it runs: tokens, depth, aliases,
directives and cost.

They work on graphql-core objects, for an endpoint that parses and validates itself, and
read every limit from the settings::

    document = parse_query(text, settings)            # TOO_MANY_TOKENS
    errors = validate(schema, document, (*specified_rules, *limit_rules(settings)))
    ...                                               # coerce the variables, then:
    measure = measure_operation(schema, document, operation_name, variables)
    if measure.cost > settings.max_complexity:        # see the cost table below
        errors = [cost_error(measure.cost, settings)] # QUERY_TOO_COMPLEX

Every violation is a ``GraphQLError`` whose extensions are ``{"code", "limit", "value"}``.
Aliases and directives are counted through fragments: a fragment spread three times
counts three times. Fields under ``__schema`` and ``__type`` add no depth: graphql-core's
``MaxIntrospectionDepthRule``, one of its ``specified_rules``, bounds introspection instead
(the GraphiQL introspection query is 15 levels deep). Measured values are capped at
2**53 - 1, the largest integer every JSON client reads exactly.

The cost is an estimate of the work an operation asks for, computed before it runs:

====================================================  ====================================
what is selected                                      cost
====================================================  ====================================
scalar or enum field, ``__typename``                  0
object field                                          1 + its selections
list of objects in a page (``edges``, ``hits``)       ``first`` x (1 + its selections)
other list of objects (``sections``, ``faqs``...)     10 x (1 + its selections)
a list declared short (``notices``: ``list_size=2``)  that many x (1 + its selections)
a field that declares a cost (``search``, ``suggest``)  that much more (10, 5)
``__schema``                                          100 more; lists inside count once
====================================================  ====================================

``first`` is the argument's value (literal, variable or schema default) clamped to
0..100, since the resolvers refuse anything larger before doing any work. Fields left
out by ``@skip``/``@include`` cost nothing; both branches of ``... on Article`` and
``... on Faq`` count.
"""

from __future__ import annotations

import functools
from collections.abc import Generator, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar, cast

from graphql import (
    BREAK,
    ASTValidationRule,
    BooleanValueNode,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLSyntaxError,
    InlineFragmentNode,
    IntValueNode,
    Node,
    OperationDefinitionNode,
    SchemaMetaFieldDef,
    SelectionNode,
    SelectionSetNode,
    Source,
    TypeMetaFieldDef,
    ValueNode,
    VariableNode,
    VisitorAction,
    get_named_type,
    get_nullable_type,
    get_operation_ast,
    is_introspection_type,
    is_leaf_type,
    is_list_type,
    parse,
)

from api.errors import ErrorCode
from api.graphql.fields import declared_list_size, field_cost, is_cacheable
from api.paging import MAX_PAGE_SIZE
from api.settings import Settings

# The cost table (module docstring, docs/limits.md). Fields' own costs (search 10,
# suggest 5) are declared on the fields (``described(..., cost=...)``).
INTROSPECTION_COST = 100
UNPAGED_LIST_SIZE = 10

# Introspection meta-fields: only valid on the query root, where they start a subtree
# of introspection types.
_INTROSPECTION_ROOTS = frozenset({"__schema", "__type"})
_LARGEST_JSON_INT = 2**53 - 1


def limit_error(
    code: ErrorCode, message: str, *, limit: int, value: int, node: Node | None = None
) -> GraphQLError:
    """A limit's error: ``extensions`` are its code, the limit and the measured value."""
    return GraphQLError(
        message, node, extensions={"code": code.value, "limit": limit, "value": value}
    )


# Tokens


def parse_query(source: str | Source, settings: Settings) -> DocumentNode:
    """Parse a query document; raise ``tokens_error`` past ``max_query_tokens``.

    The parser stops at the first token over the limit (comments count). Other syntax
    errors are raised as graphql-core's ``GraphQLSyntaxError``.
    """
    limit = settings.max_query_tokens
    try:
        return parse(source, max_tokens=limit)
    except GraphQLSyntaxError as error:
        if is_tokens_error(error, limit):
            raise tokens_error(limit) from None
        raise


def is_tokens_error(error: GraphQLSyntaxError, limit: int) -> bool:
    """Whether graphql-core stopped parsing because the document has over ``limit`` tokens."""
    # graphql-core says so only in the message, the same from its lexer and its parser.
    return f"Document contains more than {limit} tokens." in error.message


def tokens_error(limit: int) -> GraphQLError:
    # The parser stops at the first token over the limit, so that is all that is known.
    return limit_error(
        ErrorCode.TOO_MANY_TOKENS,
        f"The query has more than {limit} tokens; the limit is {limit}.",
        limit=limit,
        value=limit + 1,
    )


# Depth, aliases and directives: validation rules


def limit_rules(settings: Settings) -> tuple[type[ASTValidationRule], ...]:
    """Validation rules for depth, aliases and directives.

    Pass them to ``graphql.validate`` after ``specified_rules`` (which bound introspection
    with ``MaxIntrospectionDepthRule``). Each operation of the document is measured,
    whichever one is then executed.
    """
    return _limit_rules(settings.max_query_depth, settings.max_aliases, settings.max_directives)


@functools.cache
def _limit_rules(
    max_depth: int, max_aliases: int, max_directives: int
) -> tuple[type[ASTValidationRule], ...]:
    # Cached: one set of classes per set of limits, not per request.
    return (
        _bound(_QueryDepthRule, max_depth),
        _bound(_AliasesRule, max_aliases),
        _bound(_DirectivesRule, max_directives),
    )


def _bound(rule: type[_OperationLimitRule], limit: int) -> type[ASTValidationRule]:
    name = rule.__name__.removeprefix("_")
    return cast("type[ASTValidationRule]", type(name, (rule,), {"limit": limit}))


@dataclass(frozen=True)
class _Shape:
    """What an operation holds once its fragments are spread in."""

    depth: int = 0
    aliases: int = 0
    directives: int = 0


class _OperationLimitRule(ASTValidationRule):
    """Measures every operation of the document and reports those over ``limit``.

    ``limit`` is set by ``limit_rules``, which makes one subclass per configured value.
    """

    code: ClassVar[ErrorCode]
    limit: ClassVar[int]

    def enter_document(self, node: DocumentNode, *_args: object) -> VisitorAction:
        measure = _ShapeMeasure(node)
        for operation in node.definitions:
            if isinstance(operation, OperationDefinitionNode):
                value = self.measure(measure.operation(operation))
                if value > self.limit:
                    message = f"{_label(operation)} {self.describe(value)}; "
                    message += f"the limit is {self.limit}."
                    self.report_error(
                        limit_error(
                            self.code, message, limit=self.limit, value=value, node=operation
                        )
                    )
        # Everything was measured here: nothing to visit.
        return BREAK

    def measure(self, shape: _Shape) -> int:
        raise NotImplementedError

    def describe(self, value: int) -> str:
        raise NotImplementedError


class _QueryDepthRule(_OperationLimitRule):
    code = ErrorCode.QUERY_TOO_DEEP

    def measure(self, shape: _Shape) -> int:
        return shape.depth

    def describe(self, value: int) -> str:
        return f"is nested {value} levels deep"


class _AliasesRule(_OperationLimitRule):
    code = ErrorCode.TOO_MANY_ALIASES

    def measure(self, shape: _Shape) -> int:
        return shape.aliases

    def describe(self, value: int) -> str:
        return f"uses {value} aliases, counting each fragment spread"


class _DirectivesRule(_OperationLimitRule):
    code = ErrorCode.TOO_MANY_DIRECTIVES

    def measure(self, shape: _Shape) -> int:
        return shape.directives

    def describe(self, value: int) -> str:
        return f"uses {value} directives, counting each fragment spread"


def _label(operation: OperationDefinitionNode) -> str:
    return f"Operation '{operation.name.value}'" if operation.name else "The query"


# Walks: documents are walked by generators that yield the walks of their parts and are
# sent back the results. ``_run`` drives them on an explicit stack, so that a long chain
# of fragments cannot exhaust Python's recursion limit; fragments are walked once each
# (memoized), so that fragments spreading fragments many times cannot take exponential
# time; and a fragment met again while it is being walked (a cycle, which graphql-core's
# NoFragmentCycles rule reports) counts for nothing.

T = TypeVar("T")
Walk = Generator[Any, Any, T]


def _run(walk: Walk[T]) -> T:
    stack: list[Walk[Any]] = [walk]
    sent: Any = None
    while True:
        try:
            step = stack[-1].send(sent)
        except StopIteration as finished:
            stack.pop()
            if not stack:
                return cast("T", finished.value)
            sent = finished.value
        else:
            stack.append(step)
            sent = None


def _capped(value: int) -> int:
    return min(value, _LARGEST_JSON_INT)


class _ShapeMeasure:
    """Depth, aliases and directives of a document's operations, through fragments."""

    def __init__(self, document: DocumentNode) -> None:
        self._fragments = _fragments(document)
        self._done: dict[tuple[str, bool], _Shape] = {}
        self._walking: set[tuple[str, bool]] = set()

    def operation(self, operation: OperationDefinitionNode) -> _Shape:
        shape = _run(self._selections(operation.selection_set, counts_depth=True))
        variables = operation.variable_definitions or ()
        own = len(operation.directives or ()) + sum(len(v.directives or ()) for v in variables)
        return _Shape(shape.depth, shape.aliases, _capped(shape.directives + own))

    def _selections(self, selection_set: SelectionSetNode, counts_depth: bool) -> Walk[_Shape]:
        depth = aliases = directives = 0
        for selection in selection_set.selections:
            directives += len(selection.directives or ())
            inner = _Shape()
            level = 0
            if isinstance(selection, FieldNode):
                if selection.alias is not None:
                    aliases += 1
                level = 1 if counts_depth else 0
                if selection.selection_set is not None:
                    below = counts_depth and selection.name.value not in _INTROSPECTION_ROOTS
                    inner = yield self._selections(selection.selection_set, below)
            elif isinstance(selection, InlineFragmentNode):
                inner = yield self._selections(selection.selection_set, counts_depth)
            elif isinstance(selection, FragmentSpreadNode):
                inner = yield self._fragment(selection.name.value, counts_depth)
            depth = max(depth, level + inner.depth)
            aliases = _capped(aliases + inner.aliases)
            directives = _capped(directives + inner.directives)
        return _Shape(depth, aliases, directives)

    def _fragment(self, name: str, counts_depth: bool) -> Walk[_Shape]:
        key = (name, counts_depth)
        fragment = self._fragments.get(name)
        if key in self._done:
            return self._done[key]
        if fragment is None or key in self._walking:
            return _Shape()
        self._walking.add(key)
        body: _Shape = yield self._selections(fragment.selection_set, counts_depth)
        self._walking.discard(key)
        own = len(fragment.directives or ())
        shape = _Shape(body.depth, body.aliases, _capped(body.directives + own))
        self._done[key] = shape
        return shape


def _fragments(document: DocumentNode) -> dict[str, FragmentDefinitionNode]:
    return {
        definition.name.value: definition
        for definition in document.definitions
        if isinstance(definition, FragmentDefinitionNode)
    }


# Cost


@dataclass(frozen=True)
class OperationMeasure:
    """What the operation that would run asks for, found in one walk of it."""

    cost: int
    # False when it selects a field whose answer changes while the content does not.
    cacheable: bool


def measure_operation(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None = None,
    variables: Mapping[str, Any] | None = None,
) -> OperationMeasure:
    """The estimated cost (see the module's cost table) and the cacheability of the
    operation that would run.

    For a validated document. ``variables`` may be as sent or coerced: only Int and
    Boolean values are read, and variables left out take their declared defaults. Fields
    left out by ``@skip``/``@include`` count for nothing. Raises ValueError when the
    document has no such operation.
    """
    operation = get_operation_ast(document, operation_name)
    root = schema.get_root_type(operation.operation) if operation is not None else None
    if operation is None or root is None:
        wanted = f"operation {operation_name!r}" if operation_name else "single operation"
        raise ValueError(f"the document has no {wanted}")
    # Defaults of variables left out, in case the caller passes the variables as sent.
    values = {
        definition.variable.name.value: _literal(definition.default_value)
        for definition in operation.variable_definitions or ()
        if definition.default_value is not None
    }
    values.update(variables or {})
    costing = _Costing(schema, document, values)
    cost = _run(costing.selections(root, operation.selection_set, page_size=None))
    return OperationMeasure(cost, costing.cacheable)


def cost_error(cost: int, settings: Settings) -> GraphQLError:
    """QUERY_TOO_COMPLEX, for a ``cost`` over ``max_complexity``."""
    return limit_error(
        ErrorCode.QUERY_TOO_COMPLEX,
        f"The query would cost {cost}; the limit is {settings.max_complexity}. "
        "Ask for smaller pages (first) or fewer nested lists.",
        limit=settings.max_complexity,
        value=cost,
    )


def cost_report(cost: int, settings: Settings) -> dict[str, int]:
    """``extensions.cost`` of a response, for clients sending ``X-Query-Cost: true``."""
    return {"requested": cost, "limit": settings.max_complexity}


class _Costing:
    """The cost of one operation's selections, under the variables it runs with, and
    whether every field it selects may be cached."""

    def __init__(
        self, schema: GraphQLSchema, document: DocumentNode, variables: Mapping[str, Any]
    ) -> None:
        self._schema = schema
        self._fragments = _fragments(document)
        self._variables = variables
        self._done: dict[tuple[str, int | None], int] = {}
        self._walking: set[tuple[str, int | None]] = set()
        self.cacheable = True

    def selections(
        self,
        parent: GraphQLNamedType | None,
        selection_set: SelectionSetNode,
        page_size: int | None,
    ) -> Walk[int]:
        """``page_size``: the ``first`` of the field these selections belong to, if any."""
        total = 0
        for selection in selection_set.selections:
            if not self._included(selection):
                continue
            if isinstance(selection, FieldNode):
                total += yield from self._field(parent, selection, page_size)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                narrowed = self._schema.get_type(condition.name.value) if condition else parent
                total += yield self.selections(narrowed, selection.selection_set, page_size)
            elif isinstance(selection, FragmentSpreadNode):
                total += yield self._fragment(selection.name.value, page_size)
            total = _capped(total)
        return total

    def _field(
        self, parent: GraphQLNamedType | None, node: FieldNode, page_size: int | None
    ) -> Walk[int]:
        # A generator only so that the walk of its selections is yielded to ``_run``.
        name = node.name.value
        definition = self._definition(parent, name)
        if definition is None or parent is None:
            return 0  # __typename, or a field validation has refused
        if not is_cacheable(definition):
            self.cacheable = False
        extra = INTROSPECTION_COST if definition is SchemaMetaFieldDef else field_cost(definition)
        if is_leaf_type(get_named_type(definition.type)) or node.selection_set is None:
            return extra
        if not is_list_type(get_nullable_type(definition.type)):
            count = 1
        elif page_size is not None:
            count = page_size
        else:
            # Introspection reads the schema in memory: its lists are cheap.
            declared = declared_list_size(definition)
            if is_introspection_type(parent):
                count = 1
            else:
                count = UNPAGED_LIST_SIZE if declared is None else declared
        below: int = yield self.selections(
            get_named_type(definition.type), node.selection_set, self._page_size(definition, node)
        )
        return _capped(extra + count * (1 + below))

    def _definition(self, parent: GraphQLNamedType | None, name: str) -> GraphQLField | None:
        if name == "__schema":
            return SchemaMetaFieldDef
        if name == "__type":
            return TypeMetaFieldDef
        if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            field: GraphQLField | None = parent.fields.get(name)
            return field
        return None

    def _fragment(self, name: str, page_size: int | None) -> Walk[int]:
        key = (name, page_size)
        fragment = self._fragments.get(name)
        if key in self._done:
            return self._done[key]
        if fragment is None or key in self._walking:
            return 0
        self._walking.add(key)
        condition = self._schema.get_type(fragment.type_condition.name.value)
        cost: int = yield self.selections(condition, fragment.selection_set, page_size)
        self._walking.discard(key)
        self._done[key] = cost
        return cost

    def _page_size(self, definition: GraphQLField, node: FieldNode) -> int | None:
        """``first``, clamped to what the resolvers accept; None for fields without it."""
        argument = definition.args.get("first")
        if argument is None:
            return None
        given = next((a.value for a in node.arguments or () if a.name.value == "first"), None)
        # A variable left out takes the argument's default, as in execution.
        value = self._value(given) if given is not None else None
        if value is None:
            value = argument.default_value
        if not isinstance(value, int) or isinstance(value, bool):
            return MAX_PAGE_SIZE
        return min(max(value, 0), MAX_PAGE_SIZE)

    def _included(self, node: SelectionNode) -> bool:
        for directive in node.directives or ():
            if directive.name.value not in {"skip", "include"}:
                continue
            condition = next(
                (self._value(a.value) for a in directive.arguments or () if a.name.value == "if"),
                None,
            )
            # A condition that cannot be read counts the field in, to err on the safe side.
            if isinstance(condition, bool) and condition == (directive.name.value == "skip"):
                return False
        return True

    def _value(self, node: ValueNode) -> object:
        if isinstance(node, VariableNode):
            return self._variables.get(node.name.value)
        return _literal(node)


def _literal(node: ValueNode) -> object:
    """The value of an Int or Boolean literal, the only ones costing reads; else None."""
    if isinstance(node, IntValueNode):
        return int(node.value)
    if isinstance(node, BooleanValueNode):
        return node.value
    return None
