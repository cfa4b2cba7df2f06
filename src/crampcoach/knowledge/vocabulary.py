"""Ids of the shared vocabulary (data/concepts.json) and other closed sets, as types.

Each set is written once, here; tests/knowledge/test_vocabulary.py fails when a type
drifts from concepts.json.
"""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import Field

# concepts.json "triage_levels", from the least to the most urgent.
TriageLevel = Literal[
    "self_care", "consultation", "consultation_24", "emergency", "emergency_ambulance"
]
# concepts.json "muscles".
MuscleId = Literal["calf", "hamstring", "quadriceps", "foot", "other"]
MUSCLES: tuple[MuscleId, ...] = get_args(MuscleId)
# How hard a session was (the diary's effort, the plan's intensity).
Intensity = Literal["easy", "usual", "hard", "race"]
# How sure the evidence is; `general_advice` is for what the brief marks UNVERIFIED.
EvidenceGrade = Literal[
    "strong", "moderate", "weak", "contested", "not_supported", "general_advice"
]
# A source of sources.yaml: an S-number of the brief, or "X-..." for one it names inline.
SourceId = Annotated[str, Field(pattern=r"^S\d+[a-z]?$|^X-[a-z0-9-]+$")]
