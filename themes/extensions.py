"""What apps above themes add to a theme's page, registered from their AppConfig.ready().

themes imports nothing from reflections; reflections tells themes what to show (the theme's exercises),
as themes does for research (see research.extensions).
"""

_theme_context = {}
_shown = set()


def add_theme_context(name, provider, *, model):
    """`provider(theme, user)` gives the theme page's context variable `name`, items of `model`: the page's kept
    block (publishing.fragments) is then rendered afresh for anyone who sees that model's drafts."""
    _theme_context[name] = provider
    _shown.add(model)


def theme_context(theme, user):
    return {name: provider(theme, user) for name, provider in _theme_context.items()}


def shown():
    """The models the apps above add to a theme's page."""
    return list(_shown)
