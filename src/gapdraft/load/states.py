"""Load and check coded states (goal codings, published results, bill style) from YAML.

Every check names the file and line; the first problem found stops the load.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType
from typing import Any

from gapdraft.errors import DataError, did_you_mean
from gapdraft.load import keys
from gapdraft.load.checked import MapReader, Problems, read_source, sub
from gapdraft.load.yamlnodes import YMap, load_yaml
from gapdraft.model import (
    Amendment,
    Citation,
    ExtraCreditCoding,
    Framework,
    FrameworkCoding,
    Goal,
    GoalCoding,
    Location,
    Published,
    State,
    StatuteSection,
)

# --- states -----------------------------------------------------------------------------------


def load_state(file: Path, frameworks: dict[str, Framework]) -> State:
    """Read one state file; every problem found is reported (FileProblems), not just the first.
    Goals with no coding yet are allowed and kept in each FrameworkCoding's `uncoded`."""
    root = MapReader(file, load_yaml(file), "a state file", 1, keys.STATE)
    problems = Problems()
    parts: dict[str, object] = {}
    with problems.collect():
        slug = root.req_text("slug")
        if slug != file.stem:
            raise root.error("slug", f'slug "{slug}" must match the file name "{file.stem}"')
    for key in ("name", "postal", "code_name"):
        with problems.collect():
            parts[key] = root.req_text(key)
    parts["names"] = _read_names(root, problems)
    with problems.collect():
        parts["memo_to"], parts["memo_from"] = _read_memo(root)
    with problems.collect():
        parts["bill_style"] = _read_style(root)
    with problems.collect():
        parts["vocabulary"] = _read_vocabulary(root)
    parts["locations"] = _read_each(root, "locations", problems, _read_location)
    parts["sections"] = _read_each(root, "sections", problems, _read_section)
    parts["codings"] = _read_framework_entries(
        root, "codings", frameworks, problems, _read_coding, required=True
    )
    parts["published"] = _read_framework_entries(
        root, "published", frameworks, problems, _read_published, required=False
    )
    with problems.collect():
        root.done()
    problems.check()
    frozen = {k: MappingProxyType(v) if isinstance(v, dict) else v for k, v in parts.items()}
    return State(slug=slug, loc=root.loc, **frozen)  # type: ignore[arg-type]


def _mapping_or_empty(
    root: MapReader, key: str, problems: Problems, required: bool = False
) -> YMap:
    """The mapping under `key`; empty when it is absent or broken (the problem is collected, so
    the rest of the file is still checked)."""
    node = YMap()
    with problems.collect():
        node = root.mapping(key, required=required) or YMap()
    return node


def _read_each(
    root: MapReader, key: str, problems: Problems, read_one: Callable[..., Any]
) -> dict[str, Any]:
    """`locations:` or `sections:`: one entry per key, each checked on its own."""
    node = _mapping_or_empty(root, key, problems)
    entries: dict[str, Any] = {}
    for name, value in node.items():
        with problems.collect():
            entries[name] = read_one(root, name, value, node.key_lines[name])
    return entries


def _read_names(root: MapReader, problems: Problems) -> dict[str, str]:
    names_node = _mapping_or_empty(root, "names", problems)
    names: dict[str, str] = {}
    for key, value in names_node.items():
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            line = names_node.key_lines[key]
            problems.errors.append(DataError(root.file, line, f'name "{key}" must be text'))
            continue
        names[key] = str(value)
    return names


def _read_memo(root: MapReader) -> tuple[str | None, str | None]:
    memo_node = root.mapping("memo", required=False)
    if memo_node is None:
        return None, None
    m = sub(root, memo_node, "memo", root.line_of("memo"), keys.MEMO)
    memo_to, memo_from = m.text("to", required=False), m.text("from", required=False)
    m.done()
    return memo_to, memo_from


def _read_style(root: MapReader) -> object | None:
    style_node = root.mapping("bill_style", required=False)
    if style_node is None:
        return None
    from gapdraft.load.billstyle import read_bill_style  # only states with a style need it

    return read_bill_style(
        sub(root, style_node, "bill_style", root.line_of("bill_style"), keys.BILL_STYLE)
    )


