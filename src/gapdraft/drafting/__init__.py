"""Drafting, pure: which clauses to draft (`select`: the first N gaps, named goals, named
clauses or the fewest that reach a grade), the clause text rendered in the state's words
(`templates`, `clause_text`, `units`, `lettering`, `terms`, `amend`, `repeal`, `frame`,
`notes`), the bill assembled as plain data (`assemble` -> `bill.Bill`), checked (`lint`), and
the memo's content (`memo`, `memo_notes`). No files are written here.

May import: `load`, `planning`, `model`, `scoring`, `figures`, `errors`; never `render` or `cli`.
"""
