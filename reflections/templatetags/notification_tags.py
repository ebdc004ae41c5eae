from django import template

from reflections.models import Notification

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context):
    """How many notifications the person logged in has not read: loaded with them, else one query.

    A page that counted them already passes `unread_count`.
    """
    if "unread_count" in context:
        return context["unread_count"]
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return 0
    counted = getattr(request.user, "unread_notification_count", None)  # loaded with them (recovery_portal.signed_in)
    if counted is not None:
        return counted
    return Notification.objects.filter(recipient=request.user).unread().count()