def _read_vocabulary(root: MapReader) -> object | None:
    vocab_node = root.mapping("vocabulary", required=False)
    if vocab_node is None:
        return None
    from gapdraft.load.vocabulary import read_vocabulary

    return read_vocabulary(
        sub(root, vocab_node, "vocabulary", root.line_of("vocabulary"), keys.VOCABULARY)
    )


def _read_framework_entries(
    root: MapReader,
    key: str,
    frameworks: dict[str, Framework],
    problems: Problems,
    read: Callable[..., Any],
    required: bool,
) -> dict[str, Any]:
    """`codings:` or `published:`: one entry per framework id, each read on its own."""
    node = _mapping_or_empty(root, key, problems, required)
    entries: dict[str, Any] = {}
    for framework_id, value in node.items():
        line = node.key_lines[framework_id]
        with problems.collect():
            framework = frameworks.get(framework_id)
            if framework is None:
                raise DataError(
                    root.file,
                    line,
                    f'unknown framework "{framework_id}"' + did_you_mean(framework_id, frameworks),
                )
            entries[framework_id] = read(root, framework, value, line)
    return entries


def _read_coding(root: MapReader, framework: Framework, node: object, line: int) -> FrameworkCoding:
    r = sub(root, node, f'the coding for "{framework.id}"', line, keys.CODING)
    problems = Problems()
    goals_node = r.mapping("goals")
    goals: dict[str, GoalCoding] = {}
    uncoded: list[tuple[str, int]] = []
    known = {g.id: g for g in framework.goals}
    for goal_id, gnode in goals_node.items():
        gline = goals_node.key_lines[goal_id]
        with problems.collect():
            goal = known.get(goal_id)
            if goal is None:
                raise DataError(
                    r.file,
                    gline,
                    f'unknown goal "{goal_id}" in {framework.id}' + did_you_mean(goal_id, known),
                )
            if gnode is None:  # listed, not coded yet (as `gapdraft new-state` writes it)
                uncoded.append((goal_id, gline))
            else:
                goals[goal_id] = _read_goal_coding(r, framework, goal, gnode, gline)
    listed = set(goals_node)
    uncoded += [(g.id, r.line_of("goals")) for g in framework.goals if g.id not in listed]
    extra: dict[str, ExtraCreditCoding] = {}
    with problems.collect():
        extra = _read_extra_codings(r, framework, problems)
    about: dict[str, str] = {}
    for key in ("coder", "reviewed", "basis"):
        with problems.collect():
            about[key] = r.req_text(key)
    problems.pending += [uncoded_problem(r.file, framework, g, ln) for g, ln in uncoded]
    problems.check()  # before building: a missing coder leaves nothing to build with
    with problems.collect():
        coding = FrameworkCoding(
            framework_id=framework.id,
            **about,
            goals=MappingProxyType(goals),
            extra_credit=MappingProxyType(extra),
            loc=r.loc,
            uncoded=tuple(
                sorted(uncoded, key=lambda u: [g.id for g in framework.goals].index(u[0]))
            ),
        )
        r.done()
    problems.check()
    return coding


def uncoded_problem(file: Path, framework: Framework, goal_id: str, line: int) -> DataError:
    goal = framework.goal(goal_id)
    title = f" ({goal.title})" if goal else ""
    return DataError(file, line, f"{framework.id} goal {goal_id}{title}")


