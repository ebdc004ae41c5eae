from django.contrib import admin
from django.urls import include, path

from . import views

admin.site.site_header = "Recovery Portal: curators"
admin.site.site_title = "Recovery Portal admin"
admin.site.index_title = "Content"

urlpatterns = [
    path("", views.home, name="home"),
    path("themes/", include("themes.urls")),
    path("research/", include("research.urls")),
    path("tags/", views.tag_list, name="tag_list"),
    path("tags/<slug:slug>/", views.tag_detail, name="tag_detail"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
]
