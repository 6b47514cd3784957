"""Words of the content's text, as readers and search count them, and reading time."""

from __future__ import annotations

import math
import re
from functools import lru_cache

# The typographic apostrophe French text is written with (OQLF), beside the straight one.
TYPOGRAPHIC_APOSTROPHE = "\u2019"
# Words, keeping an apostrophe inside one (``l'hôpital``, ``aujourd'hui``): one word each.
WORD_PATTERN = rf"\w+(?:['{TYPOGRAPHIC_APOSTROPHE}]\w+)*"
_WORD = re.compile(WORD_PATTERN)

# Adult silent reading of non-fiction runs at 200-250 words a minute in English and French;
# the lower figure suits health content read with care.
WORDS_PER_MINUTE = 200


@lru_cache(maxsize=4096)
def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def reading_minutes(words: int) -> int:
    """Whole minutes, at least one: "0 min read" tells a reader nothing."""
    return max(1, math.ceil(words / WORDS_PER_MINUTE))
