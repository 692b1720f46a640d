"""Threat and uncertainty rules of the extractive engine: each firing on a real sentence of a
dev article and not on a near miss. Test-split articles are never read here."""

from __future__ import annotations

import pytest

from summarizer.brief import BriefDraft, UncertaintyReason
from summarizer.engines.extractive import extract_brief
from summarizer.engines.extractive.rules import ANY_THREAT_CUE
from summarizer.engines.extractive.sentences import split_sentences
from summarizer.engines.extractive.threats import _target_end
from summarizer.inputs import Article, read_article

from .conftest import ROOT

ARTICLES = ROOT / "evals" / "articles"


def brief_of(text: str) -> BriefDraft:
    return extract_brief(Article(text=text))


def dev_brief(prefix: str) -> BriefDraft:
    (path,) = ARTICLES.glob(f"{prefix}-*.txt")
    return extract_brief(read_article(str(path)))


# ---- threats -----------------------------------------------------------------------------


def test_an_attack_is_described_by_every_sentence_that_reports_it() -> None:
    (shooting,) = [t for t in dev_brief("23").threats if t.source == "Patrick Crusius"]
    assert "The shooting began at 10:39 a.m. local time" in shooting.description
    assert shooting.evidence[0].startswith("On Saturday morning, a gunman shot shoppers")


def test_a_legal_measure_is_not_described_by_another_actors_measure() -> None:
    (petition,) = [t for t in dev_brief("52").threats if t.source == "Jose Calida"]
    assert "quo warranto petition" in petition.description
    assert "cease and desist" not in petition.description


def test_a_demonym_before_a_military_operation_names_the_state_behind_it() -> None:
    threats = dev_brief("36").threats
    (operation,) = [t for t in threats if t.source == "Turkey"]
    assert operation.kind == "military"
    assert "any Turkish military operations against the region" in operation.evidence[0]


def test_a_demonym_of_the_victims_is_no_source() -> None:
    # "six Mexican nationals were killed in the attack": Mexico suffered the attack.
    brief = dev_brief("23")
    assert "Mexico" in {actor.name for actor in brief.actors}
    assert all(threat.source != "Mexico" for threat in brief.threats)


def test_a_perpetrator_with_no_one_named_as_harmed_is_no_threat() -> None:
    # Two consecutive sentences of article 50: the harm ("terror offenses") has no target.
    background = (
        "The attacker, identified as Sudesh Amman, 20, was placed under police surveillance "
        "after being released from prison a week ago. He was imprisoned in 2018 when he was "
        "18 and served half his sentence for 13 separate terror offenses."
    )
    assert brief_of(background).threats == []
    assert ("Sudesh Amman", "people") in {(t.source, t.target) for t in dev_brief("50").threats}


@pytest.mark.parametrize(
    ("sentence", "phrase", "target"),
    [
        (
            "For the first time in the sixteen weeks of protests in Hong Kong, police fired and "
            "landed a live round on a protester yesterday.",
            "a live round on a protester yesterday",
            "a live round on a protester",
        ),
        (
            "The first bomb went off during Mass; video footage from the scene shows wooden "
            "pews broken and scattered within the building.",
            "went off during Mass",
            "went off",
        ),
        (
            "Sacoolas, who has immunity as a diplomat's wife, was involved in a traffic "
            "collision which killed motorcyclist Harry Dunn on August 27.",
            "motorcyclist Harry Dunn on August 27",
            "motorcyclist Harry Dunn",
        ),
        (
            "On Saturday morning, a gunman shot shoppers at a Walmart store in the U.S. border "
            "city of El Paso, Texas, with the death toll rising to 22 people on Monday.",
            "shoppers at a Walmart store in the U.S. border city of El Paso",
            "shoppers at a Walmart store in the U.S. border city of El Paso",
        ),
    ],
)
def test_a_target_ends_before_the_time_of_the_harm(sentence: str, phrase: str, target: str) -> None:
    (parsed,) = split_sentences(sentence)
    texts = [token.text for token in parsed.tokens]
    start = next(i for i in range(len(texts)) if " ".join(texts[i:]).startswith(phrase))
    end = start + len(phrase.split())
    assert " ".join(texts[start : _target_end(parsed.tokens, start, end)]) == target


def test_life_threatening_is_no_threat_word() -> None:
    assert (
        ANY_THREAT_CUE.search(
            "ivan's condition was on wednesday reported to not be life-threatening."
        )
        is None
    )
    threatened = "philippine president rodrigo duterte threatened the network's franchise renewal"
    assert ANY_THREAT_CUE.search(threatened) is not None


# ---- uncertainties -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        (
            "The report says the decline in iodine intake appears to be due to changes in the "
            "dairy industry, where chlorine-containing sanitisers have replaced "
            "iodine-containing sanitisers.",
            UncertaintyReason.unconfirmed,
        ),
        (
            "A Boeing 707 cargo plane, reported by local press as belonging to the Iranian "
            "military, crashed into houses in Karaj, near Tehran, the Iranian capital, "
            "yesterday.",
            UncertaintyReason.unconfirmed,
        ),
        (
            "State media reported the cockpit voice recorder was recovered.",
            UncertaintyReason.unconfirmed,
        ),
        ("Some reports suggest a deliberate criminal act.", UncertaintyReason.unconfirmed),
        (
            "Znak.com further reported its source said that apartment's tenant moved in the day "
            "before the blast.",
            UncertaintyReason.anonymous_source,
        ),
        (
            "Almost half of all Australian primary school children are mild to moderately "
            "iodine deficient, researchers say.",
            UncertaintyReason.estimate,
        ),
        (
            '"If Iodine deficiency is serious you lose 15 IQ points, on average.',
            UncertaintyReason.estimate,
        ),
        (
            "By 2050, undernourishment would increase by either 49 percent or by 27 percent, "
            "depending on the scenario.",
            UncertaintyReason.estimate,
        ),
    ],
)
def test_general_hedges_mark_a_claim_uncertain(sentence: str, reason: UncertaintyReason) -> None:
    (item,) = brief_of(sentence).uncertainties
    assert (item.reason, item.evidence) == (reason, [sentence])


@pytest.mark.parametrize(
    "sentence",
    [
        # "half" with no "about" or "almost" is an exact share.
        "He was imprisoned in 2018 when he was 18 and served half his sentence for 13 separate "
        "terror offenses.",
        # What a named person told a newspaper is no media report.
        "As Heald told The Huffington Post, US surface ozone has dropped partly due to the "
        "Clean Air Act.",
        "The National Telecommunications Commission (NTC) issued a cease and desist order to "
        "the network yesterday, and in compliance, the network signed off that night.",
    ],
)
def test_near_misses_of_the_hedges_are_not_uncertain(sentence: str) -> None:
    assert brief_of(sentence).uncertainties == []
