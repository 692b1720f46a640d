"""The extractive engine: each rule family firing on a real news sentence and not on a near
miss, and the properties every brief it writes must have."""

from __future__ import annotations

import asyncio
import time
from dataclasses import replace

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from summarizer.brief import (
    BLUF_MAX_WORDS,
    QUOTE_MAX_CHARS,
    SUMMARY_MAX_WORDS,
    ActorKind,
    BriefDraft,
    Confidence,
    Likelihood,
    Position,
    UncertaintyReason,
    name_key,
)
from summarizer.engines.base import EngineRequest
from summarizer.engines.extractive import ExtractiveEngine, extract_brief
from summarizer.engines.extractive.actors import find_actors
from summarizer.engines.extractive.fields import CUT_MARK, clip_at_clause, join_fitting
from summarizer.engines.extractive.gazetteer import gazetteer
from summarizer.engines.extractive.mentions import find_mentions, lowercase_vocabulary
from summarizer.engines.extractive.sentences import split_sentences
from summarizer.engines.extractive.speakers import find_speakers
from summarizer.inputs import Article, read_article

from .conftest import EXAMPLE_ARTICLE, ROOT
from .extractive_support import article as dev_article
from .extractive_support import quoted

DEV_ARTICLES = (
    "01", "03", "12", "16", "23", "25", "27", "28", "31", "33", "36", "37", "52", "63", "69", "71",
    "90", "100",
)  # fmt: skip
"""Articles of the dev split; the test split's are never read here."""


def brief_of(text: str) -> BriefDraft:
    return extract_brief(Article(text=text))


def actor_names(brief: BriefDraft) -> set[str]:
    return {actor.name for actor in brief.actors}


def actor_named(brief: BriefDraft, name: str) -> set[str]:
    """Every name and alias of the actor known by ``name``; empty when there is none."""
    for actor in brief.actors:
        names = {actor.name, *actor.aliases}
        if name_key(name) in {name_key(n) for n in names}:
            return names
    return set()


def all_quotes(brief: BriefDraft) -> list[str]:
    return [
        *(quote for actor in brief.actors for quote in actor.evidence),
        *(quote for stance in brief.stances for quote in stance.evidence),
        *(quote for threat in brief.threats for quote in threat.evidence),
        *(quote for item in brief.uncertainties for quote in item.evidence),
    ]


# ---- sentences ---------------------------------------------------------------------------


def test_abbreviations_and_initials_do_not_end_a_sentence() -> None:
    text = (
        "Adamowicz was taken to the Medical University of Gdańsk, where Dr. Tomasz Stefaniak "
        "was met with applause early today. On Tuesday, United States President Donald Trump "
        "announced he had asked for national security advisor John R. Bolton's resignation. "
        "U.S. officials identified the suspect."
    )
    assert [s.text[:12] for s in split_sentences(text)] == [
        "Adamowicz wa",
        "On Tuesday, ",
        "U.S. officia",
    ]


def test_abbreviation_before_a_new_sentence_still_ends_it() -> None:
    sentences = split_sentences("The fighters were handed over to the U.S. The talks then ended.")
    assert len(sentences) == 2


def test_run_on_text_is_cut_into_quotable_pieces() -> None:
    sentences = split_sentences("word " * 1000)
    assert all(len(sentence.text) <= QUOTE_MAX_CHARS for sentence in sentences)


# ---- actors ------------------------------------------------------------------------------


def test_full_name_and_surname_are_one_person_with_titles_as_aliases() -> None:
    brief = brief_of(
        'Interior Minister Joachim Brudziński called the stabbing "an act of inexplicable '
        'barbarity." Brudziński said Adamowicz required resuscitation.'
    )
    (actor,) = [a for a in brief.actors if a.name == "Joachim Brudziński"]
    assert actor.kind is ActorKind.person
    assert actor.role == "Interior Minister"
    assert {"Brudziński", "Interior Minister Joachim Brudziński"} <= set(actor.aliases)


def test_acronym_in_brackets_is_an_alias_of_the_name_before_it() -> None:
    brief = brief_of(
        "One of these groups, the Syrian Democratic Forces (SDF), opposed the withdrawal. "
        "According to the BBC, the SDF is largely made up of YPG militia."
    )
    assert "SDF" in actor_named(brief, "Syrian Democratic Forces")


def test_us_and_united_states_are_one_state() -> None:
    brief = brief_of(
        "The United States announced a naval coalition. The US had been allied with Kurdish "
        "groups, and U.S. troops have left."
    )
    names = actor_named(brief, "United States")
    assert {"US", "U.S."} <= names
    assert [a.kind for a in brief.actors if a.name == "United States"] == [ActorKind.state]


def test_a_state_that_acts_is_an_actor_and_a_place_that_only_locates_is_not() -> None:
    brief = brief_of(
        "According to the Associated Press, Iran has increased cooperation with the navies "
        "of China and Oman. The attack was claimed by the Houthi movement in Yemen."
    )
    names = actor_names(brief)
    assert {"Iran", "Houthi movement", "Associated Press"} <= names
    assert names.isdisjoint({"Yemen", "China", "Oman"})


def test_a_demonym_government_is_an_alias_of_its_state() -> None:
    brief = brief_of(
        "Both Saudi Arabia and the United States have alleged Iranian involvement. The Saudi "
        "government said the attack included cruise missiles."
    )
    assert "Saudi government" in actor_named(brief, "Saudi Arabia")


def test_actor_kinds_come_from_titles_heads_and_known_names() -> None:
    brief = brief_of(
        "The New Progressive Party said it would choose a new leader. The "
        "Coast Guard said their casualties were attending mass. The Saudi Interior Ministry "
        "said 345 pilgrims died. The Houthi movement claimed the attack."
    )
    kinds = {actor.name: actor.kind for actor in brief.actors}
    assert kinds["New Progressive Party"] is ActorKind.political_party
    assert kinds["Coast Guard"] is ActorKind.military
    assert kinds["Saudi Interior Ministry"] is ActorKind.government
    assert kinds["Houthi movement"] is ActorKind.armed_group


