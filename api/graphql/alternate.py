"""hreflang alternates: the same item's page in every locale, plus ``x-default``."""

from __future__ import annotations

import strawberry

from api.catalog import links


@strawberry.type(description="The item's page in one locale, for `<link rel=alternate>`.")
class Alternate:
    hreflang: str = strawberry.field(description="A BCP 47 tag, or `x-default`.")
    locale: str = strawberry.field(description="The locale the page is served in.")
    slug: str
    url: str = strawberry.field(description="Absolute URL under the public base URL.")

    @classmethod
    def from_domain(cls, alternate: links.Alternate) -> Alternate:
        return cls(
            hreflang=alternate.hreflang,
            locale=alternate.locale,
            slug=alternate.slug,
            url=alternate.url,
        )
