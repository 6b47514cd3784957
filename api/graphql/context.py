"""Per-request context: the app's services, locale negotiation, loaders, the request id."""

from __future__ import annotations

from dataclasses import dataclass

import strawberry
from starlette.requests import Request
from starlette.responses import Response
from strawberry.dataloader import DataLoader

from api.catalog import Catalog
from api.content.localized import LocalizedItem
from api.http.operator import is_operator
from api.locales import LocaleConfig, LocaleSource, resolve_locale
from api.partners import Access, access_of
from api.serving import LiveServices, Services

FaqKey = tuple[str, str]  # (FAQ key, locale)


@dataclass(frozen=True)
class Loaders:
    """Batching, per-request caches: each (FAQ, locale) is resolved once per request."""

    faqs: DataLoader[FaqKey, LocalizedItem]

    @classmethod
    def for_services(cls, services: Services) -> Loaders:
        catalog = services.catalog

        async def load_faqs(keys: list[FaqKey]) -> list[LocalizedItem]:
            return [catalog.localize(catalog.snapshot.faqs[key], loc) for key, loc in keys]

        return cls(faqs=DataLoader(load_fn=load_faqs))


class RequestContext:
    """``info.context`` in every resolver."""

    def __init__(
        self,
        request: Request,
        response: Response,
        live: LiveServices,
        services: Services | None = None,
    ) -> None:
        self.request = request
        self.response = response
        # Read once (by the caller, who keys its cache by the version): the whole request
        # is answered from one content version, even if a reload swaps in a new one.
        self.services = services if services is not None else live.current
        self.content_status = live.status
        # Only the operator's credential sees problem details (paths, values).
        self.is_operator = is_operator(request.headers, live.settings.operator_token)
        self.request_id: str = getattr(request.state, "request_id", "-")
        # The one access decision (api/partners/access.py), as every route reads it.
        self.access: Access = access_of(request.scope)
        # What resolvers read items from: only the published items of the partner's scope.
        self.catalog: Catalog = self.access.catalog(self.services.catalog)
        self.loaders = Loaders.for_services(self.services)
        self.links = self.services.links
        self._served_locales: set[str] = set()
        self._last_locale: str | None = None

    def locale(self, explicit: str | None) -> str:
        """Negotiate the locale for one field, and say so in the response headers.

        Raises InvalidLocaleTag or UnsupportedLocale for a bad explicit argument, and
        LocaleNotInScope for one the partner's scope leaves out.
        """
        locales = self.services.snapshot.locales
        accept_language = self.request.headers.get("accept-language")
        negotiated = self.access.scope.negotiate(explicit, accept_language, locales)
        self._served_locales.add(negotiated.tag)
        self._last_locale = negotiated.tag
        self.response.headers["Content-Language"] = ", ".join(
            tag for tag in locales.enabled if tag in self._served_locales
        )
        if negotiated.source is not LocaleSource.ARGUMENT:
            # Without an argument the answer depends on the header, even when it was absent.
            self.response.headers["Vary"] = "Accept-Language"
        return negotiated.tag

    def message_locale(self) -> str:
        """The language of the response's error messages: the one the last field was
        answered in, else the one ``Accept-Language`` picks (then the answer varies on it).
        """
        if self._last_locale is not None:
            return self._last_locale
        self.response.headers["Vary"] = "Accept-Language"
        accept_language = self.request.headers.get("accept-language")
        return resolve_locale(None, accept_language, self.services.snapshot.locales).tag

    @property
    def locales(self) -> LocaleConfig:
        """The enabled locales, as far as the partner's scope lets it see them."""
        return self.access.scope.visible_locales(self.services.snapshot.locales)


Info = strawberry.Info[RequestContext, None]
