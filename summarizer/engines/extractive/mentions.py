"""Name mentions: runs of capitalised words, split into titles, affiliations and names.

"Coast Guard Commandant Admiral Elson Hermogino" is one run of capitalised words holding an
organisation ("Coast Guard"), a role ("Commandant Admiral") and a person ("Elson
Hermogino"); this module finds such runs and takes them apart. Deciding which mentions
are the same actor, and which actors matter, is ``actors.py``'s job.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from nameparser.config import CONSTANTS

from summarizer.brief import ActorKind
from summarizer.engines.extractive.gazetteer import Gazetteer
from summarizer.engines.extractive.rules import (
    ACRONYM_STOPLIST,
    ADJECTIVE_SUFFIXES,
    COMMON_NOUN_SUFFIXES,
    COMMON_STARTERS,
    EVENT_HEADS,
    EVENT_PREFIXES,
    GENERIC_NAMES,
    HOLIDAYS,
    INSTITUTION_NOUNS,
    JOINING_HEADS,
    MONTHS,
    NON_NAME_WORDS,
    ORG_HEADS,
    ORIGIN_PREPOSITIONS,
    OWNED_NAME_REACH,
    PARTICLE_EXCLUDED,
    PLACE_HEADS,
    PLURAL_OWNERS,
    PRONOUN_FORMS,
    ROLE_MODIFIERS,
    SHARED_PLURAL_HEADS,
    SMALL_WORDS,
    SURNAME_EVENT_HEADS,
    TITLE_WORDS,
    TOPIC_HEADS,
    WEEKDAYS,
)
from summarizer.engines.extractive.sentences import Sentence, Token

NAME_PARTICLES = (
    frozenset(
        prefix
        for prefix in CONSTANTS.prefixes
        if prefix.isascii() and prefix.isalpha() and len(prefix) <= 4
    )
    - PARTICLE_EXCLUDED
)
"""Lower-case particles inside names ("Arnel dela Vega"), from nameparser."""
_HYPHEN_PARTICLES = frozenset(
    prefix.rstrip("-") for prefix in CONSTANTS.prefixes if prefix.endswith("-")
)
_OPENING = frozenset("\"'“‘([:—–-…]")
_QUOTES = frozenset("\"“”‘’'")
_POSSESSIVE_ENDINGS = ("'s", "’s", "s'", "s’")
_CONNECTORS = frozenset(["of", "for", "the", "and"])


@dataclass(frozen=True, slots=True)
class Mention:
    """One name as written in one sentence (possessive ending and titles left out)."""

    sentence: int
    first: int
    """Index of the name's first token in the sentence."""
    last: int
    """Index after the name's last token."""
    start: int
    end: int
    text: str
    role_start: int
    """Offset where the titles before the name start (``start`` when there are none)."""
    titles: tuple[str, ...] = ()
    hint: ActorKind | None = None
    possessive: bool = False
    affiliation: bool = False
    """The name only says whom a titled person belongs to ("Turkish President ...")."""
    initial: bool = False
    """The name opens the sentence or a quote, where any word is capitalised."""

    @property
    def words(self) -> list[str]:
        return self.text.split()