def test_dates_openers_events_and_works_are_not_actors() -> None:
    brief = brief_of(
        "On Thursday, Sviatlana Tsikhanouskaya held a rally in Minsk. Despite the assurances, "
        "she spoke on Friday. Rouhani was speaking at the opening of Sacred Defence Week. "
        'The "Radio Control Law" states that no person may broadcast.'
    )
    names = actor_names(brief)
    assert "Sviatlana Tsikhanouskaya" in names
    assert names.isdisjoint(
        {"Thursday", "Friday", "Despite", "Sacred Defence Week", "Radio Control Law", "Minsk"}
    )


def test_the_foreign_minister_who_speaks_is_the_foreign_secretary_named_before() -> None:
    named = (
        "Mexico's Foreign Secretary Marcelo Ebrard said the Mexican government would pressure "
        "the U.S. government to provide better protections for Mexicans in the United States."
    )
    referred = (
        "The foreign minister said Mexico would consider charging the gunman with terrorism "
        "against Mexicans and would seek to extradite the gunman to face charges in Mexico."
    )
    unnamed = "Marcelo Ebrard spoke in Mexico City."
    assert speakers_of(f"{named} {referred}") == ["Marcelo Ebrard", "Marcelo Ebrard"]
    assert speakers_of(f"{unnamed} {referred}") == [None, None]


def test_a_place_after_from_is_split_from_the_name_that_follows_it() -> None:
    brief = brief_of(
        "According to NPR, former Vice President of the United States Joe Biden has amassed "
        "1,217 pledged delegates so far, while United States Senator from Vermont Bernie "
        "Sanders has earned 914."
    )
    names = actor_names(brief)
    assert "Bernie Sanders" in names
    assert "Vermont Bernie Sanders" not in names
    alone = brief_of("Victoria Beckham said it.")
    assert "Victoria Beckham" in actor_names(alone)


def test_a_plural_owner_stays_inside_a_name_whose_head_comes_later() -> None:
    text = (
        'A university student named Wong said, "Even though the weather was so bad, even in '
        "the face of threats of the People's Liberation Army and water cannons, Hong Kong "
        'people never back down."'
    )
    assert "People's Liberation Army" in mention_texts(text)
    assert "Children" in mention_texts("The Children's Hospital Boston said so.")


def mention_texts(text: str) -> list[str]:
    sentences = split_sentences(text)
    mentions, _ = find_mentions(sentences, gazetteer(), lowercase_vocabulary(sentences))
    return [mention.text for mention in mentions]


def test_a_plural_head_shared_by_conjoined_names_names_no_actor() -> None:
    shared = brief_of(
        "The Democratic and Republican Parties use primary elections, along with caucuses, "
        "to select their nominees for the 2020 presidential election."
    )
    assert "Republican Parties" not in actor_names(shared)
    single = brief_of("The Republican Party uses primary elections to select its nominee.")
    assert "Republican Party" in actor_names(single)


def test_a_place_listed_after_a_preposition_with_a_serial_comma_does_not_act() -> None:
    listed = brief_of(
        "Biden's victories in Arizona, Florida, and Illinois left him with a reported total "
        "of 1,124 pledged delegates."
    )
    assert "Illinois" not in actor_names(listed)
    acting = brief_of("Florida, and Illinois left the pact.")
    assert "Illinois" in actor_names(acting)


def test_a_head_alone_is_the_body_named_before_with_that_head() -> None:
    brief = brief_of(
        "On Wednesday, the Court of Session in Scotland issued an opinion on the suspension of "
        "the Parliament of the United Kingdom. The court's summary concluded with the "
        'statement: "The Court will accordingly make an Order declaring that the Prime '
        "Minister’s advice to HM the Queen and the prorogation which followed thereon was "
        'unlawful."'
    )
    assert "Court" in actor_named(brief, "Court of Session")
    alone = brief_of("The Court ruled on Monday. The Court of Session met later.")
    assert "Court" not in actor_named(alone, "Court of Session")


def test_on_continues_the_name_of_a_commission_but_not_before_a_date() -> None:
    brief = brief_of(
        "The United States Commission on Presidential Debates announced on Friday the second "
        "presidential debate has been cancelled, citing COVID-19 safety concerns."
    )
    assert "United States Commission on Presidential Debates" in {a.name for a in brief.actors}
    dated = brief_of("The Senate Committee on Monday approved the bill.")
    assert "Senate Committee" in actor_names(dated)


def speakers_of(text: str) -> list[str | None]:
    sentences = split_sentences(text)
    return find_speakers(sentences, find_actors(text, sentences, gazetteer()))


# ---- stances -----------------------------------------------------------------------------


def test_opposed_gives_a_stance_against_its_object() -> None:
    brief = brief_of(
        "One of these groups, the Syrian Democratic Forces (SDF), opposed the withdrawal and "
        "said it was a surprise."
    )
    (stance,) = brief.stances
    assert stance.actor == "Syrian Democratic Forces"
    assert stance.position is Position.opposes
    assert stance.topic.startswith("the withdrawal")


def test_called_for_gives_support_and_a_sentence_without_a_position_gives_none() -> None:
    brief = brief_of(
        "Amnesty International has called for an investigation into the shooting. Amnesty "
        "International was founded in London."
    )
    assert [(s.actor, s.position) for s in brief.stances] == [
        ("Amnesty International", Position.supports)
    ]


def test_said_that_something_should_be_done_is_support_for_it() -> None:
    said = (
        "Yesterday, President Hassan Rouhani of Iran said if the goal is peace and security, "
        'then foreign powers should "get out of the region" as their presence could cause an '
        "arms race."
    )
    assert brief_of(said).stances == []  # what someone should do, cut from who, names nothing
    brief = brief_of(
        said.replace(
            'foreign powers should "get out of the region"', "foreign forces should be withdrawn"
        )
    )
    (stance,) = brief.stances
    assert (stance.actor, stance.position) == ("Hassan Rouhani", Position.supports)
    assert stance.topic.startswith("foreign forces should be withdrawn")


