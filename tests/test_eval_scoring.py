"""Scoring: hand-computed scores for small cases, and properties that must hold for any brief."""

from __future__ import annotations

import random
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rouge_score import rouge_scorer

from summarizer.brief import (
    Actor,
    ActorKind,
    Brief,
    Confidence,
    Evidence,
    Likelihood,
    Position,
    Provenance,
    Source,
    Stance,
    Threat,
    Uncertainty,
    UncertaintyReason,
)
from summarizer.eval.gold import GoldActor, GoldBrief
from summarizer.eval.matching import assign, assign_required_first, normalize_name
from summarizer.eval.metrics import field_metrics, metric_values, split_metrics
from summarizer.eval.oracle import oracle_brief
from summarizer.eval.results import DocumentResult, FieldScore
from summarizer.eval.rouge import rouge_l
from summarizer.eval.scorers import FIELDS, Case, score_case
from summarizer.grounding import QuoteLocator
from summarizer.inputs import article_from_text

ARTICLE = (
    "Iranian President Hassan Rouhani told foreign powers to leave the Persian Gulf. "
    "Rouhani said their presence was a calamity for the region. "
    "The United States is sending more troops to Saudi Arabia. "
    "The attack was claimed by the Houthi movement in Yemen. "
    "The Associated Press reported the speech. "
    "At least 20 people may have died, officials said."
)


def evidence(*quotes: str) -> list[Evidence]:
    locator = QuoteLocator(ARTICLE)
    return [locator.locate(quote) for quote in quotes]


def make_brief(
    actors: Sequence[Actor] = (),
    stances: Sequence[Stance] = (),
    threats: Sequence[Threat] = (),
    uncertainties: Sequence[Uncertainty] = (),
    bluf: str = "Rouhani told foreign powers to leave the Gulf.",
) -> Brief:
    return Brief(
        bluf=bluf,
        summary=bluf,
        actors=list(actors),
        stances=list(stances),
        threats=list(threats),
        uncertainties=list(uncertainties),
        grounding_rate=1.0,
        source=Source(content_sha256="0" * 64, characters=len(ARTICLE)),
        provenance=Provenance(engine="test", prompt_version="test"),
    )


def actor(
    name: str, *aliases: str, kind: ActorKind = ActorKind.state, quotes: Sequence[str] = ()
) -> Actor:
    return Actor(name=name, kind=kind, aliases=list(aliases), evidence=evidence(*quotes))


def gold_actor(name: str, *aliases: str, optional: bool = False, **extra: object) -> GoldActor:
    return GoldActor.model_validate(
        {"name": name, "kind": "state", "aliases": list(aliases), "optional": optional, **extra}
    )


def make_gold(**items: object) -> GoldBrief:
    return GoldBrief.model_validate(
        {"id": "t", "article": "t.txt", "bluf": "Rouhani told foreign powers to leave.", **items}
    )


def score(brief: Brief | None, gold: GoldBrief) -> dict[str, FieldScore]:
    return score_case(Case(brief, gold, ARTICLE))[0]


def counts(field: FieldScore) -> tuple[int, int, int]:
    return field.tp, field.fp, field.fn


# ---- actors --------------------------------------------------------------------------------


def test_a_duplicate_prediction_matches_one_gold_actor_and_counts_as_a_false_positive() -> None:
    gold = make_gold(actors=[gold_actor("Hassan Rouhani", "Rouhani"), gold_actor("Iran")])
    brief = make_brief([actor("Hassan Rouhani"), actor("Rouhani"), actor("Iran")])

    actors = score(brief, gold)["actors"]

    assert counts(actors) == (2, 1, 0)
    assert actors.precision == pytest.approx(2 / 3)
    assert actors.recall == 1.0
    assert actors.f1 == pytest.approx(0.8)
    assert actors.spurious in (["Hassan Rouhani"], ["Rouhani"])


def test_optional_gold_actors_cost_no_recall_when_missed_and_no_precision_when_found() -> None:
    gold = make_gold(
        actors=[
            gold_actor("Iran"),
            gold_actor("Associated Press", optional=True),
            gold_actor("China", optional=True),
        ]
    )
    found_optional = score(make_brief([actor("Iran"), actor("Associated Press")]), gold)["actors"]
    only_optional = score(make_brief([actor("Associated Press")]), gold)["actors"]

    assert counts(found_optional) == (1, 0, 0)
    assert (found_optional.precision, found_optional.recall, found_optional.f1) == (1, 1, 1)
    assert counts(only_optional) == (0, 0, 1)
    assert (only_optional.precision, only_optional.recall, only_optional.f1) == (1.0, 0.0, 0.0)