def is_acronym(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return (
        " " not in text
        and sum(char.isupper() for char in letters) >= 2
        and all(char.isupper() for char in letters[:2])
        and text.casefold().rstrip(".") not in ACRONYM_STOPLIST
    )


@lru_cache(maxsize=65536)
def is_name_token(text: str) -> bool:
    """A capitalised word that can be part of a name ("el-Sisi" too, "Saudi-led" not)."""
    head, sep, rest = text.partition("-")
    if text.casefold() in PRONOUN_FORMS or (
        sep and _key(text.rsplit("-", 1)[1]) in ADJECTIVE_SUFFIXES
    ):
        return False
    if text[:1].isupper():
        return True
    return bool(sep) and head in _HYPHEN_PARTICLES and rest[:1].isupper()


def strip_possessive(text: str) -> tuple[str, bool]:
    for ending in _POSSESSIVE_ENDINGS:
        if text.endswith(ending) and len(text) > len(ending):
            return text[: -len(ending)] if ending[0] in "'’" else text[:-1], True
    return text, False


def _key(word: str) -> str:
    return word.casefold().rstrip(".")


def is_title(word: str) -> bool:
    key = _key(word)
    return key in TITLE_WORDS or (key.endswith("s") and key[:-1] in TITLE_WORDS)


def lowercase_vocabulary(sentences: Sequence[Sentence]) -> frozenset[str]:
    """Words the article also writes in lower case: capitalised, they only open a sentence."""
    return frozenset(
        token.text.casefold()
        for sentence in sentences
        for token in sentence.tokens
        if token.text[:1].islower()
    )


def find_mentions(
    sentences: Sequence[Sentence], places: Gazetteer, vocabulary: frozenset[str]
) -> tuple[list[Mention], dict[int, int]]:
    """All name mentions in order, and acronym definitions (acronym index -> name index).

    ``vocabulary`` holds the words the article writes in lower case: capitalised at the
    start of a sentence, they are no name."""
    mentions: list[Mention] = []
    definitions: dict[int, int] = {}
    for sentence in sentences:
        tokens = sentence.tokens
        index = 0
        while index < len(tokens):
            if not is_name_token(tokens[index].text):
                index += 1
                continue
            end = _extend_run(tokens, index)
            found = _split_run(sentence, index, end, vocabulary, places)
            if found:
                end = max(end, found[-1].last)
                if _defines_acronym(tokens, end) and len(found[-1].words) > 1:
                    definitions[len(mentions) + len(found)] = len(mentions) + len(found) - 1
                elif _defines_by_or(tokens, end) and _short_form(found[-1].text):
                    definitions[len(mentions) + len(found) - 1] = len(mentions) + len(found)
                mentions.extend(found)
            index = end
    return mentions, definitions


_BRACKETED_ACRONYM = re.compile(r"\(([A-Z][A-Za-z]{1,9})\)")


def acronym_definitions(sentences: Sequence[Sentence]) -> dict[str, str]:
    """Acronyms the article defines, of anything ("African Continental Free Trade Area
    (AfCFTA)"), to their long forms: the capitalised words before the bracket whose initials
    spell the acronym's capitals."""
    found: dict[str, str] = {}
    for sentence in sentences:
        for match in _BRACKETED_ACRONYM.finditer(sentence.text):
            acronym = match.group(1)
            capitals = "".join(char for char in acronym if char.isupper())
            words = sentence.text[: match.start()].split()[-2 * len(capitals) - 2 :]
            for size in range(len(words), 0, -1):
                candidate = words[-size:]
                initials = "".join(w[0] for w in candidate if w not in SMALL_WORDS)
                if initials == capitals and candidate[0][:1].isupper():
                    found.setdefault(acronym, " ".join(candidate))
                    break
    return found


def _defines_acronym(tokens: Sequence[Token], end: int) -> bool:
    return (
        end + 2 < len(tokens)
        and tokens[end].text == "("
        and tokens[end + 2].text == ")"
        and is_acronym(tokens[end + 1].text)
    )


def _defines_by_or(tokens: Sequence[Token], end: int) -> bool:
    """ "G7, or the Group of Seven, ...": the name after "or" is another name of this one."""
    words = [token.text for token in tokens[end : end + 4]]
    return (
        words[:2] == [",", "or"]
        and len(words) > 2
        and is_name_token(words[3] if words[2] == "the" and len(words) > 3 else words[2])
    )


def _short_form(text: str) -> bool:
    return " " not in text and (is_acronym(text) or any(char.isdigit() for char in text))


def _extend_run(tokens: Sequence[Token], start: int) -> int:
    """The end of the run of capitalised words (and the connectors inside names) at ``start``."""
    end = start + 1
    joined_by_of = False
    while end < len(tokens):
        word = tokens[end].text
        previous, owned = strip_possessive(tokens[end - 1].text)
        if owned and not _owner_inside_name(previous, tokens, end):
            break
        if is_name_token(word):
            end += 1
            continue
        follower = _skip_the(tokens, end + 1)
        if _joins_complement(tokens, end, follower, joined_by_of):
            joined_by_of = True
        elif word == "and" and joined_by_of:
            # "... of Iraq and the Levant" is one name; "... of the US and the University of
            # Sheffield" is two: only a one-word conjunct ends the name.
            after = tokens[follower + 1].text if follower + 1 < len(tokens) else ""
            if is_name_token(after) or after in ("of", "for"):
                break
        elif word in NAME_PARTICLES or word == "&" or _joins_words(tokens, end):
            follower = end + 1
        else:
            break
        if follower < len(tokens) and is_name_token(tokens[follower].text):
            end = follower + 1
            continue
        break
    return end


def _joins_complement(
    tokens: Sequence[Token], index: int, follower: int, joined_by_of: bool
) -> bool:
    """ "Church of Scientology", "Commission on Presidential Debates" (not "Committee on
    Monday"): a preposition that continues a name after its head."""
    word = tokens[index].text
    previous = _key(strip_possessive(tokens[index - 1].text)[0])
    if word in ("of", "for"):
        return joined_by_of or previous in JOINING_HEADS
    return word == "on" and previous in TOPIC_HEADS and not _is_date(tokens, follower)


def _is_date(tokens: Sequence[Token], index: int) -> bool:
    return index < len(tokens) and _key(tokens[index].text) in MONTHS | WEEKDAYS


def _joins_words(tokens: Sequence[Token], index: int) -> bool:
    """A dash with no space around it inside a name ("African Export–Import Bank")."""
    return (
        tokens[index].text in ("-", "–")
        and index + 1 < len(tokens)
        and tokens[index - 1].end == tokens[index].start
        and tokens[index].end == tokens[index + 1].start
    )


def _owner_inside_name(owner: str, tokens: Sequence[Token], index: int) -> bool:
    """ "Workers' Party", "People's Liberation Army": a plural owner before capitalised words
    that end in a head stays in the name."""
    if owner.casefold() not in PLURAL_OWNERS and not owner.endswith("s"):
        return False
    for token in tokens[index : index + OWNED_NAME_REACH]:
        if not is_name_token(token.text):
            return False
        if _key(token.text) in ORG_HEADS:
            return True
    return False


def _skip_the(tokens: Sequence[Token], index: int) -> int:
    return index + 1 if index < len(tokens) and tokens[index].text == "the" else index


def _is_temporal(tokens: Sequence[Token], index: int, run_start: int) -> bool:
    key = _key(strip_possessive(tokens[index].text)[0])
    if key in WEEKDAYS:
        return True
    if key in HOLIDAYS:
        alone = index + 1 >= len(tokens) or not is_name_token(tokens[index + 1].text)
        return alone and index == run_start
    if key in MONTHS:
        following = tokens[index + 1].text if index + 1 < len(tokens) else ""
        return index == run_start or following[:1].isdigit()
    return False


def _split_run(
    sentence: Sentence, start: int, end: int, vocabulary: frozenset[str], places: Gazetteer
) -> list[Mention]:
    tokens = sentence.tokens
    if _shares_plural_head(tokens, start, end):
        return []
    pieces: list[tuple[int, int]] = []
    piece_start = start
    for index in range(start, end):
        if _is_temporal(tokens, index, piece_start):
            if piece_start < index:
                pieces.append((piece_start, index))
            piece_start = index + 1
    if piece_start < end:
        pieces.append((piece_start, end))
    mentions: list[Mention] = []
    for first, last in pieces:
        initial = first == 0 or tokens[first - 1].text in _OPENING
        while first < last and _connector(tokens[first].text):
            first += 1
        quoted_title = (
            first > 0
            and tokens[first - 1].text in _QUOTES
            and (last - first > 2 or (last < len(tokens) and tokens[last].text in _QUOTES))
        )
        if initial and first < last and not quoted_title:
            key = tokens[first].text.casefold()
            if key in COMMON_STARTERS or key in vocabulary:
                first += 1
                initial = False
        if first < last:
            mentions.extend(_decompose(sentence, first, last, initial, places))
    if mentions:
        mentions[-1] = _with_institution_noun(sentence, mentions[-1])
    return mentions


def _shares_plural_head(tokens: Sequence[Token], start: int, end: int) -> bool:
    """ "the Democratic and Republican Parties": a plural head shared by conjoined names
    names no one body (and "Republican Parties" is no name)."""
    return (
        _key(tokens[end - 1].text) in SHARED_PLURAL_HEADS
        and start >= 2
        and tokens[start - 1].text in ("and", "or", ",")
        and is_name_token(tokens[start - 2].text)
    )


def _connector(word: str) -> bool:
    return word in ("of", "for", "and", "the", "&") or word in NAME_PARTICLES


def _decompose(
    sentence: Sentence, first: int, last: int, initial: bool, places: Gazetteer
) -> list[Mention]:
    """Take titles out of a run, leaving the person, the organisation, the affiliation."""
    tokens = sentence.tokens
    words = [token.text for token in tokens[first:last]]
    if places.is_place(" ".join(words)):
        return _make(sentence, first, last, initial=initial)
    title_positions = [i for i, word in enumerate(words) if is_title(word)]
    if not title_positions:
        split = _organisation_then_person(words, places)
        if split is None and first > 0 and tokens[first - 1].text in ORIGIN_PREPOSITIONS:
            split = _place_then_person(words, places)
        if split is None:
            return _make(sentence, first, last, initial=initial)
        return [
            *_make(sentence, first, first + split, initial=initial),
            *_make(sentence, first + split, last, hint=ActorKind.person),
        ]
    last_title = title_positions[-1]
    role_first = title_positions[0]
    while role_first > 0 and _key(words[role_first - 1]) in ROLE_MODIFIERS:
        role_first -= 1
    name_first = last_title + 1
    has_complement = name_first < len(words) and words[name_first] in ("of", "for")
    if has_complement:
        name_first = _person_tail(words, places, minimum=2)
    if name_first < len(words) and looks_like_person(words[name_first:], places):
        return [
            *_make(sentence, first, first + role_first, affiliation=True, initial=initial),
            *_make(sentence, first + last_title + 1, first + name_first, affiliation=True),
            *_make(
                sentence,
                first + name_first,
                last,
                role_start=tokens[first + role_first].start,
                titles=tuple(words[role_first : last_title + 1]),
                hint=ActorKind.person,
                initial=initial and name_first == 0,
            ),
        ]
    if role_first == 0 and has_complement:
        # "President of the European Council": a role; its organisation is an affiliation.
        return _make(sentence, first + last_title + 1, last, affiliation=True)
    if (
        role_first > 0
        and last_title == len(words) - 1
        and _key(words[role_first - 1])
        not in (
            "of",
            "for",
        )
    ):
        # "Labour MP", "Turkish President": whom an unnamed role belongs to.
        return _make(sentence, first, first + role_first, affiliation=True, initial=initial)
    # A title inside a name: "Department of Justice", "High Commissioner for Refugees".
    split = _organisation_then_person(words, places)
    return _make(sentence, first, first + split if split else last, initial=initial)


def _person_tail(words: list[str], places: Gazetteer, minimum: int) -> int:
    """Where a person's name starts at the end of ``words``; ``len(words)`` when none does."""
    for size in (4, 3, 2, 1):
        fits = minimum <= size < len(words) and words[-size - 1] not in _CONNECTORS
        if fits and looks_like_person(words[-size:], places):
            return len(words) - size
    return len(words)


def _organisation_then_person(words: list[str], places: Gazetteer) -> int | None:
    """Split "Amnesty International Man-kei Tam" after the organisation's head word."""
    for index in range(len(words) - 3, -1, -1):
        if _key(words[index]) in ORG_HEADS and index > 0:
            tail = words[index + 1 :]
            if 2 <= len(tail) <= 3 and looks_like_person(tail, places):
                return index + 1
    return None


def _place_then_person(words: list[str], places: Gazetteer) -> int | None:
    """Split "Vermont Bernie Sanders" (of "Senator from Vermont Bernie Sanders") after the
    place its first words name."""
    for size in (3, 2, 1):
        if len(words) - size >= 2 and places.is_place(" ".join(words[:size])):
            return size if looks_like_person(words[size:], places) else None
    return None


def looks_like_person(words: Sequence[str], places: Gazetteer) -> bool:
    """Whether capitalised words can be a person's name: no head, place or common word."""
    if not 1 <= len(words) <= 5:
        return False
    full = " ".join(words)
    first = words[0].casefold()
    if first in NON_NAME_WORDS or first in COMMON_STARTERS or first in EVENT_PREFIXES:
        return False
    if places.state(full) or places.demonym(words[0]) or places.state(words[0]):
        return False
    if len(words) > 1 and first in places.major_places:
        return False
    if len(words) > 1 and places.is_place(full):
        return False
    if any(places.state(word) for word in words[1:-1]):
        return False  # "Air India Express": a state inside a name is no person's
    for word in words:
        key = _key(word)
        if word in NAME_PARTICLES or (len(word) == 2 and word[1] == "." and word[0].isupper()):
            continue
        if not is_name_token(word) or (is_acronym(word) and len(word) > 2):
            return False
        if key in COMMON_STARTERS or key.endswith(COMMON_NOUN_SUFFIXES):
            return False
        if any(places.state(part) for part in word.split("-")[1:]):
            return False
        if key in ORG_HEADS or key in PLACE_HEADS or key in EVENT_HEADS or key in GENERIC_NAMES:
            return False
        if is_title(word) or key in MONTHS or key in WEEKDAYS or any(ch.isdigit() for ch in word):
            return False
    return True


def _make(
    sentence: Sentence,
    first: int,
    last: int,
    *,
    role_start: int | None = None,
    titles: tuple[str, ...] = (),
    hint: ActorKind | None = None,
    affiliation: bool = False,
    initial: bool = False,
) -> list[Mention]:
    tokens = sentence.tokens
    while first < last and (
        _connector(tokens[first].text)
        or (affiliation and _key(tokens[first].text) in ROLE_MODIFIERS | COMMON_STARTERS)
    ):
        first += 1
    while last > first and _connector(tokens[last - 1].text):
        last -= 1
    if first >= last:
        return []
    start = tokens[first].start
    raw_end = tokens[last - 1].end
    name, possessive = strip_possessive(tokens[last - 1].text)
    end = raw_end - (len(tokens[last - 1].text) - len(name))
    text = sentence.text[start - sentence.start : end - sentence.start]
    if not text.strip() or (hint is not ActorKind.person and _is_event(text)):
        return []
    if text.casefold() in ACRONYM_STOPLIST:
        return []
    return [
        Mention(
            sentence=sentence.index,
            first=first,
            last=last,
            start=start,
            end=end,
            text=text,
            role_start=start if role_start is None else role_start,
            titles=titles,
            hint=hint,
            possessive=possessive,
            affiliation=affiliation,
            initial=initial,
        )
    ]


def _is_event(text: str) -> bool:
    """Events, laws and works: "Sacred Defence Week", "Radio Control Law", "Hurricane Maria".

    Heads that are also surnames ("Nathan Law") need a longer name or a non-name first word.
    """
    words = text.casefold().split()
    head = words[-1].rstrip(".")
    if words[0] in EVENT_PREFIXES or head in EVENT_HEADS:
        return True
    return head in SURNAME_EVENT_HEADS and (len(words) > 2 or words[0] in NON_NAME_WORDS)


def _with_institution_noun(sentence: Sentence, mention: Mention) -> Mention:
    """Extend "Houthi" to "Houthi movement", "Saudi" to "Saudi government"."""
    tokens = sentence.tokens
    if mention.possessive or mention.last >= len(tokens):
        return mention
    follower = tokens[mention.last].text
    noun = follower if follower in INSTITUTION_NOUNS else None
    if follower == "coast" and mention.last + 1 < len(tokens):
        noun = "coast guard" if tokens[mention.last + 1].text == "guard" else None
    if noun is None:
        return mention
    last = mention.last + len(noun.split())
    end = tokens[last - 1].end
    text = sentence.text[mention.start - sentence.start : end - sentence.start]
    return Mention(
        sentence=mention.sentence,
        first=mention.first,
        last=last,
        start=mention.start,
        end=end,
        text=text,
        role_start=mention.start,
        hint=INSTITUTION_NOUNS[noun],
        initial=mention.initial,
    )
