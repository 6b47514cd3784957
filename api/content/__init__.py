"""The content model: loading, validating and localizing the clinic's articles and FAQs."""

from api.content.loader import load_content
from api.content.model import Article, ContentType, Faq, Item, Status, TranslationState
from api.content.snapshot import ContentSnapshot
from api.files.problems import ContentError, ContentProblem

__all__ = [
    "Article",
    "ContentError",
    "ContentProblem",
    "ContentSnapshot",
    "ContentType",
    "Faq",
    "Item",
    "Status",
    "TranslationState",
    "load_content",
]