SYRIA_HEADLINE = "US President Trump announces troop withdrawal from Syria"


def brief_with_headline(text: str, title: str) -> BriefDraft:
    return extract_brief(Article(text=text, title=title))


def test_an_evaluation_without_an_object_is_about_the_headline_event() -> None:
    haley = (
        'Former US Ambassador to the United Nations Nikki Haley wrote on Twitter, "The Kurds '
        "were instrumental in our successful fight against ISIS in Syria. Leaving them to die "
        'is a big mistake."'
    )
    (stance,) = brief_with_headline(haley, SYRIA_HEADLINE).stances
    assert (stance.actor, stance.position, stance.topic) == (
        "Nikki Haley",
        Position.opposes,
        SYRIA_HEADLINE,
    )
    plain = 'Nikki Haley wrote on Twitter, "The Kurds fought ISIS in Syria."'
    assert brief_with_headline(plain, SYRIA_HEADLINE).stances == []


def test_a_topic_that_points_back_is_the_headline_event() -> None:
    text = (
        "Late on Sunday, President Donald Trump announced US troops would be leaving Syria. "
        "Trump, also on Twitter, defended his decision. The Turkish statement called for the "
        "safe zone for refugees to be set up East of the Euphrates River."
    )
    topics = {s.actor: s.topic for s in brief_with_headline(text, SYRIA_HEADLINE).stances}
    assert topics["Donald Trump"] == SYRIA_HEADLINE
    assert topics["Turkey"] == "the safe zone for refugees"


def test_a_passive_verb_is_about_its_subject_and_its_agents_end_at_a_preposition() -> None:
    brief = brief_of(
        "A similar fast-track system backed by the British Red Cross in September 2021 for "
        "3,000 Afghan refugees was reportedly rejected by Prime Minister Boris Johnson over "
        "fears it would amount to amnesty, which the Home Office today rejects."
    )
    stances = {(s.actor, s.position): s.topic for s in brief.stances}
    assert stances[("British Red Cross", Position.supports)] == "A similar fast-track system"
    assert stances[("Boris Johnson", Position.opposes)].startswith("A similar fast-track system")
    assert stances[("Home Office", Position.opposes)] == "amnesty"
    assert ("Boris Johnson", Position.supports) not in stances


def test_each_of_two_people_of_two_states_who_signed_supports_the_agreement() -> None:
    brief = brief_of(
        "Leaders met in Niamey, where on Sunday Presidents Muhammadu Buhari of Nigeria and "
        "Patrice Talon of Benin signed the African Continental Free Trade Area agreement."
    )
    assert {(s.actor, s.position) for s in brief.stances} == {
        ("Muhammadu Buhari", Position.supports),
        ("Patrice Talon", Position.supports),
    }


def test_a_call_for_something_ends_before_its_purpose_but_an_urging_keeps_its_clause() -> None:
    macron = brief_of(
        "On Thursday, French President Emmanuel Macron called for G7 action to correct what he "
        "named the international crisis of wildfires."
    )
    assert [s.topic for s in macron.stances] == ["G7 action"]
    raab = brief_of("Foreign Secretary Dominic Raab urged the embassy to reconsider.")
    assert [s.topic for s in raab.stances] == ["the embassy to reconsider"]


def test_a_verb_joined_by_but_has_the_first_verbs_subject_and_can_be_negated() -> None:
    brief = brief_of(
        "Carrie Lam also agreed to add two members to Hong Kong's existing police oversight "
        "council but did not accede to protesters' demands for a new judge-led investigation."
    )
    assert {(s.position, s.topic) for s in brief.stances} == {
        (Position.supports, "add two members to Hong Kong's existing police oversight council"),
        (Position.opposes, "protesters' demands for a new judge-led investigation"),
    }


def test_praise_after_a_copula_is_for_its_subject() -> None:
    brief = brief_of(
        'CEO of the Refugee Council Enver Solomon told Sky News: "Moves to reduce the backlog '
        'are welcome."'
    )
    assert [(s.actor, s.topic) for s in brief.stances] == [
        ("Enver Solomon", "Moves to reduce the backlog")
    ]


def test_a_relative_clause_subject_rejects_what_follows_its_aside() -> None:
    brief = brief_of(
        "Supporters gathered in front of the Supreme Court of the United States, which "
        "rejected, the day before the rally, a lawsuit filed by Texas."
    )
    assert [(s.actor, s.position, s.topic) for s in brief.stances] == [
        ("Supreme Court of the United States", Position.opposes, "a lawsuit filed by Texas")
    ]


def test_a_speakers_undertaking_is_a_stance_but_a_prediction_is_not() -> None:
    pledge = brief_of(
        'United States Attorney Jessie K. Liu said, "We will continue to pursue such criminals '
        'on and off the darknet."'
    )
    assert [(s.actor, s.topic) for s in pledge.stances] == [
        ("Jessie K. Liu", "pursue such criminals on and off the darknet")
    ]
    prediction = brief_of('"The next hours will decide everything," Tomasz Stefaniak said.')
    assert prediction.stances == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Though YouTube is complying with the Church of Scientology's requests to take down "
            "the video, other sites such as Gawker.com have stated that they will keep hosting "
            "the video.",
            {
                ("YouTube", Position.supports, "the Church of Scientology's requests"),
                ("Gawker.com", Position.supports, "keep hosting the video"),
            },
        ),
        (
            "Another former Trump adviser, Sebastian Gorka, also spoke in the rally and "
            "encouraged supporters to remain hopeful after the recent court decision.",
            {("Sebastian Gorka", Position.supports, "supporters to remain hopeful")},
        ),
        (
            "Mexico's Foreign Secretary Marcelo Ebrard said the Mexican government would "
            "pressure the U.S. government to provide better protections for Mexicans.",
            {
                (
                    "Mexico",
                    Position.supports,
                    "the U.S. government to provide better protections for Mexicans",
                )
            },
        ),
        ("The PKK is banned in Turkey.", set()),
        (
            "Prime Minister Boris Johnson was questioned about the case while speaking to the "
            "press at a hospital in Watford.",
            set(),
        ),
    ],
)
def test_position_verbs_of_the_lexicon_need_an_actor_doing_them(
    sentence: str, expected: set[tuple[str, Position, str]]
) -> None:
    assert {(s.actor, s.position, s.topic) for s in brief_of(sentence).stances} == expected