def _read_extra_codings(
    r: MapReader, framework: Framework, problems: Problems
) -> dict[str, ExtraCreditCoding]:
    extra: dict[str, ExtraCreditCoding] = {}
    extra_node = r.mapping("extra_credit", required=False)
    if extra_node is None:
        return extra
    if framework.extra_credit is None:
        raise r.error("extra_credit", f"{framework.id} has no extra credit")
    for cat_id, cnode in extra_node.items():
        cline = extra_node.key_lines[cat_id]
        with problems.collect():
            category = framework.extra_credit.category(cat_id)
            if category is None:
                raise DataError(
                    r.file,
                    cline,
                    f'unknown extra-credit category "{cat_id}"'
                    + did_you_mean(cat_id, [c.id for c in framework.extra_credit.categories]),
                )
            c = sub(r, cnode, f'extra credit "{cat_id}"', cline, keys.EXTRA_CODING)
            points = c.req_number("points")
            if points > category.max_points:
                raise c.error(
                    "points",
                    f"{points} points is above the category's maximum of {category.max_points}",
                )
            extra[cat_id] = ExtraCreditCoding(
                category_id=cat_id,
                points=points,
                status=c.status(),
                note=c.text("note", required=False),
                loc=c.loc,
            )
            c.done()
    return extra


def _read_citations(r: MapReader) -> list[Citation]:
    cites_node = r.items("citations", allow_empty=True)
    citations: list[Citation] = []
    for cnode, cline in zip(cites_node, cites_node.item_lines, strict=True):
        c = sub(r, cnode, "a citation", cline, keys.CITATION)
        citations.append(
            Citation(
                cite=c.req_text("cite"),
                title=c.text("title", required=False),
                url=c.text("url", required=False),
                verified=c.flag("verified"),
            )
        )
        c.done()
    return citations


def _read_goal_coding(
    parent: MapReader, framework: Framework, goal: Goal, node: object, line: int
) -> GoalCoding:
    r = sub(parent, node, f'the coding of goal "{goal.id}"', line, keys.GOAL_CODING)
    level_id = r.text("level", required=False)
    points = r.number("points", required=False)
    if (level_id is None) == (points is None):
        raise r.error(
            None, f'goal "{goal.id}": give either "level" or "points", not both or neither'
        )
    if level_id is not None:
        level = goal.level(level_id)
        if level is None:
            raise r.error(
                "level",
                f'unknown level "{level_id}" for goal "{goal.id}"'
                + did_you_mean(level_id, [lv.id for lv in goal.levels]),
            )
        points = level.points
    else:
        assert points is not None
        if points > goal.max_points:
            raise r.error(
                "points",
                f'{points} points is above goal "{goal.id}"\'s maximum of {goal.max_points}',
            )
        on_a_level = any(lv.points == points for lv in goal.levels) or points == 0
        if not framework.partial_credit and not on_a_level:
            raise r.error(
                "points",
                f"{framework.id} gives no partial credit: {points} is not the points of a level"
                f" of goal "
                f'"{goal.id}" ({", ".join(f"{lv.id} {lv.points}" for lv in goal.levels)})',
            )
    citations = _read_citations(r)
    note = r.text("note", required=False)
    if not citations and not note:
        raise r.error(
            "citations", f'goal "{goal.id}": no citation and no note saying why there is none'
        )
    coding = GoalCoding(
        goal_id=goal.id,
        level_id=level_id,
        points=points,
        status=r.status(),
        estimate=r.flag("estimate", default=False),
        note=note,
        citations=tuple(citations),
        loc=r.loc,
    )
    r.done()
    return coding


