"""gapdraft: score a state's trafficking laws against published scorecards, rank the gaps, and
draft the model bill and consultation memo that would close them."""

__version__ = "0.1.0"
