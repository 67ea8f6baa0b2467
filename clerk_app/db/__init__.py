"""The record on disk: tables, engine set-up and migrations."""
