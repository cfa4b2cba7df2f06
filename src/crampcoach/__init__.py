"""crampcoach: evidence-based help for muscle cramps.

    from crampcoach import Coach
    coach = Coach()  # settings from the environment: CRAMPCOACH_HOME, CRAMPCOACH_DB
    result = coach.assess("calf locked up at mile 20 of a marathon, hot day")
    print(result.triage.level, [f.id for f in result.factors])

`assess(intake)`, `make_plan(...)` and `sweat_rate(...)` also work on their own, with the
package's knowledge. The result is not a diagnosis.

The names load on first use (PEP 562), so that `import crampcoach.cli` stays quick.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Public name -> the module that defines it.
_EXPORTS = {
    "Activity": "crampcoach.knowledge.intake",
    "Answer": "crampcoach.coach",
    "Assessment": "crampcoach.core.assessment",
    "AssessmentView": "crampcoach.views",
    "Coach": "crampcoach.coach",
    "CrampcoachError": "crampcoach.errors",
    "DangerSigns": "crampcoach.core.safety",
    "Episode": "crampcoach.knowledge.intake",
    "FactorResult": "crampcoach.core.assessment",
    "Findings": "crampcoach.knowledge.intake",
    "FollowUp": "crampcoach.core.assessment",
    "InputError": "crampcoach.errors",
    "Intake": "crampcoach.knowledge.intake",
    "KnowledgeBase": "crampcoach.knowledge.loader",
    "KnowledgeError": "crampcoach.errors",
    "PackageKnowledge": "crampcoach.package_knowledge",
    "PatternReport": "crampcoach.core.patterns",
    "Person": "crampcoach.knowledge.intake",
    "Plan": "crampcoach.core.plan",
    "Profile": "crampcoach.core.profile",
    "Settings": "crampcoach.settings",
    "StoryAssessment": "crampcoach.coach",
    "SweatRateResult": "crampcoach.core.sweat",
    "Triage": "crampcoach.core.assessment",
    "assess": "crampcoach.conveniences",
    "load_knowledge": "crampcoach.knowledge.loader",
    "make_plan": "crampcoach.conveniences",
    "sweat_rate": "crampcoach.conveniences",
    "with_answer": "crampcoach.core.intake",
}

# The documented API (tests/test_package.py checks that each name is there).
__all__ = [
    "Activity",
    "Answer",
    "Assessment",
    "AssessmentView",
    "Coach",
    "CrampcoachError",
    "DangerSigns",
    "Episode",
    "FactorResult",
    "Findings",
    "FollowUp",
    "InputError",
    "Intake",
    "KnowledgeBase",
    "KnowledgeError",
    "PackageKnowledge",
    "PatternReport",
    "Person",
    "Plan",
    "Profile",
    "Settings",
    "StoryAssessment",
    "SweatRateResult",
    "Triage",
    "__version__",
    "assess",
    "load_knowledge",
    "make_plan",
    "sweat_rate",
    "with_answer",
]

if TYPE_CHECKING:
    from crampcoach.coach import Answer, Coach, StoryAssessment
    from crampcoach.conveniences import assess, make_plan, sweat_rate
    from crampcoach.core.assessment import Assessment, FactorResult, FollowUp, Triage
    from crampcoach.core.intake import with_answer
    from crampcoach.core.patterns import PatternReport
    from crampcoach.core.plan import Plan
    from crampcoach.core.profile import Profile
    from crampcoach.core.safety import DangerSigns
    from crampcoach.core.sweat import SweatRateResult
    from crampcoach.errors import CrampcoachError, InputError, KnowledgeError
    from crampcoach.knowledge.intake import Activity, Episode, Findings, Intake, Person
    from crampcoach.knowledge.loader import KnowledgeBase, load_knowledge
    from crampcoach.package_knowledge import PackageKnowledge
    from crampcoach.settings import Settings
    from crampcoach.views import AssessmentView


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'crampcoach' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
