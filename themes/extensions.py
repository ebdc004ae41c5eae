"""What apps above themes add to a theme's page, registered from their AppConfig.ready().

themes imports nothing from reflections; reflections tells themes what to show (the theme's exercises),
as themes does for research (see research.extensions).
"""

_theme_context = {}


def add_theme_context(name, provider):
    """`provider(theme, user)` gives the theme page's context variable `name`."""
    _theme_context[name] = provider


def theme_context(theme, user):
    return {name: provider(theme, user) for name, provider in _theme_context.items()}
