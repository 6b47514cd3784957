"""Page sizes: part of the schema's contract (its SDL states them), so constants, not settings.

An operator could not change them without the published schema becoming untrue; the
GraphQL arguments, their descriptions, the cost of a page and the search engine's own
bounds all read them from here.
"""

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
DEFAULT_SEARCH_PAGE_SIZE = 10
MAX_SUGGESTIONS = 50
DEFAULT_SUGGESTIONS = 10
