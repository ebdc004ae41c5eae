""" "Did you mean": each word of a query that no published item holds, replaced by the closest one that is held.

The words are publishing's SearchWord list, counted from published items only, so a word found only
in drafts or deleted items is never offered. "Closest" is trigram similarity as PostgreSQL's pg_trgm
measures it: search.postgres asks the database (with its trigram index), search.simple measures here
with `similarity`, so both databases suggest the same word.
"""

import re

MAX_SUGGESTED_WORDS = 8
# pg_trgm's default similarity_threshold: less similar than this is no suggestion.
THRESHOLD = 0.3


def trigrams(word):
    """pg_trgm's trigrams of one lower-case word: padded with two spaces before and one after."""
    padded = f"  {word} "
    return {padded[start : start + 3] for start in range(len(padded) - 2)}


def similarity(word, other):
    mine, theirs = trigrams(word), trigrams(other)
    return len(mine & theirs) / len(mine | theirs)


def closest(word, known):
    """The word of `known` ({word: documents}) most like `word`: the most similar, then the commonest, then A to Z."""
    scored = ((similarity(word, other), documents, other) for other, documents in known.items())
    best = min(((-score, -documents, other) for score, documents, other in scored if score >= THRESHOLD), default=None)
    return best[2] if best else None


def suggestion(query, closest_words):
    """The query's text with its unknown words replaced, or "" when there is nothing to suggest.

    `closest_words(words)` gives {word: better word} for those of `words` that no published item holds.
    """
    words = query.words()[:MAX_SUGGESTED_WORDS]
    replacements = closest_words(words) if words else {}
    if not replacements:
        return ""
    pattern = re.compile(r"\b(" + "|".join(re.escape(word) for word in replacements) + r")\b", re.IGNORECASE)
    return pattern.sub(lambda match: replacements[match.group(0).lower()], query.text)