def test_a_prediction_that_fits_a_required_and_an_optional_actor_counts_for_the_required() -> None:
    gold = make_gold(
        actors=[gold_actor("Saudi Arabia", optional=True), gold_actor("Saudi government")]
    )
    brief = make_brief([actor("Saudi Arabia", "Saudi government")])

    assert counts(score(brief, gold)["actors"]) == (1, 0, 0)


def test_aliases_and_normalised_names_match() -> None:
    gold = make_gold(
        actors=[
            gold_actor("United States", "US", "U.S."),
            gold_actor("Paweł Adamowicz"),
            gold_actor("Houthi movement"),
        ]
    )
    brief = make_brief(
        [actor("the U.S."), actor("PAWEL ADAMOWICZ"), actor("The Houthi Movement's")]
    )

    assert counts(score(brief, gold)["actors"]) == (3, 0, 0)


@pytest.mark.parametrize(
    ("name", "normalised"),
    [
        ("The U.S.", "us"),
        ("Paweł Adamowicz", "pawel adamowicz"),
        ("Agnès Callamard", "agnes callamard"),
        ("Iran's", "iran"),
        ("Rouhani\u2019s government", "rouhani government"),
        ("Saudis'", "saudis"),
        ("al-Qaeda", "al qaeda"),
        ("The", "the"),
    ],
)
def test_names_are_normalised_before_matching(name: str, normalised: str) -> None:
    assert normalize_name(name) == normalised


def test_actor_kind_is_checked_over_matched_pairs() -> None:
    gold = make_gold(actors=[gold_actor("Iran"), gold_actor("United States")])
    brief = make_brief([actor("Iran"), actor("United States", kind=ActorKind.government)])

    kind = score(brief, gold)["actors"].checks["kind"]

    assert (kind.hits, kind.total) == (1, 2)


# ---- assignment ----------------------------------------------------------------------------


def test_assignment_is_one_to_one_and_optimal_where_greedy_would_lose_a_pair() -> None:
    # Greedy would give row 0 its best column (0) and leave row 1 with nothing.
    pairs = assign([[95.0, 90.0], [88.0, 0.0]], threshold=85)

    assert {(pair.predicted, pair.gold) for pair in pairs} == {(0, 1), (1, 0)}


def test_assignment_never_pairs_below_the_threshold() -> None:
    assert assign([[84.9, 10.0]], threshold=85) == []
    assert assign([], threshold=85) == []


def test_required_gold_items_get_first_claim_on_a_prediction() -> None:
    pairs = assign_required_first([[100.0, 90.0]], optional=[True, False], threshold=85)

    assert [(pair.predicted, pair.gold) for pair in pairs] == [(0, 1)]


# ---- empty predictions and empty gold ----------------------------------------------------


def test_no_brief_scores_every_required_gold_item_as_missed() -> None:
    gold = make_gold(
        actors=[gold_actor("Iran"), gold_actor("China", optional=True)],
        uncertainties=[
            {"claim": "death toll", "reason": "estimate", "support": ["At least 20 people"]}
        ],
    )
    fields, texts = score_case(Case(None, gold, ARTICLE))

    assert counts(fields["actors"]) == (0, 0, 1)
    assert counts(fields["uncertainties"]) == (0, 0, 1)
    assert (fields["actors"].precision, fields["actors"].recall, fields["actors"].f1) == (1, 0, 0)
    assert texts["bluf"].rouge_l == 0.0
    assert texts["summary"].rouge_l is None


def test_empty_gold_and_empty_prediction_is_perfect_and_left_out_of_macro_averages() -> None:
    threats = score(make_brief(), make_gold())["threats"]

    assert counts(threats) == (0, 0, 0)
    assert (threats.precision, threats.recall, threats.f1) == (1.0, 1.0, 1.0)
    assert threats.vacuous


def test_predictions_against_empty_gold_are_all_false_positives() -> None:
    gold = make_gold(actors=[gold_actor("Houthi movement"), gold_actor("Saudi Arabia")])
    brief = make_brief(
        [actor("Houthi movement"), actor("Saudi Arabia")],
        threats=[
            Threat(
                source="Houthi movement",
                target="Saudi Arabia",
                description="attack on oil infrastructure",
                kind="attack",
                likelihood=Likelihood.almost_certain,
                evidence=evidence("The attack was claimed by the Houthi movement"),
            )
        ],
    )
    threats = score(brief, gold)["threats"]

    assert counts(threats) == (0, 1, 0)
    assert (threats.precision, threats.recall, threats.f1) == (0.0, 1.0, 0.0)


