"""{% url %} as Django's, remembering what a name without arguments reverses to.

Every page's header and footer name a dozen URLs ({% url 'home' %}, ...), and reversing each costs about as
much as a trivial view's whole request: with the page's own content kept (publishing.fragments), the header's
URLs were a good part of what a logged-in reader's page still cost. A URL with arguments is reversed each
time as before. Loaded as a template builtin (settings.TEMPLATES), so templates keep Django's own tag.
"""

from django import template
from django.conf import settings
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape
from django.utils.translation import get_language

register = template.Library()

# (name, current app, URLconf, script prefix, language) -> URL: a few dozen entries, as many as the names.
_reversed = {}


class RememberedURLNode(URLNode):
    def render(self, context):
        if self.args or self.kwargs:
            return super().render(context)
        view_name = self.view_name.resolve(context)
        key = (view_name, _current_app(context), get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
        key += (get_language(),)
        url = _reversed.get(key)
        if url is None:
            try:
                url = _reversed[key] = reverse(view_name, current_app=key[1])
            except NoReverseMatch:
                if self.asvar is None:
                    raise
                url = ""
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


def _current_app(context):
    """As Django's {% url %} finds it."""
    try:
        return context.request.current_app
    except AttributeError:
        try:
            return context.request.resolver_match.namespace
        except AttributeError:
            return None


@register.tag
def url(parser, token):
    node = django_url(parser, token)
    return RememberedURLNode(node.view_name, node.args, node.kwargs, node.asvar)
