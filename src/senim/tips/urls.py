from django.urls import path

from senim.tips import views

app_name = "tips"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("recipients/", views.recipients, name="recipients"),
    path("<uuid:tip_id>/", views.detail, name="detail"),
    path("<uuid:tip_id>/message/", views.message, name="message"),
    path("<uuid:tip_id>/flags/", views.flags, name="flags"),
    path("<uuid:tip_id>/status/", views.status, name="status"),
    path("<uuid:tip_id>/note/", views.note, name="note"),
    path("<uuid:tip_id>/link/", views.link, name="link"),
    path("<uuid:tip_id>/assistance-case/", views.assistance_case, name="assistance-case"),
    path("<uuid:tip_id>/criminal-case/", views.criminal_case, name="criminal-case"),
    path("<uuid:tip_id>/forward/", views.forward, name="forward"),
    path("<uuid:tip_id>/attachments/<uuid:attachment_id>/", views.attachment, name="attachment"),
]
