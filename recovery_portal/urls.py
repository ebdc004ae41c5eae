from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from research.feeds import ResearchFeed

from . import views
from .sitemaps import SITEMAPS

admin.site.site_header = "Recovery Portal: curators"
admin.site.site_title = "Recovery Portal admin"
admin.site.index_title = "Content"

urlpatterns = [
    path("", views.home, name="home"),
    path("themes/", include("themes.urls")),
    path("research/", include("research.urls")),
    path("tags/", views.tag_list, name="tag_list"),
    path("tags/<slug:slug>/", views.tag_detail, name="tag_detail"),
    path("search/", views.search, name="search"),
    path("feeds/research/", ResearchFeed(), name="research_feed"),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"}),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap_section"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # Browsers ask for /favicon.ico on pages that name no icon (admin's, for one).
    path("favicon.ico", views.favicon),
    path("about/", views.about, name="about"),
    path("reflections/", include("reflections.urls")),
    path("trainer/", include("reflections.trainer.urls")),
    path("notifications/", include("reflections.notification_urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
]

if settings.BENCH:
    # A trivial view that goes through the same middleware, for `make bench` to compare pages against.
    urlpatterns.append(path("bench/plain", views.bench_plain, name="bench_plain"))
    urlpatterns.append(path("bench/signed-in", views.bench_signed_in, name="bench_signed_in"))
