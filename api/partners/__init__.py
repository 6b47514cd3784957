"""Partner clinics: their keys, origins, scopes and rate limits, and the gate applying them.

A partner's scope is the catalog's (``api.catalog.ContentScope``); the gate is HTTP
middleware. Nothing here knows GraphQL.
"""

from api.partners.access import ANONYMOUS, Access, access_of
from api.partners.gate import API_KEY_HEADER, GATED_PATHS, PartnerGate
from api.partners.limiter import RateLimiter, limits_storage
from api.partners.registry import (
    Partner,
    PartnerRegistry,
    PartnersFileError,
    load_partners,
)
from api.partners.source import LivePartners

__all__ = [
    "ANONYMOUS",
    "API_KEY_HEADER",
    "GATED_PATHS",
    "Access",
    "LivePartners",
    "Partner",
    "PartnerGate",
    "PartnerRegistry",
    "PartnersFileError",
    "RateLimiter",
    "access_of",
    "limits_storage",
    "load_partners",
]
