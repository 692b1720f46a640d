"""Threat and uncertainty rules of the extractive engine: each firing on a real sentence of a
dev article and not on a near miss. Test-split articles are never read here."""

from __future__ import annotations

import pytest

from summarizer.brief import BriefDraft, UncertaintyReason
from summarizer.engines.extractive import extract_brief
from summarizer.engines.extractive.rules import ANY_THREAT_CUE
from summarizer.engines.extractive.sentences import Token, split_sentences
from summarizer.engines.extractive.threats import (
    _after_occurrence,
    _past_glosses,
    _target_end,
    _through_list,
)
from summarizer.inputs import Article

from .extractive_support import article, quoted


def brief_of(text: str) -> BriefDraft:
    return extract_brief(Article(text=text))


def tokens_from(sentence: str, phrase: str) -> tuple[list[Token], int]:
    """The sentence's tokens, and the position where ``phrase`` starts among them."""
    (parsed,) = split_sentences(sentence)
    texts = [token.text for token in parsed.tokens]
    start = next(i for i in range(len(texts)) if " ".join(texts[i:]).startswith(phrase))
    return list(parsed.tokens), start


def dev_brief(prefix: str) -> BriefDraft:
    return extract_brief(article(prefix))


# ---- threats -----------------------------------------------------------------------------


def test_an_attack_is_described_first_by_the_sentences_that_add_a_kind_of_harm() -> None:
    # Charged as murder and investigated as terrorism tells more than when the shooting began.
    (shooting,) = [t for t in dev_brief("23").threats if t.source == "Patrick Crusius"]
    assert shooting.evidence[0].startswith("On Saturday morning, a gunman shot shoppers")
    murder = shooting.description.index("charged the suspect in the shooting with capital murder")
    terrorism = shooting.description.index("investigating the shooting as domestic terrorism")
    assert murder < terrorism
    assert "The shooting began at 10:39" not in shooting.description


def test_a_threat_description_is_cut_only_at_the_end_of_a_clause() -> None:
    # Article 23's shooting is told over more sentences than the field holds: the last one
    # that fits in part is cut after a clause and marked, not at whichever word the limit hits.
    cut = (
        " Federal authorities are investigating the shooting as domestic terrorism, according"
        " to prosecutor Josh Bash …"
    )
    (shooting,) = [t for t in dev_brief("23").threats if t.source == "Patrick Crusius"]
    assert shooting.description.endswith(cut)
    rest = shooting.description.removesuffix(cut)
    for sentence in split_sentences(article("23").text):
        rest = rest.replace(sentence.text, "")
    assert rest.strip() == ""  # everything before the cut is whole sentences


def test_violence_in_a_quote_does_not_describe_an_attack_nobody_is_named_for() -> None:
    # Article 31: Rouhani's "they must not send weapons, fighter jets, bombs" is what he
    # says, not a report of the attack on Saudi oil infrastructure.
    (attack, *_) = dev_brief("31").threats
    assert "halved Saudi oil output" in attack.description
    assert "fighter jets, bombs" not in attack.description


def test_a_threat_description_holds_only_whole_sentences_when_they_fit() -> None:
    text = quoted(
        "62",
        "Carmen Yulín Cruz, the mayor of the capitol city of San Juan, said she would "
        "challenge Pierluisi's oath of office in court.",
    )
    (challenge,) = brief_of(f"Pedro Pierluisi was sworn in as governor. {text}").threats
    assert challenge.description == text


def test_a_speaker_who_says_she_will_challenge_an_actor_in_court_threatens_him() -> None:
    threats = dev_brief("62").threats
    (challenge,) = [t for t in threats if t.source == "Carmen Yulín Cruz"]
    assert (challenge.target, challenge.kind) == ("Pedro Pierluisi", "legal")
    assert challenge.evidence == [
        "Carmen Yulín Cruz, the mayor of the capitol city of San Juan, said she would "
        "challenge Pierluisi's oath of office in court."
    ]
    # Suing with nobody named as sued is no threat against anyone.
    assert all(t.source != "Eduardo Bhatia" for t in threats)


