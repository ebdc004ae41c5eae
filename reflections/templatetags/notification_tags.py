from django import template

from reflections.models import Notification

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context):
    """How many notifications the person logged in has not read: one query, none for anonymous visitors.

    A page that counted them already passes `unread_count`.
    """
    if "unread_count" in context:
        return context["unread_count"]
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=request.user).unread().count()
