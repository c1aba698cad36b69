"""The desk: the Django web application a council uses every day.

One app per area (``councils``, ``accounts``, ``audit``, ``posts``, ``channels``, ``jobs``,
``personal``), thin over the engine: the apps own persistence, permissions, workflow and pages,
and call :func:`civicpost.engine.check` for every check.
"""
