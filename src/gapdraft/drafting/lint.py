"""The bill lint: what a legislative counsel would mark on a first read, as one line per finding
with the file and line it comes from. Library checks read the clause and term files; bill checks
read a drafted bill for one state. Errors make `gapdraft validate` and `draft --check` exit 2."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from gapdraft.drafting.bill import Bill, BillSection
from gapdraft.load.clauses import Clause, ClauseLibrary
from gapdraft.load.terms import TermLibrary, inline_definitions
from gapdraft.model import State


@dataclass(frozen=True)
class Finding:
    level: str  # "error" | "warning"
    where: str  # "file:line", or the bill section ("SECTION 4.")
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.level}: {self.message}"


# "Notwithstanding any other law" and its kin change existing law without amending it.
OVERRIDES = re.compile(
    r"notwithstanding any other (?:law|provision)|for the purposes? of (?:any|all|the criminal) "
    r"laws?|(?:where|if) any other law of th(?:is|e) state",
    re.I,
)
# a sentencing range in years: the state's grade (vocabulary.penalties) says it instead
SENTENCE_RANGE = re.compile(
    r"not (?:less|more) than [a-z-]+ (?:years|months)|sentenced to imprisonment for a term", re.I
)
UNSTATED_SUM = re.compile(r"such sums|sums as the legislature", re.I)
APPROPRIATES = re.compile(r"\bthere is appropriated\b", re.I)
# (?=[SP]) and (?=S) say what \b cannot: where a match may start, so the scan skips ahead
LOCAL_REF = re.compile(
    r"(?=[SP])\b(Subsection|Paragraph|Subparagraph) ([A-Z]{1,2}|\(\d+\)|\([a-z]+\)) of this section"
)
ACT_REF = re.compile(r"(?=S)\bSections? (\d+)(?: (?:through|and) (\d+))? of this act")


def _line_in(clause: Clause, text: str, pos: int) -> str:
    """file:line of position `pos` of the clause's text (a block scalar under `text:`)."""
    return f"{clause.loc.file}:{clause.text_line + 1 + text[:pos].count(chr(10))}"


def _source_text(clause: Clause) -> str:
    """The template with Jinja expressions blanked (line breaks kept, so lines still count)."""
    return re.sub(
        r"{{.*?}}|{%.*?%}", lambda m: "\n" * m.group(0).count("\n"), clause.text, flags=re.S
    )


# --- library checks -----------------------------------------------------------------------------


def lint_library(library: ClauseLibrary, only: Iterable[str] | None = None) -> list[Finding]:
    """Every clause file (or those in `only`, with their frames)."""
    findings: list[Finding] = []
    wanted = None if only is None else {library.clauses[c].frame_id for c in only} | set(only)
    for clause in library.clauses.values():
        if wanted is not None and clause.id not in wanted:
            continue
        text = _source_text(clause)
        for phrase in inline_definitions(text):
            pos = text.find(f'"{phrase}"')
            findings.append(
                Finding(
                    "error",
                    _line_in(clause, text, pos),
                    f'clause "{clause.id}" defines "{phrase}" in its text: define it once in '
                    "clauses/terms/ and list it under uses",
                )
            )
        for pattern, why in (
            (OVERRIDES, "overrides existing law instead of amending it (use amends:)"),
            (SENTENCE_RANGE, 'hard-codes a sentence: name a severity tier, {{ penalty("...") }}'),
            (UNSTATED_SUM, "appropriates no stated sum: use {{ appropriation.amount }}"),
        ):
            for match in pattern.finditer(text):
                findings.append(
                    Finding(
                        "error",
                        _line_in(clause, text, match.start()),
                        f'clause "{clause.id}" {why}: "{match.group(0)}"',
                    )
                )
        if clause.catchline and clause.catchline.rstrip()[-1:] in ".;:-,":
            findings.append(
                Finding(
                    "error",
                    f"{clause.loc.file}:{clause.loc.line}",
                    f'clause "{clause.id}": the catchline ends in punctuation (the style adds it)',
                )
            )
        findings += _undeclared_terms(library, clause, text)
    return findings


def _phrases_in(text: str, phrases: Iterable[str]) -> list[tuple[str, int]]:
    """Each defined phrase the text uses (longest first, so "child sex trafficking victim" is
    not also read as "child"), with its position."""
    found: list[tuple[str, int]] = []
    masked = text
    lower = text.lower() if text.isascii() else None
    for phrase in sorted(phrases, key=len, reverse=True):
        if lower is not None and not _may_occur(phrase, lower):
            continue
        pattern = _phrase_pattern(phrase)
        matches = list(pattern.finditer(masked))
        if matches:
            found += [(phrase, m.start()) for m in matches]
            masked = pattern.sub(lambda m: "#" * len(m.group(0)), masked)
    return found


