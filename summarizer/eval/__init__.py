"""Evaluation: score briefs against hand-labelled gold files, and gate CI on the scores.

Laid out like inspect_ai, so that adding a field's scorer or a report format touches one
module:

* ``dataset`` (with ``gold`` and ``manifest``): samples of article, gold brief, metadata;
* ``matching`` and ``scorers`` (with ``rouge``): one scorer per field of the brief;
* ``metrics``: pure functions from per-document scores to suite numbers;
* ``gates``: thresholds, from the config, the command line or a baseline report;
* ``runner``: briefs from an engine or a directory, scored and aggregated per split;
* ``reports``: JSON, JUnit XML, Markdown, and two runs compared.
"""

from __future__ import annotations

from summarizer.eval.config import EvalConfig, MatchThresholds, load_config
from summarizer.eval.dataset import Sample, Suite, check_suite, load_gold, load_suite
from summarizer.eval.gates import Gate, parse_gate
from summarizer.eval.gold import GoldBrief
from summarizer.eval.manifest import Manifest, Split
from summarizer.eval.oracle import oracle_brief
from summarizer.eval.results import DocumentResult, EvalReport
from summarizer.eval.runner import (
    Prediction,
    evaluate,
    generate_predictions,
    read_predictions,
    score_sample,
)
from summarizer.eval.scorers import Case, score_case

__all__ = [
    "Case",
    "DocumentResult",
    "EvalConfig",
    "EvalReport",
    "Gate",
    "GoldBrief",
    "Manifest",
    "MatchThresholds",
    "Prediction",
    "Sample",
    "Split",
    "Suite",
    "check_suite",
    "evaluate",
    "generate_predictions",
    "load_config",
    "load_gold",
    "load_suite",
    "oracle_brief",
    "parse_gate",
    "read_predictions",
    "score_case",
    "score_sample",
]
