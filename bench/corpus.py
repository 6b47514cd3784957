"""Synthetic bilingual content: FAQs and articles with an English and a French text each.

Plain data, independent of files and of the domain model: ``bench/search.py`` turns
it into a snapshot in memory, ``bench/content_tree.py`` into a content tree on disk.
The same seed and sizes give the same corpus, word for word.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass

from bench.vocabulary import LANGUAGE, LOCALES, Vocabulary

ANSWER_WORDS = 400
SENTENCE_WORDS = 20
SENTENCES_PER_PARAGRAPH = 5
FAQS_PER_ARTICLE = 5
# Fixed, like real section ids: they are anchors shared by both locales.
SECTION_IDS = ("overview", "how-it-works", "clinical-evidence", "in-canada", "safety")


@dataclass(frozen=True)
class FaqText:
    slug: str
    question: str
    # Markdown: paragraphs separated by a blank line.
    answer: str


@dataclass(frozen=True)
class SyntheticFaq:
    key: str
    order: int
    tags: tuple[str, ...]
    texts: Mapping[str, FaqText]


@dataclass(frozen=True)
class SectionText:
    id: str
    heading: str
    body: str


@dataclass(frozen=True)
class ArticleText:
    slug: str
    title: str
    summary: str
    sections: tuple[SectionText, ...]
    call_to_action: str
    seo_description: str


@dataclass(frozen=True)
class SyntheticArticle:
    key: str
    order: int
    tags: tuple[str, ...]
    faq_keys: tuple[str, ...]
    texts: Mapping[str, ArticleText]


@dataclass(frozen=True)
class SyntheticCorpus:
    faqs: tuple[SyntheticFaq, ...]
    articles: tuple[SyntheticArticle, ...]
    # The vocabularies the texts were drawn from, to draw realistic queries too.
    vocabularies: Mapping[str, Vocabulary]


def default_article_count(faq_count: int) -> int:
    """One article per hundred FAQs, at least one: FAQs are the bulk of a clinic's site."""
    return max(1, faq_count // 100)


def synthetic_corpus(faq_count: int, article_count: int = 0, seed: int = 7) -> SyntheticCorpus:
    """``faq_count`` FAQs (8-word questions, 400-word answers) and ``article_count`` articles."""
    rng = random.Random(seed)
    vocabularies = {locale: Vocabulary(LANGUAGE[locale], rng) for locale in LOCALES}
    width = max(5, len(str(max(faq_count, article_count))))
    faqs = tuple(_faq(number, width, vocabularies) for number in range(faq_count))
    # Articles come after every FAQ, so that adding articles leaves the FAQs' texts alone.
    articles = tuple(_article(number, width, vocabularies, faqs) for number in range(article_count))
    return SyntheticCorpus(faqs, articles, vocabularies)


def _faq(number: int, width: int, vocabularies: Mapping[str, Vocabulary]) -> SyntheticFaq:
    key = f"faq-{number:0{width}d}"
    texts = {}
    for locale in LOCALES:
        vocabulary = vocabularies[locale]
        question = vocabulary.sentence(8, end="?")
        sentences = [
            vocabulary.sentence(SENTENCE_WORDS) for _ in range(ANSWER_WORDS // SENTENCE_WORDS)
        ]
        texts[locale] = FaqText(
            slug=f"{key}-{LANGUAGE[locale]}", question=question, answer=_paragraphs(sentences)
        )
    tags = (f"tag{number % 12}", f"topic{number % 5}")
    return SyntheticFaq(key=key, order=number, tags=tags, texts=texts)


def _article(
    number: int,
    width: int,
    vocabularies: Mapping[str, Vocabulary],
    faqs: tuple[SyntheticFaq, ...],
) -> SyntheticArticle:
    key = f"article-{number:0{width}d}"
    texts = {}
    for locale in LOCALES:
        vocabulary = vocabularies[locale]
        sections = tuple(
            SectionText(
                id=section_id,
                heading=vocabulary.sentence(5, end=""),
                body=_paragraphs([vocabulary.sentence(15) for _ in range(8)], per_paragraph=4),
            )
            for section_id in SECTION_IDS
        )
        texts[locale] = ArticleText(
            slug=f"{key}-{LANGUAGE[locale]}",
            title=vocabulary.sentence(7, end=""),
            summary=" ".join(vocabulary.sentence(15) for _ in range(2)),
            sections=sections,
            call_to_action=vocabulary.sentence(12),
            seo_description=vocabulary.sentence(20),
        )
    first_faq = number * FAQS_PER_ARTICLE
    faq_keys = tuple(faq.key for faq in faqs[first_faq : first_faq + FAQS_PER_ARTICLE])
    return SyntheticArticle(
        key=key, order=number, tags=(f"tag{number % 12}",), faq_keys=faq_keys, texts=texts
    )


def _paragraphs(sentences: list[str], per_paragraph: int = SENTENCES_PER_PARAGRAPH) -> str:
    return "\n\n".join(
        " ".join(sentences[start : start + per_paragraph])
        for start in range(0, len(sentences), per_paragraph)
    )
