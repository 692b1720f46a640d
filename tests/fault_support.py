"""Articles for the fault and kill tests: many, distinct, real prose of real length."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from .conftest import FIXTURES

SOURCE = FIXTURES / "feeds" / "articles.jsonl"


def write_articles(path: Path, count: int, seed: int = 7) -> list[str]:
    """Write ``count`` articles to a JSONL file and return their ids.

    Each is 18 sentences drawn (seeded) from the fixture articles: no two alike enough to be
    dropped as near-duplicates.
    """
    texts = [json.loads(line)["text"] for line in SOURCE.read_text(encoding="utf-8").splitlines()]
    sentences = [
        sentence
        for text in texts
        for sentence in re.split(r"(?<=[.!?])\s+", text)
        if len(sentence) > 40
    ]
    draw = random.Random(seed)
    ids = [f"article-{number:04d}" for number in range(count)]
    with path.open("w", encoding="utf-8") as out:
        for item_id in ids:
            text = " ".join(draw.sample(sentences, 18))
            out.write(json.dumps({"id": item_id, "text": text}) + "\n")
    return ids