# ---- threats -----------------------------------------------------------------------------


def test_a_threat_by_a_named_actor_is_listed_with_an_even_chance() -> None:
    brief = brief_of(
        "ABS-CBN Corporation is the largest broadcaster in the Philippines. Philippine "
        "President Rodrigo Duterte threatened the network's franchise renewal before."
    )
    (threat,) = brief.threats
    assert (threat.source, threat.target) == ("Rodrigo Duterte", "ABS-CBN Corporation")
    assert threat.likelihood is Likelihood.roughly_even_chance
    assert threat.timeframe is None


def test_an_attack_claimed_later_is_linked_to_the_attack_and_to_its_target() -> None:
    first = "The speech came one week after an attack on oil infrastructure in Saudi Arabia."
    second = "The attack was claimed by the Houthi movement in Yemen."
    brief = brief_of(f"{first} {second}")
    (threat,) = brief.threats
    assert threat.source == "Houthi movement"
    assert threat.target == "oil infrastructure in Saudi Arabia"
    assert threat.likelihood is Likelihood.almost_certain
    assert threat.evidence == [first, second]


def test_a_suspect_named_later_is_the_source_of_the_attack_the_article_leads_with() -> None:
    stabbing = (
        "An individual has been arrested after Paweł Adamowicz, mayor of the Polish city of "
        "Gdańsk, was stabbed last night whilst on stage at a fundraising event."
    )
    named = "The detained suspect's identity is restricted to 'Stefan W' owing to privacy law."
    spokesman = "Police spokesman Mariusz Ciarka said a press badge was used by the assailant."
    brief = brief_of(f"{stabbing} {spokesman} {named}")
    assert [(t.source, t.target, t.evidence) for t in brief.threats] == [
        ("Stefan W", "Paweł Adamowicz", [stabbing, named])
    ]


def test_the_victims_of_a_harm_verb_are_its_target_rather_than_what_a_noun_is_near() -> None:
    attack = (
        "On Sunday in London, a man wearing a fake suicide vest entered a store, grabbed a "
        "large knife, ran outside with it and began to stab people."
    )
    named = "The attacker, identified as Sudesh Amman, 20, was under police surveillance."
    (threat,) = brief_of(f"{attack} {named}").threats
    assert (threat.source, threat.target, threat.kind) == ("Sudesh Amman", "people", "attack")


def test_a_speaker_threatening_with_two_verbs_threatens_the_state_named_after_them() -> None:
    brief = brief_of(
        'Donald Trump, also on Twitter, defended his decision, "If Turkey does anything that '
        "I consider to be off limits, I will totally destroy and obliterate the Economy of "
        'Turkey."'
    )
    (threat,) = brief.threats
    assert (threat.source, threat.target, threat.kind) == ("Donald Trump", "Turkey", "threat")


def test_abuse_of_children_by_an_alleged_operator_is_a_threat_to_the_children() -> None:
    operator = "At the center of the case was its alleged operator Jong Woo Son from South Korea."
    abuse = (
        "According to authorities, the site hosted a quarter million video clips containing "
        "sexual abuse of children, including toddlers and infants."
    )
    (threat,) = brief_of(f"{operator} {abuse}").threats
    assert (threat.source, threat.target, threat.kind) == ("Jong Woo Son", "children", "violence")


def test_a_subpoena_for_documents_is_no_threat_to_anyone() -> None:
    brief = brief_of(
        "The United States House of Representatives issued a subpoena. Among other things, the "
        "House subpoenaed a full transcript of a call in late July."
    )
    assert brief.threats == []


def test_accidents_are_not_threats() -> None:
    brief = brief_of(
        "Sacoolas, who has immunity as a diplomat's wife, was involved in a traffic collision "
        "which killed motorcyclist Harry Dunn on August 27."
    )
    assert brief.threats == []


def test_a_stated_timeframe_is_kept_and_a_legal_measure_needs_a_named_target() -> None:
    order = (
        "The National Telecommunications Commission (NTC) issued a cease and desist order to "
        "the network yesterday."
    )
    network = "ABS-CBN Corporation is the largest broadcaster in the Philippines."
    (threat,) = brief_of(f"{network} {order}").threats
    assert (threat.source, threat.target, threat.kind, threat.timeframe) == (
        "National Telecommunications Commission",
        "ABS-CBN Corporation",
        "legal",
        "yesterday",
    )
    assert brief_of(order).threats == []


# ---- uncertainties -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "reason", "confidence"),
    [
        (
            "Reportedly, Trump and Bolton have been at odds over the president's handling of "
            "issues with North Korea.",
            UncertaintyReason.unconfirmed,
            Confidence.moderate,
        ),
        (
            "According to Agence France-Presse, which cited sources close to the investigation, "
            "the man had converted to Islam a year-and-a-half ago.",
            UncertaintyReason.anonymous_source,
            Confidence.low,
        ),
        (
            'Reports on the implement used vary between a knife and a "sharp tool".',
            UncertaintyReason.conflicting_reports,
            Confidence.low,
        ),
        (
            "The second blast affected first responders; at least 20 were killed.",
            UncertaintyReason.estimate,
            Confidence.moderate,
        ),
        (
            "Foreign powers should leave as their presence could cause an arms race.",
            UncertaintyReason.speculative,
            Confidence.low,
        ),
        (
            "At least 76 people were killed when the hotel collapsed, the cause of which is "
            "unknown.",
            UncertaintyReason.missing_information,
            Confidence.low,
        ),
    ],
)
def test_hedged_sourced_and_estimated_claims_are_uncertainties(
    sentence: str, reason: UncertaintyReason, confidence: Confidence
) -> None:
    (item,) = brief_of(sentence).uncertainties
    assert (item.reason, item.confidence, item.evidence) == (reason, confidence, [sentence])


