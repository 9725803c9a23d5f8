"""Planning, pure: the unmet goals of a state ranked by points (`gaps`), what-if scoring and
which goals clauses raise (`whatif`, the one place for both), clauses ranked by combined gain
and the fewest clauses that reach a grade (`clause_plans`), over the exact `solver`.

May import: `load` (the clause library), `model`, `scoring`, `errors`; never `drafting`,
`render` or `cli`.
"""
