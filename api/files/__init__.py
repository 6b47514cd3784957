"""The service's own files: read safely with every value's location, validated into
models with located problems, edited round trip, and written in one step.

Content, locales and the partners file all go through here, so that a problem in any
of them reads the same (``file:line:column: [field] message``).
"""

from api.files.problems import ContentError, ContentProblem

__all__ = ["ContentError", "ContentProblem"]
