"""Time the scorer: 1,000 brief/gold pairs built from the gold suite, scored and aggregated.

    python benchmarks/bench_scoring.py [--pairs 1000] [--suite evals]

Each brief starts as the oracle (the gold itself) and is then perturbed at random, with a
fixed seed: items dropped, names reworded, spurious items added, lists shuffled, the BLUF
cut. So every pair is different and the scorer does the work a real run does.
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from summarizer.brief import Actor, ActorKind, Brief, Confidence, Uncertainty, UncertaintyReason
from summarizer.eval.config import EvalConfig
from summarizer.eval.dataset import Sample, load_suite
from summarizer.eval.manifest import Split
from summarizer.eval.metrics import split_metrics
from summarizer.eval.oracle import oracle_brief
from summarizer.eval.runner import Prediction, score_sample

TARGET_SECONDS = 2.0


def perturbed(sample: Sample, rng: random.Random, serial: int) -> Brief:
    brief = oracle_brief(sample.gold, sample.article)
    actors = [
        actor.model_copy(update={"name": f"the {actor.name}'s"}) if rng.random() < 0.2 else actor
        for actor in brief.actors
        if rng.random() > 0.2
    ]
    actors += [
        Actor(name=f"Bystander {serial} {n}", kind=ActorKind.person, evidence=[]) for n in range(2)
    ]
    uncertainties = [item for item in brief.uncertainties if rng.random() > 0.3]
    uncertainties.append(
        Uncertainty(
            claim=f"an unconfirmed report number {serial}",
            reason=UncertaintyReason.unconfirmed,
            confidence=Confidence.low,
            evidence=[],
        )
    )
    words = brief.bluf.split()
    return brief.model_copy(
        update={
            "bluf": " ".join(words[: rng.randint(1, len(words))]),
            "actors": rng.sample(actors, len(actors)),
            "stances": [stance for stance in brief.stances if rng.random() > 0.3],
            "threats": [threat for threat in brief.threats if rng.random() > 0.3],
            "uncertainties": rng.sample(uncertainties, len(uncertainties)),
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=1000)
    parser.add_argument("--suite", type=Path, default=Path(__file__).parent.parent / "evals")
    arguments = parser.parse_args()

    samples = load_suite(arguments.suite).samples
    rng = random.Random(20261126)
    pairs = [
        (sample := samples[i % len(samples)], Prediction(perturbed(sample, rng, i)))
        for i in range(arguments.pairs)
    ]
    config = EvalConfig()

    started, cpu_started = time.perf_counter(), time.process_time()
    documents = [score_sample(sample, prediction, config) for sample, prediction in pairs]
    splits = {split: split_metrics([d for d in documents if d.split is split]) for split in Split}
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started

    f1 = {name: round(field.f1, 3) for name, field in splits[Split.dev].fields.items()}
    print(
        f"scored {len(documents):,} brief/gold pairs in {elapsed:.2f} s wall, {cpu:.2f} s CPU "
        f"({elapsed / len(documents) * 1000:.2f} ms per pair; target < {TARGET_SECONDS:.0f} s)"
    )
    print(f"dev F1 of the perturbed briefs: {f1}")


if __name__ == "__main__":
    main()