def _read_published(root: MapReader, framework: Framework, node: object, line: int) -> Published:
    r = sub(root, node, f'the published results for "{framework.id}"', line, keys.PUBLISHED)
    lines: dict[str, int] = {"total": r.line_of("total"), "grade": r.line_of("grade")}
    issues: dict[str, Decimal] = {}
    issues_node = r.mapping("issues", required=False)
    if issues_node is not None:
        for issue_id, value in issues_node.items():
            iline = issues_node.key_lines[issue_id]
            if framework.issue(issue_id) is None:
                raise DataError(
                    r.file,
                    iline,
                    f'unknown issue "{issue_id}" in {framework.id}'
                    + did_you_mean(issue_id, [i.id for i in framework.issues]),
                )
            if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
                raise DataError(r.file, iline, f'issue "{issue_id}" subtotal must be a number')
            issues[issue_id] = Decimal(value)
            lines[f"issues.{issue_id}"] = iline
    extra: dict[str, Decimal] = {}
    extra_node = r.mapping("extra_credit", required=False)
    if extra_node is not None:
        for cat_id, value in extra_node.items():
            cline = extra_node.key_lines[cat_id]
            if framework.extra_credit is None or framework.extra_credit.category(cat_id) is None:
                raise DataError(r.file, cline, f'unknown extra-credit category "{cat_id}"')
            if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
                raise DataError(r.file, cline, f'extra credit "{cat_id}" must be a number')
            extra[cat_id] = Decimal(value)
            lines[f"extra_credit.{cat_id}"] = cline
    grade = r.text("grade", required=False)
    if grade is not None and framework.grade_scale.min_for(grade) is None:
        raise r.error("grade", f'grade "{grade}" is not on {framework.id}\'s grade scale')
    published = Published(
        framework_id=framework.id,
        total=r.req_number("total"),
        grade=grade,
        tier=r.text("tier", required=False),
        rank=r.integer("rank"),
        issues=MappingProxyType(issues),
        extra_credit=MappingProxyType(extra),
        source=read_source(r, r.mapping("source"), r.line_of("source")),
        loc=r.loc,
        lines=MappingProxyType(lines),
    )
    r.done()
    return published


def _read_location(root: MapReader, key: str, value: object, line: int) -> Location:
    r = sub(root, value, f'location "{key}"', line, keys.LOCATION)
    location = Location(
        key=key,
        label=r.req_text("label"),
        order=r.req_text("order"),
        status=r.status(),
        uncodified=r.flag("uncodified", default=False),
        code_name=r.text("code_name", required=False),
        next_section=r.text("next_section", required=False),
    )
    r.done()
    return location


def _read_section(root: MapReader, key: str, value: object, line: int) -> StatuteSection:
    r = sub(root, value, f'section "{key}"', line, keys.SECTION)
    text = r.text("text", required=False) or ""
    amendments, unneeded = _read_amendments(r)
    section = StatuteSection(
        key=key,
        cite=r.req_text("cite"),
        history=r.text("history", required=False) or "",
        catchline=r.text("catchline", required=False) or "",
        status=r.status(),
        text=text,
        loc=r.loc,
        code_name=r.text("code_name", required=False),
        complete=r.flag("complete", default=bool(text)),
        source=r.text("source", required=False),
        amendments=MappingProxyType(amendments),
        unneeded=MappingProxyType(unneeded),
        note=r.text("note", required=False),
    )
    if section.complete and not text:
        raise r.error("complete", "complete: true needs the section's text")
    r.done()
    return section


def _read_amendments(r: MapReader) -> tuple[dict[str, tuple[Amendment, ...]], dict[str, str]]:
    """sections.<key>.amendments: [{clause, find, replace}, ...] in the order they apply, or
    {clause, unneeded: why} where the section already does what the clause asks (the clause
    then leaves it alone in this state)."""
    items = r.items("amendments", required=False, allow_empty=True)
    changes: dict[str, list[Amendment]] = {}
    unneeded: dict[str, str] = {}
    for item, line in zip(items, items.item_lines, strict=True):
        a = sub(r, item, "an amendment", line, keys.STATE_AMENDMENT)
        clause_id = a.req_text("clause")
        find, why = a.text("find", required=False), a.text("unneeded", required=False)
        after = a.text("after", required=False)
        if (find is None and after is None) == (why is None):
            raise a.error(
                None, 'an amendment needs "find" or "after" (with "replace"), or "unneeded"'
            )
        if why is not None:
            unneeded[clause_id] = why
        else:
            replace = a.text("replace", required=False) or ""
            changes.setdefault(clause_id, []).append(
                Amendment(find or "", replace, line, after or "")
            )
        a.done()
    both = set(changes) & set(unneeded)
    if both:
        raise r.error("amendments", f'clause "{sorted(both)[0]}" is both amended and unneeded')
    return {k: tuple(v) for k, v in changes.items()}, unneeded
