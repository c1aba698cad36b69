"""The rule registry: every rule of every family, by its stable code.

A rule lives in its family's module or package (``personal_data`` for PD, ``abuse`` for AB,
...; a package's ``__init__`` imports its parts), is a subclass of :class:`Rule` decorated with
:func:`register`, and has a code that never changes
meaning once shipped. Adding a rule touches three places: the rule, its cases in ``tests/``,
and the clause that it enforces in each policy pack.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Iterable
from functools import lru_cache
from typing import ClassVar, TypeVar

from civicpost.engine.findings import Hit
from civicpost.engine.post import Post

FAMILIES: dict[str, tuple[str, str]] = {
    # code prefix: (family name, module)
    "PD": ("Personal data", "personal_data"),
    "AB": ("Abuse and civility", "abuse"),
    "PO": ("Political content", "political"),
    "DF": ("Defamation risk", "defamation"),
    "CF": ("Confidential information", "confidential"),
    "MN": ("Mentions of partners and suppliers", "mentions"),
    "CP": ("Copyright and credit", "copyright"),
    "ST": ("Spelling and style", "style"),
    "AX": ("Accessibility", "accessibility"),
    "AC": ("Account and authorship", "account"),
}


class Rule:
    """Base class of every rule. The subclass docstring is the rule's user documentation:
    what it looks for, why the policy cares, an example to avoid and what to write instead."""

    code: ClassVar[str]
    title: ClassVar[str]

    def find(self, post: Post) -> Iterable[Hit]:
        raise NotImplementedError

    @property
    def family(self) -> str:
        return self.code[:2]

    @property
    def doc(self) -> str:
        return inspect.cleandoc(type(self).__doc__ or "")


_REGISTERED: dict[str, Rule] = {}
R = TypeVar("R", bound=type[Rule])


def register(cls: R) -> R:
    """Class decorator: add one instance of the rule to the registry under its code."""
    code = cls.code
    if code[:2] not in FAMILIES or not code[2:].isdigit() or len(code) != 5:
        raise ValueError(f"rule code {code!r} must be a family prefix and three digits")
    if code in _REGISTERED and type(_REGISTERED[code]) is not cls:
        raise ValueError(f"rule code {code} is registered twice")
    _REGISTERED[code] = cls()
    return cls


@lru_cache(maxsize=1)
def all_rules() -> dict[str, Rule]:
    """Every registered rule by code, in code order."""
    for _, module in FAMILIES.values():
        importlib.import_module(f"{__name__}.{module}")
    return dict(sorted(_REGISTERED.items()))


def get_rule(code: str) -> Rule | None:
    return all_rules().get(code)
