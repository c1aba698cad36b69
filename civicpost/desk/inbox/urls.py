from django.urls import path

from civicpost.desk.inbox.views import arrivals, message, people, queue

app_name = "inbox"
urlpatterns = [
    path("", queue.queue, name="queue"),
    path("settings", queue.inbox_settings_page, name="settings"),
    path("import", arrivals.upload, name="import"),
    path("enter", arrivals.enter, name="enter"),
    path("arrivals/<int:pk>", arrivals.arrival_report, name="arrival"),
    path("<int:pk>", message.message_page, name="message"),
    path("<int:pk>/take", message.take, name="take"),
    path("<int:pk>/settle", message.settle, name="settle"),
    path("<int:pk>/acknowledge", message.acknowledge, name="acknowledge"),
    path("<int:pk>/reply", message.reply, name="reply"),
    path("<int:pk>/moderate", message.moderate, name="moderate"),
    path("<int:pk>/foi", message.decide_foi, name="foi"),
    path("<int:pk>/refer", message.refer, name="refer"),
    path("<int:pk>/report", message.report, name="report"),
    path("<int:pk>/history", people.ask, name="history-ask"),
    path("history/<int:pk>", people.show, name="history"),
]