# ---- stances, threats, uncertainties --------------------------------------------------------

ROUHANI_STANCE = {
    "actor": "Hassan Rouhani",
    "topic": "presence of foreign forces in the Persian Gulf",
    "position": "opposes",
    "support": ["Rouhani said their presence was a calamity for the region"],
}


def stance(actor_name: str, topic: str, position: Position, *quotes: str) -> Stance:
    return Stance(
        actor=actor_name,
        topic=topic,
        position=position,
        summary=topic,
        evidence=evidence(*quotes),
    )


def test_a_stance_matches_through_an_actor_alias_with_the_same_position() -> None:
    gold = make_gold(actors=[gold_actor("Hassan Rouhani", "Rouhani")], stances=[ROUHANI_STANCE])
    quote = "their presence was a calamity"
    brief = make_brief(
        [actor("Rouhani")],
        stances=[stance("Rouhani", "foreign forces in the Gulf", Position.opposes, quote)],
    )

    stances = score(brief, gold)["stances"]

    assert counts(stances) == (1, 0, 0)
    assert (stances.evidence.hits, stances.evidence.total) == (1, 1)


def test_a_stance_with_the_opposite_position_does_not_match() -> None:
    gold = make_gold(actors=[gold_actor("Hassan Rouhani", "Rouhani")], stances=[ROUHANI_STANCE])
    brief = make_brief(
        [actor("Rouhani")],
        stances=[stance("Rouhani", "foreign forces in the Gulf", Position.supports)],
    )

    assert counts(score(brief, gold)["stances"]) == (0, 1, 1)


def test_a_stance_of_another_actor_does_not_match() -> None:
    gold = make_gold(
        actors=[gold_actor("Hassan Rouhani"), gold_actor("Iran")], stances=[ROUHANI_STANCE]
    )
    brief = make_brief(
        [actor("Hassan Rouhani"), actor("Iran")],
        stances=[stance("Iran", "presence of foreign forces in the Gulf", Position.opposes)],
    )

    assert counts(score(brief, gold)["stances"]) == (0, 1, 1)


HOUTHI_THREAT = {
    "source": "Houthi movement",
    "target": "Saudi Arabia",
    "description": "attack on Saudi oil infrastructure",
    "support": ["The attack was claimed by the Houthi movement in Yemen"],
}


def threat(source: str, target: str, description: str) -> Threat:
    return Threat(
        source=source,
        target=target,
        description=description,
        kind="attack",
        likelihood=Likelihood.almost_certain,
        evidence=evidence("The attack was claimed"),
    )


def test_a_threat_matches_on_source_target_and_description() -> None:
    gold = make_gold(
        actors=[gold_actor("Houthi movement"), gold_actor("Saudi Arabia")],
        threats=[HOUTHI_THREAT],
    )
    brief = make_brief(
        [actor("Houthis", "Houthi movement"), actor("Saudi Arabia")],
        threats=[threat("Houthis", "Saudi Arabia", "attacked Saudi oil infrastructure")],
    )

    threats = score(brief, gold)["threats"]

    assert counts(threats) == (1, 0, 0)
    assert threats.evidence.hits == 1


def test_a_threat_against_the_wrong_target_does_not_match() -> None:
    gold = make_gold(
        actors=[gold_actor("Houthi movement"), gold_actor("Saudi Arabia"), gold_actor("Iran")],
        threats=[HOUTHI_THREAT],
    )
    brief = make_brief(
        [actor("Houthi movement"), actor("Iran")],
        threats=[threat("Houthi movement", "Iran", "attack on Saudi oil infrastructure")],
    )

    threats = score(brief, gold)["threats"]

    assert counts(threats) == (0, 1, 1)
    # found on its quote with the right source, so it is lost at the target
    assert threats.losses == {"quote": 0, "source": 0, "target": 1, "description": 0, "taken": 0}


def uncertainty(claim: str, reason: UncertaintyReason, *quotes: str) -> Uncertainty:
    return Uncertainty(
        claim=claim, reason=reason, confidence=Confidence.low, evidence=evidence(*quotes)
    )


