"""Reading a search query, once, the same way for every backend.

Words and "quoted phrases", as PostgreSQL's websearch_to_tsquery reads them: a
leading minus leaves out, "or" between two terms accepts either. Stopwords are
dropped; a hyphenated word is a phrase.
"""

import re
from dataclasses import dataclass

MAX_QUERY_LENGTH = 200

STOPWORDS = frozenset(
    "a an and are as at be but by for from has have in into is it its not of on or that the their then there "
    "these they this to was were will with".split()
)

_TOKENS = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_PART = re.compile(r"[^\W_]+")
_SUFFIXES = ("ings", "ing", "ies", "ied", "ers", "es", "ed", "er", "s", "y")


@dataclass(frozen=True)
class Term:
    """One part of a query: a word (matched by its stem) or a quoted phrase.

    `exclude` for a leading minus; `either` when "or" joins it to the term before.
    """

    text: str
    phrase: bool = False
    exclude: bool = False
    either: bool = False


@dataclass(frozen=True)
class Query:
    text: str  # as searched: cleaned and cut
    terms: tuple  # of Term

    @classmethod
    def read(cls, raw):
        text = clean_query(raw)
        return cls(text=text, terms=tuple(parse_terms(text)))

    @property
    def has_words(self):
        return bool(re.search(r"[^\W_]", self.text))

    def words(self):
        """The distinct words of the terms that "did you mean" could correct, in order."""
        found = []
        for term in self.terms:
            for word in term.text.split():
                if len(word) >= 3 and word.isalpha() and word not in found:
                    found.append(word)
        return found


def clean_query(raw):
    """The query as searched: control characters removed, spaces collapsed, cut to MAX_QUERY_LENGTH."""
    text = " ".join(re.sub(r"[\x00-\x1f\x7f]", " ", raw or "").split())
    return text[:MAX_QUERY_LENGTH].strip()


def stem(word):
    """A crude English stem for substring matching: recovering, recovered, recovery -> recover."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def parse_terms(query):
    """The query's terms, lower-cased (see the module's docstring)."""
    terms, either = [], False
    for match in _TOKENS.finditer(query.lower()):
        minus, phrase, token = match.groups()
        if phrase is not None:
            words = _PART.findall(phrase)
            if words:
                terms.append(Term(" ".join(words), phrase=len(words) > 1, exclude=bool(minus), either=either))
            either = False
            continue
        if token == "or":
            either = bool(terms)
            continue
        exclude = token.startswith("-")
        for word in _WORD.findall(token):
            parts = _PART.findall(word)
            if len(parts) == 1 and parts[0] in STOPWORDS:
                continue
            terms.append(Term(" ".join(parts), phrase=len(parts) > 1, exclude=exclude, either=either))
            either = False
    return terms


def clauses(terms):
    """Terms grouped for AND: [[a], [b, c]] means a AND (b OR c)."""
    grouped = []
    for term in terms:
        if term.either and grouped:
            grouped[-1].append(term)
        else:
            grouped.append([term])
    return grouped
