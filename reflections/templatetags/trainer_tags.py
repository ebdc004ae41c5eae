from django import template

from ..access import is_trainer as _is_trainer

register = template.Library()


@register.filter
def is_trainer(user):
    """For the header's "Trainer pages" link."""
    return _is_trainer(user)
