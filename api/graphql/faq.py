"""A FAQ: a question and its answer (its declared fields)."""

from __future__ import annotations

import strawberry

from api.content.fields import FAQ_FIELDS
from api.graphql.content import LocalizedContent
from api.graphql.declared import declared_fields, ungrouped


@strawberry.type(description="A frequently asked question and its answer.")
@declared_fields(ungrouped(FAQ_FIELDS))
class Faq(LocalizedContent):
    pass
