"""What kvtrack prints for people: tables, details, timelines, the scorecard and check reports.

Every renderer here makes plain lines for a `Screen` (a width, or none off a terminal, and whether
to colour), all through one layout (`layout`): text measured in terminal cells, wrapped with a
hanging indent, cut only where the layout says so. Colour is added last, to whole cells, so the
lines are the same with and without `NO_COLOR`. File text goes through `core.safe_text.visible`
before it is laid out, so a register cannot steer the reader's terminal.
"""
