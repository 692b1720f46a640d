"""A small eval suite for the eval command's tests: three real gold files and articles."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
EVALS = ROOT / "evals"
HAJJ = "01-hundreds-dead-in-hajj-stampede"
ROUHANI = "31-iran-s-president-rouhani-tells-foreign-powers-to-leave"
DOCUMENT = "04-sensitive-canadian-document-found-on-rainy-streets"  # in the test split
IDS = [HAJJ, DOCUMENT, ROUHANI]


def copy_suite(parent: Path) -> Path:
    """``parent/evals``: the gold files and articles of ``IDS`` (two dev, one test) and a
    manifest that lists just them."""
    suite = parent / "evals"
    (suite / "gold").mkdir(parents=True)
    (suite / "articles").mkdir()
    manifest = yaml.safe_load((EVALS / "manifest.yaml").read_text(encoding="utf-8"))
    manifest["articles"] = {key: manifest["articles"][key] for key in IDS}
    manifest["test_split"]["size"] = 1
    (suite / "manifest.yaml").write_text(yaml.safe_dump(manifest), encoding="utf-8")
    for key in IDS:
        shutil.copy(EVALS / "gold" / f"{key}.yaml", suite / "gold")
        shutil.copy(EVALS / "articles" / f"{key}.txt", suite / "articles")
    return suite