def test_a_challenge_outside_court_is_no_legal_threat() -> None:
    text = (
        "Pedro Pierluisi was sworn in as governor on Friday. Carmen Yulín Cruz, the mayor of "
        "San Juan, said she would challenge Pierluisi's record in the next election."
    )
    assert brief_of(text).threats == []


def test_a_legal_measure_is_not_described_by_another_actors_measure() -> None:
    (petition,) = [t for t in dev_brief("52").threats if t.source == "Jose Calida"]
    assert "quo warranto petition" in petition.description
    assert "cease and desist" not in petition.description


def test_a_measure_is_aimed_at_the_actor_named_after_it_as_its_object() -> None:
    # Article 52: the petition names no target, and the network it accuses is one.
    (petition,) = [t for t in dev_brief("52").threats if t.source == "Jose Calida"]
    assert petition.target == "ABS-CBN Corporation"


# A sentence of article 33, then the near misses: an actor named after a measure as its
# origin, its agent, the report's source or the speaker is not its target.
SUBPOENA = (
    "Friday, the United States House of Representatives issued a subpoena for documents {} "
    "Secretary of State Mike Pompeo{}."
)


@pytest.mark.parametrize(
    ("before", "after"),
    [("from", ""), ("issued by", ""), ("according to", ""), ("on Thursday,", " said")],
)
def test_an_actor_named_after_a_measure_as_its_origin_agent_or_speaker_is_no_target(
    before: str, after: str
) -> None:
    assert brief_of(SUBPOENA.format(before, after)).threats == []


def test_an_actor_named_after_a_measure_as_its_object_is_its_target() -> None:
    (subpoena,) = brief_of(SUBPOENA.format("and sanctioned", "")).threats
    assert (subpoena.source, subpoena.target) == (
        "United States House of Representatives",
        "Mike Pompeo",
    )


# A sentence of article 94, then near misses that are attacks.
ATTACKING = (
    "President Donald Trump responded to the ruling via Twitter, attacking the Democratic Party {}."
)


@pytest.mark.parametrize("tail", ["as a political strategy", "for failing on all fronts"])
def test_attacking_an_actor_as_or_for_something_is_criticism_not_a_threat(tail: str) -> None:
    assert brief_of(ATTACKING.format(tail)).threats == []
    # The article's own sentence: "attacking the subpoena as a political strategy".
    assert all(t.target != "the subpoena" for t in dev_brief("94").threats)


def test_attacking_a_thing_said_or_decided_is_criticism_but_attacking_people_is_not() -> None:
    proclamation = quoted(
        "105",
        "On live television Erdogan also attacked the proclamation of Golan Heights as official "
        "Israeli territory by the President of the United States Donald Trump, which was made on "
        "Monday.",
    )
    speaker = "Turkey's President Recep Tayyip Erdoğan spoke at a rally in Istanbul."
    assert brief_of(f"{speaker} {proclamation}").threats == []
    people = proclamation.replace(
        "the proclamation of Golan Heights", "the residents of Golan Heights"
    )
    (attack,) = brief_of(f"{speaker} {people}").threats
    assert attack.source == "Recep Tayyip Erdoğan"


def test_a_name_doing_a_verb_of_its_own_after_a_measure_is_not_its_target() -> None:
    votes = quoted(
        "115",
        "Two Democratic Representatives, Collin Peterson and Jeff Van Drew, opposed both articles "
        "of impeachment, and a third, Jared Golden, voted for the first article but against the "
        "second.",
    )
    house = "The House of Representatives impeached President Donald Trump on Wednesday."
    assert all(t.target != "Jared Golden" for t in brief_of(f"{house} {votes}").threats)
    assert all(t.target != "Jared Golden" for t in dev_brief("115").threats)


@pytest.mark.parametrize("tail", ["as they marched", "with knives", "for the second time"])
def test_attacking_an_actor_as_they_act_or_with_weapons_is_an_attack(tail: str) -> None:
    (attack,) = brief_of(ATTACKING.format(tail)).threats
    assert (attack.source, attack.target, attack.kind) == (
        "Donald Trump",
        "Democratic Party",
        "attack",
    )


