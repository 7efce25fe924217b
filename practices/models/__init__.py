"""Promising practices and the index that lists and searches them."""

# The models register in the order they were always defined (index, tag, page, its rows):
# backups list them in that order.
from .index import PracticeIndexPage
from .parts import PracticeOrganisation, PracticeSource, PracticeTagEvidence
from .practice import PracticePage, PracticeTag

__all__ = [
    "PracticeIndexPage",
    "PracticeOrganisation",
    "PracticePage",
    "PracticeSource",
    "PracticeTag",
    "PracticeTagEvidence",
]
