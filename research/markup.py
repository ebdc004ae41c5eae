"""Markdown for text people write: rendered, then sanitised, because none of it is trusted."""

from functools import lru_cache

import markdown
import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "em",
    "strong",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    # h2 so that a section inside a theme body (its "Practice pointers") sits under the page's h1.
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


# The same text always gives the same HTML, so each process renders a text once, not on every view.
@lru_cache(maxsize=1024)
def render_markdown(text):
    """Markdown -> safe HTML: only the tags above survive, links get rel=noopener etc."""
    html = markdown.markdown(text or "", extensions=["sane_lists"], output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
