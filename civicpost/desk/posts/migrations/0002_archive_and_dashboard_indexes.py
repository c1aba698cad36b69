"""Indexes for pages that must stay fast with years of posts: the archive lists a council's posts
newest first (read the 25 of a page straight off the index instead of sorting every post), and
the dashboard counts the emergency posts still to review (a partial index holds only those)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("posts", "0001_initial"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="post",
            index=models.Index(fields=["council", "-created"], name="posts_post_council_newest"),
        ),
        migrations.AddIndex(
            model_name="post",
            index=models.Index(condition=models.Q(review_needed=True), fields=["council"],
                               name="posts_post_to_review"),
        ),
    ]
