"""Renderers: turn core results into text and files. Terminal tables (`textable`, `terminal`,
`clause_plan_views`, `compare_views`), the JSON/CSV/Markdown views (`data_views`), the bill and
the memo as Markdown (`bill_md`, `memo_md`) and Word (`bill_docx`, `memo_docx`, with
`bill_styles`, `memo_styles`, `ooxml`, `docx_chart`, `xlsx_sheet`), and LibreOffice for PDF
(`office`).

May import the core (`model`, `scoring`, `figures`, `planning`, `drafting`); never `cli`.
Nothing in the core imports a renderer.
"""
