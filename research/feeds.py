from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from .markup import render_markdown
from .models import Publication

FEED_SIZE = 30


class ResearchFeed(Feed):
    feed_type = Atom1Feed
    title = "Recovery Portal: new research"
    subtitle = "Research on recovery in mental health, newly added to the Recovery Portal."

    def link(self):
        return reverse("research:publication_list")

    def items(self):
        return Publication.objects.published().for_listing().order_by("-created")[:FEED_SIZE]

    def item_title(self, publication):
        return publication.title

    def item_description(self, publication):
        # The summary as the site shows it: Markdown rendered, then sanitised (the feed says type="html").
        return render_markdown(publication.summary)

    def item_author_name(self, publication):
        people = publication.authors or publication.editors
        return "; ".join(str(person) for person in people) or publication.publisher or None

    def item_pubdate(self, publication):
        return publication.created

    def item_updateddate(self, publication):
        return publication.updated

    def item_categories(self, publication):
        return [tag.name for tag in publication.tags.all()]
