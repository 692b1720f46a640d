"""Dataset: samples made of an article (the input), its gold brief (the target) and its
manifest entry (metadata: split, source, who labelled it).

A suite is a directory holding ``manifest.yaml``, ``gold/<id>.yaml`` and the articles the
gold files point to. Loading it checks everything a score depends on: every file validates,
the manifest and the gold files list the same ids, and every support quote is verbatim in
its article (evidence accuracy is measured against those quotes' positions).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from summarizer.errors import GoldFileError, InputError
from summarizer.eval._yaml import Problem, YamlDocument
from summarizer.eval.gold import GoldBrief
from summarizer.eval.manifest import Manifest, ManifestEntry, Split
from summarizer.inputs import Article, read_article

GOLD_HINT = "fix the gold file; its format is in evals/LABELLING.md"
MANIFEST_HINT = "fix the manifest; its format is in evals/README.md"


@dataclass(frozen=True)
class Sample:
    id: str
    split: Split
    gold: GoldBrief
    article: Article
    entry: ManifestEntry


@dataclass(frozen=True)
class Suite:
    directory: Path
    manifest: Manifest
    samples: list[Sample]

    def select(self, split: Split | None) -> list[Sample]:
        """The samples of one split, or all of them for ``None``."""
        return [sample for sample in self.samples if split is None or sample.split is split]


def load_gold(path: Path) -> tuple[GoldBrief, Article]:
    """A gold file and the article it labels; its ``article`` path is relative to the file."""
    document = YamlDocument.read(path, hint=GOLD_HINT)
    gold = document.validate(GoldBrief)
    try:
        article = read_article(str(path.parent / gold.article))
    except InputError as error:
        raise document.error([(("article",), str(error))]) from error
    problems: list[Problem] = []
    if gold.id != path.stem:
        problems.append((("id",), f"{gold.id!r} differs from the file name {path.stem!r}"))
    problems.extend(support_problems(gold, article.text))
    if problems:
        raise document.error(problems)
    return gold, article


def support_problems(gold: GoldBrief, text: str) -> list[Problem]:
    """Support quotes that are not, character for character, in the article body."""
    problems: list[Problem] = []
    for field, items in gold.items().items():
        for i, item in enumerate(items):
            for j, quote in enumerate(item.support):
                if quote not in text:
                    problems.append(
                        ((field, i, "support", j), f"not verbatim in the article: {quote!r}")
                    )
    return problems


def load_manifest(path: Path) -> Manifest:
    return _read_manifest(path)[0]


def load_suite(directory: Path) -> Suite:
    """Every labelled sample of a suite, in manifest order; the first bad file raises."""
    manifest, document = _read_manifest(directory / "manifest.yaml")
    coverage = _coverage_problems(manifest, directory / "gold")
    if coverage:
        raise document.error(coverage)
    samples = []
    for sample_id, entry in manifest.articles.items():
        gold, article = load_gold(_gold_path(directory, sample_id))
        samples.append(Sample(sample_id, entry.split, gold, article, entry))
    return Suite(directory, manifest, samples)


def check_suite(directory: Path) -> list[str]:
    """Every problem in a suite (not only the first), one message per bad file."""
    problems = []
    try:
        manifest, document = _read_manifest(directory / "manifest.yaml")
    except GoldFileError as error:
        problems.append(str(error))
    else:
        coverage = _coverage_problems(manifest, directory / "gold")
        if coverage:
            problems.append(str(document.error(coverage)))
    for path in sorted((directory / "gold").glob("*.yaml")):
        try:
            load_gold(path)
        except GoldFileError as error:
            problems.append(str(error))
    return problems


def _read_manifest(path: Path) -> tuple[Manifest, YamlDocument]:
    document = YamlDocument.read(path, hint=MANIFEST_HINT)
    return document.validate(Manifest), document


def _gold_path(directory: Path, sample_id: str) -> Path:
    return directory / "gold" / f"{sample_id}.yaml"


def _coverage_problems(manifest: Manifest, gold_dir: Path) -> list[Problem]:
    listed = set(manifest.articles)
    problems: list[Problem] = [
        (("articles", sample_id), f"has no gold file {gold_dir / sample_id}.yaml")
        for sample_id in manifest.articles
        if not (gold_dir / f"{sample_id}.yaml").is_file()
    ]
    problems.extend(
        (("articles",), f"does not list {path.name}; add an entry for {path.stem!r}")
        for path in sorted(gold_dir.glob("*.yaml"))
        if path.stem not in listed
    )
    return problems
