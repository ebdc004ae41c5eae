from django import forms

from .search import KINDS, MAX_QUERY_LENGTH


class SearchForm(forms.Form):
    # Not max_length: a longer query is cut (by search.clean_query), not refused.
    q = forms.CharField(label="Search for", required=False)
    kind = forms.ChoiceField(
        label="Show", required=False, choices=[("", "Everything"), *[(kind.name, kind.label) for kind in KINDS]]
    )
    tag = forms.ChoiceField(label="With the tag", required=False)

    def __init__(self, data, *, tags):
        super().__init__(data)
        self.fields["tag"].choices = [("", "Any tag"), *[(slug, name) for _, slug, name in tags]]
        self.fields["q"].widget.attrs.update(type="search", maxlength=MAX_QUERY_LENGTH)
