"""A state's legal vocabulary: the words its drafters use for penalty grades, courts, officers,
youth proceedings and appropriations, read from the `vocabulary` block of its state file.

Clauses never hard-code a sentencing range or a court's name: they name an abstract severity
tier (`penalty("serious-felony")`) or role (`courts.juvenile`) and each state maps it.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

from gapdraft.errors import DataError, did_you_mean
from gapdraft.load.ynodes import YMap
from gapdraft.model import Loc, Status

if TYPE_CHECKING:
    from gapdraft.load.checked import MapReader

# Abstract severity tiers, gravest first; each state maps every one to its own grade phrase.
PENALTY_TIERS = (
    "gravest-felony",
    "serious-felony",
    "felony",
    "lesser-felony",
    "misdemeanor",
    "minor-offense",
)
COURTS = ("juvenile", "trial", "rules")  # "rules": the body that makes court rules
OFFICERS = ("prosecutor", "prosecutors", "juvenile_prosecutor")
OFFENSES = ("minor", "minor_plural")
YOUTH = ("adult_sanction", "adult_sanction_noun", "youth_categories", "status_offense")


class Appropriation(NamedTuple):
    amount: str  # "$500,000"
    amount_words: str  # "five hundred thousand dollars"
    fund: str  # "the general fund"
    fiscal_year: str  # "2028"
    reversion: bool  # an unspent balance reverts to the fund at the end of the year
    status: Status
    note: str


class AbolishedBody(NamedTuple):
    name: str
    replaced_by: str | None
    status: Status
    note: str | None
    loc: Loc


class Vocabulary(NamedTuple):
    status: Status
    penalties: Mapping[str, str]  # tier -> "a second degree felony"
    courts: Mapping[str, str]
    officers: Mapping[str, str]
    offenses: Mapping[str, str]
    youth: Mapping[str, str]
    appropriation: Appropriation
    abolished: tuple[AbolishedBody, ...]
    loc: Loc


def _words(r: MapReader, key: str, allowed: tuple[str, ...], required: bool) -> dict[str, str]:
    node = r.mapping(key, required=required) or YMap()
    out: dict[str, str] = {}
    for name, value in node.items():
        line = node.key_lines[name]
        if name not in allowed:
            raise DataError(
                r.file,
                line,
                f'unknown {key} entry "{name}" (allowed: {", ".join(allowed)})'
                + did_you_mean(name, allowed),
            )
        if not isinstance(value, str) or not value.strip():
            raise DataError(r.file, line, f"{key}.{name} must be text")
        out[name] = value.strip()
    return out


def _appropriation(r: MapReader) -> Appropriation:
    # the checks and key specs are imported when a file is read: `plan` unpickles Vocabulary
    # from the parsed-data cache and needs neither
    from gapdraft.load import keys
    from gapdraft.load.checked import sub

    a = sub(
        r,
        r.mapping("appropriation"),
        "appropriation",
        r.line_of("appropriation"),
        keys.APPROPRIATION,
    )
    found = Appropriation(
        amount=a.req_text("amount"),
        amount_words=a.req_text("amount_words"),
        fund=a.req_text("fund"),
        fiscal_year=a.req_text("fiscal_year"),
        reversion=a.flag("reversion", default=True),
        status=a.status(),
        note=a.req_text("note"),
    )
    if not found.amount.startswith("$") or not any(ch.isdigit() for ch in found.amount):
        raise a.error("amount", 'the amount is a sum in figures, such as "$500,000"')
    a.done()
    return found


def _abolished(r: MapReader) -> tuple[AbolishedBody, ...]:
    items = r.items("abolished", required=False, allow_empty=True)
    from gapdraft.load import keys  # as in `_appropriation`
    from gapdraft.load.checked import sub

    bodies = []
    for node, line in zip(items, items.item_lines, strict=True):
        b = sub(r, node, "an abolished body", line, keys.ABOLISHED)
        bodies.append(
            AbolishedBody(
                name=b.req_text("name"),
                replaced_by=b.text("replaced_by", required=False),
                status=b.status(),
                note=b.text("note", required=False),
                loc=b.loc,
            )
        )
        b.done()
    return tuple(bodies)


def read_vocabulary(r: MapReader) -> Vocabulary:
    penalties = _words(r, "penalties", PENALTY_TIERS, required=True)
    missing = [t for t in PENALTY_TIERS if t not in penalties]
    if missing:
        raise r.error("penalties", f"penalties: map every tier (missing: {', '.join(missing)})")
    courts = _words(r, "courts", COURTS, required=True)
    officers = _words(r, "officers", OFFICERS, required=True)
    youth = _words(r, "youth", YOUTH, required=True)
    for key, found, need in (
        ("courts", courts, COURTS),
        ("officers", officers, ("prosecutor",)),
        ("youth", youth, ("adult_sanction", "youth_categories", "status_offense")),
    ):
        missing = [n for n in need if n not in found]
        if missing:
            raise r.error(key, f"{key}: give {', '.join(missing)} (clauses use them)")
    vocab = Vocabulary(
        status=r.status(),
        penalties=MappingProxyType(penalties),
        courts=MappingProxyType(courts),
        officers=MappingProxyType(officers),
        offenses=MappingProxyType(_words(r, "offenses", OFFENSES, required=False)),
        youth=MappingProxyType(youth),
        appropriation=_appropriation(r),
        abolished=_abolished(r),
        loc=r.loc,
    )
    r.done()
    return vocab
