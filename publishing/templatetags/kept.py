"""{% kept kept_block "name" %}...{% endkept %}: a part of a page kept per content version
(publishing.fragments.Block); "content", the main block, when no name is given."""

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


class KeptNode(template.Node):
    def __init__(self, nodelist, block, name):
        self.nodelist = nodelist
        self.block = block
        self.name = name

    def render(self, context):
        block = self.block.resolve(context)
        if block is None:
            return self.nodelist.render(context)
        html = block.part(self.name.resolve(context), lambda: self.nodelist.render(context))
        return mark_safe(html)  # noqa: S308 - rendered by the template engine, which escapes


@register.tag
def kept(parser, token):
    bits = token.split_contents()
    if len(bits) not in (2, 3):
        raise template.TemplateSyntaxError(f'{bits[0]} takes a publishing.fragments.Block and a part\'s "name".')
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    name = parser.compile_filter(bits[2] if len(bits) == 3 else '"content"')
    return KeptNode(nodelist, parser.compile_filter(bits[1]), name)
