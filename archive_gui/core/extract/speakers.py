"""Finding people and organisations in article text and telling them apart.

A *mention* is one place where an article names or refers to someone: "ICE
spokesman Bryan Cox", "Marin", "he", "the agency". The ``EntityBook`` reads
mentions in article order and folds them into one *entity* per person or
organisation, so that a bare surname or a pronoun can be traced back to the
full name, role and affiliation the article introduced.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice, product
from operator import attrgetter, itemgetter
from typing import Final

from archive_gui.core.extract.names_data import (
    ABBREVIATIONS,
    ADVERBS,
    CAPITALISED_FUNCTION_WORDS,
    DOCUMENT_GROUPS,
    HONORIFIC_GENDER,
    KNOWN_ORGANISATIONS,
    NAME_GIVING_FILLERS,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    NON_ORG_ACRONYMS,
    ORG_APPOSITIVE_NOUNS,
    ORG_CONNECTORS,
    ORG_KEYWORDS,
    ORG_MEMBER_WORDS,
    ORG_REFERENCE_NOUNS,
    PERSON_NOUN_GENDER,
    PERSON_NOUNS,
    PLACE_PREFIXES,
    PLACE_WORDS,
    PRONOUN_GENDER,
    ROLE_GENDER,
    ROLE_WORDS,
    SPEECH_VERBS,
    TITLE_ROLE_NOUNS,
    TITLE_SYNONYMS,
    TITLES,
    first_name_gender,
    is_first_name,
    word_set,
)
from archive_gui.core.extract.places import is_place_name as _is_place_name
from archive_gui.core.extract.textutil import (
    Token,
    bisect_left,
    first_token_from,
    words,
    words_and_texts,
)

# Words are plain ``(text, start, end)`` tuples (``Token``): ``token[0]`` is the word,
# ``token[1]:token[2]`` its span in the article.

PERSON: Final = "person"
ORGANIZATION: Final = "organization"
PRONOUN: Final = "pronoun"
REFERENCE: Final = "reference"  # "the agency", "the spokesman"
UNNAMED: Final = "unnamed"  # a person the article does not name: "a foreman, who declined ..."

_POSSESSIVE_ENDINGS: Final = ("'s", "’s")
_ARTICLES: Final = frozenset({"a", "an", "the"})
_AFFILIATION_LINKS: Final = (" of ", " for ", " at ", " with ")
# Bounds that keep reading linear on any input; real names and roles are far shorter.
_MAX_APPOSITIVE_WORDS: Final = 12
_MAX_APPOSITIVE_CHARS: Final = 160
_MAX_SUBJECT_WORDS: Final = 24
_MAX_PREFIX_WORDS: Final = 10
_MAX_RELATIVE_CLAUSE_WORDS: Final = 24  # "a foreman, who asked not to be named because ..., said"
_MAX_UNNAMED_MODIFIERS: Final = 4  # words between "a" and the noun: "a 14-year-old girl"
_MAX_PARTICLES: Final = 3
_MAX_ANTECEDENT_DISTANCE: Final = 40  # distinct entities a pronoun may look back over
_LOCAL_NUMBER: Final = re.compile(r" \d+[A-Z]*\b")
_APPOSITIVE: Final = re.compile(r"\s*,\s*([^,;—–()]*)")
# "of St. Agnes Catholic Church" after a name: the organisation the person belongs to.
_OF_ORGANISATION: Final = re.compile(
    r" (?:of|for|at|with) (?:the )?([A-Z][\w.’'&-]*(?: (?:[A-Z][\w.’'&-]*|of|and|for|the|&))*)"
)
# Lower-case words that never stand between "said" and the speaker's name.
_NOT_BEFORE_SPEAKER: Final = word_set(
    """
    in on at that to after before when while as who which was is are were by about
    during from with and but than told said has had it they he she its their his her
    """
)
_INDEFINITE: Final = frozenset({"a", "an", "one", "another"})
_SUBJECT_PRONOUNS: Final = frozenset({"He", "She"})
# Every way of capitalising them, to find them without lower-casing each word.
_INDEFINITE_ANY_CASE: Final = frozenset(
    "".join(letters)
    for word in _INDEFINITE
    for letters in product(*((c.lower(), c.upper()) for c in word))
)
# Words after "the <role>" showing it is not the subject of a clause ("the mayor of ...").
_NOT_AFTER_SUBJECT: Final = frozenset({"of", "for", "and", "or", "in", "at", "to", "with", "from"})
# Phrases between "according to" and the speaker: "according to a statement from ICE".
_DOCUMENT_PHRASE: Final = re.compile(
    r"(?:a|an|the)\s+(?:(?:written|joint|prepared|brief|short|new|news)\s+)?"
    r"(?:statement|release|news release|report|letter|email|e-mail|post|filing|memo)"
    r"\s+(?:issued\s+)?(?:from|by|of)\s+",
    re.IGNORECASE,
)
_RELATIVE: Final = frozenset({"who", "whose", "which", "that"})
_DEFENCE: Final = frozenset({"defense", "defence"})
_COUNSEL: Final = frozenset({"attorney", "lawyer", "counsel"})
# Words of a role that make an attorney a prosecutor ("Assistant U.S. Attorney").
_PUBLIC_ATTORNEY: Final = frozenset({"u", "district", "assistant", "county", "state's", "general"})
_GENDERED_WORDS: Final = {
    "he": "male",
    "his": "male",
    "him": "male",
    "she": "female",
    "her": "female",
}
_CONNECTORS_IN_ROLES: Final = frozenset({"of", "for", "the"})
_SINGULAR_MEMBER_NOUNS: Final = frozenset(
    {"official", "spokesperson", "spokesman", "spokeswoman", "officer", "agent", "representative"}
)
_UNNAMED_MEMBER_NOUNS: Final = frozenset(
    {
        "official",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "officer",
        "agent",
        "representative",
        "source",
        "officials",
        "spokespeople",
        "representatives",
    }
)


@dataclass(init=False, slots=True)
class Mention:
    """One place where the article names or refers to a speaker.

    ``start``/``end`` cover the whole phrase (with a role before the name or an
    appositive after it). ``certain`` is False for a lone capitalised word that
    is a person only if the article has already introduced someone by that name.
    """

    start: int
    end: int
    kind: str  # PERSON, ORGANIZATION, PRONOUN, REFERENCE or UNNAMED
    name: str
    gender: str | None = None
    role: str | None = None
    affiliation: str | None = None
    certain: bool = True
    # The grammatical subject of its clause ("Pell met with Holloway": Pell), which a
    # following pronoun prefers over other people of the same sentence.
    subject: bool = False
    sentence: int = -1  # index of the article sentence it stands in, when known

    # (written out, not the dataclass's: compiled, it is a native call, where the
    # generated ``__init__`` runs in the interpreter with its arguments packed)
    def __init__(
        self,
        start: int,
        end: int,
        kind: str,
        name: str,
        gender: str | None = None,
        role: str | None = None,
        affiliation: str | None = None,
        certain: bool = True,
        subject: bool = False,
        sentence: int = -1,
    ) -> None:
        self.start = start
        self.end = end
        self.kind = kind
        self.name = name
        self.gender = gender
        self.role = role
        self.affiliation = affiliation
        self.certain = certain
        self.subject = subject
        self.sentence = sentence


@dataclass(eq=False, init=False, slots=True)
class Entity:
    """A person or organisation of one article, with everything learnt about it."""

    name: str
    kind: str
    gender: str | None = None
    role: str | None = None  # persons only: an organisation's role belongs to the mention
    affiliation: str | None = None
    surname: str | None = None  # persons: the part a bare-surname mention uses
    key: str | None = None  # organisations: acronym or name, to fold name variants
    named: bool = True  # False for a person the article does not name ("a foreman")
    # Organisations: the nouns their unnamed people were called by ("a DHS spokesperson").
    member_roles: set[str] = field(default_factory=set)
    # An unnamed official ("an ICE official, who ..."): the organisation it speaks for.
    # Pronouns can refer back to the official; quotes are the organisation's.
    speaks_for: Entity | None = None

    def __init__(  # (written out: see ``Mention``)
        self,
        name: str,
        kind: str,
        gender: str | None = None,
        role: str | None = None,
        affiliation: str | None = None,
        surname: str | None = None,
        key: str | None = None,
        named: bool = True,
        member_roles: set[str] | None = None,
        speaks_for: Entity | None = None,
    ) -> None:
        self.name = name
        self.kind = kind
        self.gender = gender
        self.role = role
        self.affiliation = affiliation
        self.surname = surname
        self.key = key
        self.named = named
        self.member_roles = set() if member_roles is None else member_roles
        self.speaks_for = speaks_for

    def learn(self, mention: Mention) -> None:
        """Fill in what a mention of this person tells and was not known yet."""
        self.gender = self.gender or mention.gender
        self.role = self.role or mention.role
        self.affiliation = self.affiliation or mention.affiliation


# ----------------------------------------------------------------------------
# Reading mentions


def find_mentions(
    text: str,
    start: int,
    end: int,
    taken: tuple[list[int], list[int]] | None = None,
    deferred: list[tuple[list[Token], list[int], int]] | None = None,
) -> list[Mention]:
    """Every person and organisation named in ``text[start:end]`` (text outside quotes).

    Runs of words ending inside one of the sorted, non-overlapping spans of ``taken``
    (the mentions already read as attributions, given as the list of their starts and
    the list of their ends) are skipped. With ``deferred``, a lone
    capitalised word that nothing around it shows to be a name ("in Texas", "Olson
    says") is put there instead of read: it can only stand for someone the article
    names in full, which ``read_deferred`` checks once all names are known.
    """
    tokens, texts = words_and_texts(text, start, end)
    if not tokens:
        return []
    mentions: list[Mention] = []
    taken_starts, taken_ends = taken or _NOT_TAKEN
    lone_words = _LONE_WORDS
    # the words "the" and "a", "one", ... (any case), as the runs are read
    articles: list[int] = []
    indefinites: list[int] = []
    for run in _name_runs(text, tokens, texts, articles, indefinites):
        if taken_starts:
            last = tokens[run[-1]]
            index = bisect_left(taken_starts, last[2])
            if index and taken_ends[index - 1] > last[1]:
                continue  # read already, as the speaker of a quote
        if len(run) == 1:
            token = tokens[run[0]]
            lone = lone_words[token[0]]
            if lone == _NAMES_NOTHING:
                continue  # "The", "Thursday": what _run_mention would find nothing in
            if lone == _PRONOUN_WORD:
                if _opens_clause(text, token[1]):
                    # "She spoke with the Ledger.": the person the story is following
                    mentions.append(_pronoun(token))
                continue
            # deferred when it can only make an uncertain person mention (or none): no
            # organisation word, and a plain word or one that reads alone
            if (
                deferred is not None
                and lone != _ORGANISATION_WORD
                and (
                    lone == _DEFERRED_WORD
                    or _plain_lone_word(text, tokens, run[0])
                    or _reads_alone(text, tokens, run, end)
                )
            ):
                deferred.append((tokens, run, end))
                continue
        mention = _read_run(text, tokens, run, end)
        if mention is not None:
            mentions.append(mention)
    if indefinites:  # (no "a", "one", ...: none unnamed)
        mentions.extend(_unnamed_speakers(text, tokens, indefinites))
    for mention in mentions:
        mention.subject = _opens_clause(text, mention.start)
    if articles:  # (no "the": no role noun as a subject)
        mentions.extend(_subject_references(text, tokens, articles))
    mentions.sort(key=_START)
    return mentions


_NOT_TAKEN: Final[tuple[list[int], list[int]]] = ([], [])  # (never changed)
# What a one-word run is (``_LoneWords``): a word naming nothing on its own, "He" or
# "She", a word to defer whatever surrounds it, an organisation's, or any other.
_NAMES_NOTHING, _PRONOUN_WORD, _DEFERRED_WORD, _ORGANISATION_WORD, _OTHER_WORD = range(5)


class _LoneWords(dict):
    """What a one-word run is, kept per word: the tests of ``find_mentions`` that depend
    on the word alone, in one dictionary look-up."""

    def __missing__(self, word: str) -> int:
        if len(self) > _MAX_TAKES_PART:
            self.clear()  # (a bound on memory)
        if word in _NEVER_NAMED:
            kind = _NAMES_NOTHING
        elif word in _SUBJECT_PRONOUNS:
            kind = _PRONOUN_WORD
        else:
            head = _run_head((word,))
            if head is None:
                kind = _DEFERRED_WORD
            elif head[1]:
                kind = _ORGANISATION_WORD  # an acronym or organisation word
            else:
                kind = _OTHER_WORD
        self[word] = kind
        return kind


_LONE_WORDS: Final = _LoneWords()


def _read_run(text: str, tokens: list[Token], run: list[int], end: int) -> Mention | None:
    """The mention a run of capitalised words makes in narrative text, if any."""
    mention = _run_mention(text, tokens, run, end, assume_person=False)
    if mention is None:
        return None
    if (
        mention.kind == PERSON
        and not mention.certain
        and (
            (_verb_may_follow(tokens, run) and _speaks_as_it(text, mention.end))
            or (text.startswith(",", mention.end) and _WHICH.match(text, mention.end))
            or _org_noun_follows(tokens, run)
            or (" " in mention.name and _after_the(tokens, run))
            or _names_a_workplace(tokens, run)
        )
    ):
        # "Prairie Packers said it would cooperate": what says "it" is an organisation
        organisation = _org_mention(text, tokens, run)
        organisation.subject = True
        return organisation
    if mention.kind == PERSON:
        if not mention.certain and " " in mention.name:
            mention.certain = _speech_follows(text, tokens, mention.end) or _has_relative(
                text, tokens, run
            )
    else:
        _add_member_role(tokens, run, mention)
    return mention


def _plain_lone_word(text: str, tokens: list[Token], index: int) -> bool:
    """Whether a one-word run that names no organisation can only make an uncertain
    person mention: nothing before it that gives a role and nothing after it that gives
    an appositive, an affiliation or a verb that shows what it is."""
    token = tokens[index]
    if index and not _PLAIN_BEFORE[tokens[index - 1][0]]:
        return False
    after = text[token[2] : token[2] + 3].lstrip(" ")
    if after[:1] not in _PLAIN_AFTER:
        return False
    return index + 1 >= len(tokens) or not _SIGNALS_AFTER[tokens[index + 1][0]]


class _PerWord(dict):
    """A test of a word alone, kept per word: a dictionary look-up instead of the tests."""

    def __init__(self, test: Callable[[str], bool]) -> None:
        super().__init__()
        self.test = test

    def __missing__(self, word: str) -> bool:
        if len(self) > _MAX_TAKES_PART:
            self.clear()  # (a bound on memory)
        value = self[word] = self.test(word)
        return value


def _plain_word_before(word: str) -> bool:
    """A lower-case word that gives no role ("in", "said"): no role prefix ends in it."""
    return (
        word.islower()
        and word not in ROLE_WORDS
        and word not in PERSON_NOUNS
        and word not in _CONNECTORS_IN_ROLES
        and not word.endswith(_POSSESSIVE_ENDINGS)
    )


# Words before a lone word that give it no role (``_plain_lone_word``).
_PLAIN_BEFORE: Final = _PerWord(lambda w: w in CAPITALISED_FUNCTION_WORDS or _plain_word_before(w))
# Words after a lone word that show it is a name or an organisation ("Cox of", "X said").
_SIGNALS_AFTER: Final = _PerWord(
    lambda w: w in _NAME_SIGNALS_AFTER or w.endswith("ly") or w.lower() in SPEECH_VERBS
)


def _reads_alone(text: str, tokens: list[Token], run: list[int], end: int) -> bool:
    """Whether reading a one-word run that names no organisation makes at most an
    uncertain person mention of the word alone, tested the way ``_read_run`` reads (where
    ``_plain_lone_word`` judges by the neighbouring words), and no later name's role can
    start at the word.

    Most lone words read are no name of the article ("in Georgia, South Carolina",
    "Critics say"): deferred, they are never read.
    """
    index = run[0]
    token = tokens[index]
    name_end = token[2]
    if _prefix_role(text, tokens, index) is not None:
        return False
    if _after_name(text, name_end, end):
        if _possessive_role(text, token[1], name_end) is not None or _WHICH.match(text, name_end):
            return False
        if _organisation_appositive(text, name_end, end):
            return False
        if not token[0].endswith(_POSSESSIVE_ENDINGS) and (
            _affiliation(text, name_end, end) is not None
            or _appositive(text, name_end, end) is not None
        ):
            return False
    if (_verb_may_follow(tokens, run) and _speaks_as_it(text, name_end)) or _org_noun_follows(
        tokens, run
    ):
        return False  # an organisation
    if _names_a_workplace(tokens, run):
        return False
    following = index + 1
    if following < len(tokens) and _joined(text, token, tokens[following]):
        # "Texas governor Greg Abbott": the role of a later name may start at the word too;
        # read right away, the word's mention comes first of the two, deferred it would not
        word = tokens[following][0]
        if (
            _is_capitalised(word)
            or word in _CONNECTORS_IN_ROLES
            or _is_role_noun(_base(word).lower())
        ):
            return False
    return True


_PLAIN_AFTER: Final = frozenset(["", ".", ";", ":", "!", "?", ")", "\n"]) | frozenset(
    "abcdefghijklmnopqrstuvwxyz"
)


def read_deferred(
    text: str, deferred: list[tuple[list[Token], list[int], int]], vocabulary: set[str]
) -> list[Mention]:
    """The mentions of deferred lone words that are a word of some name of the article."""
    found = []
    for tokens, run, end in deferred:
        if _base(tokens[run[0]][0]).lower() not in vocabulary:
            continue
        mention = _read_run(text, tokens, run, end)
        if mention is not None:
            mention.subject = _opens_clause(text, mention.start)
            found.append(mention)
    return found


# Words opening an adverbial phrase before a clause's subject ("On Monday, Pell ...").
_INTRO_WORDS: Final = word_set(
    """
    on in at after before during since when while as earlier later last this asked
    speaking outside inside following despite for by with meanwhile still yet
    """
)
_CLAUSE_BOUNDARY: Final = '.!?;:\n"“”—–('
# Everything up to the last clause boundary (greedy, so the match ends right after it).
_UP_TO_CLAUSE_BOUNDARY: Final = re.compile(r'.*[.!?;:\n"“”—–(]', re.DOTALL)
_MAX_INTRO_WORDS: Final = 8


def _opens_clause(text: str, position: int) -> bool:
    """Whether a mention at ``position`` opens its clause, as a subject does.

    It opens a clause when only a sentence boundary (or a quotation) stands before it, or
    an adverbial phrase with a comma ("On Monday, ...", "Asked about the raid, ...").
    """
    index = position
    while index > 0 and text[index - 1] in " \t":
        index -= 1
    if index <= 0 or text[index - 1] in _CLAUSE_BOUNDARY:
        return True
    if text[index - 1] != ",":
        return False
    comma = index - 1
    lowest = max(0, comma - 120)
    last_mark = _UP_TO_CLAUSE_BOUNDARY.match(text, lowest, comma)
    intro = text[last_mark.end() if last_mark else lowest : comma].split()
    return 0 < len(intro) <= _MAX_INTRO_WORDS and intro[0].lower() in _INTRO_WORDS


_SAYS_IT: Final = re.compile(
    r"\s+(?:[a-z]+ly\s+)?(?:said|says|announced|stated|confirmed|added|noted)"
    r"(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today))?"
    r"(?:\s+(?:in|on)\s+(?:a|an|its)\s+[\w-]+(?:\s+[\w-]+)?)?,?(?:\s+that)?\s+(?:it|its)\b"
)


# "CoreCivic, which runs the facility": people take "who", organisations "which".
_WHICH: Final = re.compile(r",\s+which\b")


def _verb_may_follow(tokens: list[Token], run: list[int]) -> bool:
    """Whether the word after the run may be a speech verb or an adverb before one."""
    following = run[-1] + 1
    if following >= len(tokens):
        return False
    word = tokens[following][0]
    return word in SPEECH_VERBS or word == "confirmed" or word.endswith("ly")


def _after_the(tokens: list[Token], run: list[int]) -> bool:
    """ "by the Transactional Records Access Clearinghouse": people go without "the".

    Not when a noun follows: "near the Otay Mesa port of entry" names a place.
    """
    if not (run[0] > 0 and tokens[run[0] - 1][0] in _THE):
        return False
    following = run[-1] + 1
    if following >= len(tokens):
        return True
    word = tokens[following][0]
    return not word.islower() or word in _NOT_BEFORE_SPEAKER or word in SPEECH_VERBS


def _org_noun_follows(tokens: list[Token], run: list[int]) -> bool:
    """ "the United Farm Workers union": a name followed by the noun of its kind."""
    following = run[-1] + 1
    return following < len(tokens) and tokens[following][0] in _ORG_KIND_NOUNS


_ORG_KIND_NOUNS: Final = word_set("union company group coalition nonprofit organization firm")
# What a company runs: "the Northbend Pork Processors plant" is the company's plant.
_WORKPLACE_NOUNS: Final = word_set(
    "plant plants factory facility warehouse mill refinery cannery packinghouse slaughterhouse"
)


def _names_a_workplace(tokens: list[Token], run: list[int]) -> bool:
    """ "the Buckeye Trim Components plant": a name between "the" and a workplace noun is the
    company that runs it, unless it is a place ("the Salem plant")."""
    following = run[-1] + 1
    if following >= len(tokens) or tokens[following][0] not in _WORKPLACE_NOUNS:
        return False
    if not (run[0] > 0 and tokens[run[0] - 1][0] in _THE):
        return False
    return not _is_place_name(" ".join(tokens[i][0] for i in run))


# Words after a lone capitalised word that may make it a name, a role's holder or an
# organisation: "Cox of ICE", "Kessler said it", "the Teamsters union".
_NAME_SIGNALS_AFTER: Final[frozenset[str]] = (
    frozenset({"of", "for", "at", "with"}) | _ORG_KIND_NOUNS
)


def _speaks_as_it(text: str, position: int) -> bool:
    """Whether a name is followed by "said it ...", "said in a statement that it ..."."""
    if not text[position : position + 1].isspace() or " it" not in text[position : position + 80]:
        return False
    return _SAYS_IT.match(text, position, position + 80) is not None


def _speech_follows(text: str, tokens: list[Token], position: int) -> bool:
    """Whether the words after ``position`` go on to a speech verb: "X said", "X, who ..., said"."""
    index = _first_token_from(tokens, position)
    while index < len(tokens) and tokens[index][0] in ADVERBS:
        index += 1
    if index >= len(tokens):
        return False
    if tokens[index][0].lower() in SPEECH_VERBS:
        return True
    gap = text[position : tokens[index][1]]
    bare_relative = "," not in gap  # "a man who sells tamales said"
    if bare_relative and tokens[index][0].lower() not in _RELATIVE:
        return False
    for following in range(index + 1, min(len(tokens), index + _MAX_RELATIVE_CLAUSE_WORDS)):
        before = text[tokens[following - 1][2] : tokens[following][1]]
        if "." in before:
            return False
        if tokens[following][0].lower() in SPEECH_VERBS and (bare_relative or "," in before):
            return True
    return False


def _has_relative(text: str, tokens: list[Token], run: list[int]) -> bool:
    """Whether the words after a name show a person's: "Sokha Chea's husband",
    "Nguyen Thi Lan, who ...", "Sokha Chea, 34, ..."."""
    following = run[-1] + 1
    if following >= len(tokens):
        return False
    word = tokens[following][0]
    if tokens[run[-1]][0].endswith(_POSSESSIVE_ENDINGS):
        return word.lower() in PERSON_NOUN_GENDER
    gap = text[tokens[run[-1]][2] : tokens[following][1]]
    if gap.strip() != ",":
        return False
    if word in ("who", "whose"):
        return True
    return (
        word.isdigit()
        and following + 1 < len(tokens)
        and "," in text[tokens[following][2] : tokens[following + 1][1]]
    )


def _subject_references(text: str, tokens: list[Token], articles: list[int]) -> list[Mention]:
    """ "the sheriff shook his head": a role noun standing as a clause's subject.

    Read outside attributions too, so that the person it refers back to becomes the
    most recent antecedent of a pronoun that follows ("..., he said"). ``articles`` are
    the indexes of the words "the" and "The", in order.
    """
    found = []
    last = len(tokens) - 2
    for index in articles:
        if index >= last:
            break
        noun, verb = tokens[index + 1], tokens[index + 2]
        if not _PERSON_REFERENCE[noun[0]] or not verb[0].islower():
            continue
        article = tokens[index]
        word = noun[0].lower()
        before = text[tokens[index - 1][2] : article[1]] if index else ""
        at_clause_start = not index or "," in before or any(c in before for c in ".;:")
        if not at_clause_start or verb[0] in _NOT_AFTER_SUBJECT:
            continue
        if text[noun[2] : verb[1]] != " ":
            continue
        found.append(Mention(article[1], noun[2], REFERENCE, word, subject=True))
    return found


# Whether a word, lower-cased, is a person noun; whether, without a possessive ending and
# lower-cased, it is a role word (kept per word: no lower-cased copy made for each test).
_IS_PERSON_NOUN: Final = _PerWord(lambda w: w.lower() in PERSON_NOUNS).__getitem__
_HAS_ROLE_BASE: Final = _PerWord(lambda w: _base(w).lower() in ROLE_WORDS).__getitem__
# Nouns of a person's role or kind, not an organisation's ("the sheriff", "the man").
_PERSON_REFERENCE: Final = _PerWord(
    lambda w: (
        (w.lower() in ROLE_WORDS or w.lower() in PERSON_NOUNS)
        and w.lower() not in ORG_REFERENCE_NOUNS
    )
)


def _first_token_from(tokens: list[Token], position: int) -> int:
    return first_token_from(tokens, position)


def _add_member_role(tokens: list[Token], run: list[int], mention: Mention) -> None:
    """ "A DHS spokesperson": the organisation is named with the noun its person goes by."""
    following = run[-1] + 1
    if following < len(tokens) and tokens[following][0].lower() in _UNNAMED_MEMBER_NOUNS:
        mention.role = tokens[following][0].lower()


def _unnamed_speakers(text: str, tokens: list[Token], indefinites: list[int]) -> list[Mention]:
    """People the article does not name who speak: "a foreman, who asked not to be named, said".

    ``indefinites`` are the indexes of the words "a", "an", "one" and "another" (any case).
    """
    found = []
    for index in indefinites:
        token = tokens[index]
        previous = tokens[index - 1] if index else None
        if previous and _is_capitalised(previous[0]) and "," in text[previous[2] : token[1]]:
            continue  # "Teresa Hinojosa, a grandmother who ...": an appositive, not a speaker
        mention = _unnamed(text, tokens, index)
        if mention is None:
            continue
        after_according = (
            index >= 2
            and " ".join(t[0].lower() for t in tokens[index - 2 : index]) == "according to"
        )
        if (
            after_according
            or _speech_follows(text, tokens, mention.end)
            or (mention.kind == UNNAMED and _opens_clause(text, mention.start))
        ):
            # a speaker, or someone unnamed a later "the girl said" may refer back to
            found.append(mention)
    return found


def _unnamed(text: str, tokens: list[Token], index: int) -> Mention | None:
    """The unnamed person (or organisation official) a phrase starting "a"/"one" stands for.

    "a subcontractor's foreman" is an unnamed person, "an ICE official" the
    organisation ICE speaking through one of its people.
    """
    last = min(len(tokens), index + 2 + _MAX_UNNAMED_MODIFIERS)
    if not any(map(_IS_PERSON_NOUN, map(_TEXT, tokens[index + 1 : last]))) and (
        _WHO.isdisjoint(map(_TEXT, tokens[index + 2 : last + 1]))
    ):
        return None  # no person noun, nor a noun heading "who ...", for the loop to find
    for noun_index in range(index + 1, last):
        left, right = tokens[noun_index - 1], tokens[noun_index]
        if not ((right[1] == left[2] + 1 and text[left[2]] == " ") or _joined(text, left, right)):
            return None
        noun = tokens[noun_index][0].lower()
        if noun not in PERSON_NOUNS and not (
            noun_index + 1 < len(tokens)
            and tokens[noun_index + 1][0] in _WHO  # (the cheap test of the call, first)
            and _heads_relative_clause(text, tokens, noun_index)
        ):
            continue
        start, end = tokens[index][1], tokens[noun_index][2]
        capitalised = [i for i in range(index + 1, noun_index) if _is_capitalised(tokens[i][0])]
        named = _appositive_name(text, end)
        if named is not None:
            # "An ICE spokesman, Bryce Doe, said": the description is the named person's role
            name_start, name_end = named
            owner = (
                text[tokens[capitalised[0]][1] : tokens[capitalised[-1]][2]]
                if capitalised
                else None
            )
            return Mention(
                start,
                name_end,
                PERSON,
                text[name_start:name_end],
                gender=first_name_gender(text[name_start:name_end].split()[0])
                or ROLE_GENDER.get(noun)
                or PERSON_NOUN_GENDER.get(noun),
                role=noun,
                affiliation=_base(owner) if owner else None,
            )
        if capitalised and noun in _UNNAMED_MEMBER_NOUNS:
            organisation = _run_mention(text, tokens, capitalised, end, assume_person=False)
            if organisation is None or organisation.kind != ORGANIZATION:
                # "a Homeland Security official": whatever an official belongs to is an
                # organisation, unless it is a person or a place ("a Texas official")
                organisation = _organisation_by_context(text, tokens, capitalised, organisation)
            if organisation is not None and organisation.kind == ORGANIZATION:
                organisation.start, organisation.end = start, end
                organisation.role = noun
                organisation.gender = ROLE_GENDER.get(noun) or _gender_in_clause(
                    text, tokens, noun_index + 1
                )
                return organisation
        if noun in _UNNAMED_MEMBER_NOUNS:
            organisation = _organisation_after(text, tokens, noun_index + 1)
            if organisation is not None:
                organisation.start, organisation.role = start, noun
                organisation.gender = ROLE_GENDER.get(noun) or _gender_in_clause(
                    text, tokens, noun_index + 1
                )
                return organisation  # "a spokeswoman for ICE", "a spokesman for the agency"
            if not capitalised:
                body = next(
                    (
                        tokens[i][0]
                        for i in range(index + 1, noun_index)
                        if tokens[i][0] in ORG_REFERENCE_NOUNS
                    ),
                    None,
                )
                if body is not None:
                    # "a department spokeswoman": the department mentioned last
                    gender = ROLE_GENDER.get(noun) or _gender_in_clause(
                        text, tokens, noun_index + 1
                    )
                    return Mention(start, end, REFERENCE, body, gender=gender, role=noun)
        gender = PERSON_NOUN_GENDER.get(noun) or ROLE_GENDER.get(noun)
        if gender is None:
            gender = _gender_in_clause(text, tokens, noun_index + 1)
        given = _name_given(text, end)
        if given is not None:
            name_start, name_end = given
            if gender is None:
                gender = _gender_in_text(text[end:name_start])
            name = text[name_start:name_end]
            return Mention(start, name_end, PERSON, name, gender=gender, role=noun)
        return Mention(start, end, UNNAMED, noun, gender=gender, role=noun)
    return None


_NAME_GIVING: Final = re.compile(r"\b(?:name|named|identified|identifying|called)\b")
_GIVEN_NAME: Final = re.compile(r"[A-Z][^\W\d_]+(?:[’'-][A-Z]?[^\W\d_]+)*(?: [A-Z][^\W\d_]+){0,2}")
_CLAUSE_STOP: Final = re.compile(r"[.;!?]\s|[.;!?]$|[“”\"]")
_MAX_NAME_GIVING_CHARS: Final = 120


# ", Jane Doe," after a description, possibly past a short phrase ("for the county").
_APPOSITIVE_NAME: Final = re.compile(
    r"(?:\s+(?:in|for|with|at|of|from)\s+[^,;.“”\"]{1,40}?)?,\s+"
    r"([A-Z][^\W\d_]+(?:[’'-][A-Z]?[^\W\d_]+)*(?:\s+[A-Z][^\W\d_]+(?:[’'-][A-Z]?[^\W\d_]+)*){1,2})"
    r"\s*,"
)


def _appositive_name(text: str, position: int) -> tuple[int, int] | None:
    """The span of a person's full name set off by commas right after a description."""
    match = _APPOSITIVE_NAME.match(text, position, position + _MAX_NAME_GIVING_CHARS)
    if match is None:
        return None
    name_words = match.group(1).split()
    if any(
        _is_acronym(w) or w in ORG_KEYWORDS or w in CAPITALISED_FUNCTION_WORDS for w in name_words
    ):
        return None
    if _is_place_name(match.group(1)) or _is_place_name(name_words[0]):
        return None
    return match.span(1)


def _name_given(text: str, position: int) -> tuple[int, int] | None:
    """The name a clause after an unnamed person gives: "one vendor, who gave only his
    first name, Moussa", "a woman who gave her name only as Lupe", "identified only as Ali"."""
    limit = min(len(text), position + _MAX_NAME_GIVING_CHARS)
    stop = _CLAUSE_STOP.search(text, position, limit)
    limit = stop.start() if stop else limit
    keyword = _NAME_GIVING.search(text, position, limit)
    if keyword is None:
        return None
    index = keyword.end()
    while True:
        gap = index
        while index < limit and text[index] in " ,":
            index += 1
        word = _WORD_AT.match(text, index, limit)
        if word is None or word.group() not in NAME_GIVING_FILLERS:
            break
        index = word.end()
    found = _GIVEN_NAME.match(text, index, limit)
    if found is None or gap == index:
        return None
    words_ = found.group().split()
    if any(_is_acronym(w) or w in ORG_KEYWORDS for w in words_):
        return None
    return found.start(), found.end()


_WORD_AT: Final = re.compile(r"[a-z]+")


def _gender_in_text(phrase: str) -> str | None:
    for word in _WORD_AT.findall(phrase):
        gender = _GENDERED_WORDS.get(word)
        if gender is not None:
            return gender
    return None


def _organisation_by_context(
    text: str, tokens: list[Token], run: list[int], mention: Mention | None
) -> Mention | None:
    """The run before "official" as an organisation, when it names no person or place."""
    if mention is not None and (mention.kind != PERSON or mention.certain):
        return None
    if any(not _joined(text, tokens[a], tokens[b]) for a, b in zip(run, run[1:], strict=False)):
        return None
    name = _base(text[tokens[run[0]][1] : tokens[run[-1]][2]])
    if _is_place_name(name) or any(is_first_name(_base(tokens[i][0])) for i in run):
        return None
    return _org_mention(text, tokens, run)


def _organisation_after(text: str, tokens: list[Token], index: int) -> Mention | None:
    """The organisation of "for ICE" / "with the agency" after an unnamed official."""
    if index + 1 >= len(tokens) or tokens[index][0] not in ("for", "with", "at", "from", "of"):
        return None
    rest = tokens[index + 1 : index + 2 + _MAX_UNNAMED_MODIFIERS]
    reference = _reference(rest[:2])
    if (
        reference is not None
        and reference.name in ORG_REFERENCE_NOUNS
        and rest[1][0].islower()  # "the Department of ...": a name, read below
    ):
        return reference
    runs = _name_runs(text, rest)
    if not runs or runs[0][0] > 1:
        return None
    mention = _run_mention(text, rest, runs[0], rest[-1][2], assume_person=False)
    return mention if mention is not None and mention.kind == ORGANIZATION else None


_WHO: Final = frozenset({"who", "whose"})


def _heads_relative_clause(text: str, tokens: list[Token], index: int) -> bool:
    """Whether a lower-case noun is followed by "who": "a welder, who asked not to be named"."""
    following = index + 1
    if following >= len(tokens) or tokens[following][0] not in ("who", "whose"):
        return False
    word = tokens[index][0]
    if not (word.isalpha() and word.islower()):
        return False
    gap = text[tokens[index][2] : tokens[following][1]].strip()
    return gap in ("", ",")


def _gender_in_clause(text: str, tokens: list[Token], index: int) -> str | None:
    """The gender a relative clause gives its subject ("who did not want his name used")."""
    for token in tokens[index : index + _MAX_RELATIVE_CLAUSE_WORDS]:
        gender = _GENDERED_WORDS.get(token[0].lower())
        if gender is not None:
            return gender
        if token[0].lower() in SPEECH_VERBS:
            break
    return None


def read_subject(
    text: str, start: int, end: int, tokens: list[Token] | None = None
) -> Mention | None:
    """The speaker written just before a speech verb, in ``text[start:end]``.

    Handles "he", "Marin", "ICE spokesman Bryan Cox", "ICE officials", "the
    agency" and "David Marin, ICE's field office director,". Leading words that
    are not part of the speaker ("In a statement, ICE") are skipped clause by clause.
    ``tokens`` may give the words of ``text[start:end]`` when the caller has them.
    """
    if tokens is None:
        tokens = words(text, start, end)
    tokens = _without_trailing_adverbs(tokens)[-_MAX_SUBJECT_WORDS:]
    if tokens and tokens[0][0].lower() in _ARTICLES:
        document = _DOCUMENT_PHRASE.match(text, tokens[0][1], end)
        if document is not None:
            tokens = [t for t in tokens if t[1] >= document.end()]
    while tokens:
        mention = _subject_clause(text, tokens)
        if mention is not None:
            return _named_in_apposition(text, tokens, mention) or mention
        tokens = _after_first_comma(text, tokens)
    return None


def _named_in_apposition(text: str, tokens: list[Token], mention: Mention) -> Mention | None:
    """The person of "Delmont Logistics' spokesman, Harold Fiske," or "the mayor's
    spokeswoman, Carla Benitez,": a role held for an organisation, then the name."""
    if mention.kind not in (ORGANIZATION, REFERENCE):
        return None
    head = _until_comma(text, tokens)
    if len(head) == len(tokens) or not _is_role_noun(head[-1][0].lower()):
        return None
    rest = _after_first_comma(text, tokens)
    if not rest or len(_until_comma(text, rest)) != len(rest):
        return None  # the name must be the whole appositive
    person = _subject_clause(text, rest)
    if person is None or person.kind != PERSON:
        return None
    person.certain = True
    person.role = person.role or head[-1][0].lower()
    if mention.kind == ORGANIZATION:
        person.affiliation = person.affiliation or mention.name
    return person


def read_object(
    text: str, start: int, end: int, tokens: list[Token] | None = None
) -> Mention | None:
    """The speaker written just after a speech verb ("said Bryan Cox, a spokesman").

    ``tokens`` may give the words of ``text[start:end]`` when the caller has them.
    """
    phrase = text[start:end]
    document = _DOCUMENT_PHRASE.match(text, start + len(phrase) - len(phrase.lstrip()), end)
    if document is not None:
        start = document.end()  # "according to a statement from the alliance"
        tokens = None
    if tokens is None:
        tokens = words(text, start, end)
    if not tokens:
        return None
    first = tokens[0]
    if first[0].lower() in PRONOUN_GENDER:
        return _pronoun(first)
    head = _until_comma(text, tokens)
    if first[0].lower() in _OWNERS or (len(head) > 1 and _is_possessive(text, head[-2])):
        person = _role_then_person(text, tokens, head, end)
        if person is not None:
            return person  # "said his attorney, Jordan Weiss", "said ICE's spokesman, ..."
    reference = _reference(head)
    if reference is not None:
        return _role_then_person(text, tokens, head, end) or reference
    if first[0].lower() in _INDEFINITE:
        unnamed = _unnamed(text, head, 0)
        if unnamed is not None:
            return unnamed
    leading: Mention | None = None  # a lone surname, unless a fuller name follows
    for run in _name_runs(text, head):
        if run[0] > _MAX_PREFIX_WORDS:
            break
        if any(
            t[0] in _NOT_BEFORE_SPEAKER and not _in_title(head, i)
            for i, t in enumerate(head[: run[0]])
        ):
            break  # "said in a statement that John Smith ...": not the speaker
        mention = _run_mention(text, tokens, run, end, assume_person=True)
        if mention is None or mention.kind != PERSON:
            continue
        if mention.certain:
            return mention
        if leading is None and _is_prefix_of_run(text, head, run):
            leading = mention
    return leading or _organisation_in(text, head, end, at_end=False)


_OWNERS: Final = frozenset({"his", "her", "their"})


def _is_possessive(text: str, token: Token) -> bool:
    """ "Healey's", and "Ramos'" with the bare apostrophe of a name ending in s."""
    return token[0].endswith(_POSSESSIVE_ENDINGS) or (
        token[0].endswith("s") and text[token[2] : token[2] + 1] in ("'", "’")
    )


def _role_then_person(
    text: str, tokens: list[Token], head: list[Token], end: int
) -> Mention | None:
    """The person named in apposition after a role: "his attorney, Jordan Weiss"."""
    if not _is_role_noun(head[-1][0].lower()) or len(head) >= len(tokens):
        return None
    rest = tokens[len(head) :]
    clause = _until_comma(text, rest)
    runs = _name_runs(text, clause)
    if not runs or runs[0][0] != 0 or runs[0][-1] != len(clause) - 1:
        return None
    mention = _run_mention(text, rest, runs[0], end, assume_person=True)
    if mention is None or mention.kind != PERSON:
        return None
    mention.certain = True
    mention.role = mention.role or head[-1][0].lower()
    return mention


def _in_title(tokens: list[Token], index: int) -> bool:
    """Whether a lower-case word belongs to a capitalised title: "Special Agent in Charge"."""
    return (
        0 < index < len(tokens) - 1
        and tokens[index - 1][0][0].isupper()
        and tokens[index + 1][0] == "Charge"
    )


def _subject_clause(text: str, tokens: list[Token]) -> Mention | None:
    """The speaker a clause consists of: its head (up to a comma) plus an appositive."""
    head = _until_comma(text, tokens)
    last = head[-1]
    if len(head) <= 2 and last[0].lower() in PRONOUN_GENDER:
        return _pronoun(last)
    reference = _reference(head)
    if reference is not None:
        return reference
    if head[0][0].lower() in _INDEFINITE:
        unnamed = _unnamed(text, head, 0)
        if unnamed is not None:
            return unnamed
    runs = _name_runs(text, head)
    if runs and runs[-1][-1] == len(head) - 1:
        end = tokens[-1][2]
        mention = _run_mention(text, tokens, runs[-1], end, assume_person=True)
        if (mention is None or mention.kind == ORGANIZATION) and len(runs) > 1:
            # "Father Ignacio Ruelas of St. Alphonsus Church", "Sheriff Bill Waybourn of
            # Tarrant County": the person, not the church or the place
            person = _person_before_affiliation(text, tokens, runs[-2], runs[-1], end)
            mention = person or mention
        if mention is not None:
            return mention
    owner = _owner_of(text, tokens, head)
    if owner is not None:
        return owner
    return _organisation_in(text, head, tokens[-1][2], at_end=True)


# Nouns after a possessive that speak for the possessor: "Healey's office said".
_SPEAKS_FOR_OWNER: Final = word_set(
    "office campaign administration team staff spokesman spokeswoman"
)


def _owner_of(text: str, tokens: list[Token], head: list[Token]) -> Mention | None:
    """ "Healey's office", "a statement from Healey's office": whoever owns the office."""
    if len(head) < 2 or head[-1][0].lower() not in _SPEAKS_FOR_OWNER:
        return None
    owner = head[-2]
    if not (owner[0].endswith(_POSSESSIVE_ENDINGS) and _is_capitalised(owner[0])):
        return None
    runs = _name_runs(text, head[:-1])
    if not runs or runs[-1][-1] != len(head) - 2:
        return None
    return _run_mention(text, head, runs[-1], head[-1][1], assume_person=True)


def _person_before_affiliation(
    text: str, tokens: list[Token], person_run: list[int], org_run: list[int], end: int
) -> Mention | None:
    """The person of "Name of Organisation", when the run before the organisation is one."""
    between = tokens[person_run[-1] + 1 : org_run[0]]
    if not between or between[0][0] not in ("of", "for", "at", "with"):
        return None
    if any(t[0] not in _CONNECTORS_IN_ROLES and t[0] not in ("at", "with") for t in between):
        return None
    mention = _run_mention(text, tokens, person_run, end, assume_person=True)
    return mention if mention is not None and mention.kind == PERSON and mention.certain else None


def _pronoun(token: Token) -> Mention:
    word = token[0].lower()
    return Mention(token[1], token[2], PRONOUN, word, gender=PRONOUN_GENDER[word])


def _reference(head: list[Token]) -> Mention | None:
    """A definite noun phrase standing for a speaker: "the agency", "the spokesman"."""
    if len(head) < 2 or head[0][0].lower() != "the":
        return _officials(head)
    noun = head[1][0].lower()
    if len(head) == 3 and noun in _DEFENCE and head[2][0].lower() in _COUNSEL:
        # "the defense attorney said": a lawyer who is not the prosecutor
        return Mention(head[0][1], head[2][2], REFERENCE, "defense " + head[2][0].lower())
    if len(head) == 2 and _AGE.fullmatch(noun):
        return Mention(head[0][1], head[1][2], REFERENCE, "person")  # "the 34-year-old"
    if len(head) == 3:
        last = head[2][0].lower()
        if noun.endswith(_POSSESSIVE_ENDINGS) and last == "office" and _base(noun) in ROLE_WORDS:
            # "the governor's office said": the governor speaking through the office
            return Mention(head[0][1], head[2][2], REFERENCE, _base(noun))
        if (
            (noun.isalpha() or _AGE.fullmatch(noun))
            and noun.islower()
            and (last in ROLE_WORDS or last in PERSON_NOUNS)
        ):
            if noun in ORG_REFERENCE_NOUNS and last in _UNNAMED_MEMBER_NOUNS:
                # "the agency spokesman said": the agency
                return Mention(head[0][1], head[2][2], REFERENCE, noun, role=last)
            if last not in ORG_REFERENCE_NOUNS:
                # "the committee chairman", "the young man", "the immigration judge"
                return Mention(head[0][1], head[2][2], REFERENCE, last)
    if len(head) > 2 or noun.endswith(_POSSESSIVE_ENDINGS):
        # "the agency's Detroit field office": the organisation the possessive names
        noun = _base(noun)
        if noun not in ORG_REFERENCE_NOUNS or noun == head[1][0].lower():
            return None
        return Mention(head[0][1], head[1][1] + len(noun), REFERENCE, noun)
    if (
        noun in ORG_REFERENCE_NOUNS
        or noun in ROLE_WORDS
        or noun in PERSON_NOUNS
        or noun in DOCUMENT_GROUPS
    ):
        return Mention(head[0][1], head[1][2], REFERENCE, noun)
    return None


_AGE: Final = re.compile(r"\d+-year-old")
_PLURAL_OFFICIALS: Final = frozenset(
    {"officials", "authorities", "spokespeople", "representatives"}
)
_MAX_OFFICIALS_MODIFIERS: Final = 2
_OFFICIALS_MODIFIERS: Final = ORG_REFERENCE_NOUNS | word_set(
    "federal immigration senior top government enforcement other several two three"
)


def _officials(head: list[Token]) -> Mention | None:
    """ "officials said", "agency officials said", "federal officials said": the people of
    the organisation the modifier names ("agency") or of the last one whose officials spoke."""
    if not head or len(head) > _MAX_OFFICIALS_MODIFIERS + 1:
        return None
    if head[-1][0].lower() not in _PLURAL_OFFICIALS:
        return None
    modifiers = [t[0].lower() for t in head[:-1]]
    if not all(w in _OFFICIALS_MODIFIERS for w in modifiers):
        return None  # "ICE officials", "county officials": read elsewhere, or nobody's
    noun = next((w for w in modifiers if w in ORG_REFERENCE_NOUNS), "officials")
    return Mention(head[0][1], head[-1][2], REFERENCE, noun, role="officials")


def _organisation_in(text: str, head: list[Token], end: int, *, at_end: bool) -> Mention | None:
    """An organisation speaking through its people: "ICE officials", "a spokeswoman for ICE".

    With ``at_end`` the organisation (or its "officials") must close the phrase,
    as a subject before the speech verb does.
    """
    for run in _name_runs(text, head):
        after = head[run[-1] + 1 :]
        if at_end and not (
            not after
            or (len(after) == 1 and after[0][0] in ORG_MEMBER_WORDS)
            or (len(after) == 1 and after[0][0].isdigit() and head[run[-1]][0] == "Local")
        ):
            continue
        mention = _run_mention(text, head, run, end, assume_person=False)
        if mention is None or mention.kind != ORGANIZATION:
            continue
        role = [t[0] for t in head if t[0].lower() in ROLE_WORDS]
        if role:
            mention.role = role[-1]
        mention.start = min(mention.start, head[0][1])
        mention.end = max(mention.end, head[-1][2])
        return mention
    return None


# ----------------------------------------------------------------------------
# Capitalised runs: the raw material of names


class _Bases(dict):
    """Each word without a possessive ending ("ICE's" -> "ICE"), kept per word: looked up
    without a Python call, as ``_base`` is called for nearly every word of a name."""

    def __missing__(self, word: str) -> str:
        if len(self) > _MAX_TAKES_PART:
            self.clear()  # (a bound on memory)
        base = self[word] = word[:-2] if word.endswith(_POSSESSIVE_ENDINGS) else word
        return base


# The word without a possessive ending ("ICE's" -> "ICE").
_base: Final[Callable[[str], str]] = _Bases().__getitem__


def _capitalised(word: str) -> bool:
    return word[0].isupper()


def _acronym(word: str) -> bool:
    base = _base(word)
    return (
        2 <= len(base) <= 6 and base.isalpha() and base.isupper() and base not in NON_ORG_ACRONYMS
    )


# Both kept per word (``_PerWord``): dictionary look-ups instead of Python calls.
_is_capitalised: Final = _PerWord(_capitalised).__getitem__
_is_acronym: Final = _PerWord(_acronym).__getitem__


def _joined(text: str, left: Token, right: Token) -> bool:
    """Whether two words stand next to each other in one name (no punctuation between)."""
    gap = text[left[2] : right[1]]
    if gap == " ":
        return True
    if gap.startswith(".") and gap[1:] == " ":
        return left[0] in ABBREVIATIONS or left[0] in TITLES or len(left[0]) == 1
    return bool(gap) and gap.isspace() and "\n" not in gap


def _name_runs(
    text: str,
    tokens: list[Token],
    texts: list[str] | None = None,
    articles: list[int] | None = None,
    indefinites: list[int] | None = None,
) -> list[list[int]]:
    """Indexes of the runs of capitalised words, with particles and name connectors inside.

    The indexes of the words "the" (any case) are added to ``articles`` and those of "a",
    "an", "one" and "another" (any case) to ``indefinites``, when given.
    """
    pieces: list[list[int]] = []
    current: list[int] = []
    linked = False  # whether the current run holds a lower-case word (a connector, say)
    # Only capitalised and linking words take part; any other word ends the current run.
    parts = _TAKES_PART
    if len(parts) > _MAX_TAKES_PART:
        parts.clear()
    if texts is None:
        texts = [t[0] for t in tokens]
    previous = -2
    left_end = 0  # where the word at ``previous`` ends
    # (one compiled loop over the words, each word's part looked up once)
    for index in range(len(texts)):
        code = parts.get(texts[index])
        if code is None:
            code = _takes_part(texts[index])
        if code >= _ARTICLE_BIT:  # (a bit of the word's code, besides its part)
            if code & _ARTICLE_BIT:
                if articles is not None:
                    articles.append(index)
            elif indefinites is not None:
                indefinites.append(index)
            code &= _PART
        if not code:
            continue  # (most words)
        token = tokens[index]
        if current and (
            index != previous + 1
            or not (
                (token[1] == left_end + 1 and text[left_end] == " ")
                or _joined(text, tokens[previous], token)
            )
        ):
            # a lower-case word came in between, or the words are not joined
            if linked:
                pieces.extend(_split_connectors(tokens, current))
                linked = False
            else:
                pieces.append(current)
            current = []
        previous = index
        left_end = token[2]
        if code == _CAPITALISED:
            current.append(index)
        elif code == _POSSESSIVE_CAPITALISED:
            current.append(index)
            if not _inner_possessive(text, tokens, index):
                if linked:
                    pieces.extend(_split_connectors(tokens, current))
                    linked = False
                else:
                    pieces.append(current)
                current = []
        elif current or code == _PARTICLE:
            if _links_capitalised(text, tokens, index):
                current.append(index)  # "Kevin de León", "Department of State", "de León said"
                linked = True
            elif current:
                if linked:
                    pieces.extend(_split_connectors(tokens, current))
                    linked = False
                else:
                    pieces.append(current)
                current = []
    if current:
        if linked:
            pieces.extend(_split_connectors(tokens, current))
        else:
            pieces.append(current)
    return pieces


_LINKING_WORDS: Final = NAME_PARTICLES | ORG_CONNECTORS
# The part a word takes in a run (``_takes_part``); 0, not taking part, is the only false one.
_CAPITALISED, _POSSESSIVE_CAPITALISED, _PARTICLE, _CONNECTOR = 1, 2, 3, 4
_PART: Final = 7  # the bits of the part
# Bits added to the part of "the" and of "a", "an", "one" and "another" (any case).
_ARTICLE_BIT: Final = 8
_INDEFINITE_BIT: Final = 16


def _takes_part(word: str) -> int:
    """The part a word takes in a run of capitalised words, kept per word (``_TAKES_PART``):
    one dictionary look-up a token instead of several tests. A capitalised word (possessive
    or not), a name particle ("de", which may open a run), another linking word ("of"), or
    none (0)."""
    if word[0].isupper():
        part = _POSSESSIVE_CAPITALISED if word.endswith(_POSSESSIVE_ENDINGS) else _CAPITALISED
    elif word in NAME_PARTICLES:
        part = _PARTICLE
    elif word in _LINKING_WORDS:
        part = _CONNECTOR
    else:
        part = 0
    if word in _THE:
        part |= _ARTICLE_BIT
    elif word in _INDEFINITE_ANY_CASE:
        part |= _INDEFINITE_BIT
    _TAKES_PART[word] = part
    return part


_TAKES_PART: Final[dict[str, int]] = {}
_MAX_TAKES_PART: Final = 50_000  # (a bound on memory: cleared when it holds more words)
# Possessives inside an organisation's name: "U.S. Attorney's Office", "Women's Refugee
# Commission", "Harnett County Sheriff's Office".
_NAME_POSSESSIVES: Final = word_set("women children people men workers veterans")


def _inner_possessive(text: str, tokens: list[Token], index: int) -> bool:
    """Whether a possessive word goes on into an organisation's name."""
    following = index + 1
    if following >= len(tokens) or not _is_capitalised(tokens[following][0]):
        return False
    if not _joined(text, tokens[index], tokens[following]):
        return False
    owner = _base(tokens[index][0]).lower()
    return (owner in ROLE_WORDS or owner in _NAME_POSSESSIVES) and (
        tokens[following][0] in ORG_KEYWORDS
        or any(
            t[0] in ORG_KEYWORDS
            for t in tokens[following + 1 : following + 3]
            if _is_capitalised(t[0])
        )
    )


_TEXT: Final = itemgetter(0)
_START: Final = attrgetter("start")
_THE: Final = frozenset({"the", "The"})


def _links_capitalised(text: str, tokens: list[Token], index: int) -> bool:
    """Whether a lower-case word joins two capitalised words of one name."""
    word = tokens[index][0]
    if word not in NAME_PARTICLES and word not in ORG_CONNECTORS:
        return False
    following = index + 1
    while (
        following < len(tokens)
        and following - index < _MAX_PARTICLES
        and (
            tokens[following][0] in NAME_PARTICLES
            or (tokens[following][0] == "the" and word in _ORG_NAME_LINKS)
        )
    ):
        following += 1  # "Kevin de la Cruz", "Office for the Southern District"
    return (
        following < len(tokens)
        and _is_capitalised(tokens[following][0])
        and tokens[following][0] not in _DATE_WORDS
        and _joined(text, tokens[index], tokens[index + 1])
    )


_DATE_WORDS: Final = word_set(
    """
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April
    May June July August September October November December Jan Feb Mar Apr Aug Sept Sep
    Oct Nov Dec
    """
)


def _split_connectors(tokens: list[Token], run: list[int]) -> list[list[int]]:
    """Split "Trump and Obama" in two; keep "Department of Homeland Security" whole."""
    if not run:  # what follows a run's last "of" ("Teodoro Alvarenga of the. Coalition.")
        return []
    words_ = [_base(tokens[i][0]) for i in run]
    if ORG_CONNECTORS.isdisjoint(words_):
        return [run]
    if "of" in words_ and (
        _is_person_name(words_[: words_.index("of")])
        or _name_of_organisation(words_, words_.index("of"))
    ):
        # "Rev. Thomas Grady of St. Agnes Catholic Church": a person, then the church
        split = words_.index("of")
        return [run[:split], *_split_connectors(tokens, run[split + 1 :])]
    if _is_org_name(words_):
        return [run]
    pieces: list[list[int]] = [[]]
    for index in run:
        if tokens[index][0] in ORG_CONNECTORS:
            pieces.append([])
        else:
            pieces[-1].append(index)
    return [piece for piece in pieces if piece and _is_capitalised(tokens[piece[-1]][0])]


def _name_of_organisation(bases: list[str], split: int) -> bool:
    """ "Setareh Ghandehari of Detention Watch Network": two or more words without an
    organisation word or acronym, then "of" and an organisation's name."""
    before, after = bases[:split], bases[split + 1 :]
    return (
        len(before) >= 2
        and bool(after)
        and _is_org_name(after)
        and not any(
            b in ORG_KEYWORDS or _is_acronym(b) or b in CAPITALISED_FUNCTION_WORDS for b in before
        )
    )


def _is_person_name(bases: list[str]) -> bool:
    """Whether capitalised words are a titled or first-named person ("Rev. Thomas Grady")."""
    while bases and bases[0] in CAPITALISED_FUNCTION_WORDS:
        bases = bases[1:]
    if len(bases) < 2 or _is_org_name(bases):
        return False
    named = any(is_first_name(b) for b in bases[:-1])
    titled = bases[0] in TITLES and bases[-1] not in TITLES
    return named or titled


def _is_prefix_of_run(text: str, tokens: list[Token], run: list[int]) -> bool:
    """Whether everything before the run is a role prefix ("an ICE spokesman")."""
    return all(_is_role_like(tokens[i][0]) for i in range(run[0])) and all(
        _joined(text, tokens[i], tokens[i + 1]) for i in range(run[0])
    )


def _is_role_like(word: str) -> bool:
    lower = word.lower()
    return (
        lower in ROLE_WORDS
        or lower in _ARTICLES
        or _is_acronym(word)
        or word.endswith(_POSSESSIVE_ENDINGS)
    )


# ----------------------------------------------------------------------------
# From a run to a mention


# Capitalised words that name nothing on their own (not an organisation keyword either).
_NEVER_NAMED: Final = frozenset(
    w
    for w in CAPITALISED_FUNCTION_WORDS - ORG_KEYWORDS - set(KNOWN_ORGANISATIONS)
    if not w.endswith(_POSSESSIVE_ENDINGS) and not w.isupper()
)


def _run_mention(
    text: str, tokens: list[Token], run: list[int], limit: int, *, assume_person: bool
) -> Mention | None:
    """What a capitalised run names: an organisation, a person, or nothing known.

    ``tokens`` is the clause the run stands in and ``limit`` where that clause
    ends, for reading an appositive after a person's name.
    """
    texts = tuple([tokens[index][0] for index in run])
    head = _run_head(texts)
    if head is None:
        return None  # "The", "Thursday": the slow path below finds no name in them either
    skip, organisation = head
    if skip:
        run = run[skip:]  # "A DHS spokesperson", "The Rev. Thomas Grady"
        texts = texts[skip:]
    if organisation:
        return _org_mention(text, tokens, run)
    after_connector = run[0] > 0 and tokens[run[0] - 1][0] in _CONNECTORS_IN_ROLES
    shape = _person_shape(texts, after_connector)
    if shape is None:
        return None
    first, name_first, name_last, honorific, titled, known_first, gender = shape
    last_token = tokens[run[name_last]]
    name_end = last_token[2]
    if name_last < len(run) - 1 and name_last > name_first:
        # "Hector Alvarado Sr.": the suffix is part of the name
        suffix = tokens[run[-1]]
        name_end = suffix[2] + (text.startswith(".", suffix[2]) and suffix[0] in ABBREVIATIONS)
    mention = Mention(
        start=tokens[run[first]][1],
        end=last_token[2],
        kind=PERSON,
        name=_base(text[tokens[run[name_first]][1] : name_end]),
        gender=gender,
        certain=known_first
        or titled
        or honorific is not None
        or (assume_person and name_last != name_first),
    )
    _add_prefix_role(text, tokens, run[first], mention)
    if mention.role is None:
        _add_possessive_role(text, mention)
    name_end = last_token[2]
    if (
        first > 0
        and not (known_first or titled or honorific)
        and name_last > name_first
        and all(_is_acronym(t) for t in texts[:first])
        and mention.role is None
    ):
        return _org_mention(text, tokens, run)  # "LG Energy Solution", "SK Battery America"
    if not _after_name(text, name_end, limit):
        pass  # neither an appositive nor an affiliation follows the name
    elif mention.role is None and (
        not (known_first or titled or honorific)
        and _organisation_appositive(text, mention.end, limit)
    ):
        return _org_mention(text, tokens, run)  # "Kessler Marine, a shipbuilder that ..."
    elif not tokens[run[-1]][0].endswith(_POSSESSIVE_ENDINGS):
        _add_affiliation(text, mention.end, limit, mention)
        _add_appositive(text, mention.end, limit, mention)
    if mention.role is not None:
        mention.certain = True  # "Plant manager Curtis Oberlin"
    if mention.gender is None and mention.role:
        mention.gender = ROLE_GENDER.get(mention.role.split()[-1].lower())
    return mention


def _run_head(texts: tuple[str, ...]) -> tuple[int, bool] | None:
    """How a run of words starts: None when it names nothing, else the number of leading
    function words to skip and whether the rest names an organisation (kept per run of
    words: a dictionary, looked up natively, where an ``lru_cache`` took a C call and
    its own bookkeeping)."""
    head = _RUN_HEADS.get(texts)
    if head is None:
        if len(_RUN_HEADS) > _MAX_RUNS_KEPT:
            _RUN_HEADS.clear()  # (a bound on memory)
        found = _read_run_head(texts)
        head = _RUN_HEADS[texts] = _NO_HEAD if found is None else found
    return None if head[0] < 0 else head


_MAX_RUNS_KEPT: Final = 16384
_RUN_HEADS: Final[dict[tuple[str, ...], tuple[int, bool]]] = {}
_NO_HEAD: Final = (-1, False)  # (kept for a run that names nothing)


def _read_run_head(texts: tuple[str, ...]) -> tuple[int, bool] | None:
    """``_run_head``, read."""
    if len(texts) == 1 and (texts[0] in _NEVER_NAMED or texts[0].lower() in ORG_REFERENCE_NOUNS):
        return None  # "Thursday"; "Agency officials said" opening a sentence
    skip = 0
    while len(texts) - skip > 1 and texts[skip] in CAPITALISED_FUNCTION_WORDS:
        skip += 1
    bases = [_base(t) for t in texts[skip:]]
    organisation = (
        _is_org_name(bases)
        or (len(bases) == 1 and _is_acronym(bases[0]))
        or " ".join(bases) in KNOWN_ORGANISATIONS
    )
    return skip, organisation


def _person_shape(
    texts: tuple[str, ...], after_connector: bool
) -> tuple[int, int, int, str | None, bool, bool, str | None] | None:
    """``_read_person_shape``, kept per run of words (as ``_run_head`` is)."""
    key = (texts, after_connector)
    shape = _PERSON_SHAPES.get(key)
    if shape is None:
        if len(_PERSON_SHAPES) > _MAX_RUNS_KEPT:
            _PERSON_SHAPES.clear()  # (a bound on memory)
        found = _read_person_shape(texts, after_connector)
        shape = _PERSON_SHAPES[key] = _NO_SHAPE if found is None else found
    return None if shape[0] < 0 else shape


_PERSON_SHAPES: Final[
    dict[tuple[tuple[str, ...], bool], tuple[int, int, int, str | None, bool, bool, str | None]]
] = {}
_NO_SHAPE: Final = (-1, -1, -1, None, False, False, None)  # (kept for a run naming nobody)


def _read_person_shape(
    texts: tuple[str, ...], after_connector: bool
) -> tuple[int, int, int, str | None, bool, bool, str | None] | None:
    """What a run's words alone tell of the person it may name: (index of the name's
    first word, indexes of the first and last name words without suffixes, the gender of
    an honorific, whether titled, whether the name opens with a known first name, the
    gender those give), or None when the run names no person."""
    bases = [_base(t) for t in texts]
    first = _name_start(bases, after_connector)
    if first is None or bases[-1] in PLACE_WORDS:
        return None
    if first < len(bases) - 1 and bases[first] in PLACE_PREFIXES:
        return None  # "St. Bridget's parish", "Fort Worth"
    honorific = next((HONORIFIC_GENDER[b] for b in bases[:first] if b in HONORIFIC_GENDER), None)
    titled = any(b in TITLES for b in bases[:first])
    name_indexes = [i for i in range(first, len(texts)) if bases[i] not in NAME_SUFFIXES]
    if not name_indexes:
        return None
    if all(bases[i] in TITLES or bases[i].lower() in ROLE_WORDS for i in name_indexes):
        return None  # "Assistant Secretary" is a role, not a name
    if len(name_indexes) > 1 and bases[name_indexes[-1]].lower() in _OFFICE_NOUNS:
        return None  # "HSI Omaha Special Agent (in Charge Mark Zito)"
    leading = texts[name_indexes[0]]
    known_first = len(name_indexes) > 1 and is_first_name(leading)
    gender = honorific or (first_name_gender(leading) if known_first else None)
    return first, name_indexes[0], name_indexes[-1], honorific, titled, known_first, gender


# Offices that end a role written in capitals, never a name.
_OFFICE_NOUNS: Final = word_set(
    """
    agent officer director chief commissioner secretary spokesman spokeswoman spokesperson
    attorney sheriff deputy captain sergeant lieutenant detective trooper superintendent
    supervisor administrator coordinator president chairman chairwoman judge mayor
    governor senator representative councilman councilwoman councilmember
    """
)

# What must follow a name for any appositive or affiliation to be read after it.
_AFTER_NAME: Final = re.compile(r"\s*,| (?:of|for|at|with) ")
_ORG_APPOSITIVE: Final = re.compile(
    r"\s*,\s+(?:a|an|the)\s+((?:[\w’'-]+\s+){0,4}?[\w’'-]+)\s*(?:that|which|based|whose|with|in|,)"
)


def _after_name(text: str, name_end: int, limit: int) -> bool:
    """Whether a comma or "of"/"for"/"at"/"with" follows a name (``_AFTER_NAME``)."""
    following = text[name_end : name_end + 1]
    if following == ",":
        return True
    if not following.isspace():
        return False
    stop = min(limit, name_end + _MAX_APPOSITIVE_CHARS)
    return _AFTER_NAME.match(text, name_end, stop) is not None


def _organisation_appositive(text: str, name_end: int, limit: int) -> bool:
    """Whether the appositive after a name describes an organisation ("a company that")."""
    match = _ORG_APPOSITIVE.match(text, name_end, min(limit, name_end + _MAX_APPOSITIVE_CHARS))
    return match is not None and match.group(1).split()[-1].lower() in ORG_APPOSITIVE_NOUNS


_ORG_NAME_LINKS: Final = frozenset({"for", "of", "on"})


def _is_org_name(bases: list[str]) -> bool:
    """Whether a run names an organisation ("Forum", "Department of Homeland Security")."""
    if not bases:
        return False
    if bases[-1] in ORG_KEYWORDS or (bases[0] in ORG_KEYWORDS and "of" in bases):
        return True
    for index in range(1, len(bases) - 1):
        if bases[index] in _ORG_NAME_LINKS and bases[index - 1] in ORG_KEYWORDS:
            # "Inland Coalition for Worker Justice", "Center for American Progress", but not
            # a title's office before a name ("U.S. Attorney for the Southern District of
            # Texas Lionel Marsh")
            if not any(b in TITLES for b in bases[:index]) and not any(
                is_first_name(b) for b in bases[index:]
            ):
                return True
            break
    if "of" not in bases[1:-1]:
        return False
    # a chapter named after its place: "American Civil Liberties Union of Southern California"
    split = bases.index("of")
    owner = bases[split - 1]
    return (owner in ORG_KEYWORDS or _is_acronym(owner)) and _is_place_name(
        " ".join(bases[split + 1 :])
    )


# Honorifics written before a first name alone ("Don Efraín", "Doña Eulalia").
_FIRST_NAME_HONORIFICS: Final = frozenset({"Don", "Doña", "Dona"})


def _name_start(bases: list[str], after_connector: bool = False) -> int | None:
    """Index of the first word of the person name in a run, after titles and the like.

    Without a known first name the name starts after the last title of the run
    ("Yakima County Commissioner Doris Lund"), and a longer run that ends a role
    ("U.S. Attorney for the Southern District of Mississippi Howard Pike", with
    ``after_connector``) keeps its last two words.
    """
    for index, base in enumerate(bases):
        if is_first_name(base) and index < len(bases) - 1:
            return index
    if len(bases) == 2 and bases[0] in _FIRST_NAME_HONORIFICS and is_first_name(bases[1]):
        return 1  # "Don Efraín": a Spanish honorific before a first name
    titles = [i for i, b in enumerate(bases[:-1]) if b in TITLES or b.lower() in ROLE_WORDS]
    index = titles[-1] + 1 if titles else 0
    while index < len(bases) and (
        bases[index] in TITLES
        or bases[index] in CAPITALISED_FUNCTION_WORDS
        or _is_acronym(bases[index])
        or bases[index].endswith("-based")
    ):
        index += 1
    if index >= len(bases):
        return None
    rest = [b for b in bases[index:] if b not in NAME_SUFFIXES]
    if (
        after_connector
        and len(rest) > 2
        and not any(b in NAME_PARTICLES or len(b) == 1 for b in rest)
    ):
        index = len(bases) - 2 - (len(bases) - index - len(rest))
    return index


def _org_mention(text: str, tokens: list[Token], run: list[int]) -> Mention:
    """An organisation name, without leading "The" or "Washington-based"."""
    start = 0
    while start < len(run) - 1 and (
        tokens[run[start]][0] in CAPITALISED_FUNCTION_WORDS
        or tokens[run[start]][0].endswith("-based")
    ):
        start += 1
    first, last = tokens[run[start]], tokens[run[-1]]
    end = last[2] - (len(last[0]) - len(_base(last[0])))
    if last[0] == "Local":  # a union local: "Teamsters Local 727"
        number = _LOCAL_NUMBER.match(text, last[2])
        end = number.end() if number else end
    name = text[first[1] : end]
    return Mention(first[1], end, ORGANIZATION, name)


def _add_prefix_role(text: str, tokens: list[Token], name_index: int, mention: Mention) -> None:
    """Read a role written before the name: "ICE spokesman", "California Senate President"."""
    found = _prefix_role(text, tokens, name_index)
    if found is not None:
        mention.start, mention.role, affiliation = found
        if affiliation is not None:
            mention.affiliation = affiliation


def _prefix_role(
    text: str, tokens: list[Token], name_index: int
) -> tuple[int, str, str | None] | None:
    """Where a role written before the name starts, the role, and the organisation it
    names first ("ICE spokesman"), if any; None without a role."""
    if not name_index:
        return None
    if _NO_PREFIX_BEFORE[tokens[name_index - 1][0]]:
        return None  # the word before the name ends any prefix: "said Smith", "The Smith"
    if not _joined(text, tokens[name_index - 1], tokens[name_index]):
        return None  # nothing stands right before the name
    index = name_index
    lowest = max(0, name_index - _MAX_PREFIX_WORDS)
    while index > lowest and _joined(text, tokens[index - 1], tokens[index]):
        word = tokens[index - 1][0]
        lower_base = _base(word).lower()
        if word in CAPITALISED_FUNCTION_WORDS:
            break
        if word in _CONNECTORS_IN_ROLES and index - 1 > lowest:
            # "U.S. Attorney for the Southern District of Mississippi"
            index -= 1
            continue
        if lower_base in _ARTICLES or not (_is_capitalised(word) or _is_role_noun(lower_base)):
            break
        if index < name_index and is_first_name(_base(word)):
            break  # another person's name: "Bishop Joseph Kopacz of the Catholic Diocese"
        index -= 1
    while index < name_index and tokens[index][0] in _CONNECTORS_IN_ROLES:
        index += 1
    prefix = tokens[index:name_index]
    while prefix and _base(prefix[-1][0]) in HONORIFIC_GENDER:
        prefix = prefix[:-1]  # "Ms." tells the gender, it is not a role
    if not any(map(_ROLE_OR_TITLE, map(_TEXT, prefix))):
        return None
    first = prefix[0][0]
    if len(prefix) > 1 and (_is_acronym(first) or first.endswith(_POSSESSIVE_ENDINGS)):
        role = text[prefix[1][1] : _end_with_full_stop(text, prefix[-1])]
        return prefix[0][1], role, _base(first)
    return prefix[0][1], text[prefix[0][1] : _end_with_full_stop(text, prefix[-1])], None


# Words that end any role prefix when right before a name ("said Smith", "The Smith").
_NO_PREFIX_BEFORE: Final = _PerWord(
    lambda w: (
        _plain_word_before(w)
        or w in CAPITALISED_FUNCTION_WORDS
        or (
            not w[0].isupper()
            and w not in _CONNECTORS_IN_ROLES
            and not _is_role_noun(_base(w).lower())
        )
    )
)


# Whether a word of a prefix gives a role: a role noun or a title, without a possessive ending.
_ROLE_OR_TITLE: Final = _PerWord(
    lambda w: _is_role_noun(_base(w).lower()) or _base(w) in TITLES
).__getitem__


# "Ruiz's attorney, Denise Abara, ...": a possessive role set off before the name.
_POSSESSIVE_ROLE_BEFORE: Final = re.compile(
    r"\b(?:[A-Za-z][\w.-]*[’']s|[A-Za-z][\w.-]*s[’']|[Hh]is|[Hh]er|[Tt]heir|[Tt]he)"
    r"((?:\s+[a-z][\w-]*){1,3})"
    # "The mayor of Santa Ana, Valerie Amezcua,": a place or organisation after the role
    r"(?:\s+(?:of|for|in|at)\s+(?:the\s+)?[A-Z][\w.’'-]*(?:\s+(?:[A-Z][\w.’'-]*|of|and)){0,4})?"
    r",\s*$"
)
_MAX_POSSESSIVE_ROLE_LOOKBACK: Final = 90


def _add_possessive_role(text: str, mention: Mention) -> None:
    """The role of "Ruiz's attorney, Denise Abara," whatever verb follows: the name must
    close the appositive with a comma, and the role end in a role noun."""
    role = _possessive_role(text, mention.start, mention.end)
    if role is not None:
        mention.role = role


def _possessive_role(text: str, start: int, end: int) -> str | None:
    """The role of ``_add_possessive_role`` for a name at ``text[start:end]``, if any."""
    if not text.startswith(",", end):
        return None
    before = start - 1
    while before > 0 and text[before] == " ":
        before -= 1
    if text[before] != ",":
        return None  # the role must be set off by a comma before the name
    match = _POSSESSIVE_ROLE_BEFORE.search(
        text, max(0, start - _MAX_POSSESSIVE_ROLE_LOOKBACK), start
    )
    if match is None:
        return None
    role = match.group(1).split()
    if not _is_role_noun(role[-1].lower()) or role[-1].lower() in _NOT_ROLES_OF_OWNER:
        return None
    return " ".join(role)


# Relatives and acquaintances: "Her neighbor, Ana Whitcomb," names no office held.
_NOT_ROLES_OF_OWNER: Final[frozenset[str]] = frozenset()


# Whether a lower-case word describes what a person is or does ("spokesman", "foreman").
_is_role_noun: Final[Callable[[str], bool]] = (ROLE_WORDS | PERSON_NOUNS).__contains__


def _end_with_full_stop(text: str, token: Token) -> int:
    """The end of a word, past its full stop if it is an abbreviation ("Gov.")."""
    abbreviated = token[0] in ABBREVIATIONS and text.startswith(".", token[2])
    return token[2] + 1 if abbreviated else token[2]


def _add_affiliation(text: str, name_end: int, limit: int, mention: Mention) -> None:
    """Read "of St. Agnes Catholic Church" after a name as the person's organisation."""
    found = _affiliation(text, name_end, limit)
    if found is not None:
        affiliation, mention.end = found
        mention.affiliation = mention.affiliation or affiliation
        mention.certain = True


def _affiliation(text: str, name_end: int, limit: int) -> tuple[str, int] | None:
    """The organisation ``_add_affiliation`` reads after a name, and where it ends."""
    if not text.startswith(" ", name_end):
        return None  # (what the pattern starts with: most names are followed by a comma)
    match = _OF_ORGANISATION.match(text, name_end, min(limit, name_end + _MAX_APPOSITIVE_CHARS))
    if match is None:
        return None
    name = match.group(1)
    while name.rsplit(" ", 1)[-1] in ORG_CONNECTORS:
        name = name.rsplit(" ", 1)[0]
    last = _base(name.split()[-1])
    if last not in ORG_KEYWORDS and not _is_acronym(last):
        return None
    return _base(name), match.start(1) + len(name)


def _add_appositive(text: str, name_end: int, limit: int, mention: Mention) -> None:
    """Read ", executive director of the X Forum," after a name into role and affiliation."""
    found = _appositive(text, name_end, limit)
    if found is None:
        return
    role, affiliation, mention.end = found
    if mention.role and role and _is_title_only(mention.role):
        # "Dr. Miriam Acosta, the superintendent": the title and the office both
        mention.role = f"{mention.role}, {role}"
    mention.role = mention.role or role
    mention.affiliation = mention.affiliation or affiliation
    mention.certain = True


def _appositive(text: str, name_end: int, limit: int) -> tuple[str | None, str | None, int] | None:
    """The role and affiliation ``_add_appositive`` reads after a name, and where they end."""
    match = _APPOSITIVE.match(text, name_end, min(limit, name_end + _MAX_APPOSITIVE_CHARS))
    if match is None:
        return None
    phrase = match.group(1).rstrip(" .")
    phrase_words = phrase.split()
    if not phrase_words or len(phrase_words) > _MAX_APPOSITIVE_WORDS:
        return None
    with_article = phrase_words[0].lower() in _ARTICLES
    if with_article:
        phrase_words = phrase_words[1:]
    possessive = bool(phrase_words) and phrase_words[0].endswith(_POSSESSIVE_ENDINGS)
    # "a foreman", "a mother of three": a person noun heading an indefinite description
    described = with_article and any(map(_IS_PERSON_NOUN, phrase_words[:3]))
    if not possessive and not described and not any(map(_HAS_ROLE_BASE, phrase_words)):
        return None
    role, affiliation = _split_affiliation(" ".join(phrase_words), bool(possessive))
    return role, affiliation, match.start(1) + len(phrase)


def _is_title_only(role: str) -> bool:
    """Whether a role is only a courtesy or academic title ("Dr.", "Rev.")."""
    return all(
        word.rstrip(".") in TITLES and not _is_role_noun(word.rstrip(".").lower())
        for word in role.split()
    )


def _split_affiliation(phrase: str, possessive: bool) -> tuple[str | None, str | None]:
    """("executive director", "National Immigration Forum") from the appositive words."""
    if possessive:
        owner, _, rest = phrase.partition(" ")
        return rest or None, _base(owner)
    for link in _AFFILIATION_LINKS:
        role, found, rest = phrase.partition(link)
        organisation = _organisation_name(rest)
        if found and organisation[:1].isupper():
            return role, organisation
    return phrase, None


def _organisation_name(phrase: str) -> str:
    """The organisation name without "the" and place descriptors like "Washington-based"."""
    kept = [w for w in phrase.split() if not w.endswith("-based")]
    while kept and kept[0].lower() == "the":
        kept = kept[1:]  # "the Make the Road New York" keeps its inner "the"
    return " ".join(kept)


# ----------------------------------------------------------------------------
# Clause helpers


def _without_trailing_adverbs(tokens: list[Token]) -> list[Token]:
    """Drop "also", "later", "repeatedly" between a speaker and the verb."""
    end = len(tokens)
    while end and (
        tokens[end - 1][0] in ADVERBS
        or (tokens[end - 1][0].endswith("ly") and tokens[end - 1][0].islower())
    ):
        end -= 1
    return tokens[:end]


def _until_comma(text: str, tokens: list[Token]) -> list[Token]:
    """The tokens up to the first comma between two of them (callers give one at least)."""
    # (a loop over indexes: compiled, zip with a keyword argument is a generic call)
    for index in range(1, len(tokens)):
        if text.find(",", tokens[index - 1][2], tokens[index][1]) >= 0:
            return tokens[:index]
    return tokens[:]


def _after_first_comma(text: str, tokens: list[Token]) -> list[Token]:
    head = _until_comma(text, tokens)
    return tokens[len(head) :] if len(head) < len(tokens) else []


# ----------------------------------------------------------------------------
# Folding mentions into entities


class EntityBook:
    """The people and organisations of one article, read in article order."""

    def __init__(self) -> None:
        self._people: dict[str, Entity] = {}  # by name as written in full
        # every word of a full name but the last -> the people whose name it is in
        self._name_words: dict[str, list[Entity]] = {}
        self._families: dict[str, list[Entity]] = {}  # by lower-cased surname
        self._organisations: dict[str, Entity] = {}  # by acronym or name
        # name, and the words opening it -> (organisation, whether the whole name)
        self._organisation_names: dict[str, tuple[Entity, bool]] = {}
        self._officials: dict[tuple[str | None, str | None], Entity] = {}
        # Entity -> number of its latest mention, least recently mentioned first.
        self._recent: dict[Entity, int] = {}
        self._mentions_read = 0
        # Entity -> (sentence, whether as subject) of its latest mention.
        self._seen: dict[Entity, tuple[int, bool]] = {}
        # Full names not yet known to be people ("Jake Thornton and ..."), by family name:
        # a later mention of the family name as a clause's subject makes them one.
        self._pending: dict[str, Mention] = {}

    def resolve(self, mention: Mention) -> Entity | None:
        """The entity a mention stands for; it becomes the most recently mentioned one."""
        if mention.kind == PRONOUN:
            entity = self._pronoun_antecedent(mention)
        elif mention.kind == REFERENCE:
            noun = mention.name
            if noun in ORG_REFERENCE_NOUNS:
                # (``_reference_names``, then ``_reference_fits``, for an organisation's noun)
                entity = self._antecedent(
                    lambda e: e.kind == ORGANIZATION and noun in _lower_words(e.name)
                ) or self._antecedent(_is_organisation)
            else:  # (no organisation's own name uses any other noun)
                entity = self._antecedent(lambda e: _reference_fits(noun, e))
            if entity is None and mention.name in PERSON_NOUN_GENDER:
                # "the young man said": the last person of that gender, like "he"
                gender = PERSON_NOUN_GENDER[mention.name]
                entity = self._antecedent(
                    lambda e: e.kind == PERSON and e.named and e.gender in (None, gender)
                )
            elif entity is None and mention.name in _PARTY_NOUNS:
                # "the defendant said": the last person named who holds no office in court
                entity = self._antecedent(_is_party)
            if entity is None and mention.name == "officials":
                # "officials said" before any organisation's officials spoke: the agency
                entity = self._antecedent(
                    lambda e: e.kind == ORGANIZATION and e.key in _AGENCY_ACRONYMS
                )
        elif mention.kind == PERSON:
            known = self._organisation_names.get(mention.name)  # (``_named_organisation``)
            entity = (
                known[0]
                if known is not None
                and (known[1] or " " in mention.name or mention.name.lower() not in self._families)
                else None
            ) or self._person(mention)
        elif mention.kind == UNNAMED:
            entity = Entity(mention.name, PERSON, mention.gender, mention.role, named=False)
        else:
            entity = self._organisation(mention)
            if mention.role:
                entity.member_roles.add(mention.role.split()[-1].lower())
                self._touch(entity)
                entity = self._official(entity, mention) or entity
        if entity is not None:
            self._mentions_read += 1
            self._recent.pop(entity, None)
            self._recent[entity] = self._mentions_read
            if mention.kind == PRONOUN and entity.kind == PERSON:
                entity.gender = entity.gender or mention.gender
            self._seen[entity] = (mention.sentence, mention.subject)
        return entity

    def _pronoun_antecedent(self, pronoun: Mention) -> Entity | None:
        """The entity a pronoun stands for: the most recently mentioned one that fits, or
        the subject of that same sentence when it fits too ("Pell met Holloway. He said")."""
        recent = islice(reversed(self._recent), _MAX_ANTECEDENT_DISTANCE)
        fitting = (entity for entity in recent if _pronoun_fits(pronoun, entity))
        best = next(fitting, None)
        if best is None or (not best.named and self._seen.get(best, (-1,))[0] < pronoun.sentence):
            # nobody else, or only someone unnamed met before: a full name just before
            return self._pending_person(pronoun) or best
        sentence, subject = self._seen.get(best, (-1, False))
        if subject or sentence < 0:
            return best
        for other in fitting:
            other_sentence, other_subject = self._seen.get(other, (-1, False))
            if other_sentence != sentence:
                break
            if other_subject:
                return other
        return best

    def _pending_person(self, pronoun: Mention) -> Entity | None:
        """ "Marisa Delgado has represented immigrants ... She spoke with the Ledger": with
        nobody else for "he" or "she" to stand for, the full name that opened a clause just
        before is a person even though its first name is not a known one."""
        if pronoun.gender is None or pronoun.sentence < 0:
            return None
        for surname, pending in reversed(self._pending.items()):
            if not pending.subject or not 0 <= pronoun.sentence - pending.sentence <= 1:
                continue
            del self._pending[surname]
            pending.certain = True
            pending.gender = pending.gender or pronoun.gender
            return self._person(pending)
        return None

    def _touch(self, entity: Entity) -> None:
        self._mentions_read += 1
        self._recent.pop(entity, None)
        self._recent[entity] = self._mentions_read

    def _official(self, organisation: Entity, mention: Mention) -> Entity | None:
        """The unnamed person of "an ICE official" / "a spokeswoman for ICE", for pronouns."""
        role = mention.role.split()[-1].lower() if mention.role else ""
        if role not in _SINGULAR_MEMBER_NOUNS:
            return None
        official = self._officials.get((organisation.key, mention.gender))
        if official is None:
            official = Entity(
                organisation.name,
                PERSON,
                mention.gender,
                role,
                named=False,
                speaks_for=organisation,
            )
            self._officials[(organisation.key, mention.gender)] = official
        return official

    def organisation_called(self, noun: str) -> Entity | None:
        """The latest organisation whose own name uses the noun ("the collective" ->
        "... Defense Collective"), however long ago it was mentioned."""
        return next((e for e in reversed(self._recent) if _reference_names(noun, e)), None)

    def _antecedent(self, fits: Callable[[Entity], bool]) -> Entity | None:
        """The most recently mentioned entity that fits, among the last few."""
        recent = islice(reversed(self._recent), _MAX_ANTECEDENT_DISTANCE)
        return next((entity for entity in recent if fits(entity)), None)

    def _person(self, mention: Mention) -> Entity | None:
        name_words = mention.name.split()
        is_full_name = len(name_words) > 1 and name_words[0].lower() not in NAME_PARTICLES
        if is_full_name:
            entity = (
                self._people.get(mention.name)
                or self._surname_only(mention.name)
                or self._longer_name(name_words)
            )
        else:
            entity = self._by_surname(mention)
        if entity is None and not is_full_name and mention.subject:
            pending = self._pending.pop(mention.name.lower(), None)
            if pending is not None:
                # "Thornton, a foreman, said" after "Jake Thornton": the full name's person
                pending.certain = True
                pending.gender = pending.gender or mention.gender
                pending.role = pending.role or mention.role
                pending.affiliation = pending.affiliation or mention.affiliation
                mention = pending
                name_words = mention.name.split()
                is_full_name = True
        if entity is None:
            if not mention.certain:
                if is_full_name:
                    self._pending.setdefault(_surname_of(mention.name).lower(), mention)
                return None
            surname = _surname_of(mention.name) if is_full_name else mention.name
            entity = Entity(mention.name, PERSON, surname=surname)
            self._families.setdefault(surname.lower(), []).append(entity)
            family_name = surname.split()[-1].lower()  # "Ruth Ann Moultrie" -> "Moultrie"
            if family_name != surname.lower():
                self._families.setdefault(family_name, []).append(entity)
            if is_full_name and len(name_words) > 2 and not is_first_name(name_words[0]):
                # family name first, as Vietnamese and Chinese names write it: "Tran Van Hieu"
                self._families.setdefault(name_words[0].lower(), []).append(entity)
        elif is_full_name and entity.name == entity.surname:
            entity.name = mention.name  # "Mr. Marin" first, "David Marin" later
        if entity.name not in self._people:
            self._people[entity.name] = entity
            for word in entity.name.split()[:-1]:
                self._name_words.setdefault(word, []).append(entity)
        entity.learn(mention)
        affiliation = _affiliated_organisation(mention.affiliation)
        if affiliation is not None:
            # registered just before the person, so "the group" can refer to it later
            organisation = self._organisation(Mention(0, 0, ORGANIZATION, affiliation))
            self._mentions_read += 1
            self._recent.pop(organisation, None)
            self._recent[organisation] = self._mentions_read
        return entity

    def _longer_name(self, name_words: list[str]) -> Entity | None:
        """The person whose longer full name these words open ("Don Efraín" after "Don
        Efraín Colindres", "Ana Ruiz" after "Ana Ruiz Peña")."""
        opening = self._name_words.get(name_words[0])
        if not opening:
            return None
        size = len(name_words)
        return next(
            (
                entity
                for entity in reversed(opening)
                if entity.named
                and entity.name.count(" ") >= size
                and entity.name.split()[:size] == name_words
            ),
            None,
        )

    def _surname_only(self, name: str) -> Entity | None:
        """The person known so far by the surname of this full name only ("Mr. Marin")."""
        entity = self._people.get(_surname_of(name))
        return entity if entity is not None and entity.name == entity.surname else None

    def _by_surname(self, mention: Mention) -> Entity | None:
        """The most recently mentioned person of this surname and a compatible gender."""
        family = [
            entity
            for entity in self._families.get(mention.name.lower(), [])
            if mention.gender is None or entity.gender in (None, mention.gender)
        ]
        if not family:
            # a word of a full name used alone: a family name written first ("Huang Mei"
            # ... "Huang said") or a first name ("Carla said")
            family = [
                entity
                for entity in self._name_words.get(mention.name, ())
                if entity.named
                and (mention.gender is None or entity.gender in (None, mention.gender))
            ]
        return max(family, key=lambda e: self._recent.get(e, -1), default=None)

    def _named_organisation(self, name: str, opening: bool = True) -> Entity | None:
        """The organisation known by this name or whose name it opens ("CoreCivic, which
        runs the facility" ... "CoreCivic said"; "Valley Fresh" for "Valley Fresh Eggs")."""
        known = self._organisation_names.get(name)
        if known is None:
            return None
        entity, whole = known
        return entity if whole or opening else None

    def _name_organisation(self, entity: Entity) -> None:
        """Index an organisation by its name and by the (first few) words opening it."""
        name_words = entity.name.split(" ", _MAX_OPENING_WORDS)
        opening = name_words[0]
        self._organisation_names.setdefault(opening, (entity, False))
        for word in name_words[1:_MAX_OPENING_WORDS]:
            opening = f"{opening} {word}"
            self._organisation_names.setdefault(opening, (entity, False))
        self._organisation_names[entity.name] = (entity, True)

    def _organisation(self, mention: Mention) -> Entity:
        key = _org_key(mention.name)
        entity = self._organisations.get(key)
        if entity is None:
            entity = self._named_organisation(mention.name)
            if entity is None and _is_acronym(mention.name):
                entity = next(
                    (e for e in self._organisations.values() if _abbreviates(key, e.name)),
                    None,
                )
            if entity is None:
                entity = Entity(mention.name, ORGANIZATION, key=key)
                self._name_organisation(entity)
            self._organisations[key] = entity
        elif mention.name == key and key in _AGENCY_ACRONYMS:
            # news style names a federal agency by its acronym once introduced; other
            # organisations keep the full name the article gave first ("SPLC attorney")
            known = self._organisation_names.get(key)
            if entity.name != key or known is None or known[0] is not entity or not known[1]:
                # (named so already, indexing it again would change nothing: the words
                # opening its name are in, and nothing takes a name from its entity)
                entity.name = key
                self._name_organisation(entity)
        return entity


# Nouns describing what a person is rather than an office ("the defendant", "the
# teenager"): with nobody given the noun as a role, the last person without an office.
_MAX_OPENING_WORDS: Final = 3  # "Valley Fresh" for "Valley Fresh Eggs of Iowa"
_PARTY_NOUNS: Final = word_set(
    """
    defendant plaintiff detainee petitioner teenager teen child kid youngster student
    worker resident immigrant migrant farmworker laborer labourer person
    """
)
_COURT_OFFICES: Final = frozenset(
    {"judge", "justice", "attorney", "lawyer", "counsel", "prosecutor", "clerk", "official"}
)


def _is_party(entity: Entity) -> bool:
    """Whether a person may be the party of a case: named, without an office in court."""
    if entity.kind != PERSON or not entity.named:
        return False
    return entity.role is None or not (_role_nouns(entity.role) & _COURT_OFFICES)


_DOCUMENT_NOUN: Final = "(" + "|".join(sorted(DOCUMENT_GROUPS, key=len, reverse=True)) + ")"
# "The lawsuit, filed by the ACLU", "a report released Wednesday by the coalition",
# "In a 22-page ruling, Judge ...": the document right before its author.
_DOCUMENT_BEFORE_AUTHOR: Final = re.compile(
    r"\b" + _DOCUMENT_NOUN + r"\b[^.;:“”\"]{0,80}?\b(?:filed|released|issued|published|"
    r"written|sent|signed|brought|prepared|compiled|authored|commissioned|unsealed)"
    r"(?:\s+[\w-]+){0,2}?\s+by\s+(?:the\s+)?$"
    r"|\b[Ii]n\s+(?:a|an|the|its|his|her|their)\s+(?:[\w-]+\s+){0,3}?" + _DOCUMENT_NOUN + r",\s+$"
)
# "The ACLU sued ...", "... filed a lawsuit", "... said in a statement", "ICE's memo".
_AUTHOR_BEFORE_DOCUMENT: Final = re.compile(
    r"(?:[’']s\s+(?:[\w-]+\s+){0,3}?" + _DOCUMENT_NOUN + r"\b"
    r"|\s*(?:,[^,.;“”\"]{1,80},\s*)?(?:\s+(?:union|group|coalition|company|also|has|have|had))?"
    r"\s+(?:[a-z]+ly\s+)?(?:(sued)\b"
    r"|(?:filed|released|published|issued|sent|wrote|unsealed)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:a|an|the|its|their|his|her)\s+(?:[\w-]+\s+){0,3}?" + _DOCUMENT_NOUN + r"\b"
    r"|(?:said|says|wrote|writes|added|stated)\s+(?:[\w-]+\s+)?in\s+"
    r"(?:a|an|the|its|his|her|their)\s+(?:[\w-]+\s+){0,3}?" + _DOCUMENT_NOUN + r"\b))"
)
_MAX_DOCUMENT_LOOKBACK: Final = 140


def document_authored(text: str, mention: Mention) -> str | None:
    """The group of the document ("lawsuit", "report", ...) that the text around a
    mention says it wrote, filed or issued, if any."""
    after = _AUTHOR_BEFORE_DOCUMENT.match(text, mention.end, mention.end + 160)
    if after is not None:
        noun = next((g for g in after.groups() if g), None)
        return "lawsuit" if noun == "sued" else DOCUMENT_GROUPS.get(noun or "")
    before = _DOCUMENT_BEFORE_AUTHOR.search(
        text, max(0, mention.start - _MAX_DOCUMENT_LOOKBACK), mention.start
    )
    if before is not None:
        noun = next(g for g in before.groups() if g)
        return DOCUMENT_GROUPS[noun.lower()]
    return None


@lru_cache(maxsize=8192)
def _lower_words(name: str) -> frozenset[str]:
    """The lower-cased words of a name, kept per name."""
    return frozenset(name.lower().split())


def _is_organisation(entity: Entity) -> bool:
    return entity.kind == ORGANIZATION


def _reference_names(noun: str, entity: Entity) -> bool:
    """Whether an organisation's own name uses the noun ("the alliance" -> "... Alliance")."""
    if entity.kind != ORGANIZATION or noun not in ORG_REFERENCE_NOUNS:
        return False
    return noun in _lower_words(entity.name)


def _reference_fits(noun: str, entity: Entity) -> bool:
    """Whether "the agency", "the spokesman" or "the governor" can stand for the entity.

    A role noun fits a person with that role ("Gov." is a governor) and an
    organisation that an unnamed person of that role spoke for ("a DHS spokesperson").
    """
    if noun in ORG_REFERENCE_NOUNS:
        return entity.kind == ORGANIZATION
    if noun in DOCUMENT_GROUPS:
        # "the ruling says", its author unknown: the judge
        return (
            entity.kind == PERSON
            and entity.role is not None
            and ("judge" in _role_nouns(entity.role))
        )
    if entity.kind == ORGANIZATION:
        if noun == "officials":
            return bool(entity.member_roles & _OFFICIAL_ROLES)
        return noun in entity.member_roles
    if entity.role is None:
        return False
    nouns = _role_nouns(entity.role)
    if noun.startswith("defense "):
        return noun[8:] in nouns and "prosecutor" not in nouns
    return noun in nouns


reference_fits: Final = _reference_fits
lower_words: Final = _lower_words
_OFFICIAL_ROLES: Final = frozenset(
    {"official", "officials", "spokesperson", "spokesman", "spokeswoman"}
)
_AGENCY_ACRONYMS: Final = frozenset(KNOWN_ORGANISATIONS.values())


@lru_cache(maxsize=8192)
def _role_nouns(role: str) -> frozenset[str]:
    """The lower-case nouns of a role, abbreviated titles written out ("Gov." -> governor)."""
    nouns = set()
    for word in role.lower().replace(".", " ").split():
        noun = TITLE_ROLE_NOUNS.get(word, word)
        nouns.add(word)
        nouns.add(noun)
        nouns.update(TITLE_SYNONYMS.get(noun, ()))
    if nouns & _COUNSEL and nouns & _PUBLIC_ATTORNEY:
        nouns.add("prosecutor")  # "Assistant U.S. Attorney", "District Attorney"
    return frozenset(nouns)


@lru_cache(maxsize=8192)
def _affiliated_organisation(affiliation: str | None) -> str | None:
    """The organisation of an affiliation ("ICE's Office of Investigations in Phoenix" -> ICE)."""
    if not affiliation:
        return None
    name = affiliation.split(" in ")[0].strip()
    name_words = name.split()
    if not name_words:
        return None
    if _is_acronym(name) or _base(name_words[-1]) in ORG_KEYWORDS:
        return _base(name)
    first = _base(name_words[0])
    if _is_acronym(first) and len(name_words) > 1 and _is_place_name(" ".join(name_words[1:])):
        return _base(name)  # a chapter named by its city: "FIEL Houston"
    if _is_acronym(first):
        return first
    if (
        len(name_words) > 1
        and all(_is_capitalised(w) or w in ORG_CONNECTORS for w in name_words)
        and first not in TITLES
        and not is_first_name(first)
        and not _is_place_name(_base(name))
    ):
        # "co-executive director of Make the Road New York": what a person directs or
        # speaks for is an organisation, keyword or not
        return _base(name)
    return None


def _pronoun_fits(pronoun: Mention, entity: Entity) -> bool:
    """Whether the pronoun can refer to the entity; a person of unknown gender fits he and she."""
    if pronoun.name == "it":
        return entity.kind == ORGANIZATION
    if pronoun.name == "they":
        return entity.kind == ORGANIZATION or (entity.gender is None and entity.named)
    return entity.kind == PERSON and entity.gender in (None, pronoun.gender)


@lru_cache(maxsize=8192)
def _surname_of(name: str) -> str:
    """``_surname`` of the words of a full name, kept per name."""
    return _surname(name.split())


def _surname(name_words: list[str]) -> str:
    """The family name of a full name: after the first name, without initials or suffixes."""
    kept = [
        w
        for w in name_words[1:]
        if not (len(w) <= 2 and w.endswith(".")) and w.rstrip(".") not in NAME_SUFFIXES
    ]
    return " ".join(kept or name_words[1:])


@lru_cache(maxsize=8192)
def _abbreviates(acronym: str, name: str) -> bool:
    """Whether an acronym abbreviates a name, each word giving its initial and perhaps more
    of its letters in order: "NWIRP" for "Northwest Immigrant Rights Project"."""
    name_words = [w for w in name.split() if _is_capitalised(w) and w not in ORG_CONNECTORS]
    if len(name_words) < 2 or len(acronym) < len(name_words):
        return False

    def fits(letters: str, index: int) -> bool:
        if index == len(name_words):
            return not letters
        word = name_words[index].upper()
        if not letters or letters[0] != word[0]:
            return False
        # the word's initial, then any of its later letters in order
        for taken in range(1, len(letters) + 1):
            if taken > 1 and not _in_order(letters[1:taken], word[1:]):
                break
            if fits(letters[taken:], index + 1):
                return True
        return False

    return fits(acronym.upper(), 0)


def _in_order(letters: str, word: str) -> bool:
    position = 0
    for letter in letters:
        position = word.find(letter, position) + 1
        if not position:
            return False
    return True


@lru_cache(maxsize=8192)
def _org_key(name: str) -> str:
    """The acronym of an organisation name ("Immigration and Customs Enforcement" -> "ICE")."""
    if _is_acronym(name):
        return name
    known = KNOWN_ORGANISATIONS.get(name)
    if known is not None:
        return known
    initials = [
        w[0]
        for w in name.split()
        if _is_capitalised(w) and "." not in w and w not in ORG_CONNECTORS
    ]
    return "".join(initials) if len(initials) > 1 else name
