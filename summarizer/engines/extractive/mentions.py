"""Name mentions: runs of capitalised words, split into titles, affiliations and names.

"Coast Guard Commandant Admiral Elson Hermogino" is one run of capitalised words holding an
organisation ("Coast Guard"), a role ("Commandant Admiral") and a person ("Elson
Hermogino"); this module finds such runs and takes them apart. Deciding which mentions
are the same actor, and which actors matter, is ``actors.py``'s job.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from nameparser.config import CONSTANTS

from summarizer.brief import ActorKind
from summarizer.engines.extractive.gazetteer import Gazetteer
from summarizer.engines.extractive.rules import (
    ACRONYM_STOPLIST,
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
    PLACE_HEADS,
    ROLE_MODIFIERS,
    SURNAME_EVENT_HEADS,
    TITLE_WORDS,
    WEEKDAYS,
)
from summarizer.engines.extractive.sentences import Sentence, Token

NAME_PARTICLES = frozenset(
    prefix
    for prefix in CONSTANTS.prefixes
    if prefix.isascii() and prefix.isalpha() and len(prefix) <= 4
) - {"op", "do", "te", "het", "san", "st", "ste", "tho", "bar", "bat", "bon", "mac", "mc"}
"""Lower-case particles inside names ("Arnel dela Vega"), from nameparser."""
_HYPHEN_PARTICLES = frozenset(
    prefix.rstrip("-") for prefix in CONSTANTS.prefixes if prefix.endswith("-")
)
_OPENING = frozenset("\"'“‘([:—–-")
_POSSESSIVE_ENDINGS = ("'s", "’s", "s'", "s’")
_PLURAL_OWNERS = frozenset("people women men children workers citizens".split())


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

    @property
    def is_acronym(self) -> bool:
        return is_acronym(self.text)


def is_acronym(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return (
        " " not in text
        and sum(char.isupper() for char in letters) >= 2
        and all(char.isupper() for char in letters[:2])
        and text.casefold().rstrip(".") not in ACRONYM_STOPLIST
    )


def is_name_token(text: str) -> bool:
    if text[:1].isupper():
        return True
    head, sep, rest = text.partition("-")
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
    sentences: Sequence[Sentence], places: Gazetteer
) -> tuple[list[Mention], dict[int, int]]:
    """All name mentions in order, and acronym definitions (acronym index -> name index)."""
    vocabulary = lowercase_vocabulary(sentences)
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
                mentions.extend(found)
            index = end
    return mentions, definitions


def _defines_acronym(tokens: Sequence[Token], end: int) -> bool:
    return (
        end + 2 < len(tokens)
        and tokens[end].text == "("
        and tokens[end + 2].text == ")"
        and is_acronym(tokens[end + 1].text)
    )


def _extend_run(tokens: Sequence[Token], start: int) -> int:
    """The end of the run of capitalised words (and the connectors inside names) at ``start``."""
    end = start + 1
    joined_by_of = False
    while end < len(tokens):
        word = tokens[end].text
        previous, owned = strip_possessive(tokens[end - 1].text)
        if owned and not _owner_inside_name(previous, word):
            break
        if is_name_token(word):
            end += 1
            continue
        follower = _skip_the(tokens, end + 1)
        if word in ("of", "for") and (joined_by_of or _key(previous) in JOINING_HEADS):
            joined_by_of = True
        elif word == "and" and joined_by_of:
            single_word = follower + 1 >= len(tokens) or not is_name_token(
                tokens[follower + 1].text
            )
            if follower == end + 1 and not single_word:
                break
        elif word in NAME_PARTICLES or word == "&":
            follower = end + 1
        else:
            break
        if follower < len(tokens) and is_name_token(tokens[follower].text):
            end = follower + 1
            continue
        break
    return end


def _owner_inside_name(owner: str, word: str) -> bool:
    """ "Workers' Party", "New People's Party": a plural owner before a head stays in the name."""
    plural = owner.casefold() in _PLURAL_OWNERS or owner.endswith("s")
    return plural and is_name_token(word) and _key(word) in ORG_HEADS


def _skip_the(tokens: Sequence[Token], index: int) -> int:
    return index + 1 if index < len(tokens) and tokens[index].text == "the" else index


def _is_temporal(tokens: Sequence[Token], index: int, run_start: int) -> bool:
    key = _key(strip_possessive(tokens[index].text)[0])
    if key in WEEKDAYS or key in HOLIDAYS:
        return True
    if key in MONTHS:
        following = tokens[index + 1].text if index + 1 < len(tokens) else ""
        return index == run_start or following[:1].isdigit()
    return False


def _split_run(
    sentence: Sentence, start: int, end: int, vocabulary: frozenset[str], places: Gazetteer
) -> list[Mention]:
    tokens = sentence.tokens
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
        if initial and first < last:
            key = tokens[first].text.casefold()
            if key in COMMON_STARTERS or key in vocabulary:
                first += 1
                initial = False
        if first < last:
            mentions.extend(_decompose(sentence, first, last, initial, places))
    if mentions:
        mentions[-1] = _with_institution_noun(sentence, mentions[-1])
    return mentions


def _connector(word: str) -> bool:
    return word in ("of", "for", "and", "the", "&") or word in NAME_PARTICLES


def _decompose(
    sentence: Sentence, first: int, last: int, initial: bool, places: Gazetteer
) -> list[Mention]:
    """Take titles out of a run, leaving the person, the organisation, the affiliation."""
    tokens = sentence.tokens
    words = [token.text for token in tokens[first:last]]
    title_positions = [i for i, word in enumerate(words) if is_title(word)]
    if not title_positions:
        split = _organisation_then_person(words, places)
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
    person = name_first < len(words) and looks_like_person(words[name_first:], places)
    if not person and not has_complement and name_first < len(words):
        split = _organisation_then_person(words, places)
        return _make(sentence, first, first + split if split else last, initial=initial)
    found = _make(sentence, first, first + role_first, affiliation=True, initial=initial)
    if has_complement:
        found.extend(
            _make(sentence, first + last_title + 1, first + name_first, affiliation=person)
        )
    if person:
        found.extend(
            _make(
                sentence,
                first + name_first,
                last,
                role_start=tokens[first + role_first].start,
                titles=tuple(words[role_first : last_title + 1]),
                hint=ActorKind.person,
                initial=initial and name_first == 0,
            )
        )
    return found


def _person_tail(words: list[str], places: Gazetteer, minimum: int) -> int:
    """Where a person's name starts at the end of ``words``; ``len(words)`` when none does."""
    for size in (4, 3, 2, 1):
        if size >= minimum and size < len(words) and looks_like_person(words[-size:], places):
            if words[-size - 1] not in ("of", "for", "the", "and"):
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
    if len(words) > 1 and places.is_place(full):
        return False
    for word in words:
        key = _key(word)
        if word in NAME_PARTICLES or (len(word) == 2 and word[1] == "." and word[0].isupper()):
            continue
        if not is_name_token(word) or (is_acronym(word) and len(word) > 2):
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
