"""The digest rolled up from a hand-made set of briefs: top threats in ICD 203 order, actors
merged across articles, conflicting stances, open uncertainties, each linked to its article."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from markdown_it import MarkdownIt

from summarizer.batch import Duplicate, build_digest, render_digest_markdown
from summarizer.batch.records import BatchError
from summarizer.brief import Brief, BriefDraft, Likelihood, Position, Provenance, Source
from summarizer.grounding import ground_draft

HONG_KONG = (
    "Carrie Lam said on Wednesday the extradition bill would be withdrawn. "
    "Lam told reporters the government wanted dialogue. "
    "Police said protesters could block the airport again. "
    "It was not clear whether the protests would end."
)
LEGCO = (
    "Mrs Lam said she still backed the extradition bill in its amended form. "
    "Legislators warned that the city could see a general strike. "
    "Police fired tear gas near the legislature."
)
LONDON = (
    "The Metropolitan Police said a man was arrested near London Bridge. "
    "Officers said a second attack was unlikely. "
    "Carrie Lam did not comment on the extradition bill during her visit. "
    "Reports of a second suspect could not be confirmed."
)


def actor(name: str, kind: str, quote: str, aliases: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"name": name, "kind": kind, "aliases": list(aliases), "evidence": [quote]}


def stance(name: str, topic: str, position: str, quote: str) -> dict[str, Any]:
    return {"actor": name, "topic": topic, "position": position, "summary": f"{name} on {topic}.",
            "evidence": [quote]}  # fmt: skip


def threat(source: str, target: str, likelihood: str, quote: str) -> dict[str, Any]:
    return {"source": source, "target": target, "description": f"{source} may hit {target}.",
            "kind": "attack", "likelihood": likelihood, "evidence": [quote]}  # fmt: skip


def uncertainty(claim: str, quote: str) -> dict[str, Any]:
    return {"claim": claim, "reason": "unconfirmed", "confidence": "low", "evidence": [quote]}


def make_brief(text: str, title: str, url: str | None, **items: list[dict[str, Any]]) -> Brief:
    draft = BriefDraft.model_validate(
        {"bluf": "Something happened.", "summary": "Something happened.", **items}
    )
    source = Source(title=title, url=url, characters=len(text),
                    content_sha256=hashlib.sha256(text.encode()).hexdigest())  # fmt: skip
    return ground_draft(draft, text, source=source,
                        provenance=Provenance(engine="test", prompt_version="test"))  # fmt: skip


def hand_made_briefs() -> list[tuple[str, Brief]]:
    hong_kong = make_brief(
        HONG_KONG, "Hong Kong withdraws bill", "https://example.org/hk",
        actors=[
            actor("Carrie Lam", "person", "Carrie Lam said", aliases=("Lam",)),
            actor("Hong Kong Police Force", "government", "Police said", aliases=("police",)),
            actor("protesters", "other", "protesters could block the airport"),
        ],
        stances=[stance("Lam", "the extradition bill", "opposes",
                        "the extradition bill would be withdrawn")],
        threats=[threat("protesters", "the airport", "likely",
                        "protesters could block the airport again")],
        uncertainties=[uncertainty("The protests may end.",
                                   "It was not clear whether the protests would end.")],
    )  # fmt: skip
    legco = make_brief(
        LEGCO, "Lam backs amended bill", "https://example.org/legco",
        actors=[
            actor("Mrs Lam", "person", "Mrs Lam said", aliases=("Carrie Lam",)),
            actor("Legislators", "government", "Legislators warned"),
        ],
        stances=[stance("Mrs Lam", "extradition bill amendments", "supports",
                        "she still backed the extradition bill")],
        threats=[threat("Legislators", "the city", "almost_certain",
                        "the city could see a general strike")],
    )  # fmt: skip
    london = make_brief(
        LONDON, "Arrest near London Bridge", "javascript:alert(1)",
        actors=[
            actor("The Metropolitan Police", "government", "The Metropolitan Police said",
                  aliases=("police",)),
            actor("Carrie Lam", "person", "Carrie Lam did not comment"),
        ],
        stances=[stance("Carrie Lam", "the extradition bill", "unclear",
                        "did not comment on the extradition bill")],
        threats=[threat("The Metropolitan Police", "London", "unlikely",
                        "a second attack was unlikely")],
        uncertainties=[uncertainty("A second suspect exists.",
                                   "Reports of a second suspect could not be confirmed.")],
    )  # fmt: skip
    return [("hk", hong_kong), ("legco", legco), ("london", london)]


def test_top_threats_come_most_likely_first_each_with_its_article() -> None:
    digest = build_digest(hand_made_briefs())

    assert [t.likelihood for t in digest.top_threats] == [
        Likelihood.almost_certain,
        Likelihood.likely,
        Likelihood.unlikely,
    ]
    assert [(t.article.id, t.article.url) for t in digest.top_threats] == [
        ("legco", "https://example.org/legco"),
        ("hk", "https://example.org/hk"),
        ("london", "javascript:alert(1)"),
    ]
    assert digest.top_threats[0].evidence == ["the city could see a general strike"]


def test_the_top_threats_list_is_cut_but_the_count_is_not() -> None:
    digest = build_digest(hand_made_briefs(), top_threats=1)

    assert len(digest.top_threats) == 1
    assert digest.counts.threats == 3


def test_actors_sharing_a_name_or_alias_are_merged_across_articles() -> None:
    digest = build_digest(hand_made_briefs())

    lam = next(a for a in digest.actors if "Carrie Lam" in (a.name, *a.aliases))
    assert lam.name == "Carrie Lam"
    assert set(lam.aliases) == {"Lam", "Mrs Lam"}
    assert [ref.id for ref in lam.articles] == ["hk", "legco", "london"]
    assert digest.actors[0] == lam  # seen in the most articles


def test_a_lowercase_common_alias_does_not_merge_different_actors() -> None:
    digest = build_digest(hand_made_briefs())

    police = [a for a in digest.actors if "police" in a.aliases]
    assert sorted(a.name for a in police) == ["Hong Kong Police Force", "The Metropolitan Police"]
    assert all(len(a.articles) == 1 for a in police)


def test_a_leading_the_does_not_keep_one_actor_apart() -> None:
    briefs = hand_made_briefs()
    other = make_brief(
        "Metropolitan Police officers closed the bridge.",
        "Bridge closed",
        None,
        actors=[actor("Metropolitan Police", "government", "Metropolitan Police officers")],
    )

    digest = build_digest([*briefs, ("bridge", other)])

    met = next(a for a in digest.actors if a.name.endswith("Metropolitan Police"))
    assert [ref.id for ref in met.articles] == ["london", "bridge"]


def test_people_sharing_only_a_surname_stay_apart() -> None:
    """The London Bridge attacker and the Mayor of London are both "Khan" in their briefs."""
    attack = make_brief(
        "Usman Khan attacked people near London Bridge. Khan was shot by police.",
        "London Bridge attack", None,
        actors=[actor("Usman Khan", "person", "Usman Khan attacked", aliases=("Khan",))],
    )  # fmt: skip
    mayor = make_brief(
        "Mayor Sadiq Khan thanked the police. Khan said London would not be divided.",
        "Mayor thanks police", None,
        actors=[actor("Sadiq Khan", "person", "Mayor Sadiq Khan thanked", aliases=("Khan",))],
    )  # fmt: skip
    later = make_brief(
        "Khan visited the bridge on Sunday.",
        "Mayor visits bridge", None,
        actors=[actor("Khan", "person", "Khan visited the bridge")],
    )  # fmt: skip

    digest = build_digest([("attack", attack), ("mayor", mayor), ("later", later)])

    merged = {a.name: [ref.id for ref in a.articles] for a in digest.actors}
    assert merged["Usman Khan"] == ["attack", "later"]
    assert merged["Sadiq Khan"] == ["mayor"]


def test_a_person_and_an_organisation_sharing_a_name_stay_apart() -> None:
    member = make_brief(
        "A Labour Member said the plan was cruel.", "Plan criticised", None,
        actors=[actor("Labour Member", "person", "A Labour Member said", aliases=("Labour",))],
    )  # fmt: skip
    party = make_brief(
        "Labour said it would vote against the plan.", "Labour to oppose plan", None,
        actors=[actor("Labour", "political_party", "Labour said")],
    )  # fmt: skip

    digest = build_digest([("member", member), ("party", party)])

    assert sorted((a.name, len(a.articles)) for a in digest.actors) == [
        ("Labour", 1), ("Labour Member", 1),
    ]  # fmt: skip


def test_opposite_positions_on_a_similar_topic_are_a_conflict_and_unclear_is_not() -> None:
    digest = build_digest(hand_made_briefs())

    (conflict,) = digest.conflicts
    assert conflict.actor == "Carrie Lam"
    assert [(v.article.id, v.position) for v in conflict.stances] == [
        ("hk", Position.opposes),
        ("legco", Position.supports),
        ("london", Position.unclear),
    ]
    assert conflict.stances[1].evidence == ["she still backed the extradition bill"]


def test_the_same_position_in_two_articles_is_no_conflict() -> None:
    hong_kong, legco, _ = hand_made_briefs()
    agreeing = legco[1].model_copy(deep=True)
    agreeing.stances[0].position = Position.opposes

    assert build_digest([hong_kong, ("legco", agreeing)]).conflicts == []


def test_open_uncertainties_are_listed_with_their_articles() -> None:
    digest = build_digest(hand_made_briefs())

    assert [(u.claim, u.article.id) for u in digest.uncertainties] == [
        ("The protests may end.", "hk"),
        ("A second suspect exists.", "london"),
    ]


def test_counts_duplicates_and_errors_are_carried_into_the_digest() -> None:
    duplicate = Duplicate(id="copy", duplicate_of="hk", kind="near", similarity=0.93)
    error = BatchError(id="feed.xml", stage="input", reason="the feed is cut off")

    digest = build_digest(hand_made_briefs(), duplicates=[duplicate], errors=[error])

    assert digest.counts.model_dump() == {
        "articles": 3, "partial": 0, "other_language": 0, "failed": 1, "duplicates": 1,
        "threats": 3,
    }  # fmt: skip
    assert digest.duplicates == [duplicate]
    assert digest.errors == [error]
    assert [ref.id for ref in digest.articles] == ["hk", "legco", "london"]


def test_the_digest_counts_articles_the_extractive_engine_could_not_read() -> None:
    briefs = hand_made_briefs()
    french = make_brief("Le ministre a condamné l'attaque.", "Attaque", None)
    french = french.model_copy(update={
        "source": french.source.model_copy(update={"language": "fr"}),
        "provenance": Provenance(engine="extractive", prompt_version="test"),
    })  # fmt: skip

    digest = build_digest([*briefs, ("fr", french)])

    assert digest.counts.other_language == 1
    assert "(1 in a language the engine does not read: thin briefs)" in render_digest_markdown(
        digest
    )


def test_markdown_digest_links_articles_and_keeps_untrusted_text_inert() -> None:
    briefs = hand_made_briefs()
    hostile = make_brief(
        "The minister said the talks failed.",
        "Talks | fail <script>alert(1)</script> [click](https://evil.example)",
        "https://example.org/a b(1)",
        actors=[actor("The minister", "person", "The minister said")],
    )

    note = render_digest_markdown(build_digest([*briefs, ("hostile", hostile)]))

    assert note.startswith("# Digest: 4 articles\n")
    assert "[Hong Kong withdraws bill](https://example.org/hk)" in note
    assert "javascript:" not in note
    assert "Arrest near London Bridge (`london`)" in note
    assert "<script>" not in note
    assert "&lt;script&gt;" in note
    assert "\\[click\\]" in note
    assert "(https://example.org/a%20b%281%29)" in note
    assert "| almost certain | Legislators | the city |" in note
    assert "### Carrie Lam: the extradition bill" in note
    assert note.endswith("\n")


def test_the_markdown_digest_lists_each_article_as_its_own_item() -> None:
    note = render_digest_markdown(build_digest(hand_made_briefs()))

    tokens = MarkdownIt("commonmark").parse(note.split("## Articles", 1)[1])

    assert [t.type for t in tokens].count("list_item_open") == 3


def test_escape_sequences_in_ids_and_titles_never_reach_the_markdown_digest() -> None:
    hostile = make_brief(
        "The minister said the talks failed.",
        "Talks \x1b]8;;http://evil.example/\x07fail\x1b]8;;\x07\u202e",
        None,
        actors=[actor("The minister\x1b[2J", "person", "The minister said")],
    )
    error = BatchError(id="feed.xml#7\x1b[2J\x9b31m", stage="input", reason="cut off\x1b[1A")

    note = render_digest_markdown(build_digest([("talks\x07", hostile)], errors=[error]))

    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202e]", note)
    assert "1. Talks \\]8;;http://evil.example/fail\\]8;; (`talks`)\n" in note
    assert "| `feed.xml#7[2J31m` | input | cut off\\[1A |" in note


def test_a_pipe_in_an_id_neither_splits_its_table_cell_nor_lets_markdown_out() -> None:
    pixel = "x|![t](http://tracker.example/p.png)|[click](http://evil.example/)"
    duplicate = Duplicate(id=pixel, duplicate_of=f"{pixel}-2", kind="exact", similarity=1.0)
    error = BatchError(id=pixel, stage="input", reason="the entry carries no text")
    digest = build_digest(hand_made_briefs(), duplicates=[duplicate], errors=[error])

    tokens = MarkdownIt("commonmark").enable("table").parse(render_digest_markdown(digest))

    inline = [child for token in tokens for child in token.children or []]
    assert not [child for child in inline if child.type == "image"]
    assert "http://evil.example/" not in [child.attrs.get("href") for child in inline]
    code = [child.content for child in inline if child.type == "code_inline"]
    assert code.count(pixel) == 2
    assert f"{pixel}-2" in code
    tables: list[list[int]] = []
    for token in tokens:
        if token.type == "table_open":
            tables.append([])
        elif token.type == "tr_open":
            tables[-1].append(0)
        elif token.type in ("th_open", "td_open"):
            tables[-1][-1] += 1
    assert [set(rows) for rows in tables][-2:] == [{3}, {3}]  # duplicates, then not briefed
