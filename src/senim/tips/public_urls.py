from django.urls import path

from senim.tips import public_views

app_name = "report"

urlpatterns = [
    path("", public_views.start, name="start"),
    path("<str:lang>/", public_views.report_form, name="form"),
    path("<str:lang>/safety/", public_views.safety, name="safety"),
    path("<str:lang>/follow-up/", public_views.follow_up, name="follow-up"),
    path("<str:lang>/follow-up/thread/", public_views.thread_action, name="thread"),
]
