"""The crash harness: kill a recording process at random and check nothing is lost."""