@pytest.mark.parametrize(
    "sentence",
    [
        "Bolton had held the position since April 2018 and was the third official in office.",
        "The Walmart where the shooting happened is roughly five miles from the border.",
        "The Saudi government said the missiles could not have originated in Yemen.",
        "Tom Watson called Prime Minister Theresa May's proposed Brexit deal lousy.",
        # conditions, named suspects, appearances, a named source, finished work
        "Muslims are required to make a pilgrimage to Mecca during their lifetimes, if "
        "physically or financially possible, as it is one of the five pillars of the Islamic "
        "faith.",
        "Police said the suspected gunman surrendered himself to police after being confronted "
        "by officers.",
        "Traffic to the Scientology website had already increased 18-fold prior to the attack, "
        "following increased attention after the Tom Cruise video appeared on the Internet.",
        "Although the police have used force against protesters before, this is the first "
        "report of a protester being shot with live ammunition.",
        "Officials said the man was 45 years old and born in the French territory of Martinique.",
        'Amman, who was described as "knife-obsessed" by the police, sent his girlfriend videos '
        "of beheadings and extremist text messages.",
        "Research into the two treatments is complete.",
    ],
)
def test_plain_facts_names_conditions_and_named_sources_are_not_uncertainties(
    sentence: str,
) -> None:
    assert brief_of(sentence).uncertainties == []


def test_a_claim_is_a_verb_and_a_suspect_is_suspected_of_something() -> None:
    claimed = (
        "The network's news channel is still on air, as the network claims the cease and "
        "desist order did not cover their news channel's franchise."
    )
    suspected = "Arnel dela Vega said the Abu Sayyaf Group are the suspected perpetrators."
    assert [u.reason for u in brief_of(claimed).uncertainties] == [UncertaintyReason.unconfirmed]
    assert [u.reason for u in brief_of(suspected).uncertainties] == [UncertaintyReason.unconfirmed]
    near_misses = (
        "Authorities announced that 337 suspected users were arrested. Figures show record "
        "asylum claims this year."
    )
    assert brief_of(near_misses).uncertainties == []


def test_a_speakers_hedge_inside_a_quotation_over_several_sentences_is_not_one() -> None:
    brief = brief_of(
        'Johnson continued, "I hope it will be resolved very shortly. And to anticipate a '
        "question you might want to raise, if we can't resolve it then I will be raising it "
        'myself personally with the White House."'
    )
    assert brief.uncertainties == []


def test_an_anonymous_source_closing_a_quotation_vouches_for_all_of_it() -> None:
    first = "\"She's just doing this to try and disintegrate the movement."
    second = 'A lot of people think that," said a protester using the pseudonym Katya.'
    (item,) = brief_of(f"{first} {second}").uncertainties
    assert item.reason is UncertaintyReason.anonymous_source
    assert item.evidence == [first, second]


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        (
            "The International Monetary Fund said in May the AfCFTA might be for African "
            "countries comparable to the European and North American trade blocs.",
            UncertaintyReason.speculative,
        ),
        (
            "While one experimental vaccine appears able to reduce Ebola mortality, up until "
            "now, no drugs have been clearly demonstrated suitable for treating infection.",
            UncertaintyReason.unconfirmed,
        ),
        (
            "As of Tuesday there had been reports of people avoiding or harassing Chinese and "
            "perceived-to-be Chinese individuals in several countries over the current outbreak.",
            UncertaintyReason.unconfirmed,
        ),
        (
            "A suspected gas leak led to an explosion, followed by the ten-storey building "
            "coming down.",
            UncertaintyReason.unconfirmed,
        ),
        (
            "Harry Dunn, a 19-year-old motorcyclist was struck by a Volvo XC90 driving on the "
            "wrong side of the road in Northamptonshire according to traffic camera footage.",
            UncertaintyReason.unconfirmed,
        ),
        (
            "All treatment centers are to be permitted to administer mAb114 and REGN-EB3 to "
            "patients, even though research into the two treatments is not yet complete.",
            UncertaintyReason.missing_information,
        ),
        (
            "Several scenarios were considered because of uncertainty of future levels of ozone "
            "pollution.",
            UncertaintyReason.missing_information,
        ),
        (
            "There has been skepticism among academics and the protesters themselves about the "
            "sincerity and effects of the bill's withdrawal:",
            UncertaintyReason.speculative,
        ),
        (
            "Charges of domestic terrorism also carry a possible death penalty at the federal "
            "level.",
            UncertaintyReason.speculative,
        ),
        (
            "One poster admitted to being a part of the effort, writing in a blog post.",
            UncertaintyReason.anonymous_source,
        ),
        (
            "According to a whistle-blower complaint, Trump may have misused his office.",
            UncertaintyReason.anonymous_source,
        ),
        (
            "Police spokesman Mariusz Ciarka said a press badge was used by the assailant, "
            "reported by The Guardian as convicted of assaults and by Associated Press of bank "
            "robberies, to gain entry.",
            UncertaintyReason.conflicting_reports,
        ),
        (
            "Magnitude 6.3 according to Phivolcs, it was recorded as magnitude 6.4 by the US "
            "Geological Survey.",
            UncertaintyReason.conflicting_reports,
        ),
        (
            'In a meeting that day he was told by Emergencies Minister Yevgeny Zinichev of "36 '
            'and 40 people under the rubble", while Chelyabinsk regional Deputy Governor Oleg '
            "Klimov indicated 68 people were missing.",
            UncertaintyReason.conflicting_reports,
        ),
    ],
)
def test_appearances_reports_doubts_unnamed_speakers_and_second_sources_are_uncertain(
    sentence: str, reason: UncertaintyReason
) -> None:
    assert [item.reason for item in brief_of(sentence).uncertainties] == [reason]


