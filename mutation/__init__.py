"""Mutation testing of the core: ``.ci/mutation`` runs :mod:`mutation.run` (see docs/mutation.md)."""
