"""Runner: gets a brief for every sample, scores it, aggregates per split, applies gates.

Briefs come from an engine (through ``Summarizer``) or from a directory of JSON files
(``<id>.json``) produced elsewhere. A brief that fails validation, from either source, or
that a replay (--offline) finds no cached brief for, counts against the schema-valid rate
and is scored as an empty brief; any other engine error (unreachable endpoint, refused key)
stops the run.
"""

from __future__ import annotations

import asyncio
import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from summarizer.brief import Brief
from summarizer.errors import CacheMissError, OutputValidationError
from summarizer.eval.config import EvalConfig
from summarizer.eval.costs import estimate_cost
from summarizer.eval.dataset import Sample
from summarizer.eval.gates import Gate, check_gates
from summarizer.eval.manifest import Split
from summarizer.eval.metrics import dev_test_gap, split_metrics
from summarizer.eval.results import DocumentResult, EvalReport, RunInfo, Tally, TokenCounts
from summarizer.eval.scorers import Case, score_case
from summarizer.grounding import reground

if TYPE_CHECKING:
    from summarizer.pipeline import Summarizer


@dataclass(frozen=True)
class Prediction:
    """A sample's brief, or why there is none."""

    brief: Brief | None
    error: str | None = None


def read_predictions(samples: Iterable[Sample], directory: Path) -> dict[str, Prediction]:
    """Each sample's brief from ``<id>.json``, its quotes located again in the article."""
    return {
        sample.id: read_prediction(directory / f"{sample.id}.json", sample.article.text)
        for sample in samples
    }


def read_prediction(path: Path, article_text: str) -> Prediction:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Prediction(None, f"no prediction file {path}")
    except (OSError, UnicodeDecodeError) as error:
        return Prediction(None, f"{path}: cannot be read ({error})")
    try:
        return Prediction(reground(Brief.model_validate_json(text), article_text))
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "(brief)"
        more = error.error_count() - 1
        also = f" (and {more} more)" if more else ""
        return Prediction(None, f"{path}: not a valid brief: {where}: {first['msg']}{also}")


async def generate_predictions(
    samples: Sequence[Sample], summarizer: Summarizer, *, concurrency: int = 4
) -> dict[str, Prediction]:
    """Brief every sample with the summarizer's engine, a few at a time."""
    limit = asyncio.Semaphore(concurrency)

    async def one(sample: Sample) -> Prediction:
        async with limit:
            try:
                return Prediction(await summarizer.brief(sample.article))
            except (OutputValidationError, CacheMissError) as error:
                # a replay (--offline) scores a brief the recorded run never made as invalid
                return Prediction(None, str(error))

    results = await asyncio.gather(*(one(sample) for sample in samples))
    return {sample.id: result for sample, result in zip(samples, results, strict=True)}


def score_sample(sample: Sample, prediction: Prediction, config: EvalConfig) -> DocumentResult:
    brief = prediction.brief
    fields, texts = score_case(Case(brief, sample.gold, sample.article.text, config.matching))
    if brief is None:
        return DocumentResult(
            id=sample.id,
            split=sample.split,
            valid=False,
            error=prediction.error,
            fields=fields,
            texts=texts,
        )
    evidence = brief.all_evidence()
    usage = brief.provenance.usage
    warnings = []
    if brief.source.content_sha256 != sample.article.content_sha256:
        warnings.append(
            "the brief is of a different text than the suite's article (sha256 differs), "
            "so its quote offsets may not line up"
        )
    return DocumentResult(
        id=sample.id,
        split=sample.split,
        valid=True,
        warnings=warnings,
        fields=fields,
        texts=texts,
        grounding=Tally(hits=sum(item.verified for item in evidence), total=len(evidence)),
        tokens=TokenCounts(
            prompt=usage.prompt_tokens, completion=usage.completion_tokens, total=usage.total_tokens
        ),
        cost_usd=estimate_cost(brief.provenance, config.price_table()),
        latency_ms=brief.provenance.latency_ms,
    )


def evaluate(
    samples: Sequence[Sample],
    predictions: Mapping[str, Prediction],
    config: EvalConfig,
    gates: Iterable[Gate] = (),
    *,
    suite: str,
    split: str,
    predictions_dir: str | None = None,
    created: datetime.datetime | None = None,
) -> EvalReport:
    """Score every sample, aggregate dev and test apart, and check the gates."""
    documents = [score_sample(sample, predictions[sample.id], config) for sample in samples]
    splits = {
        name: split_metrics([doc for doc in documents if doc.split is name])
        for name in Split
        if any(doc.split is name for doc in documents)
    }
    gap = {}
    if Split.dev in splits and Split.test in splits:
        gap = dev_test_gap(splits[Split.dev], splits[Split.test])
    provenance = next(
        (p.brief.provenance for p in predictions.values() if p.brief is not None), None
    )
    run = RunInfo(
        created=created or datetime.datetime.now(datetime.UTC),
        suite=suite,
        split=split,
        engine=provenance.engine if provenance else None,
        model=provenance.model if provenance else None,
        prompt_version=provenance.prompt_version if provenance else None,
        predictions=predictions_dir,
        thresholds=config.matching,
    )
    return EvalReport(
        run=run,
        splits=splits,
        gap=gap,
        gates=check_gates(gates, splits),
        documents=documents,
    )
