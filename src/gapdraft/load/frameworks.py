"""Load and check scorecard frameworks (rubric, goals, levels, grade scale) from YAML.

Every check names the file and line; the first problem found stops the load.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from gapdraft.errors import DataError
from gapdraft.load import keys
from gapdraft.load.checked import MapReader, check_unique, read_source, sub
from gapdraft.load.yamlnodes import load_yaml
from gapdraft.model import (
    ExtraCredit,
    ExtraCreditCategory,
    Framework,
    Goal,
    GradeBand,
    GradeScale,
    Issue,
    Level,
)

# --- frameworks -------------------------------------------------------------------------------


def load_framework(file: Path) -> Framework:
    root = MapReader(file, load_yaml(file), "a framework file", 1, keys.FRAMEWORK)
    framework_id = root.req_text("id")
    if framework_id != file.stem:
        raise root.error("id", f'id "{framework_id}" must match the file name "{file.stem}"')
    sources_node = root.items("sources")
    sources = tuple(
        read_source(root, node, line)
        for node, line in zip(sources_node, sources_node.item_lines, strict=True)
    )
    scoring = sub(root, root.mapping("scoring"), "scoring", root.line_of("scoring"), keys.SCORING)
    partial_credit = scoring.flag("partial_credit")
    ungraded_at_zero = scoring.flag("ungraded_at_zero", default=False)
    scoring.done()
    grade_scale = _read_grade_scale(root)
    issues = _read_issues(root)
    extra_credit = _read_extra_credit(root)
    framework = Framework(
        id=framework_id,
        title=root.req_text("title"),
        short_title=root.req_text("short_title"),
        publisher=root.req_text("publisher"),
        edition=root.req_text("edition"),
        sources=sources,
        partial_credit=partial_credit,
        ungraded_at_zero=ungraded_at_zero,
        grade_scale=grade_scale,
        issues=issues,
        extra_credit=extra_credit,
        loc=root.loc,
    )
    root.done()
    goal_ids = [(g.id, g.loc.line) for g in framework.goals]
    check_unique(root, "goal", goal_ids)
    return framework


def _read_grade_scale(root: MapReader) -> GradeScale:
    r = sub(
        root,
        root.mapping("grade_scale"),
        "grade_scale",
        root.line_of("grade_scale"),
        keys.GRADE_SCALE,
    )
    bands_node = r.items("bands")
    bands: list[GradeBand] = []
    for node, line in zip(bands_node, bands_node.item_lines, strict=True):
        b = sub(r, node, "a grade band", line, keys.GRADE_BAND)
        band = GradeBand(grade=b.req_text("grade"), min=b.req_number("min"))
        b.done()
        if bands and band.min >= bands[-1].min:
            raise DataError(r.file, line, "grade bands must be listed highest first")
        bands.append(band)
    if bands[-1].min != 0:
        raise DataError(r.file, bands_node.item_lines[-1], "the lowest grade band must start at 0")
    check_unique(
        r, "grade", [(b.grade, ln) for b, ln in zip(bands, bands_node.item_lines, strict=True)]
    )
    scale = GradeScale(
        status=r.status(), note=r.text("note", required=False) or "", bands=tuple(bands)
    )
    r.done()
    return scale


def _read_issues(root: MapReader) -> tuple[Issue, ...]:
    issues_node = root.items("issues")
    issues: list[Issue] = []
    for node, line in zip(issues_node, issues_node.item_lines, strict=True):
        r = sub(root, node, "an issue", line, keys.ISSUE)
        issue_id = r.req_text("id")
        goals_node = r.items("goals")
        goals = tuple(
            _read_goal(r, issue_id, g, gl)
            for g, gl in zip(goals_node, goals_node.item_lines, strict=True)
        )
        issue = Issue(
            id=issue_id,
            title=r.req_text("title"),
            max_points=r.req_number("max_points"),
            status=r.status(),
            goals=goals,
        )
        r.done()
        goal_sum = sum((g.max_points for g in goals), Decimal(0))
        if goal_sum != issue.max_points:
            raise r.error(
                "max_points",
                f'issue "{issue_id}" max_points {issue.max_points} does not equal the sum of its '
                f"goals' maxima ({goal_sum})",
            )
        issues.append(issue)
    check_unique(
        root, "issue", [(i.id, ln) for i, ln in zip(issues, issues_node.item_lines, strict=True)]
    )
    return tuple(issues)


def _read_goal(issue: MapReader, issue_id: str, node: object, line: int) -> Goal:
    r = sub(issue, node, "a goal", line, keys.GOAL)
    levels_node = r.items("levels")
    levels: list[Level] = []
    for lnode, lline in zip(levels_node, levels_node.item_lines, strict=True):
        lr = sub(r, lnode, "a level", lline, keys.LEVEL)
        level = Level(
            id=lr.req_text("id"), points=lr.req_number("points"), criterion=lr.req_text("criterion")
        )
        lr.done()
        if levels and level.points <= levels[-1].points:
            raise DataError(r.file, lline, "levels must be listed in ascending points")
        levels.append(level)
    check_unique(
        r, "level", [(lv.id, ln) for lv, ln in zip(levels, levels_node.item_lines, strict=True)]
    )
    goal = Goal(
        id=r.req_text("id"),
        issue_id=issue_id,
        title=r.req_text("title"),
        wording=r.status("wording"),
        criterion=r.req_text("criterion"),
        note=r.text("note", required=False),
        levels=tuple(levels),
        loc=r.loc,
    )
    r.done()
    return goal


def _read_extra_credit(root: MapReader) -> ExtraCredit | None:
    node = root.mapping("extra_credit", required=False)
    if node is None:
        return None
    r = sub(root, node, "extra_credit", root.line_of("extra_credit"), keys.EXTRA_CREDIT)
    cats_node = r.items("categories")
    categories: list[ExtraCreditCategory] = []
    for cnode, cline in zip(cats_node, cats_node.item_lines, strict=True):
        c = sub(r, cnode, "an extra-credit category", cline, keys.EXTRA_CATEGORY)
        categories.append(
            ExtraCreditCategory(
                id=c.req_text("id"),
                title=c.req_text("title"),
                max_points=c.req_number("max_points"),
                max_status=c.status("max_status"),
                note=c.text("note", required=False),
            )
        )
        c.done()
    check_unique(
        r,
        "extra-credit category",
        [(c.id, ln) for c, ln in zip(categories, cats_node.item_lines, strict=True)],
    )
    extra = ExtraCredit(
        status=r.status(),
        counts_toward_total=r.flag("counts_toward_total"),
        note=r.text("note", required=False),
        categories=tuple(categories),
    )
    r.done()
    return extra
