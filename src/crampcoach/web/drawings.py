"""A simple drawing for every relief step of every muscle, with the words it says.

The drawings are inline SVG (templates/drawings/), stroked in `currentColor` so they
follow the page's light or dark colours; each has a <title> (its alt text, below, in the
person's language). A muscle's steps are drawn in order; tests/web checks that every
step of every muscle in the knowledge base has one.
"""

from __future__ import annotations

from crampcoach.i18n import N_

ALT: dict[str, str] = {
    "stop": N_("A person stops and raises a hand: pause what you are doing."),
    "calf_sit": N_("Seated, leg straight, a towel drawing the forefoot back toward the body."),
    "calf_partner": N_(
        "A helper gently pushes the foot toward the shin while the knee stays straight."
    ),
    "calf_wall": N_(
        "Wall stretch: hands on a wall, cramped leg straight behind, heel on the ground."
    ),
    "calf_shin": N_("Tightening the front of the shin pulls the foot up."),
    "calf_knead": N_("Both hands knead the calf gently."),
    "after": N_("A hot-water bottle for a tight muscle, or an ice pack for a sore one."),
    "ham_sit": N_("Sitting with the leg straight, leaning forward from the hips toward the foot."),
    "ham_tighten": N_("The knee straightened firmly, tightening the front of the thigh."),
    "ham_knead": N_("Both hands knead the back of the thigh gently."),
    "quad_chair": N_(
        "Standing with a hand on a chair, the other hand pulls the foot toward the buttock."
    ),
    "quad_resist": N_("Sitting, the heel pushes back against resistance, bending the knee."),
    "quad_knead": N_("Both hands knead the front of the thigh gently."),
    "foot_relax": N_("The pointed foot relaxes back to a neutral position."),
    "foot_toes_up": N_("A towel round the front of the foot pulls the toes up toward the shin."),
    "foot_rub": N_("A thumb rubs and presses the arch of the foot."),
    "other_stretch": N_("The cramping muscle stretched gently the opposite way to the cramp."),
    "other_knead": N_("Both hands knead the muscle gently."),
}

# Each muscle's relief steps (muscles.yaml), in order.
STEPS: dict[str, tuple[str, ...]] = {
    "calf": ("stop", "calf_sit", "calf_partner", "calf_wall", "calf_shin", "calf_knead", "after"),
    "hamstring": ("stop", "ham_sit", "ham_tighten", "ham_knead", "after"),
    "quadriceps": ("stop", "quad_chair", "quad_resist", "quad_knead", "after"),
    "foot": ("foot_relax", "foot_toes_up", "foot_rub", "after"),
    "other": ("stop", "other_stretch", "other_knead", "after"),
}


def step_drawing(muscle: str, number: int) -> str | None:
    """The drawing of step `number` (from 0) of `muscle`'s relief, None if there is none."""
    drawings = STEPS.get(muscle, ())
    return drawings[number] if number < len(drawings) else None
