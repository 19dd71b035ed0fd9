"""`framing check`: a newsroom's editorial-style policy enforced on its drafts, for CI.

The flow: files (`files`: which ones, from the policy's globs) -> prose with true offsets
(`markup`: Markdown and HTML masked, code and comments left out) -> the analyzer's findings ->
the policy (`policy`: re-graded, allowed terms, thresholds) -> suppressions (`suppress`: inline
comments) -> the baseline (`baseline`) -> a CheckReport (framing.report) for the formats in
framing.render, and an exit status. `run.check` is the whole of it; `fix` applies safe fixes.
"""
