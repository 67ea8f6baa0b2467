"""Use cases: each action loads, validates with the rules, writes, commits, reports."""