def test_uncertainty_reason_is_scored_as_accuracy_over_matched_claims() -> None:
    gold = make_gold(
        uncertainties=[
            {"claim": "at least 20 people died", "reason": "estimate", "support": ["At least 20"]},
            {
                "claim": "the Houthi movement carried out the attack",
                "reason": "conflicting_reports",
                "support": ["claimed by the Houthi movement"],
            },
        ]
    )
    brief = make_brief(
        uncertainties=[
            uncertainty("At least 20 people may have died", UncertaintyReason.estimate),
            uncertainty(
                "The Houthi movement carried out the attack", UncertaintyReason.unconfirmed
            ),
            uncertainty("The Associated Press reported the speech", UncertaintyReason.unconfirmed),
        ]
    )

    uncertainties = score(brief, gold)["uncertainties"]

    assert counts(uncertainties) == (2, 1, 0)
    reason = uncertainties.checks["reason"]
    assert (reason.hits, reason.total) == (1, 2)


def test_evidence_counts_only_when_a_verified_quote_overlaps_the_gold_support() -> None:
    gold = make_gold(
        actors=[
            gold_actor("Associated Press", support=["The Associated Press reported the speech"]),
            gold_actor("Iran", support=["Iranian President Hassan Rouhani"]),
            gold_actor("Saudi Arabia", support=["sending more troops to Saudi Arabia"]),
        ]
    )
    brief = make_brief(
        [
            actor("Associated Press", quotes=["Associated Press reported"]),  # overlaps
            actor("Iran", quotes=["The attack was claimed"]),  # verified elsewhere
            actor("Saudi Arabia", quotes=["troops to Saudi Arabia and Qatar"]),  # not verified
        ]
    )

    actors = score(brief, gold)["actors"]

    assert (actors.evidence.hits, actors.evidence.total) == (1, 3)
    hits = {item.gold: item.evidence_hit for item in actors.matched}
    assert hits == {"Associated Press": True, "Iran": False, "Saudi Arabia": False}


ROUHANI_QUOTE = "their presence was a calamity"


@pytest.mark.parametrize(
    ("predicted", "lost_at"),
    [
        (stance("Rouhani", "oil prices", Position.opposes), "quote"),
        (stance("Iran", "foreign forces in the Gulf", Position.opposes, ROUHANI_QUOTE), "actor"),
        (stance("Rouhani", "foreign forces in the Gulf", Position.supports, ROUHANI_QUOTE),
         "position"),
        (stance("Rouhani", "oil prices", Position.opposes, ROUHANI_QUOTE), "topic"),
    ],
)  # fmt: skip
def test_a_missed_stance_is_counted_at_the_first_check_its_quoted_predictions_fail(
    predicted: Stance, lost_at: str
) -> None:
    gold = make_gold(
        actors=[gold_actor("Hassan Rouhani", "Rouhani"), gold_actor("Iran")],
        stances=[ROUHANI_STANCE],
    )
    brief = make_brief([actor("Rouhani"), actor("Iran")], stances=[predicted])

    stances = score(brief, gold)["stances"]

    assert stances.fn == 1
    assert stances.missed_at == [lost_at]
    assert {stage for stage, count in stances.losses.items() if count} == {lost_at}
    assert list(stances.losses) == ["quote", "actor", "position", "topic", "taken"]


def test_a_gold_uncertainty_whose_only_fitting_prediction_matched_another_is_taken() -> None:
    support = ["At least 20 people may have died"]
    gold = make_gold(
        uncertainties=[
            {"claim": "at least 20 people died", "reason": "estimate", "support": support},
            {"claim": "20 people may have died", "reason": "unconfirmed", "support": support},
            {"claim": "the speech was reported", "reason": "unconfirmed",
             "support": ["The Associated Press reported the speech"]},
        ]
    )  # fmt: skip
    brief = make_brief(
        uncertainties=[
            uncertainty("At least 20 people may have died", UncertaintyReason.estimate, *support)
        ]
    )

    uncertainties = score(brief, gold)["uncertainties"]

    assert counts(uncertainties) == (1, 0, 2)
    assert uncertainties.losses == {"quote": 1, "claim": 0, "taken": 1}


def test_missed_items_are_summed_by_stage_over_documents() -> None:
    gold = make_gold(
        actors=[gold_actor("Hassan Rouhani", "Rouhani"), gold_actor("Iran")],
        stances=[ROUHANI_STANCE],
    )
    briefs = [
        make_brief([actor("Iran")], stances=[stance("Iran", "Gulf", Position.opposes, quote)])
        for quote in (ROUHANI_QUOTE, ROUHANI_QUOTE, "The attack was claimed")
    ]

    metrics = field_metrics([score(brief, gold)["stances"] for brief in briefs])

    assert metrics.fn == 3
    assert metrics.losses == {"quote": 1, "actor": 2, "position": 0, "topic": 0, "taken": 0}


