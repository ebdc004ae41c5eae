"""{% memo "name" value ... %}...{% endmemo %}: a part of base.html rendered once per process for each value.

The main navigation and the footer are the same on every page but for which link is the current one, yet
rendering their links cost a logged-in reader's page about as much as a trivial view's whole request. Only
for parts that depend on nothing but the code (URLs, static files) and the few values named, each from a
small set: nothing of the reader's, nothing of the content. Loaded as a template builtin (settings.TEMPLATES).
"""

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix
from django.utils.safestring import mark_safe

register = template.Library()

# (name, values, script prefix) -> HTML. A few dozen entries; the bound only guards against a misuse.
_rendered = {}
MAX_ENTRIES = 1000


class MemoNode(template.Node):
    # Not searched for {% block %}s (a page extending base.html searches it on every render): a block inside
    # would be rendered once for every page anyway.
    child_nodelists = ()

    def __init__(self, nodelist, name, values):
        self.nodelist = nodelist
        self.name = name
        self.values = values

    def render(self, context):
        key = (self.name, *(value.resolve(context) for value in self.values), get_script_prefix())
        html = _rendered.get(key)
        if html is None:
            if len(_rendered) >= MAX_ENTRIES:
                _rendered.clear()
            html = _rendered[key] = self.nodelist.render(context)
        return mark_safe(html)  # noqa: S308 - rendered by the template engine, which escapes


@receiver(setting_changed)
def _forget_when_the_code_changes(*, setting, **kwargs):
    """A remembered part holds static file names and URLs: made anew when their settings change (in tests)."""
    if setting in {"STORAGES", "STATIC_URL", "ROOT_URLCONF", "FORCE_SCRIPT_NAME"}:
        _rendered.clear()


@register.tag
def memo(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f'{bits[0]} takes a "name" and the values the part depends on.')
    nodelist = parser.parse(("endmemo",))
    parser.delete_first_token()
    return MemoNode(nodelist, bits[1], [parser.compile_filter(bit) for bit in bits[2:]])


@register.filter
def nav_section(request):
    """The part of the main navigation a page is in ("themes", "research", "tags", "exercises", "about"), or ""."""
    path = getattr(request, "path_info", "")  # templates rendered without a request have no section
    for prefix, section in SECTIONS:
        if path.startswith(prefix):
            return section
    return "about" if path == "/about/" else ""


# The main navigation's sections by path; "/about/" is a page of its own, not a section.
SECTIONS = [
    ("/themes/", "themes"),
    ("/research/", "research"),
    ("/tags/", "tags"),
    ("/reflections/exercises/", "exercises"),
]