@pytest.mark.parametrize(
    ("prefix", "sentence", "reason"),
    [
        (
            "94",
            "According to a court clerk, arguments in the case would be scheduled as soon as the "
            "week of October 21, with briefs from both parties due in the intervening time until "
            "then.",
            UncertaintyReason.anonymous_source,
        ),
        (
            "131",
            "Multiple assailants attacked al-Quaety shortly after he left his nearby home, then, "
            "according to security officials, fled.",
            UncertaintyReason.anonymous_source,
        ),
        (
            "144",
            'Wiranto suffered "two deep wounds" in the attack according to a hospital '
            "spokesperson.",
            UncertaintyReason.anonymous_source,
        ),
        (
            "95",
            "In mid-August, the government lowered the economic growth forecast for 2019 to 0 – "
            '1%", she said, noting it was the worst their economy had performed since 2009.',
            UncertaintyReason.estimate,
        ),
        (
            "115",
            "He publicly stated the trial would not be impartial, saying he anticipated having "
            '"a largely partisan outcome" in the Senate.',
            UncertaintyReason.speculative,
        ),
        (
            "107",
            "In that event, Fields, a self-described Neo-Nazi, killed a woman named Heather Heyer "
            "and injured at least nineteen others.",
            UncertaintyReason.estimate,
        ),
    ],
)
def test_unnamed_officials_forecasts_anticipation_and_bounds_in_words_are_uncertain(
    prefix: str, sentence: str, reason: UncertaintyReason
) -> None:
    assert [item.reason for item in brief_of(quoted(prefix, sentence)).uncertainties] == [reason]


@pytest.mark.parametrize(
    "sentence",
    [
        "According to court clerk Maria Lopez, arguments in the case would be scheduled for the "
        "week of October 21.",
        "Multiple assailants attacked al-Quaety shortly after he left his nearby home, then, "
        "according to Interior Minister Ahmed al-Maisari, fled.",
        "Weather forecasters warned residents of Aden to stay indoors.",
        "The much-anticipated report was published on Monday.",
        "Fields killed a woman named Heather Heyer and injured nineteen others.",
    ],
)
def test_named_officials_forecasters_a_long_awaited_thing_and_exact_counts_are_not(
    sentence: str,
) -> None:
    assert brief_of(sentence).uncertainties == []


def test_a_speakers_own_doubt_inside_a_quotation_is_an_uncertainty() -> None:
    first = (
        'An eyewitness said, "I was crossing the road when I saw a man with a machete being '
        "chased by an undercover police officer."
    )
    second = "I think I heard three gunshots but I can't quite remember.\""
    brief = brief_of(f"{first} {second}")
    assert [(item.reason, item.evidence) for item in brief.uncertainties][-1] == (
        UncertaintyReason.speculative,
        [second],
    )
    reasonable = (
        'Senior researcher Mu Li said "it is reasonable to assume that pregnant women and '
        'breastfeeding mothers are also iodine deficient."'
    )
    assert [item.reason for item in brief_of(reasonable).uncertainties] == [
        UncertaintyReason.speculative
    ]


def test_a_dispute_that_answers_the_sentence_before_takes_it_into_its_claim() -> None:
    accusation = (
        "The accusation against Biden is that he interfered with an investigation into "
        "Burisma Holdings."
    )
    finding = "An investigation by PolitiFact found no such action on Joe Biden's part."
    (item,) = brief_of(f"{accusation} {finding}").uncertainties
    assert (item.reason, item.evidence) == (
        UncertaintyReason.conflicting_reports,
        [accusation, finding],
    )
    denial = (
        "Trump said that he did indicate to the Ukrainians that the aid was contingent on their "
        "addressing corruption but denied that he made any specific deal about the Bidens."
    )
    (item,) = brief_of(f"{accusation} {denial}").uncertainties
    assert item.evidence == [accusation, denial]
    varying = 'Reports on the implement used vary between a knife and a "sharp tool".'
    (item,) = brief_of(f"{accusation} {varying}").uncertainties
    assert item.evidence == [varying]


def test_an_allegation_or_a_suspicion_named_as_a_noun_is_unconfirmed() -> None:
    allegation = (
        'Toronto Police, which indicated on Monday a "significant development" was likely at '
        "Tuesday's hearing, face allegations they failed to react quickly enough to the series "
        "of disappearances."
    )
    suspicion = (
        "The Associated Press reports Zhukovskyy has also been stopped for suspicion of driving "
        "while inebriated."
    )
    for sentence in (allegation, suspicion):
        assert [u.reason for u in brief_of(sentence).uncertainties] == [
            UncertaintyReason.unconfirmed
        ]
    near_misses = (
        "Toronto Police face questions over the series of disappearances. Zhukovskyy was "
        "stopped for driving while inebriated."
    )
    assert brief_of(near_misses).uncertainties == []


def test_a_threshold_a_rule_sets_is_not_an_estimate() -> None:
    threshold = (
        "For a candidate to win the Democratic Party's nomination, a total of at least 1,991 "
        "delegates are needed."
    )
    assert brief_of(threshold).uncertainties == []
    count = (
        "Before the deadline last week, over a million people requested absentee ballots to "
        "vote by mail."
    )
    assert [u.reason for u in brief_of(count).uncertainties] == [UncertaintyReason.estimate]


def test_a_bound_on_a_share_or_on_a_things_size_is_not_an_estimate() -> None:
    share = (
        "On Monday, Nevada became the first state in the United States to begin a state "
        "legislative session in which more than half of the elected officials were women, at "
        "50.8 percent."
    )
    size = (
        "Households with at least one unvaccinated person were asked to place a red flag "
        "somewhere visible. The Guardian cited examples of complicated questions with over fifty "
        "words."
    )
    assert brief_of(share).uncertainties == []
    assert brief_of(size).uncertainties == []
    count = (
        "Over 2,000 residents near Mount Apo in Kidapawan City have been relocated to other "
        "villages in the city since Wednesday."
    )
    assert [u.reason for u in brief_of(count).uncertainties] == [UncertaintyReason.estimate]