@functools.lru_cache(maxsize=4096)
def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    return re.compile(
        r"(?<![\w-])" + re.escape(phrase).replace(r"\ ", r"\s+") + r"(?:s|es)?(?![\w-])", re.I
    )


def _may_occur(phrase: str, lower_ascii_text: str) -> bool:
    """False only where the phrase's pattern cannot match: every word of an ASCII phrase must be
    in the (ASCII, lowercased) text. Checking costs far less than the pattern's two scans, and
    a phrase that does not occur neither is found nor masks anything."""
    if not phrase.isascii():
        return True
    return all(word in lower_ascii_text for word in phrase.lower().split(" "))


def _undeclared_terms(library: ClauseLibrary, clause: Clause, text: str) -> list[Finding]:
    placement = library.clauses[clause.frame_id].placement
    if placement is not None and placement.amend is not None:
        return []  # text set into an existing act speaks that act's defined terms
    frame = library.clauses[clause.frame_id]
    declared = {t.phrase.lower() for t in library.terms.closure([*frame.uses, *clause.uses])}
    by_phrase = {p: t for p, t in library.terms.by_phrase().items() if not t.local}
    findings = []
    reported: set[str] = set()
    for phrase, pos in _phrases_in(text, by_phrase):
        if phrase not in declared and phrase not in reported:
            reported.add(phrase)
            findings.append(
                Finding(
                    "error",
                    _line_in(clause, text, pos),
                    f'clause "{clause.id}" uses the defined term "{phrase}" without declaring it '
                    f"(add {by_phrase[phrase].id} to uses)",
                )
            )
    return findings


def lint_terms(terms: TermLibrary) -> list[Finding]:
    """A definition that uses another defined term must list it under its own uses."""
    findings = []
    phrases = {p: t for p, t in terms.by_phrase().items() if not t.local}
    for term in terms.terms.values():
        declared = {t.phrase.lower() for t in terms.closure([term.id])}
        for phrase, _ in _phrases_in(term.definition, phrases):
            if phrase not in declared:
                findings.append(
                    Finding(
                        "error",
                        f"{term.loc.file}:{term.definition_line}",
                        f'the definition of "{term.phrase}" uses "{phrase}" without listing '
                        f"{phrases[phrase].id} under uses",
                    )
                )
    return findings


# --- bill checks --------------------------------------------------------------------------------


def _clause_where(library: ClauseLibrary, section: BillSection) -> str:
    if section.clause_ids:
        clause = library.clauses[section.clause_ids[0]]
        return f"{clause.loc.file}:{clause.loc.line}"
    return section.label


def lint_bill(bill: Bill, state: State, library: ClauseLibrary, suffix: str) -> list[Finding]:
    """`suffix` is what every catchline ends with in this state's style (".--")."""
    findings: list[Finding] = []
    # each unit's text, joined once: every check below reads it
    texts = [["".join(r.text for r in u.runs) for u in s.units] for s in bill.sections]
    for section, units in zip(bill.sections, texts, strict=True):
        where = _clause_where(library, section)
        text = "\n".join(units)
        if section.catchline and suffix and not section.catchline.endswith(suffix):
            findings.append(
                Finding("error", where, f'{section.label} catchline does not end "{suffix}"')
            )
        findings += _references(section, text, len(bill.sections), where)
        findings += _sums(section, text, where)
        findings += _units(section, units, where)
    findings += _abolished(bill, texts, state, library)
    findings += _defined_twice(bill, texts)
    return findings


def _references(section: BillSection, text: str, count: int, where: str) -> list[Finding]:
    labels = {u.label.rstrip(".").strip("()") for u in section.units if u.label}
    out = []
    if section.kind != "amend" and "of this section" in text:
        for match in LOCAL_REF.finditer(text):
            if match.group(2).strip("()") not in labels:
                out.append(
                    Finding(
                        "error",
                        where,
                        f"{section.label} refers to {match.group(0)!r}, which it does not have",
                    )
                )
    for match in ACT_REF.finditer(text) if "of this act" in text else ():
        last = int(match.group(2) or match.group(1))
        if last > count:
            out.append(
                Finding("error", where, f"{section.label} refers to {match.group(0)!r} of {count}")
            )
    return out


