"""The partners of the tests: their keys, origins and scopes, and a clock to move by hand."""

from __future__ import annotations

from api.partners.keys import key_digest

# Made up for the tests; only their digests are in the file, as in real ones.
PARTNER_KEY = "cpk_test-partner-key-0000000000000000000000000"
SECOND_PARTNER_KEY = "cpk_test-partner-key-1111111111111111111111111"
SCOPED_KEY = "cpk_test-scoped-key-00000000000000000000000000"
PARTNER_ORIGIN = "https://clinique-exemple.ca"
SCOPED_ORIGIN = "https://clinique-francophone.ca"
FOREIGN_ORIGIN = "https://elsewhere.example"

# The scoped partner sees French only, and of the items it lists, those tagged
# infusion-therapy or safety: the article, side-effects and how-soon-it-works.
# insurance-coverage is listed but lacks the tags; the other FAQs are not listed.
PARTNERS_YAML = f"""\
# Partners of the tests.
partners:
  - name: clinique-exemple
    display_name: Clinique Exemple
    origins: [{PARTNER_ORIGIN}, "http://localhost:*"]
    rate_limit: 600/minute
    keys:
      - sha256: {key_digest(PARTNER_KEY)}
        label: site web
      - sha256: {key_digest(SECOND_PARTNER_KEY)}
  - name: clinique-francophone
    display_name: Clinique francophone
    origins: [{SCOPED_ORIGIN}]
    rate_limit: 600/minute
    scope:
      locales: [fr-CA]
      tags: [infusion-therapy, safety]
      items: [ketamine-trd, side-effects, how-soon-it-works, insurance-coverage]
    keys:
      - sha256: {key_digest(SCOPED_KEY)}
"""


class FakeClock:
    """A monotonic clock that moves only when told to."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
