"""The one error the importer raises: a document it cannot read, said in one line."""

from __future__ import annotations


class PolicyImportError(ValueError):
    """A document that cannot be imported. ``str(error)`` is one line a Clerk can act on."""
