"""What a result shows of an item: its text without Markdown, with the searched words marked.

Marks are two control characters (START, STOP) that cannot come from the content (they are
removed first); the text is then escaped and only the marks become <mark>, so nothing from the
content is ever taken as HTML. PostgreSQL places the marks with ts_headline (search.postgres);
`highlight` places them in Python for the simple backend.
"""

import html
import re
import threading

import markdown
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from .query import stem

START, STOP = "\x02", "\x03"
# The simple backend's snippet: this many words either side of the first match.
WORDS_AROUND = 15


# Anything Markdown could read as markup: emphasis, code, links, escapes, HTML and entities, and lines that start a
# heading, quote, list, rule or code block. Text without any of it reads the same rendered.
_MARKUP = re.compile(r"[*_`\[\]<>&\\]|^\s*(?:#|[-+=]|\d+[.)]\s)|^ {4}|^\t", re.MULTILINE)
_local = threading.local()


def plain_text(source):
    """Markdown as a reader sees it, on one line: the text without its markup (no **, #, - or [link](url))."""
    source = unmarked(source)
    if _MARKUP.search(source):
        # One converter per thread, reset for each text: building one costs more than converting a summary.
        if not hasattr(_local, "markdown"):
            _local.markdown = markdown.Markdown(output_format="html")
        source = html.unescape(strip_tags(_local.markdown.reset().convert(source)))
    return " ".join(source.split())


def unmarked(text):
    return (text or "").replace(START, "").replace(STOP, "")


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
