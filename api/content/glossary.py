"""The bilingual glossary: each term's wording in every enabled locale.

``locales/glossary.yaml`` is edited by translators, like the rest of ``locales/``.
One entry is one concept, worded in each locale:

    terms:
      - id: treatment-resistant-depression
        en-CA:
          preferred: treatment-resistant depression
          acronyms: [TRD]
          synonyms: [treatment resistant depression]
        fr-CA:
          preferred: dépression résistante au traitement
          acronyms: [DRT]
          avoid: [dépression réfractaire]
      - id: ssri
        related: [antidepressant]
        ...

``related`` (optional) names terms that a search for this one should also find, ranked
lower: an SSRI is an antidepressant, so a search for ``SSRI`` also finds texts that
only say "antidepressant".

What reads it: search (a term's wordings in one locale are synonyms; its wordings in
the other locales are cross-language equivalents) and the translators' checks (an
``avoid`` wording found in a text is reported with the preferred one). Every term
must be worded in every enabled locale: a concept known in one language only would
leave the other language's readers and searchers without it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any

from pydantic import Field, StringConstraints, ValidationError, create_model

from api.files.problems import ContentProblem
from api.files.validation import FileModel, Identifier, validation_problems
from api.files.yamlfile import YamlDocument

GLOSSARY_FILE = "glossary.yaml"

Wording = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]


class TermWordingFile(FileModel):
    """One term's wording in one locale."""

    preferred: Wording
    acronyms: tuple[Wording, ...] = ()
    synonyms: tuple[Wording, ...] = ()
    avoid: tuple[Wording, ...] = ()


@dataclass(frozen=True)
class TermWording:
    """How one locale names a term, and the forms its translators should not use."""

    preferred: str
    acronyms: tuple[str, ...] = ()
    synonyms: tuple[str, ...] = ()
    avoid: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every accepted way of naming the term: the preferred wording first."""
        return (self.preferred, *self.acronyms, *self.synonyms)


@dataclass(frozen=True)
class Term:
    id: str
    wordings: Mapping[str, TermWording]
    note: str = ""
    # Ids of terms a search for this one also finds, ranked lower (a narrower term's broader one).
    related: tuple[str, ...] = ()


@dataclass(frozen=True)
class Glossary:
    terms: tuple[Term, ...] = ()

    def in_locale(self, locale: str) -> Iterator[tuple[Term, TermWording]]:
        """Each term worded in ``locale``, in file order."""
        for term in self.terms:
            wording = term.wordings.get(locale)
            if wording is not None:
                yield term, wording

    def term(self, term_id: str) -> Term | None:
        return next((term for term in self.terms if term.id == term_id), None)


EMPTY_GLOSSARY = Glossary()


@cache
def glossary_file_model(locales: tuple[str, ...]) -> type[FileModel]:
    """The file's model for these enabled locales: one required wording per locale."""
    term = create_model(  # type: ignore[call-overload]
        "TermFile",
        __base__=FileModel,
        id=(Identifier, ...),
        note=(str, ""),
        related=(tuple[Identifier, ...], ()),
        **{
            _field_name(tag): (TermWordingFile, Field(alias=tag, validation_alias=tag))
            for tag in locales
        },
    )
    model: type[FileModel] = create_model(
        "GlossaryFile", __base__=FileModel, terms=(tuple[term, ...], ())
    )
    return model


def _field_name(tag: str) -> str:
    return "wording_" + tag.replace("-", "_")


def read_glossary(
    document: YamlDocument, locales: tuple[str, ...]
) -> tuple[Glossary, list[ContentProblem]]:
    """The glossary a parsed file holds, and what is wrong with it (then the glossary is empty)."""
    model = glossary_file_model(locales)
    try:
        parsed: Any = model.model_validate(document.data)
    except ValidationError as error:
        return EMPTY_GLOSSARY, validation_problems(document, error, model)
    terms = tuple(
        Term(
            id=entry.id,
            note=entry.note,
            related=entry.related,
            wordings={
                tag: TermWording(**getattr(entry, _field_name(tag)).model_dump()) for tag in locales
            },
        )
        for entry in parsed.terms
    )
    problems = _consistency_problems(document, terms, locales)
    return (EMPTY_GLOSSARY if problems else Glossary(terms)), problems


def _consistency_problems(
    document: YamlDocument, terms: tuple[Term, ...], locales: tuple[str, ...]
) -> list[ContentProblem]:
    """Ids used twice, unknown related terms, and a wording naming two terms or both
    accepted and avoided."""
    problems: list[ContentProblem] = []
    first_of_id: dict[str, int] = {}
    for index, term in enumerate(terms):
        if term.id in first_of_id:
            problems.append(
                document.problem(
                    ("terms", index, "id"),
                    f"term {term.id!r} is already defined (terms[{first_of_id[term.id]}])",
                )
            )
        first_of_id.setdefault(term.id, index)
    for index, term in enumerate(terms):
        for position, related in enumerate(term.related):
            if related not in first_of_id or related == term.id:
                problems.append(
                    document.problem(
                        ("terms", index, "related", position),
                        f"related term {related!r} is not another term of the glossary",
                    )
                )
    for tag in locales:
        named_by: dict[str, str] = {}
        for index, term in enumerate(terms):
            wording = term.wordings[tag]
            for name in wording.names:
                owner = named_by.setdefault(name.casefold(), term.id)
                if owner != term.id:
                    problems.append(
                        document.problem(
                            ("terms", index, tag),
                            f"{name!r} already names the term {owner!r} in {tag}",
                        )
                    )
        for index, term in enumerate(terms):
            for position, avoided in enumerate(term.wordings[tag].avoid):
                avoided_owner = named_by.get(avoided.casefold())
                if avoided_owner is not None:
                    problems.append(
                        document.problem(
                            ("terms", index, tag, "avoid", position),
                            f"{avoided!r} cannot be avoided: it names the term {avoided_owner!r} "
                            f"in {tag}",
                        )
                    )
    return problems
