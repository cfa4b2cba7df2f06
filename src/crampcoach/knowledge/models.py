"""How the models of the knowledge's data are configured, in one place."""

from __future__ import annotations

from pydantic import ConfigDict

# Built on first validation (`defer_build`): a run that reads the knowledge back from its
# kept copy (knowledge/cache.py) never validates these, and building them all took a tenth
# of its start-up's imports. Frozen, and refusing a key the schema does not name.
FROZEN = ConfigDict(defer_build=True, extra="forbid", frozen=True)
# The same, for models whose fields may also be given by their alias's name.
FROZEN_BY_NAME = ConfigDict(defer_build=True, extra="forbid", frozen=True, populate_by_name=True)
