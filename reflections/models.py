# Exercises, cohorts, assignments and reflections arrive with their own issue.