def test_claiming_a_right_or_a_compound_claimed_is_not_a_hedge() -> None:
    taken = (
        "On Wednesday during the opening ceremony of the TurkStream gas pipeline, Turkish "
        "president Erdoğan called for a regional cooperation in the Eastern Mediterranean, "
        "claiming a right to Turkey to have a say in projects there, based on the country's "
        "long shoreline."
    )
    compounds = (
        "The EastMed pipeline is a Israeli-Cypriot-Greek effort intended to connect East "
        "Mediterranean offshore gas fields with the European mainland via a pipeline, on a route "
        "which passes through Turkish-claimed maritime territories. The researchers found that "
        "ozone pollution caused 46 percent of previously heat-attributed damage to soybean crops."
    )
    assert brief_of(taken).uncertainties == []
    assert brief_of(compounds).uncertainties == []
    for sentence in (
        "He claimed the Turkish drilling on Cypriot waters is only to protect Turkish and "
        "Turkish Cypriot interests.",
        "Experts attribute this to human activity.",
    ):
        assert [u.reason for u in brief_of(sentence).uncertainties] == [
            UncertaintyReason.unconfirmed
        ]


def test_a_could_in_a_condition_is_a_premise_not_speculation() -> None:
    condition = (
        'Tom Watson called Prime Minister Theresa May\'s proposed Brexit deal "lousy" and said '
        "he would only vote for it if the British people could also vote for or against it."
    )
    assert brief_of(condition).uncertainties == []
    consequence = (
        "Yesterday, President Hassan Rouhani of Iran said if the goal is peace and security, "
        'then foreign powers should "get out of the region" as their presence could cause an '
        "arms race."
    )
    assert [u.reason for u in brief_of(consequence).uncertainties] == [
        UncertaintyReason.speculative
    ]


def test_a_could_a_court_grants_or_a_past_ability_is_not_speculation() -> None:
    granted = (
        "On Monday, United States District Court Judge Victor Marrero issued a ruling against "
        "President Donald Trump finding that New York City prosecutors could view his tax "
        "records after a subpoena issued by a grand jury. The court found that it could rule "
        "on the prorogation, and found the prorogation to be unlawful. Following Marrero's "
        "order, the appeals court issued a stay, delaying Mazars' compliance with the subpoena "
        "until it could review the case."
    )
    assert brief_of(granted).uncertainties == []
    guess = "Such payments could be considered bribery."
    assert [u.reason for u in brief_of(guess).uncertainties] == [UncertaintyReason.speculative]


def test_a_reported_head_count_is_an_estimate_and_a_reported_event_is_not() -> None:
    head_count = "There are reportedly about 5000 U.S. troops now in the country."
    assert [u.reason for u in brief_of(head_count).uncertainties] == [UncertaintyReason.estimate]
    event = (
        "Reportedly, at least two towns —including Makilala in the province of North "
        "Cotabato— declared a state of calamity following Wednesday's quake."
    )
    assert [u.reason for u in brief_of(event).uncertainties] == [UncertaintyReason.unconfirmed]


def test_the_same_estimate_twice_is_one_uncertainty() -> None:
    brief = brief_of(
        "The election was held on Sunday, with a turnout of around 2 million voters. The "
        "turnout was the highest in history, with around 2 million voters voting."
    )
    assert len(brief.uncertainties) == 1


def test_a_hedged_sentence_that_refers_back_takes_the_sentence_before_into_its_claim() -> None:
    before = "The council was adjourned and Lam later delivered the speech via video."
    hedged = "This was reportedly the first such occurrence."
    (item,) = brief_of(f"{before} {hedged}").uncertainties
    assert (item.reason, item.evidence) == (UncertaintyReason.unconfirmed, [before, hedged])
    primaries = (
        "On Tuesday, the United States Democratic Party held primary elections in the states of "
        "Arizona, Florida, and Illinois."
    )
    winner = (
        "By reports, former Vice President of the United States Joe Biden won all three elections."
    )
    (item,) = brief_of(f"{primaries} {winner}").uncertainties
    assert item.evidence == [primaries, winner]
    near_miss = "This week, reportedly, former Vice President Joe Biden won the election."
    (item,) = brief_of(f"{primaries} {near_miss}").uncertainties
    assert item.evidence == [near_miss]


def test_one_side_holding_something_unlawful_and_another_lawful_is_a_conflict() -> None:
    unlawful = (
        "They concluded that the November 27 maritime border agreement between Turkey and Libya "
        'is "null and void" and "infringes upon the sovereign rights of third states".'
    )
    lawful = (
        "In a related press release issued the following day, the Turkish Ministry of Foreign "
        'Affairs denounced the conclusions of the summit, calling the agreements "legitimate and '
        'fully compatible with international law".'
    )
    (item,) = brief_of(f"{unlawful} {lawful}").uncertainties
    assert (item.reason, item.evidence) == (
        UncertaintyReason.conflicting_reports,
        [unlawful, lawful],
    )
    # the article stating the law in two places is no dispute, nor is "legal consequences"
    near_misses = (
        "Abortion of pregnancy is currently illegal in the Catholic-majority country. Uruguay, "
        "Guyana and Cuba are the other Latin American countries where abortion during the early "
        'weeks of pregnancy is legal. The agreement "cannot produce any legal consequences".'
    )
    assert brief_of(near_misses).uncertainties == []


# ---- lead --------------------------------------------------------------------------------


def test_bluf_summary_and_key_points_come_from_the_lead_within_limits() -> None:
    article = dev_article("31")
    brief = extract_brief(article)
    assert brief.bluf.startswith("Yesterday, President Hassan Rouhani of Iran said")
    assert len(brief.bluf.split()) <= BLUF_MAX_WORDS
    assert len(brief.summary.split()) <= SUMMARY_MAX_WORDS
    assert brief.summary.startswith(brief.bluf)
    assert 3 <= len(brief.key_points) <= 5


def test_a_headline_or_dateline_line_above_the_lead_is_not_the_bluf() -> None:
    article = dev_article("31")
    lead = extract_brief(article).bluf
    for above in ("Rouhani tells foreign powers to leave Persian Gulf", "TEHRAN, Iran"):
        dated = replace(article, text=f"{above}\n{article.text}")
        brief = extract_brief(dated)
        assert brief.bluf == lead
        assert brief.summary.startswith(lead)
        assert above not in brief.key_points
    # A lead that is a whole sentence stays the lead, however short.
    short = replace(article, text=f"Iran spoke.\n{article.text}")
    assert extract_brief(short).bluf.startswith("Iran spoke. Yesterday, President Hassan")


