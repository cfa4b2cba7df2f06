"""crampcoach: evidence-based help for muscle cramps.

    from crampcoach import assess, Intake
    result = assess(Intake.model_validate({"episode": {"muscle": "calf", "during_exercise": True}}))
    print(result.triage.level, [f.id for f in result.factors])

The result is not a diagnosis.
"""

from crampcoach.core.assess import assess
from crampcoach.core.assessment import Assessment, FactorResult, FollowUp, Triage
from crampcoach.core.intake import with_answer
from crampcoach.core.plan import Plan, make_plan
from crampcoach.core.sweat import SweatRateResult, sweat_rate
from crampcoach.errors import CrampcoachError, InputError, KnowledgeError
from crampcoach.knowledge.intake import Activity, Episode, Findings, Intake, Person
from crampcoach.knowledge.loader import KnowledgeBase, load_knowledge

__version__ = "0.1.0"

__all__ = [
    "Activity",
    "Assessment",
    "CrampcoachError",
    "Episode",
    "FactorResult",
    "Findings",
    "FollowUp",
    "InputError",
    "Intake",
    "KnowledgeBase",
    "KnowledgeError",
    "Person",
    "Plan",
    "SweatRateResult",
    "Triage",
    "__version__",
    "assess",
    "load_knowledge",
    "make_plan",
    "sweat_rate",
    "with_answer",
]
