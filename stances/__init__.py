"""stances: an actor-by-issue position matrix from news articles."""

from stances.errors import InputError, ModelError, OutputError, StancesError, ValidationFailed
from stances.project.codebook import Codebook, load_codebook
from stances.project.corpus import Article, Corpus, load_corpus
from stances.project.labels import check_annotations, load_annotations
from stances.text.sentences import Sentence, segment_article, sentence_table, split_sentences
from stances.validation import ValidationReport, validate_project

__all__ = [
    "Article",
    "Codebook",
    "Corpus",
    "InputError",
    "ModelError",
    "OutputError",
    "Sentence",
    "StancesError",
    "ValidationFailed",
    "ValidationReport",
    "check_annotations",
    "load_annotations",
    "load_codebook",
    "load_corpus",
    "segment_article",
    "sentence_table",
    "split_sentences",
    "validate_project",
]