# Two sentences of article 36; in the article the US "would not allow" the operations.
SDF_ASSURANCES = (
    "The statement also said US troops had defeated ISIS and Turkey would be moving into "
    "Northern Syria. One of these groups, the Syrian Democratic Forces (SDF), opposed the "
    'withdrawal and said it was previously given "assurances from the US that it {} Turkish '
    'military operations against the region."'
)


def test_a_demonym_before_a_military_operation_names_the_state_behind_it() -> None:
    (operation,) = brief_of(SDF_ASSURANCES.format("would expect new")).threats
    assert (operation.source, operation.kind) == ("Turkey", "military")
    assert "new Turkish military operations against the region" in operation.evidence[0]


def test_a_harm_a_negation_denies_is_no_threat() -> None:
    assert all(t.source != "Turkey" for t in dev_brief("36").threats)
    assert brief_of(SDF_ASSURANCES.format("would not allow any")).threats == []
    assert brief_of(SDF_ASSURANCES.format("didn't allow")).threats == []


@pytest.mark.parametrize(
    "words", ["would allow", "had seen the first", "did not hesitate to launch"]
)
def test_a_negation_with_other_words_before_the_harm_denies_nothing(words: str) -> None:
    (operation,) = brief_of(SDF_ASSURANCES.format(words)).threats
    assert operation.source == "Turkey"


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
    tokens, start = tokens_from(sentence, phrase)
    end = _target_end(tokens, start, start + len(phrase.split()))
    assert " ".join(token.text for token in tokens[start:end]) == target


def test_a_target_runs_on_through_a_gloss_and_a_list_of_targets() -> None:
    targets = {t.target for t in dev_brief("50").threats if t.source == "Sudesh Amman"}
    assert (
        "the tourists (crusaders), police and soldiers of taghut [idolatry], or western embassies"
        in targets
    )


@pytest.mark.parametrize(
    ("sentence", "phrase", "target"),
    [
        # A list item followed by a verb is another clause.
        (
            "He began to stab people, and officers shot him dead.",
            "people",
            "people",
        ),
        # A capitalised word after the comma is a place, not another target.
        (
            "A gunman shot shoppers at a Walmart store, Texas officials said.",
            "shoppers at a Walmart store",
            "shoppers at a Walmart store",
        ),
    ],
)
def test_a_target_list_stops_at_another_clause(sentence: str, phrase: str, target: str) -> None:
    tokens, start = tokens_from(sentence, phrase)
    end = _through_list(tokens, start + len(phrase.split()))
    assert " ".join(token.text for token in tokens[start:end]) == target


def test_an_impeachment_inquiry_is_the_houses_threat_to_the_president_it_looks_into() -> None:
    # "its" before the harm noun is the clause's subject; the wrongdoer after "by" is aimed at.
    threats = dev_brief("33").threats
    (inquiry,) = [t for t in threats if "Donald Trump" in t.target]
    assert (inquiry.source, inquiry.kind) == ("United States House of Representatives", "legal")
    assert inquiry.target == "alleged misconduct by sitting President Donald Trump"
    # A subpoena for a transcript of a call between two actors is aimed at neither.
    assert all("transcript" not in t.target for t in threats)


@pytest.mark.parametrize(("owner", "threatened"), [("its", True), ("his", False)])
def test_its_before_a_harm_noun_is_the_clause_subject_but_his_may_be_the_victim(
    owner: str, threatened: bool
) -> None:
    text = (
        "Friday, the United States House of Representatives issued a subpoena for documents "
        f"from Secretary of State Mike Pompeo as part of {owner} impeachment investigation "
        "into alleged misconduct by sitting President Donald Trump. Trump and the United "
        "States House of Representatives did not comment."
    )
    sources = {t.source for t in brief_of(text).threats if "Donald Trump" in t.target}
    assert sources == ({"United States House of Representatives"} if threatened else set())


def test_who_advises_someone_to_kill_is_behind_the_killing() -> None:
    threats = dev_brief("50").threats
    (incited,) = [t for t in threats if "parents" in t.target]
    assert incited.source == "Sudesh Amman"
    # The target runs on through a quoted and a bracketed gloss.
    assert incited.target == 'her "kuffar" (non-Muslim) parents'


