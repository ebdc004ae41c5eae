"""What a result shows of an item: its text without Markdown, with the searched words marked.

Markdown becomes text by MARKDOWN_TO_TEXT, one list of (pattern, replacement) pairs that Python's
`re` and PostgreSQL's `regexp_replace` read alike: `plain_text` applies it here (the simple backend),
`PlainText` in the database, where ts_headline then picks the passage (search.postgres).

Marks are two control characters (START, STOP) that cannot come from the content (they are
removed first); the text is then escaped and only the marks become <mark>, so nothing from the
content is ever taken as HTML.
"""

import re

from django.db.models import Func, TextField, Value
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .query import stem

START, STOP = "\x02", "\x03"
# The simple backend's snippet: this many words either side of the first match.
WORDS_AROUND = 15

# Line by line (re.MULTILINE; the "n" flag in PostgreSQL). Negated classes exclude \n themselves,
# which PostgreSQL's newline-sensitive mode does anyway.
MARKDOWN_TO_TEXT = (
    (r"!?\[([^]\n]*)\]\([^)\n]*\)", r"\1"),  # [text](url), ![alt](src)
    (r"!?\[([^]\n]*)\]\[[^]\n]*\]", r"\1"),  # [text][ref]
    (r"^ {0,3}\[[^]\n]+\]:[^\n]*$", ""),  # [ref]: url
    (r"<((https?|mailto):[^>\n]*)>", r"\1"),  # <https://...>
    (r"</?[A-Za-z][^>\n]*>", ""),  # HTML tags
    (r"^[ \t]*((#{1,6}|>|[-+*]|[0-9]+[.)])[ \t]+)+", ""),  # headings, quotes, list items
    (r"[ \t]+#+[ \t]*$", ""),  # a heading's closing hashes
    (r"^[ \t]*([-*_=][ \t]*){3,}$", ""),  # rules, and the lines under headings
    (r"(?<!\\)(\*+|`+)", ""),  # emphasis and code
    (r"(?<![A-Za-z0-9\\])_+|_+(?![A-Za-z0-9])", ""),  # emphasis with underscores, not snake_case
    (r"\\([\\`*_{}()#+.!>[-])", r"\1"),  # escaped characters
    (r"\\\]", "]"),
    ("&nbsp;", " "),
    ("&lt;", "<"),
    ("&gt;", ">"),
    ("&quot;", '"'),
    ("&amp;", "&"),
)
# Text with none of this has no markup for the pairs above to remove: only its spaces are tidied.
MARKUP = r"[][<>#*`_\\&]|^[ \t]*([-+=]|[0-9]+[.)][ \t])"

_COMPILED = [(re.compile(pattern, re.MULTILINE), replacement) for pattern, replacement in MARKDOWN_TO_TEXT]
_MARKUP = re.compile(MARKUP, re.MULTILINE)
_SPACES = re.compile(r"\s+")


def plain_text(source):
    """Markdown as a reader sees it, on one line: the text without its markup (no **, #, - or [link](url))."""
    text = unmarked(source)
    if _MARKUP.search(text):
        for pattern, replacement in _COMPILED:
            text = pattern.sub(replacement, text)
    return _SPACES.sub(" ", text).strip()


def _literal(text):
    assert "%" not in text, "the database driver would read % as a placeholder"
    return "'" + text.replace("'", "''") + "'"


class PlainText(Func):
    """`plain_text` in the database (PostgreSQL): the same patterns, as nested regexp_replace calls.

    Written out as SQL with the patterns inline: built from nested expressions instead, the query
    took longer to compile than to run.
    """

    output_field = TextField()

    def as_sql(self, compiler, connection, **extra_context):
        source, params = compiler.compile(self.source_expressions[0])
        text = f"translate({source}, chr(2) || chr(3), '')"  # START and STOP
        stripped = text
        for pattern, replacement in MARKDOWN_TO_TEXT:
            stripped = f"regexp_replace({stripped}, {_literal(pattern)}, {_literal(replacement)}, 'gn')"
        marked_up = f"{text} ~ {_literal('(?n)' + MARKUP)}"
        sql = f"btrim(regexp_replace(CASE WHEN {marked_up} THEN {stripped} ELSE {text} END, '\\s+', ' ', 'g'))"
        return sql, [*params, *params, *params]  # the source appears three times, in that order


def unmarked(text):
    return (text or "").replace(START, "").replace(STOP, "")


def unmarked_sql(expression):
    return Func(expression, Value(START + STOP), Value(""), function="translate", output_field=TextField())


def marked_html(text):
    """Escape text that carries START/STOP marks, then turn only the marks into <mark>."""
    return mark_safe(escape(text or "").replace(START, "<mark>").replace(STOP, "</mark>"))


def _pattern(term):
    """A regular expression for where a term appears in text."""
    if term.phrase:
        return r"[\W_]+".join(re.escape(word) for word in term.text.split())
    return r"\b" + re.escape(stem(term.text)) + r"\w*"


def highlight(text, terms, *, words_around=None):
    """Mark where `terms` appear in `text`; with `words_around`, only a window around the first match."""
    text = unmarked(text)
    patterns = [_pattern(term) for term in terms if not term.exclude]
    if not patterns:
        return marked_html(text if words_around is None else " ".join(text.split()[: words_around * 2]))
    regex = re.compile("|".join(f"(?:{pattern})" for pattern in patterns), re.IGNORECASE)
    if words_around is not None:
        first = regex.search(text)
        words = text.split()
        if first:
            index = len(text[: first.start()].split())
            start = max(0, index - words_around)
            window = words[start : index + words_around]
            text = ("… " if start else "") + " ".join(window) + (" …" if index + words_around < len(words) else "")
        else:
            text = " ".join(words[: words_around * 2]) + (" …" if len(words) > words_around * 2 else "")
    return marked_html(regex.sub(lambda match: f"{START}{match.group(0)}{STOP}", text))
