"""Matching predicted items to gold items: normalisation, similarity, one-to-one assignment.

Similarities are on rapidfuzz's 0-100 scale:

* names (``name_similarity``): ``token_sort_ratio`` of normalised names, the best over
  every pair of name and alias. Normalising folds case and diacritics, drops punctuation,
  possessives and a leading "the", so "the U.S." meets the alias "US" at 100.
* free text (``text_similarity``): ``token_set_ratio`` of normalised text without stop
  words, which scores a short gold paraphrase high against a longer predicted sentence
  that contains its content words.

``assign`` pairs items one to one and optimally: it maximises the number of pairs at or
above the threshold, then their total similarity (scipy's ``linear_sum_assignment``). A
duplicate prediction therefore cannot match a second gold item, and a greedy first pick
cannot block a better overall pairing. Between pairings of equal similarity, free text
prefers the closer pair by plain edit distance (``text_closeness_matrix``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process
from scipy.optimize import linear_sum_assignment

# Letters NFKD does not split into a base letter and a combining mark.
_FOLD = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae",
     "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i", "þ": "th", "Þ": "Th"}
)  # fmt: skip
_APOSTROPHE = "'\u2019\u2018`\u00b4"
_POSSESSIVE = re.compile(rf"(?<=\w)[{_APOSTROPHE}]s\b|(?<=s)[{_APOSTROPHE}](?=\s|$)")
_JOINING = re.compile(rf"[.{_APOSTROPHE}]")
_SEPARATING = re.compile(r"[^\w\s]|_")

STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "and",
        "or",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "its",
        "it",
        "his",
        "her",
        "their",
        "this",
        "that",
        "these",
        "those",
    ]
)


def words(text: str) -> tuple[str, ...]:
    """Case- and diacritic-folded words; possessives dropped, "U.S." read as "us"."""
    folded = unicodedata.normalize("NFKD", text.translate(_FOLD))
    folded = "".join(char for char in folded if not unicodedata.combining(char)).casefold()
    folded = _POSSESSIVE.sub("", folded)
    folded = _JOINING.sub("", folded)
    return tuple(_SEPARATING.sub(" ", folded).split())


@lru_cache(maxsize=65536)
def normalize_name(name: str) -> str:
    tokens = words(name)
    if len(tokens) > 1 and tokens[0] == "the":
        tokens = tokens[1:]
    return " ".join(tokens)


@lru_cache(maxsize=65536)
def normalize_text(text: str) -> str:
    return " ".join(word for word in words(text) if word not in STOP_WORDS)


def name_similarity_matrix(
    predicted: Sequence[Sequence[str]], gold: Sequence[Sequence[str]]
) -> npt.NDArray[np.float64]:
    """Similarity of every predicted to every gold item, each given as its normalised names:
    the best score over all pairs of their names."""
    matrix = np.zeros((len(predicted), len(gold)))
    if not predicted or not gold or not all(predicted) or not all(gold):
        return matrix
    scores = process.cdist(
        [form for forms in predicted for form in forms],
        [form for forms in gold for form in forms],
        scorer=fuzz.token_sort_ratio,
        dtype=np.float64,
    )
    rows = np.cumsum([0, *(len(forms) for forms in predicted[:-1])])
    columns = np.cumsum([0, *(len(forms) for forms in gold[:-1])])
    return np.maximum.reduceat(np.maximum.reduceat(scores, rows, axis=0), columns, axis=1)


def name_similarity(predicted: Sequence[str], gold: Sequence[str]) -> float:
    """Best similarity between any predicted and any gold form, both already normalised."""
    return float(name_similarity_matrix([predicted], [gold])[0, 0])


def text_similarity_matrix(
    predicted: Sequence[str], gold: Sequence[str]
) -> npt.NDArray[np.float64]:
    """Similarity of already normalised texts; 0 where either has no content words."""
    return _cdist(predicted, gold, fuzz.token_set_ratio)


def text_closeness_matrix(predicted: Sequence[str], gold: Sequence[str]) -> npt.NDArray[np.float64]:
    """Plain edit-distance similarity: the tie-break between equally similar texts."""
    return _cdist(predicted, gold, fuzz.ratio)


def _cdist(
    predicted: Sequence[str], gold: Sequence[str], scorer: Callable[..., float]
) -> npt.NDArray[np.float64]:
    if not predicted or not gold:
        return np.zeros((len(predicted), len(gold)))
    return process.cdist(predicted, gold, scorer=scorer, dtype=np.float64)


def text_similarity(predicted: str, gold: str) -> float:
    return float(text_similarity_matrix([predicted], [gold])[0, 0])


@dataclass(frozen=True)
class Pair:
    predicted: int
    gold: int
    similarity: float


TIEBREAK_WEIGHT = 1e-6
"""Scales ``tiebreak`` far below any difference in similarity rapidfuzz can produce."""


def assign(
    similarity: npt.ArrayLike, threshold: float, tiebreak: npt.ArrayLike | None = None
) -> list[Pair]:
    """Optimal one-to-one pairs of rows (predicted) and columns (gold) at or above threshold.

    ``tiebreak`` (0-100, same shape) decides between pairings of equal similarity: when a
    prediction contains the words of two gold texts, both score 100 and the closer one
    should win.
    """
    matrix = np.asarray(similarity, dtype=float)
    if matrix.size == 0:
        return []
    allowed = matrix >= threshold
    if not allowed.any():
        return []
    # Every allowed pair is worth more than the largest similarity total of one pair fewer,
    # so the solver maximises the number of pairs first and similarity second.
    bonus = 100.0 * (min(matrix.shape) + 1)
    weights = matrix + bonus
    if tiebreak is not None:
        weights = weights + np.asarray(tiebreak, dtype=float) * TIEBREAK_WEIGHT
    rows, columns = linear_sum_assignment(np.where(allowed, weights, 0.0), maximize=True)
    return [
        Pair(int(row), int(column), float(matrix[row, column]))
        for row, column in zip(rows, columns, strict=True)
        if allowed[row, column]
    ]


def assign_required_first(
    similarity: npt.ArrayLike,
    optional: Sequence[bool],
    threshold: float,
    tiebreak: npt.ArrayLike | None = None,
) -> list[Pair]:
    """``assign``, but gold items not marked optional get first claim on every prediction.

    A prediction that could match either a required or an optional gold item counts for the
    required one; optional items then take what is left, so they can never cost recall.
    """
    matrix = np.asarray(similarity, dtype=float)
    if matrix.size == 0 or not (matrix >= threshold).any():
        return []
    if not any(optional):
        return assign(matrix, threshold, tiebreak)
    ties = None if tiebreak is None else np.asarray(tiebreak, dtype=float)
    required = [index for index, flag in enumerate(optional) if not flag]
    extra = [index for index, flag in enumerate(optional) if flag]
    pairs = [
        Pair(pair.predicted, required[pair.gold], pair.similarity)
        for pair in assign(
            matrix[:, required], threshold, None if ties is None else ties[:, required]
        )
    ]
    taken = {pair.predicted for pair in pairs}
    free = [row for row in range(matrix.shape[0]) if row not in taken]
    cells = np.ix_(free, extra)
    pairs.extend(
        Pair(free[pair.predicted], extra[pair.gold], pair.similarity)
        for pair in assign(matrix[cells], threshold, None if ties is None else ties[cells])
    )
    return pairs
