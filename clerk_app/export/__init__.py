"""Documents written from plain snapshots of the record."""
