"""Packages that were one module: their parts' names stay reachable from the package."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence


def names_of_parts(package: str, parts: Sequence[str]) -> Callable[[str], object]:
    """A module ``__getattr__`` (PEP 562) for a package split out of one module: a name the
    package does not define itself (a helper, or a name the module imported) is looked up
    in its parts, in order, so that ``from package import name`` keeps working for every
    name the single module had."""

    def find(name: str) -> object:
        for part in parts:
            module = sys.modules.get(f"{package}.{part}")
            if module is not None and name in vars(module):
                return vars(module)[name]
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return find
