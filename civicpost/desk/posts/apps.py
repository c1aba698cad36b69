from django.apps import AppConfig


class PostsConfig(AppConfig):
    name = "civicpost.desk.posts"
    label = "posts"
