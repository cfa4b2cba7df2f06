"""Ids of the shared vocabulary (data/concepts.json) and other closed sets, as types.

Each set is written once, here; tests/knowledge/test_vocabulary.py fails when a type
drifts from concepts.json.
"""

from __future__ import annotations

from typing import Literal, get_args

# concepts.json "triage_levels", from the least to the most urgent.
TriageLevel = Literal[
    "self_care", "consultation", "consultation_24", "emergency", "emergency_ambulance"
]
# concepts.json "muscles".
MuscleId = Literal["calf", "hamstring", "quadriceps", "foot", "other"]
MUSCLES: tuple[MuscleId, ...] = get_args(MuscleId)
# How hard a session was (the diary's effort, the plan's intensity).
Intensity = Literal["easy", "usual", "hard", "race"]
