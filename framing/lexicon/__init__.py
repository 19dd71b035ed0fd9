"""Lexicons: categories of framing markers as TOML data (format: lexicons/FORMAT.md).

Every problem in a lexicon file is reported with the file and line it sits on, so a newsroom
can keep its own lexicons next to ours and fix them without reading Python. The package's
modules follow the work: `files` (which files, read as UTF-8), `parse` (one file into a
category and entries), `terms` (what a term may be), `entries` (the records), `concepts`
(actor-naming concept sets), `compile` (entries into matchable phrases), `load` (defaults plus
a user's files, validated), `cache` (parsed lexicons kept between runs).
"""

from framing.lexicon.concepts import Concept, Member, as_lexicon, load_concepts, parse_concepts
from framing.lexicon.entries import Entry, Lexicon
from framing.lexicon.files import is_concept_file, lexicon_files, read_lexicon_text
from framing.lexicon.load import load_lexicon, validate_path
from framing.lexicon.parse import parse_lexicon
from framing.lexicon.terms import INFLECT_MODES, check_term, inflect_mode, slug
from framing.rules.core import Category

__all__ = [
    "INFLECT_MODES", "Category", "Concept", "Entry", "Lexicon", "Member", "as_lexicon", "check_term", "inflect_mode",
    "is_concept_file", "lexicon_files", "load_concepts", "load_lexicon", "parse_concepts", "parse_lexicon",
    "read_lexicon_text", "slug", "validate_path",
]
