"""Domain enums exposed as GraphQL enums (values are the upper-case member names)."""

from __future__ import annotations

from typing import TypeAlias

import strawberry

from api.content import model

# Registered on the domain enums themselves, so resolvers return domain values unchanged.
ContentType: TypeAlias = model.ContentType
TranslationState: TypeAlias = model.TranslationState

strawberry.enum(ContentType, name="ContentType", description="Article or FAQ.")
strawberry.enum(
    TranslationState,
    name="TranslationState",
    description=(
        "How a locale's text stands against the source text: CURRENT, STALE (the source "
        "changed since it was translated) or MISSING (no text, or some fields without one)."
    ),
)
