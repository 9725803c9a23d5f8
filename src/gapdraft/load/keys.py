"""Which keys each mapping of a workspace file may have, and of what kind: one table that the
loader reads with (`MapReader` refuses a key its table does not declare) and that the JSON Schemas
are generated from (`gapdraft.load.schemas`), so the two cannot drift apart.

Kinds: `text` (a string or number, read as text), `number` (not negative), `integer`, `flag`
(true/false), `status` (official/derived/assumed/unverified), `choice` (one of `values`),
`object` (a mapping with a fixed table of keys: `spec`), `list` (of `spec` items, or of text),
`dict` (free keys, such as goal ids, each value `spec`, or text/number). A key that is required
only in some cases (a clause's `text`) is declared optional here and checked by the reader.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gapdraft.model import STATUSES

NEW_MARKUPS = ("underline", "bold", "italic", "none")
DELETED_MARKUPS = ("bracket-strike", "bracket", "strike")
ALIGNMENTS = ("center", "left", "right")
REFERENCE_ORDERS = ("innermost-first", "outermost-first")
REFERENCE_LABELS = ("each", "compact")


@dataclass(frozen=True)
class Key:
    kind: str
    required: bool = False
    spec: Spec | str | None = None  # object/list/dict: a Spec, or "text"/"number" items
    values: tuple[str, ...] = ()  # choice
    non_empty: bool = True  # list: at least one item when given
    empty_values: bool = False  # dict: a key with no value is allowed (a goal not coded yet)


@dataclass(frozen=True)
class Spec:
    name: str  # the schema definition's name
    what: str  # how errors name it ("a state file")
    keys: dict[str, Key] = field(default_factory=dict)

    def kinds(self) -> dict[str, str]:
        return {k: v.kind for k, v in self.keys.items()}


def _t(required: bool = False) -> Key:
    return Key("text", required)


def _n(required: bool = False) -> Key:
    return Key("number", required)


def _flag(required: bool = False) -> Key:
    return Key("flag", required)


def _status(required: bool = True) -> Key:
    return Key("status", required, values=STATUSES)


def _obj(spec: Spec, required: bool = False) -> Key:
    return Key("object", required, spec)


def _list(spec: Spec | str, required: bool = False, non_empty: bool = True) -> Key:
    return Key("list", required, spec, non_empty=non_empty)


def _dict(spec: Spec | str, required: bool = False) -> Key:
    return Key("dict", required, spec)


# --- shared ------------------------------------------------------------------------------------

SOURCE = Spec(
    "source",
    "a source",
    {"title": _t(True), "url": _t(), "status": _status(False), "document": _t()},
)

# --- framework files (policy_goals/<id>.yaml) --------------------------------------------------

SCORING = Spec("scoring", "scoring", {"partial_credit": _flag(True), "ungraded_at_zero": _flag()})
GRADE_BAND = Spec("grade_band", "a grade band", {"grade": _t(True), "min": _n(True)})
GRADE_SCALE = Spec(
    "grade_scale",
    "grade_scale",
    {"status": _status(), "note": _t(), "bands": _list(GRADE_BAND, True)},
)
LEVEL = Spec("level", "a level", {"id": _t(True), "points": _n(True), "criterion": _t(True)})
GOAL = Spec(
    "goal",
    "a goal",
    {
        "id": _t(True),
        "title": _t(True),
        "wording": _status(),
        "criterion": _t(True),
        "note": _t(),
        "levels": _list(LEVEL, True),
    },
)
ISSUE = Spec(
    "issue",
    "an issue",
    {
        "id": _t(True),
        "title": _t(True),
        "max_points": _n(True),
        "status": _status(),
        "goals": _list(GOAL, True),
    },
)
EXTRA_CATEGORY = Spec(
    "extra_credit_category",
    "an extra-credit category",
    {
        "id": _t(True),
        "title": _t(True),
        "max_points": _n(True),
        "max_status": _status(),
        "note": _t(),
    },
)
EXTRA_CREDIT = Spec(
    "extra_credit",
    "extra_credit",
    {
        "status": _status(),
        "counts_toward_total": _flag(True),
        "note": _t(),
        "categories": _list(EXTRA_CATEGORY, True),
    },
)
FRAMEWORK = Spec(
    "framework",
    "a framework file",
    {
        "id": _t(True),
        "title": _t(True),
        "short_title": _t(True),
        "publisher": _t(True),
        "edition": _t(True),
        "sources": _list(SOURCE, True),
        "scoring": _obj(SCORING, True),
        "grade_scale": _obj(GRADE_SCALE, True),
        "issues": _list(ISSUE, True),
        "extra_credit": _obj(EXTRA_CREDIT),
    },
)

# --- state files (samples/<slug>.yaml) ---------------------------------------------------------

MEMO = Spec("memo", "memo", {"to": _t(), "from": _t()})
FONT = Spec("font", "font", {"name": _t(True), "size": _n(True)})
MARKUP = Spec(
    "markup",
    "markup",
    {
        "new": Key("choice", True, values=NEW_MARKUPS),
        "deleted": Key("choice", True, values=DELETED_MARKUPS),
        "new_sections": _flag(True),
    },
)
CROSS_REFERENCE = Spec(
    "cross_reference",
    "cross_reference",
    {
        "names": _list("text"),
        "order": Key("choice", values=REFERENCE_ORDERS),
        "join": _t(),
        "labels": Key("choice", values=REFERENCE_LABELS),
        "text": _t(),
    },
)
FRAME_TEXT = Spec("frame_text", "a frame section", {"catchline": _t(True), "text": _t(True)})
FRAME_TITLE = Spec(
    "frame_title",
    "frame title",
    {
        "amending": _t(True),
        "repealing": _t(),
        "penalties": _t(True),
        "appropriation": _t(True),
    },
)
FRAME = Spec(
    "frame",
    "frame",
    {
        "effective_date": _t(True),
        "title_max": Key("integer"),
        "applicability": _obj(FRAME_TEXT),
        "severability": _obj(FRAME_TEXT),
        "effective": _obj(FRAME_TEXT),
        "repeal": _obj(FRAME_TEXT),
        "title": _obj(FRAME_TITLE, True),
    },
)
BILL_STYLE = Spec(
    "bill_style",
    "bill_style",
    {
        "heading": _list("text", True),
        "heading_align": Key("choice", values=ALIGNMENTS),
        "number": _t(),
        "sponsor": _t(True),
        "act_line": _t(),
        "title": _t(True),
        "subject": _t(True),
        "title_upper": _flag(),
        "enacting_clause": _t(True),
        "section_label": _t(True),
        "new_section": _t(True),
        "amend_section": _t(True),
        "uncodified_section": _t(),
        "new_material_tag": _t(),
        "catchline": _t(True),
        "uncodified_catchline": _t(),
        "catchline_upper": _flag(),
        "units": _list("text", True),
        "cross_reference": _obj(CROSS_REFERENCE),
        "quote_sections": _flag(),
        "markup": _obj(MARKUP, True),
        "legend": _list("text", non_empty=False),
        "footer": _t(),
        "line_numbers": _flag(True),
        "lines_per_page": Key("integer"),
        "font": _obj(FONT, True),
        "author": _t(),
        "definitions": Key("choice", values=("location", "act")),
        "frame": _obj(FRAME),
    },
)
LOCATION = Spec(
    "location",
    "a location",
    {
        "label": _t(True),
        "order": _t(True),
        "status": _status(),
        "uncodified": _flag(),
        "code_name": _t(),
        "next_section": _t(),
    },
)
STATE_AMENDMENT = Spec(
    "state_amendment",
    "an amendment",
    {"clause": _t(True), "find": _t(), "after": _t(), "replace": _t(), "unneeded": _t()},
)
SECTION = Spec(
    "section",
    "a section",
    {
        "cite": _t(True),
        "history": _t(),
        "catchline": _t(),
        "status": _status(),
        "text": _t(),
        "complete": _flag(),
        "source": _t(),
        "note": _t(),
        "amendments": _list(STATE_AMENDMENT, non_empty=False),
        "code_name": _t(),
    },
)
APPROPRIATION = Spec(
    "appropriation",
    "appropriation",
    {
        "amount": _t(True),
        "amount_words": _t(True),
        "fund": _t(True),
        "fiscal_year": _t(True),
        "reversion": _flag(),
        "status": _status(),
        "note": _t(True),
    },
)
ABOLISHED = Spec(
    "abolished_body",
    "an abolished body",
    {"name": _t(True), "replaced_by": _t(), "status": _status(), "note": _t()},
)
VOCABULARY = Spec(
    "vocabulary",
    "vocabulary",
    {
        "status": _status(),
        "penalties": _dict("text", True),
        "courts": _dict("text", True),
        "officers": _dict("text", True),
        "offenses": _dict("text"),
        "youth": _dict("text", True),
        "appropriation": _obj(APPROPRIATION, True),
        "abolished": _list(ABOLISHED, non_empty=False),
    },
)
CITATION = Spec(
    "citation",
    "a citation",
    {"cite": _t(True), "title": _t(), "url": _t(), "verified": _flag(True)},
)
GOAL_CODING = Spec(
    "goal_coding",
    "the coding of a goal",
    {
        "level": _t(),
        "points": _n(),
        "status": _status(),
        "estimate": _flag(),
        "note": _t(),
        "citations": _list(CITATION, True, non_empty=False),
    },
)
EXTRA_CODING = Spec(
    "extra_credit_coding",
    "extra credit",
    {"points": _n(True), "status": _status(), "note": _t()},
)
CODING = Spec(
    "coding",
    "the coding of a framework",
    {
        "coder": _t(True),
        "reviewed": _t(True),
        "basis": _t(True),
        "goals": Key("dict", True, GOAL_CODING, empty_values=True),
        "extra_credit": _dict(EXTRA_CODING),
    },
)
PUBLISHED = Spec(
    "published",
    "the published results",
    {
        "total": _n(True),
        "grade": _t(),
        "tier": _t(),
        "rank": Key("integer"),
        "issues": _dict("number"),
        "extra_credit": _dict("number"),
        "source": _obj(SOURCE, True),
    },
)
STATE = Spec(
    "state",
    "a state file",
    {
        "slug": _t(True),
        "name": _t(True),
        "postal": _t(True),
        "code_name": _t(True),
        "names": _dict("text"),
        "memo": _obj(MEMO),
        "bill_style": _obj(BILL_STYLE),
        "locations": _dict(LOCATION),
        "sections": _dict(SECTION),
        "vocabulary": _obj(VOCABULARY),
        "codings": Key("dict", True, CODING),
        "published": _dict(PUBLISHED),
    },
)

# --- clause files (clauses/<id>.yaml) ----------------------------------------------------------

PLACEMENT = Spec("placement", "placement", {"location": _t(), "amend": _t()})
AMENDS = Spec(
    "amends",
    "an amends entry",
    {"section": _t(True), "change": _t(True), "describe": _t()},
)
SATISFIES = Spec(
    "satisfies",
    "a satisfies entry",
    {"framework": _t(True), "goal": _t(True), "level": _t(True)},
)
CLAUSE = Spec(
    "clause",
    "a clause file",
    {
        "id": _t(True),
        "kind": Key("choice", values=("clause", "section", "part")),
        "title": _t(),
        "satisfies": _list(SATISFIES),
        "effort": Key("integer"),
        "choice": _t(),
        "needs": _list("text", non_empty=False),
        "catchline": _t(),
        "title_phrase": _t(),
        "title_group": _t(),
        "criminal": _flag(),
        "touches": _list("text", non_empty=False),
        "placement": _obj(PLACEMENT),
        "section": _t(),
        "order": Key("integer"),
        "core": _list("text", non_empty=False),
        "replaces": _list("text", non_empty=False),
        "uses": _list("text", non_empty=False),
        "amends": _list(AMENDS, non_empty=False),
        "text": _t(),
        "note": _t(True),
        "summary": _t(),
    },
)

# --- term files (clauses/terms/<name>.yaml) ------------------------------------------------------

TERM = Spec(
    "term",
    "a term",
    {
        "term": _t(True),
        "definition": _t(True),
        "uses": _list("text", non_empty=False),
        "local": _flag(),
    },
)
TERMS = Spec("terms", "a term file", {"terms": Key("dict", True, TERM)})

# term files are read with TERMS; they are not (yet) a schema kind of their own
ROOTS: dict[str, Spec] = {"framework": FRAMEWORK, "state": STATE, "clause": CLAUSE}


def all_specs() -> list[Spec]:
    """Every table reachable from the three file kinds, each once."""
    seen: dict[str, Spec] = {}

    def walk(spec: Spec) -> None:
        if spec.name in seen:
            return
        seen[spec.name] = spec
        for key in spec.keys.values():
            if isinstance(key.spec, Spec):
                walk(key.spec)

    for root in ROOTS.values():
        walk(root)
    return list(seen.values())
