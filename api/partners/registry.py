"""The partners file: its shape, its validation, and the partners it describes.

```yaml
partners:
  - name: clinique-exemple            # the id: lower-case words joined by hyphens
    display_name: Clinique Exemple
    origins: [https://clinique-exemple.ca]
    rate_limit: 600/minute
    scope: {locales: [fr-CA], tags: [ketamine]}
    keys:
      - sha256: <64 hex digits>       # written by `content-api partners add-key`
        label: site web
        created: 2026-05-01
```

Read with the content's safe YAML loader and validated like content files: every
problem at once, with file, line and field.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints, ValidationError

from api.catalog import ContentScope
from api.files.problems import ContentError, ContentProblem
from api.files.validation import FileModel, Identifier, validation_problems
from api.files.yamlfile import YamlDocument, parse_yaml, read_yaml
from api.locales.negotiation import is_language_tag
from api.partners.keys import DIGEST_PATTERN, key_digest
from api.partners.origins import OriginPattern, parse_origin
from api.rate_limits import RateLimit, check_rate_limit

DEFAULT_RATE_LIMIT = "600/minute"


class PartnersFileError(Exception):
    """The partners file cannot be used; carries every problem found."""

    def __init__(self, problems: Iterable[ContentProblem]) -> None:
        self.problems = tuple(sorted(problems, key=ContentProblem.sort_key))
        count = len(self.problems)
        listing = "\n".join(f"  {problem}" for problem in self.problems)
        super().__init__(
            f"{count} problem{'s' if count != 1 else ''} in the partners file:\n{listing}"
        )


def _digest(value: str) -> str:
    if not DIGEST_PATTERN.match(value):
        raise ValueError(
            "not a SHA-256 digest (64 lower-case hexadecimal digits); "
            "add keys with `content-api partners add-key`"
        )
    return value


def _origin(value: str) -> str:
    return str(parse_origin(value))


def _locale_tag(value: str) -> str:
    if not is_language_tag(value):
        raise ValueError(f"{value!r} is not a BCP 47 language tag (for example fr-CA)")
    return value


def _unique(values: tuple[str, ...]) -> tuple[str, ...]:
    repeated = sorted({value for value in values if values.count(value) > 1})
    if repeated:
        raise ValueError(f"listed twice: {', '.join(repeated)}")
    return values


_Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
_Digest = Annotated[str, AfterValidator(_digest)]
_Origin = Annotated[str, AfterValidator(_origin)]
_LocaleTag = Annotated[str, AfterValidator(_locale_tag)]
_RateLimitText = Annotated[str, AfterValidator(check_rate_limit)]


# A listed scope part: at least one entry (leave the part out for "everything"), no repeats.
_Locales = Annotated[tuple[_LocaleTag, ...], Field(min_length=1), AfterValidator(_unique)]
_Identifiers = Annotated[tuple[Identifier, ...], Field(min_length=1), AfterValidator(_unique)]


class KeyEntry(FileModel):
    sha256: _Digest
    label: _Text | None = None
    created: datetime.date | None = None


class ScopeEntry(FileModel):
    """Each part is optional (absent: everything); the parts combine with AND."""

    locales: _Locales | None = None
    tags: _Identifiers | None = None
    items: _Identifiers | None = None


class PartnerEntry(FileModel):
    name: Identifier
    display_name: _Text
    origins: Annotated[tuple[_Origin, ...], AfterValidator(_unique)] = ()
    keys: tuple[KeyEntry, ...] = ()
    scope: ScopeEntry = ScopeEntry()
    rate_limit: _RateLimitText = DEFAULT_RATE_LIMIT


class PartnersFile(FileModel):
    partners: tuple[PartnerEntry, ...] = ()


@dataclass(frozen=True)
class PartnerKey:
    """A key as the file keeps it: its digest, never the key itself."""

    digest: str
    label: str | None = None
    created: datetime.date | None = None


@dataclass(frozen=True)
class Partner:
    name: str
    display_name: str
    keys: tuple[PartnerKey, ...]
    origins: tuple[OriginPattern, ...]
    scope: ContentScope
    # None: no limit.
    rate_limit: RateLimit | None

    def allows_origin(self, origin: str) -> bool:
        return any(pattern.matches(origin) for pattern in self.origins)

    @classmethod
    def from_entry(cls, entry: PartnerEntry) -> Partner:
        scope = entry.scope
        return cls(
            name=entry.name,
            display_name=entry.display_name,
            keys=tuple(PartnerKey(key.sha256, key.label, key.created) for key in entry.keys),
            origins=tuple(parse_origin(origin) for origin in entry.origins),
            scope=ContentScope(
                locales=frozenset(scope.locales) if scope.locales is not None else None,
                tags=frozenset(scope.tags) if scope.tags is not None else None,
                items=frozenset(scope.items) if scope.items is not None else None,
            ),
            rate_limit=RateLimit.parse(entry.rate_limit),
        )


@dataclass(frozen=True)
class PartnerRegistry:
    """Every partner of the file, found by name or by key."""

    partners: tuple[Partner, ...] = ()
    path: Path | None = None
    _by_digest: Mapping[str, Partner] = field(init=False, repr=False, compare=False)
    _by_name: Mapping[str, Partner] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_digest = {key.digest: partner for partner in self.partners for key in partner.keys}
        by_name = {partner.name: partner for partner in self.partners}
        object.__setattr__(self, "_by_digest", MappingProxyType(by_digest))
        object.__setattr__(self, "_by_name", MappingProxyType(by_name))

    def partner(self, name: str) -> Partner | None:
        return self._by_name.get(name)

    def partner_for_key(self, key: str) -> Partner | None:
        """The partner holding this key, if any (looked up by its digest)."""
        return self._by_digest.get(key_digest(key))

    def knows_origin(self, origin: str) -> bool:
        """Whether any partner lists the origin (all a preflight, which has no key, can ask)."""
        return any(partner.allows_origin(origin) for partner in self.partners)


NO_PARTNERS = PartnerRegistry()


def load_partners(path: Path | None) -> PartnerRegistry:
    """The partners of the file (none without a file); raise PartnersFileError if invalid."""
    if path is None:
        return NO_PARTNERS
    if not path.is_file():
        raise PartnersFileError(
            [ContentProblem(path, None, None, None, "no such file (CONTENT_API_PARTNERS_FILE)")]
        )
    try:
        document, _ = read_yaml(path, path)
    except ContentError as error:
        raise PartnersFileError(error.problems) from error
    return PartnerRegistry(_validate(document), path)


def parse_partners(text: str, path: Path) -> PartnerRegistry:
    """The partners of a file's text (to check an edit before writing it)."""
    try:
        document = parse_yaml(text, path)
    except ContentError as error:
        raise PartnersFileError(error.problems) from error
    return PartnerRegistry(_validate(document), path)


def _validate(document: YamlDocument) -> tuple[Partner, ...]:
    if not isinstance(document.data, dict):
        found = "an empty file" if document.data is None else type(document.data).__name__
        raise PartnersFileError(
            [document.problem((), f"expected a mapping with a 'partners' list, found {found}")]
        )
    try:
        model = PartnersFile.model_validate(document.data)
    except ValidationError as error:
        raise PartnersFileError(validation_problems(document, error, PartnersFile)) from error
    problems: list[ContentProblem] = []
    names: dict[str, int] = {}
    digests: dict[str, str] = {}
    for index, entry in enumerate(model.partners):
        if entry.name in names:
            problems.append(
                document.problem(
                    ("partners", index, "name"),
                    f"partner {entry.name!r} is already partners[{names[entry.name]}]",
                )
            )
        names.setdefault(entry.name, index)
        for position, key in enumerate(entry.keys):
            if key.sha256 in digests:
                problems.append(
                    document.problem(
                        ("partners", index, "keys", position, "sha256"),
                        f"this key is already given to {digests[key.sha256]!r}",
                    )
                )
            digests.setdefault(key.sha256, entry.name)
    if problems:
        raise PartnersFileError(problems)
    return tuple(Partner.from_entry(entry) for entry in model.partners)