# ---- metrics over documents ---------------------------------------------------------------


def field_score(tp: int, fp: int, fn: int) -> FieldScore:
    from summarizer.eval.metrics import precision_recall_f1

    precision, recall, f1 = precision_recall_f1(tp, fp, fn)
    return FieldScore(tp=tp, fp=fp, fn=fn, precision=precision, recall=recall, f1=f1)


def test_micro_sums_counts_and_macro_averages_documents_that_are_not_vacuous() -> None:
    metrics = field_metrics([field_score(1, 1, 0), field_score(0, 0, 2), field_score(0, 0, 0)])

    assert (metrics.tp, metrics.fp, metrics.fn) == (1, 1, 2)
    assert metrics.precision == pytest.approx(1 / 2)
    assert metrics.recall == pytest.approx(1 / 3)
    assert metrics.f1 == pytest.approx(0.4)
    assert metrics.macro_precision == pytest.approx((0.5 + 1.0) / 2)
    assert metrics.macro_recall == pytest.approx((1.0 + 0.0) / 2)
    assert metrics.macro_f1 == pytest.approx((2 / 3 + 0.0) / 2)


def test_every_document_vacuous_gives_perfect_macro_scores() -> None:
    metrics = field_metrics([field_score(0, 0, 0)])

    assert (metrics.f1, metrics.macro_f1) == (1.0, 1.0)


# ---- ROUGE-L --------------------------------------------------------------------------------


def test_rouge_l_matches_a_hand_computed_value() -> None:
    # LCS "the cat on the mat" is 5 of 6 tokens on both sides.
    assert rouge_l("the cat lay on the mat", "the cat sat on the mat") == pytest.approx(5 / 6)
    assert rouge_l("", "the cat sat") == 0.0


@pytest.mark.parametrize(
    ("predicted", "gold"),
    [
        ("The running dogs chased cats.", "A dog runs after the cat!"),
        (
            "Iran's President Rouhani told foreign powers to leave the Persian Gulf.",
            "Iranian President Hassan Rouhani demanded that foreign powers leave the Gulf.",
        ),
        ("Over 900 asylum seekers were rescued.", "Over 900 asylum seekers rescued off Indonesia"),
        ("completely unrelated words here", "the stampede killed 345 pilgrims"),
        ("U.S. troops, 1,000 of them, left Syria on 6 October 2019.", "US troops left Syria."),
    ],
)
def test_rouge_l_agrees_with_rouge_scores_own_scorer(predicted: str, gold: str) -> None:
    reference = rouge_scorer.RougeScorer(["rougeL"], use_stemmer=True)

    expected = reference.score(gold, predicted)["rougeL"].fmeasure

    assert rouge_l(predicted, gold) == pytest.approx(expected, abs=1e-12)


# ---- properties ---------------------------------------------------------------------------

WORDS = [
    "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliett",
    "kilo", "lima", "mike", "november", "oscar", "papa", "romeo", "sierra", "tango", "uniform",
    "victor", "whiskey", "yankee",
]  # fmt: skip
SPURIOUS_WORDS = ["qwvk", "zzyzx", "jjfq", "xqxq"]


