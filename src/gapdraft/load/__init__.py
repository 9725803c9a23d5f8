"""Reading the workspace: YAML with a line for every key (`yamlnodes`), checked readers that
report file:line problems (`checked`, `keys`), and the loaders for frameworks, states (with
their bill style and legal vocabulary), clauses and defined terms; `workspace` finds the folder,
`cache` keeps what was parsed. Produces `gapdraft.model` objects.

May import: `gapdraft.model`, `errors`, `scoring` (for formatting figures), and
`drafting.templates` only to check a clause's template syntax when it is loaded.
"""
