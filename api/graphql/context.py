"""Per-request context: the app's services, locale negotiation, loaders, the request id."""

from __future__ import annotations

from dataclasses import dataclass

import strawberry
from starlette.requests import Request
from starlette.responses import Response
from strawberry.dataloader import DataLoader

from api.content.localized import LocalizedFaq
from api.live import LiveServices
from api.locales import LocaleSource, resolve_locale
from api.services import Services

FaqKey = tuple[str, str]  # (FAQ key, locale)


@dataclass(frozen=True)
class Loaders:
    """Batching, per-request caches: each (FAQ, locale) is resolved once per request."""

    faqs: DataLoader[FaqKey, LocalizedFaq]

    @classmethod
    def for_services(cls, services: Services) -> Loaders:
        catalog = services.catalog

        async def load_faqs(keys: list[FaqKey]) -> list[LocalizedFaq]:
            return [catalog.localize_faq(catalog.snapshot.faqs[key], loc) for key, loc in keys]

        return cls(faqs=DataLoader(load_fn=load_faqs))


class RequestContext:
    """``info.context`` in every resolver."""

    def __init__(self, request: Request, response: Response, live: LiveServices) -> None:
        self.request = request
        self.response = response
        # Read once: the whole request is answered from one content version, even if
        # a reload swaps in a new one meanwhile.
        self.services = live.current
        self.content_status = live.status
        self.request_id: str = getattr(request.state, "request_id", "-")
        self.loaders = Loaders.for_services(self.services)
        self._served_locales: set[str] = set()

    def locale(self, explicit: str | None) -> str:
        """Negotiate the locale for one field, and say so in the response headers.

        Raises InvalidLocaleTag or UnsupportedLocale for a bad explicit argument.
        """
        locales = self.services.snapshot.locales
        negotiated = resolve_locale(explicit, self.request.headers.get("accept-language"), locales)
        self._served_locales.add(negotiated.tag)
        self.response.headers["Content-Language"] = ", ".join(
            tag for tag in locales.enabled if tag in self._served_locales
        )
        if negotiated.source is not LocaleSource.ARGUMENT:
            # Without an argument the answer depends on the header, even when it was absent.
            self.response.headers["Vary"] = "Accept-Language"
        return negotiated.tag


Info = strawberry.Info[RequestContext, None]