@st.composite
def gold_and_article(draw: st.DrawFn) -> tuple[GoldBrief, str]:
    """A valid gold brief and an article holding every support quote once."""
    sentences: list[str] = []

    def quote(*words: str) -> str:
        sentence = f"Item {len(sentences)} says {' '.join(words)}."
        sentences.append(sentence)
        return sentence

    word_pairs = draw(
        st.lists(
            st.lists(st.sampled_from(WORDS), min_size=2, max_size=2, unique=True),
            min_size=1,
            max_size=6,
            unique_by=lambda pair: frozenset(pair),
        )
    )
    actors = []
    for pair in word_pairs:
        name = " ".join(word.title() for word in pair)
        actors.append(
            {
                "name": name,
                "kind": draw(st.sampled_from(list(ActorKind))).value,
                "optional": draw(st.booleans()),
                "support": draw(st.lists(st.just(quote(name)), max_size=1)),
            }
        )
    names = [item["name"] for item in actors]

    def phrases(min_words: int, most: int) -> list[list[str]]:
        """Distinct phrases: two gold items that differ only in their support are duplicates."""
        words = st.lists(st.sampled_from(WORDS), min_size=min_words, max_size=4, unique=True)
        return draw(st.lists(words, max_size=most, unique_by=lambda words: frozenset(words)))

    stances = [
        {
            "actor": draw(st.sampled_from(names)),
            "topic": " ".join(words),
            "position": draw(st.sampled_from(list(Position))).value,
            "optional": draw(st.booleans()),
            "support": [quote(*words)],
        }
        for words in phrases(1, 5)
    ]
    threats = [
        {
            "source": draw(st.sampled_from(names)),
            "target": draw(st.sampled_from(names)),
            "description": " ".join(words),
            "optional": draw(st.booleans()),
            "support": [quote(*words)],
        }
        for words in phrases(2, 3)
    ]
    uncertainties = [
        {
            "claim": " ".join(words),
            "reason": draw(st.sampled_from(list(UncertaintyReason))).value,
            "optional": draw(st.booleans()),
            "support": [quote(*words)],
        }
        for words in phrases(2, 4)
    ]
    gold = GoldBrief.model_validate(
        {
            "id": "generated",
            "article": "generated.txt",
            "bluf": " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=12))),
            "actors": actors,
            "stances": stances,
            "threats": threats,
            "uncertainties": uncertainties,
        }
    )
    return gold, " ".join(sentences) or "Nothing happened."


def document(brief: Brief | None, gold: GoldBrief, text: str) -> DocumentResult:
    fields, texts = score_case(Case(brief, gold, text))
    return DocumentResult(id="generated", split="dev", valid=True, fields=fields, texts=texts)


@settings(max_examples=150, deadline=None)
@given(gold_and_article())
def test_a_perfect_prediction_scores_one_everywhere(case: tuple[GoldBrief, str]) -> None:
    gold, text = case
    brief = oracle_brief(gold, article_from_text(text))

    values = metric_values(split_metrics([document(brief, gold, text)]))

    assert {key: value for key, value in values.items() if value not in (1.0, None)} == {}


@settings(max_examples=150, deadline=None)
@given(gold_and_article(), st.randoms(use_true_random=False), st.integers(0, 3))
def test_the_order_of_items_never_changes_a_score(
    case: tuple[GoldBrief, str], rng: random.Random, dropped: int
) -> None:
    gold, text = case
    brief = _degrade(oracle_brief(gold, article_from_text(text)), rng, dropped)
    shuffled_brief = brief.model_copy(
        update={
            field: rng.sample(getattr(brief, field), len(getattr(brief, field))) for field in FIELDS
        }
    )
    shuffled_gold = gold.model_copy(
        update={
            field: rng.sample(getattr(gold, field), len(getattr(gold, field))) for field in FIELDS
        }
    )

    assert document(shuffled_brief, shuffled_gold, text) == document(brief, gold, text)


@settings(max_examples=150, deadline=None)
@given(gold_and_article(), st.randoms(use_true_random=False), st.integers(0, 3))
def test_adding_a_spurious_item_never_raises_precision(
    case: tuple[GoldBrief, str], rng: random.Random, dropped: int
) -> None:
    gold, text = case
    brief = _degrade(oracle_brief(gold, article_from_text(text)), rng, dropped)
    spurious_name = "Qwvk Zzyzx"
    padded = brief.model_copy(
        update={
            "actors": [*brief.actors, Actor(name=spurious_name, kind=ActorKind.other, evidence=[])],
            "stances": [
                *brief.stances,
                stance(spurious_name, " ".join(SPURIOUS_WORDS), Position.mixed),
            ],
            "threats": [*brief.threats, threat(spurious_name, "jjfq xqxq", "qwvk zzyzx jjfq")],
            "uncertainties": [
                *brief.uncertainties,
                uncertainty("zzyzx qwvk xqxq", UncertaintyReason.speculative),
            ],
        }
    )

    before = document(brief, gold, text).fields
    after = document(padded, gold, text).fields

    for field in FIELDS:
        assert after[field].precision <= before[field].precision
        assert after[field].fp == before[field].fp + 1


def _degrade(brief: Brief, rng: random.Random, dropped: int) -> Brief:
    """The brief with up to ``dropped`` items removed from each field at random."""
    update = {}
    for field in FIELDS:
        items = list(getattr(brief, field))
        for _ in range(min(dropped, len(items))):
            items.pop(rng.randrange(len(items)))
        update[field] = items
    return brief.model_copy(update=update)
