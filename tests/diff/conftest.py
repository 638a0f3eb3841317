"""Fixtures of the diff tests: `bootstrapped` (tests/conftest.py), a database holding only the bootstrap
layer, is the template of every side."""