def test_prose_too_long_for_its_field_is_cut_after_a_clause_and_marked() -> None:
    said = quoted(
        "31",
        '"The presence of foreign forces can be dangerous for the region, international waters, '
        "as well as the security of shipping lines and energy, but our path is to create unity "
        'and coordination with regional countries," he said.',
    )
    # The quotation the cut leaves open is closed.
    assert clip_at_clause(said, 600, 30) == (
        '"The presence of foreign forces can be dangerous for the region, international waters, '
        'as well as the security of shipping lines and energy …"'
    )
    assert clip_at_clause(said, 600, 60) == said
    # With no clause end early enough, the cut falls at a word, still marked.
    assert clip_at_clause("Protesters marched through the city centre all day", 600, 5) == (
        "Protesters marched through the …"
    )


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.text(alphabet="ab ,;.", min_size=1, max_size=80), min_size=1, max_size=6),
    st.integers(min_value=10, max_value=200),
    st.integers(min_value=2, max_value=30),
)
def test_joined_sentences_fit_their_field_and_only_the_last_is_cut(
    sentences: list[str], limit: int, words: int
) -> None:
    sentences = [s.strip() for s in sentences if s.strip()]
    assume(sentences)
    joined = join_fitting(sentences, limit, words)
    assert len(joined) <= limit
    assert len(joined.split()) <= words
    prefixes = {" ".join(sentences[:count]) for count in range(1, len(sentences) + 1)}
    assert joined.endswith(CUT_MARK) or joined in prefixes


# ---- properties --------------------------------------------------------------------------


def test_the_example_article_gives_five_actors_and_a_threat_all_quoted_verbatim() -> None:
    article = read_article(str(EXAMPLE_ARTICLE))
    brief = extract_brief(article)
    assert len(brief.actors) >= 5
    assert len(brief.threats) >= 1
    assert all(quote in article.text for quote in all_quotes(brief))


@pytest.mark.parametrize("prefix", DEV_ARTICLES)
def test_every_quote_is_verbatim_and_every_reference_names_an_actor(prefix: str) -> None:
    article = dev_article(prefix)
    brief = extract_brief(article)
    assert all(quote in article.text for quote in all_quotes(brief))
    names = {name_key(n) for actor in brief.actors for n in (actor.name, *actor.aliases)}
    assert {name_key(s.actor) for s in brief.stances} <= names
    assert {name_key(t.source) for t in brief.threats} <= names


def test_the_same_article_always_gives_the_same_brief() -> None:
    article = dev_article("36")
    assert extract_brief(article) == extract_brief(article)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n  ",
        ".",
        "a",
        "no capitals anywhere in this text at all, just words and more words",
        "UPPER CASE HEADLINE ABOUT THE USA AND NATO!!!",
        "Die Bundesregierung hat am Montag neue Sanktionen gegen Russland beschlossen.",
        "Paris pleure les siens cet après-midi après cette effroyable attaque.",
        "İstanbul'da İçişleri Bakanı açıklama yaptı. İ" * 5,
        "x" * 5000,
        "Word " * 3000,
        '"""(((["\'' * 50,
        "1,000,000 2,000 3.5% $4 at least 5 about 6 up to 7 may might could",
        "Mr. Dr. U.S. U.K. e.g. i.e. St. No. 5 a.m. p.m.",
        "The\u00a0attack\u2014was\u2009claimed\u200bby\x00the\u202fgroup.",
    ],
)
def test_odd_inputs_still_give_a_valid_brief_with_verbatim_quotes(text: str) -> None:
    article = Article(text=text)  # its text without control characters
    brief = extract_brief(article)
    assert brief.bluf
    assert brief.summary
    assert all(quote in article.text for quote in all_quotes(brief))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=2000))
def test_any_text_gives_a_valid_brief_with_verbatim_quotes(text: str) -> None:
    article = Article(text=text)
    brief = extract_brief(article)
    assert all(quote in article.text for quote in all_quotes(brief))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "President",
                "Hassan",
                "Rouhani",
                "of",
                "Iran",
                "said",
                "the",
                "U.S.",
                "attack",
                "was",
                "claimed",
                "by",
                "Houthi",
                "movement",
                "(SDF)",
                ",",
                ".",
                '"',
                "reportedly",
                "at least 20",
                "threatened",
                "condemned",
                "He",
                "Ministry",
                "Party",
            ]
        ),
        max_size=80,
    )
)
def test_shuffled_news_words_give_a_valid_brief(words: list[str]) -> None:
    text = " ".join(words)
    brief = brief_of(text)
    assert all(quote in text for quote in all_quotes(brief))


# ---- the engine --------------------------------------------------------------------------


def test_engine_reports_its_rules_version_and_returns_a_draft() -> None:
    engine = ExtractiveEngine()
    article = read_article(str(EXAMPLE_ARTICLE))
    result = asyncio.run(engine.generate(EngineRequest(article=article, messages=[])))
    assert (engine.name, engine.cacheable) == ("extractive", False)
    assert set(engine.identity) == {"rules_version"}
    assert result.draft == extract_brief(article)
    assert result.usage.requests == 0


def test_a_brief_takes_milliseconds() -> None:
    articles = [dev_article(prefix) for prefix in DEV_ARTICLES]
    extract_brief(articles[0])
    started = time.perf_counter()
    for article in articles:
        extract_brief(article)
    per_article = (time.perf_counter() - started) / len(articles)
    assert per_article < 0.1, f"{per_article * 1000:.0f} ms per article"


def test_rule_tests_cannot_read_a_test_split_article() -> None:
    manifest = yaml.safe_load((ROOT / "evals" / "manifest.yaml").read_text(encoding="utf-8"))
    stem = next(s for s, entry in manifest["articles"].items() if entry["split"] == "test")
    with pytest.raises(AssertionError, match="is in the test split"):
        dev_article(stem.split("-")[0])
