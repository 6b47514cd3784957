"""``described``: Strawberry's ``@field(description=...)`` with the resolver's type kept."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

import strawberry

ResolverT = TypeVar("ResolverT", bound=Callable[..., Any])


def described(description: str) -> Callable[[ResolverT], ResolverT]:
    # strawberry.field(description=...) is typed as returning Any, which mypy --strict
    # refuses as a decorator; the bare @strawberry.field form is typed the same way as this.
    return cast(Callable[[ResolverT], ResolverT], strawberry.field(description=description))
