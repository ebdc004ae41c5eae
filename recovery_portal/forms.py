from django import forms

from publishing import search_index

from .search.query import MAX_QUERY_LENGTH


class SearchForm(forms.Form):
    # Not max_length: a longer query is cut (by search.query.clean_query), not refused.
    q = forms.CharField(label="Search for", required=False)
    kind = forms.ChoiceField(label="Show", required=False)
    tag = forms.ChoiceField(label="With the tag", required=False)

    def __init__(self, data, *, tags):
        super().__init__(data)
        kinds = [(index.name, index.label) for index in search_index.indexes()]
        self.fields["kind"].choices = [("", "Everything"), *kinds]
        self.fields["tag"].choices = [("", "Any tag"), *[(slug, name) for _, slug, name in tags]]
        self.fields["q"].widget.attrs.update(type="search", maxlength=MAX_QUERY_LENGTH)
