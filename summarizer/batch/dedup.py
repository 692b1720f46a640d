"""Dropping duplicate items before any engine call.

Four checks, in input order, and the first item of a kind is the one kept (a batch puts the
full texts before the feed summaries, ``full_texts_first``, so a story is briefed from its
fullest text):

* the same id twice: the same text read twice (a feed listed in two inputs) is dropped as an
  exact duplicate, and another text under the same id (a story's link in two feeds, one
  with its full text and one with a summary) as another version of the same story, since
  an id names one brief;
* the same text (a hash of the text with whitespace collapsed);
* a feed's summary of a story whose full text was kept under another id (a feed entry and
  a JSONL line with the same ``url``): the same link, and most of the summary's word
  3-grams in the full text. A link alone is not enough: some feeds give every entry their
  home page;
* near-duplicates, the same wire story under two headlines or lightly edited: MinHash over
  word 3-grams finds candidates through LSH (datasketch), and the Jaccard similarity of the
  two 3-gram sets, computed exactly, decides.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Sequence
from functools import cache
from typing import Any, Final
from urllib.parse import urlsplit

import numpy as np
import numpy.typing as npt
from datasketch import MinHash, MinHashLSH

from summarizer.batch.records import BatchItem, Duplicate, DuplicateKind

NEAR_DUPLICATE_THRESHOLD = 0.8
SUMMARY_CONTAINMENT = 0.5
"""Share of a summary's word 3-grams found in a full text at the same link for it to be a
summary of that text (a summary of another story at a shared home page has almost none)."""
SHINGLE_WORDS = 3  # the combination in ``shingles`` is written for three
NUM_PERM = 128
SEED = 1
SCHEME: Final = "affine32"
_MIX = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F))
_WORD = re.compile(r"\w+")


def text_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def shingles(text: str) -> npt.NDArray[np.uint64]:
    """The distinct 32-bit hashes of the text's word 3-grams (case folded), sorted.

    Each word is hashed once (crc32: stable across runs, unlike ``hash``) and the three-word
    hashes are combined with numpy, which is several times faster than hashing joined strings.
    """
    words = _WORD.findall(text.casefold())
    codes = np.fromiter(
        (zlib.crc32(word.encode("utf-8")) for word in words), dtype=np.uint64, count=len(words)
    )
    if len(codes) >= SHINGLE_WORDS:
        codes = codes[:-2] * _MIX[0] + codes[1:-1] * _MIX[1] + codes[2:]
        codes = (codes ^ (codes >> np.uint64(32))) & np.uint64(0xFFFFFFFF)
    return np.unique(codes)


def containment(part: npt.NDArray[np.uint64], whole: npt.NDArray[np.uint64]) -> float:
    """The share of ``part``'s 3-grams that are in ``whole``."""
    if not part.size:
        return 0.0
    return np.intersect1d(part, whole, assume_unique=True).size / part.size


def link_key(url: str | None) -> str | None:
    """A link as a key: host in lower case, no scheme, fragment or trailing slash."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if not parts.netloc:
        return None
    query = f"?{parts.query}" if parts.query else ""
    return f"{parts.netloc.lower()}{parts.path.rstrip('/')}{query}"


def full_texts_first(items: Sequence[BatchItem]) -> list[BatchItem]:
    """The items, those with their full text before feed summaries, each group in input
    order: the full text of a story is then the version kept."""
    return sorted(items, key=lambda item: item.article.partial)


def jaccard(left: npt.NDArray[np.uint64], right: npt.NDArray[np.uint64]) -> float:
    if not left.size and not right.size:
        return 1.0
    common = np.intersect1d(left, right, assume_unique=True).size
    return common / (left.size + right.size - common)


@cache
def _permutations() -> Any:
    """datasketch draws the permutations anew for each MinHash; with one seed they are equal."""
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def minhash(hashes: npt.NDArray[np.uint64]) -> MinHash:
    """The MinHash signature of a set of shingle hashes (already hashed, so ``hashfunc=int``)."""
    signature = MinHash(
        num_perm=NUM_PERM, seed=SEED, hashfunc=int, permutations=_permutations(), scheme=SCHEME
    )
    signature.update_batch(hashes)
    return signature


class DuplicateFilter:
    """Decides, item by item in input order, whether an item is new or a duplicate of one
    seen before; a batch can start briefing the first items before it has
    read the last."""

    def __init__(self, *, threshold: float = NEAR_DUPLICATE_THRESHOLD) -> None:
        self.threshold = threshold
        self.duplicates: list[Duplicate] = []
        self._hash_of_id: dict[str, str] = {}
        self._id_of_hash: dict[str, str] = {}
        self._shingle_sets: dict[str, npt.NDArray[np.uint64]] = {}
        self._ids_at_link: dict[str, list[str]] = {}
        self._index = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)

    def check(self, item: BatchItem) -> Duplicate | None:
        """None for an item to brief; otherwise the duplicate it is (also kept in
        ``duplicates``)."""
        digest = text_hash(item.article.text)
        if item.id in self._hash_of_id:
            if self._hash_of_id[item.id] == digest:
                return self._drop(item, item.id, "exact", 1.0)
            overlap = jaccard(shingles(item.article.text), self._shingle_sets[item.id])
            return self._drop(item, item.id, "same_id", round(overlap, 3))
        if digest in self._id_of_hash:
            return self._drop(item, self._id_of_hash[digest], "exact", 1.0)
        words = shingles(item.article.text)
        link = link_key(item.article.url)
        if item.article.partial and link is not None:
            for other in self._ids_at_link.get(link, []):
                share = containment(words, self._shingle_sets[other])
                if share >= SUMMARY_CONTAINMENT:
                    return self._drop(item, other, "summary", round(share, 3))
        signature = minhash(words)
        candidates = [
            (jaccard(words, self._shingle_sets[other]), other)
            for other in self._index.query(signature)
        ]
        similarity, original = max(candidates, default=(0.0, ""))
        if similarity >= self.threshold:
            return self._drop(item, original, "near", round(similarity, 3))
        self._hash_of_id[item.id] = digest
        self._id_of_hash[digest] = item.id
        self._shingle_sets[item.id] = words
        if link is not None:
            self._ids_at_link.setdefault(link, []).append(item.id)
        self._index.insert(item.id, signature)
        return None

    def _drop(
        self,
        item: BatchItem,
        original: str,
        kind: DuplicateKind,
        similarity: float,
    ) -> Duplicate:
        duplicate = Duplicate(
            id=item.id,
            duplicate_of=original,
            kind=kind,
            similarity=similarity,
            title=item.article.title,
        )
        self.duplicates.append(duplicate)
        return duplicate
