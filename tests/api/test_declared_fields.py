"""GraphQL types made from the declaration of translatable fields."""

from __future__ import annotations

import pytest
import strawberry

from api.content.fields import ContentFields, FieldRole, TextField, TextFormat
from api.content.translation import ResolvedText
from api.graphql.declared import declared_fields, declared_values, ungrouped

TEASER = TextField(
    "short_teaser", TextFormat.PLAIN, FieldRole.TEXT, description="A line to tempt a reader."
)
DETAILS = TextField("details", TextFormat.MARKDOWN, FieldRole.TEXT, required=True)


class Texts:
    """A localized item as far as declared fields read it."""

    def __init__(self, values: dict[str, str]) -> None:
        self.values = values

    def text(self, field: TextField) -> ResolvedText | None:
        value = self.values.get(field.name)
        return None if value is None else ResolvedText(value, "fr-CA")


@strawberry.type
@declared_fields((TEASER, DETAILS))
class Card:
    @classmethod
    def from_domain(cls, texts: Texts) -> Card:
        return cls(**declared_values(cls, texts))


@strawberry.type
class Root:
    @strawberry.field
    def card(self) -> Card:
        return Card.from_domain(Texts({"details": "Some **bold** words."}))


SCHEMA = strawberry.Schema(query=Root)


def test_a_declared_field_is_a_schema_field_with_its_type_and_description() -> None:
    sdl = SCHEMA.as_str()

    assert '  """A line to tempt a reader."""\n  shortTeaser: String\n' in sdl
    assert "  details: Body!\n" in sdl


def test_declared_values_are_read_from_the_localized_texts() -> None:
    result = SCHEMA.execute_sync("{ card { shortTeaser details { html locale } } }")

    assert not result.errors
    assert result.data == {
        "card": {
            "shortTeaser": None,
            "details": {"html": "<p>Some <strong>bold</strong> words.</p>\n", "locale": "fr-CA"},
        }
    }


def test_a_field_group_without_a_graphql_type_is_refused_not_left_out() -> None:
    social = TextField("caption", TextFormat.PLAIN, FieldRole.METADATA, group="social")

    with pytest.raises(TypeError, match="social"):
        ungrouped(ContentFields((TEASER, social)))