def _sums(section: BillSection, text: str, where: str) -> list[Finding]:
    # a case-blind scan of every section is slow: ASCII text without the words cannot match
    lower = text.lower() if text.isascii() else None
    if (lower is None or "sums" in lower) and UNSTATED_SUM.search(text):
        return [Finding("error", where, f"{section.label} appropriates no stated sum")]
    if (lower is not None and "appropriated" not in lower) or not APPROPRIATES.search(text):
        return []
    if not re.search(r"\$\d", text):
        return [Finding("error", where, f"{section.label} appropriates without a sum in figures")]
    if not re.search(r"fiscal year \d{4}", text):
        return [Finding("error", where, f"{section.label} appropriates without a fiscal year")]
    return []


def _units(section: BillSection, texts: list[str], where: str) -> list[Finding]:
    """A unit that opens a list ends with a colon or a dash; a list item ends with ';', '; and',
    '; or', ':' or '.' (warnings: the counsel's eye, not a rule of law)."""
    out = []
    units = section.units
    for i, unit in enumerate(units):
        text = texts[i].rstrip('" ')
        if "<<" in text:
            continue  # a placeholder the drafter replaces
        deeper = i + 1 < len(units) and units[i + 1].depth > unit.depth
        if deeper and not text.endswith((":", "--", "—")) and unit.depth:
            out.append(
                Finding("warning", where, f"{section.label} {unit.label} opens a list without ':'")
            )
        if not text.endswith((";", "; and", "; or", ":", ".", "--", "]")):
            out.append(
                Finding("warning", where, f"{section.label} {unit.label} ends without punctuation")
            )
    return out


def _abolished(
    bill: Bill, texts: list[list[str]], state: State, library: ClauseLibrary
) -> list[Finding]:
    vocab = state.vocabulary
    if vocab is None or not vocab.abolished:
        return []
    lowered = [("\n".join(t) + s.intro).lower() for s, t in zip(bill.sections, texts, strict=True)]
    out = []
    for body in vocab.abolished:
        for section, lower in zip(bill.sections, lowered, strict=True):
            if body.name.lower() in lower:
                instead = f" (replaced by {body.replaced_by})" if body.replaced_by else ""
                out.append(
                    Finding(
                        "error",
                        _clause_where(library, section),
                        f"{section.label} names {body.name}, which {body.loc} marks abolished"
                        + instead,
                    )
                )
    return out


def _defined_twice(bill: Bill, texts: list[list[str]]) -> list[Finding]:
    seen: dict[str, tuple[str, str]] = {}
    out = []
    for section, units in zip(bill.sections, texts, strict=True):
        for text in units:
            if not text.startswith('"'):
                continue  # a definition opens with its quoted phrase
            match = re.match(r'"([^"]+)" (means|includes) (.*)', text)
            if not match:
                continue
            phrase, body = match.group(1).lower(), re.sub(r"(; and|; or|;|\.)$", "", match.group(3))
            if phrase in seen and seen[phrase][1] != body:
                out.append(
                    Finding(
                        "error",
                        section.label,
                        f'"{phrase}" is defined differently in {seen[phrase][0]} and here',
                    )
                )
            seen.setdefault(phrase, (section.label, body))
    return out


def lint_state(state: State) -> list[Finding]:
    """A state's names must not point at a body its vocabulary marks abolished."""
    vocab = state.vocabulary
    if vocab is None:
        return []
    out = []
    for key, value in state.names.items():
        for body in vocab.abolished:
            if body.name.lower() == value.lower():
                out.append(
                    Finding(
                        "error",
                        str(state.loc.file),
                        f'names.{key} is "{value}", which {body.loc} marks abolished',
                    )
                )
    return out


def catchline_suffix(catchline_formula: str) -> str:
    """'{catchline}.--' -> '.--' (what the style puts after every catchline)."""
    tail = catchline_formula.split("{catchline}")[-1]
    return tail if "{" not in tail else ""


def errors(findings: Sequence[Finding]) -> list[Finding]:
    return [f for f in findings if f.level == "error"]


def check_bill(bill: Bill, state: State, library: ClauseLibrary) -> list[Finding]:
    """Everything `draft --check` reports for one drafted bill: its clauses' and terms' files,
    the state's names, and the bill as drafted."""
    style = state.bill_style
    suffix = catchline_suffix(style.catchline) if style is not None else ""
    used = [c for s in bill.sections for c in s.clause_ids]
    return (
        lint_library(library, used)
        + lint_terms(library.terms)
        + lint_state(state)
        + lint_bill(bill, state, library, suffix)
    )
