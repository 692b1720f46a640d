"""The extractive brief: the steps in order, each a pure function of the article text."""

from __future__ import annotations

from summarizer.brief import BriefDraft
from summarizer.engines.extractive.actors import find_actors
from summarizer.engines.extractive.gazetteer import gazetteer
from summarizer.engines.extractive.lead import write_lead
from summarizer.engines.extractive.sentences import split_sentences
from summarizer.engines.extractive.speakers import find_speakers
from summarizer.engines.extractive.stances import find_stances
from summarizer.engines.extractive.threats import find_threats
from summarizer.engines.extractive.topics import lead_event
from summarizer.engines.extractive.uncertainties import find_uncertainties
from summarizer.inputs import Article


def extract_brief(article: Article) -> BriefDraft:
    """A brief of ``article`` by rules alone: deterministic, offline, every quote verbatim."""
    text = article.text
    sentences = split_sentences(text)
    index = find_actors(text, sentences, gazetteer())
    speakers = find_speakers(sentences, index)
    bluf, summary, key_points = write_lead(sentences, index)
    event = lead_event(article.title, sentences)
    return BriefDraft(
        bluf=bluf,
        summary=summary,
        key_points=key_points,
        actors=index.actors,
        stances=find_stances(text, sentences, index, speakers, event),
        threats=find_threats(text, sentences, index, speakers),
        uncertainties=find_uncertainties(text, sentences),
    )