def test_who_advises_someone_not_to_kill_is_behind_no_killing() -> None:
    text = (
        "Sudesh Amman was placed under police surveillance. Amman sent his girlfriend "
        'messages, and advised her not to kill her "kuffar" (non-Muslim) parents.'
    )
    assert brief_of(text).threats == []


@pytest.mark.parametrize(
    ("sentence", "target"),
    [
        (
            'Amman sent his girlfriend videos and advised her to kill her "kuffar" '
            "(non-Muslim) parents.",
            ["her", '"', "kuffar", '"', "(", "non-Muslim", ")", "parents"],
        ),
        # A gloss that ends the sentence has no lower-case word after it to run on to.
        ('Amman sent his girlfriend videos and advised her to kill her "kuffar".', []),
    ],
)
def test_a_target_runs_on_past_a_gloss_to_a_lower_case_word(
    sentence: str, target: list[str]
) -> None:
    # phrase_after stops at the quote mark and drops the bare "her": an empty phrase.
    (parsed,) = split_sentences(sentence)
    texts = [token.text for token in parsed.tokens]
    start = texts.index("kill") + 1
    assert texts[start : _past_glosses(parsed.tokens, start, start)] == target


def test_life_threatening_is_no_threat_word() -> None:
    assert (
        ANY_THREAT_CUE.search(
            "ivan's condition was on wednesday reported to not be life-threatening."
        )
        is None
    )
    threatened = "philippine president rodrigo duterte threatened the network's franchise renewal"
    assert ANY_THREAT_CUE.search(threatened) is not None


def test_whom_a_verb_calls_a_danger_to_others_poses_a_threat_to_them() -> None:
    (danger,) = [t for t in dev_brief("88").threats if t.kind == "threat"]
    assert (danger.source, danger.target) == ("Volodoymyr Zhukovskyy", "himself or to the public")
    assert danger.evidence == [
        "The court determined Zhukovskyy's driving history rendered him a danger to himself "
        "or to the public."
    ]
    # A danger no one is said to be, or one denied, is nobody's threat.
    pleaded = "Volodoymyr Zhukovskyy pleaded not guilty."
    assert brief_of(f"{pleaded} The court saw a danger in the roads.").threats == []
    assert brief_of(f"{pleaded} The court did not find him a danger to the public.").threats == []


def test_a_harm_that_something_was_hit_by_is_aimed_at_it_and_claimed_by_its_claimant() -> None:
    struck = (
        "Yesterday, oil facilities belonging to Saudi Arabia's state-owned Saudi Aramco were hit "
        "by multiple drone strikes in a pre-dawn raid."
    )
    claim = "The Yemen-based Houthi movement claimed responsibility for the attacks."
    quoted("110", struck, claim)
    (threat,) = brief_of(f"{struck} {claim}").threats
    assert (threat.source, threat.target, threat.kind) == (
        "Houthi movement",
        "oil facilities belonging to Saudi Arabia's state-owned Saudi Aramco",
        "military",
    )
    # Visited by a delegation is no harm done, so the claim has nothing to be for.
    visited = struck.replace("hit by multiple drone strikes in a pre-dawn raid", "visited")
    assert brief_of(f"{visited} {claim}").threats == []


def test_a_claim_of_responsibility_is_for_the_attacks_on_a_state_just_reported() -> None:
    tunisia = article("89")
    struck = "In the span of one week, at least three suicide bombings took place in Tunisia."
    (claimed,) = extract_brief(tunisia).threats
    assert (claimed.source, claimed.target) == ("Islamic State of Iraq and the Levant", "Tunisia")
    assert claimed.evidence[0] == struck
    # Bombings in a place that is no actor strike no state: the claim keeps the first victims.
    in_city = tunisia.text.replace("took place in Tunisia", "took place in the north")
    (claimed,) = brief_of(in_city).threats
    assert claimed.target == "two people"
    # Nor is a claim for attacks told further back than the sentence before it.
    apart = tunisia.text.replace(struck, f"{struck} The decree takes effect on Monday.")
    (claimed,) = brief_of(apart).threats
    assert claimed.target == "two people"


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        (
            "A spokesperson told the Military Times the attack took place at about 7:45 p.m.",
            "attack",
        ),
        ("Authorities said the killing occurred in Jeeyapuram forest.", "killing"),
        (
            "Posts on the message board theorized that a denial-of-service attack had occurred.",
            "attack",
        ),
    ],
)
def test_where_or_when_a_harm_took_place_is_not_its_target(sentence: str, phrase: str) -> None:
    tokens, start = tokens_from(sentence, phrase)
    assert _after_occurrence(tokens, start + 1) is not None
    # A harm that struck something has a target after it.
    tokens, start = tokens_from("Twin bombings yesterday struck the Jolo Cathedral.", "bombings")
    assert _after_occurrence(tokens, start + 1) is None


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
        (
            "According to local news sources, the constable found the jackal's bagged carcass "
            "after inquiring.",
            UncertaintyReason.unconfirmed,
        ),
        (
            "Wikinews has learned that according to an Internet posting made just over 24 hours "
            "ago, the Church of Scientology's website is being attacked by hackers, causing the "
            "site to shut down.",
            UncertaintyReason.unconfirmed,
        ),
        (
            "By reports, former Vice President of the United States Joe Biden won all three "
            "elections.",
            UncertaintyReason.unconfirmed,
        ),
        (
            "Biden's victories in Arizona, Florida, and Illinois left him with a reported total "
            "of 1,124 pledged delegates; United States Senator from Vermont Bernie Sanders "
            "trailed him with a total of 815.",
            UncertaintyReason.unconfirmed,
        ),
        (
            "Bolsonaro has said publicly the Amazon rainforest should be opened up to "
            "agriculture, amongst other economic uses, and his critics, which include "
            "non-governmental environmental activism group Greenpeace, blame him for "
            "encouraging farmers and agrobusiness to set fires.",
            UncertaintyReason.unconfirmed,
        ),
        (
            "The news agency AFP has placed the protester death count in the hundreds.",
            UncertaintyReason.estimate,
        ),
        (
            "Authorities said they believed a fruit filled with firecrackers had exploded in "
            "the elephant's mouth, damaging her jaw and ultimately leading to her death.",
            UncertaintyReason.speculative,
        ),
        (
            "Senate President Thomas Rivera Schatz expressed opposition to the swearing-in of "
            "Pierluisi, and suggested there were not enough votes in the Senate for his "
            "confirmation.",
            UncertaintyReason.speculative,
        ),
        (
            "Jennifer Lu of Marriage Equality Coalition Taiwan said, \"[I]t's still not full "
            "marriage rights; we still need to fight for co-adoption rights, and we are not "
            'sure about foreigner and Taiwanese marriage, and also gender equality education."',
            UncertaintyReason.missing_information,
        ),
        (
            "The commissioner said, \"We haven't yet agreed on rules of origin and tariff "
            "con[c]essions, but the framework we have is enough to start trading on July 1, "
            '2020".',
            UncertaintyReason.missing_information,
        ),
        # Nothing yet, or a question left open.
        (
            "As of early today local time, the Associated Press reported no overall results yet "
            "for the remaining races between Biden and Senator Bernie Sanders from Vermont.",
            UncertaintyReason.missing_information,
        ),
        (
            "BBC's Jonathan Marcus said questions remain how much direct Iranian assistance is "
            "received by the Houthis who are ideologically aligned with Iran.",
            UncertaintyReason.missing_information,
        ),
        (
            "The agency did not mention if there were casualties, but said exports were "
            "continuing.",
            UncertaintyReason.missing_information,
        ),
        (
            "Officials said three people died; their identities were not provided.",
            UncertaintyReason.missing_information,
        ),
        (
            "A search of McArthur's van found a murder weapon, which was not publicly identified.",
            UncertaintyReason.missing_information,
        ),
        # A media call is not a result, nor a count before it is certified.
        (
            "Today, former Vice President of the United States Joe Biden was projected by "
            "multiple media outlets to have surpassed 270 electoral college delegate total and "
            "therefore become the 46th President of the United States elect.",
            UncertaintyReason.unconfirmed,
        ),
        (
            "Joe Biden has not been certified as the winner of any states, let alone any of the "
            "highly contested states headed for mandatory recounts.",
            UncertaintyReason.unconfirmed,
        ),
        # Article 144: what the police only suspect.
        (
            'He told the BBC that police suspect the attackers had been "exposed to radicalism".',
            UncertaintyReason.unconfirmed,
        ),
        # Article 142: sources inside a body, unnamed.
        (
            "Reports citing sources within the Democratic Party have indicated Hickenlooper was "
            "actively encouraged to drop out in favor of a run for a seat in the United States "
            "Senate.",
            UncertaintyReason.anonymous_source,
        ),
        # Article 132: a first report that a later one corrects.
        (
            "Initial reports stated the firecracker-laden fruit was a pineapple; NDTV later "
            "reported officials, following an investigation, stated it was a coconut.",
            UncertaintyReason.conflicting_reports,
        ),
        # Two counts, each by its own source.
        (
            "Later in the day, the AP and NBC News also called Nevada for Biden, giving him an "
            "additional six electoral college votes, for a total by NBC's reckoning of 279 "
            "electoral votes to President Donald Trump's 214, or 290 electoral votes by AP's "
            "reckoning.",
            UncertaintyReason.conflicting_reports,
        ),
        (
            "Senate minority leader Chuck Schumer commented the president's tweets Monday are "
            "likely as near as the US public will ever have to an official concession from the "
            "president.",
            UncertaintyReason.speculative,
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
        # A Senate that has not confirmed a nominee is a vote not held, not a claim unchecked.
        "Earlier on Friday, the commonwealth's House of Representatives confirmed him, but the "
        "Senate had not confirmed him.",
        # "people accused of crimes" names whom a law concerns, not an accusation.
        "The protests began in June in response to a proposed new law that would have allowed "
        "the Chinese government to extradite people accused of crimes from Hong Kong and try "
        "them under the mainland's legal system.",
        # A death toll with no estimate in it.
        "The news agency AFP has placed the protester death count at 300.",
        # What was provided or identified is not missing.
        "Officials said three people died; their identities were provided.",
        # Results given are no results missing; a question answered leaves none open.
        "As of early today local time, the Associated Press reported overall results for the "
        "remaining races between Biden and Senator Bernie Sanders from Vermont.",
        "BBC's Jonathan Marcus said the question of direct Iranian assistance to the Houthis was "
        "settled.",
        # A suspect the police hold is no suspicion of theirs.
        "Police detained the suspect at the scene.",
        # A first report that nothing later corrects is no conflict.
        "Initial reports stated the firecracker-laden fruit was a pineapple.",
        # Projecting slogans is no projection, and one source's count is no conflict.
        "Lawmakers from the pro-democracy camp shouted at Lam and projected slogans onto the "
        "walls of the council chambers.",
        "Later in the day, the AP and NBC News also called Nevada for Biden, giving him an "
        "additional six electoral college votes, for a total by NBC's reckoning of 279 electoral "
        "votes to President Donald Trump's 214.",
    ],
)
def test_near_misses_of_the_hedges_are_not_uncertain(sentence: str) -> None:
    assert brief_of(sentence).uncertainties == []


def test_another_report_disputes_the_sentence_before_it() -> None:
    first = (
        "According to Mexican President Andrés Manuel López Obrador, six Mexican nationals "
        "were killed in the attack, and seven more were injured."
    )
    second = (
        "Another report from the Mexican government during the weekend said eight Mexicans "
        "died in the attack."
    )
    (item,) = brief_of(f"{first} {second}").uncertainties
    assert (item.reason, item.evidence) == (UncertaintyReason.conflicting_reports, [first, second])
    # A report that follows another without "another" disputes nothing.
    agreeing = f"{first} A report from the Mexican government said so too."
    assert brief_of(agreeing).uncertainties == []
