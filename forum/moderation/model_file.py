"""The trained model on disk: written atomically with its metadata, loaded once per process, never fatal."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

import joblib

from forum.moderation.classifier import FORMAT, Model

log = logging.getLogger("forum.moderation")


def configured_path(config: Mapping, instance_path: str | Path) -> Path:
    """The model file the app reads and `train` writes: MODERATION_MODEL_PATH, else the file in the instance folder."""
    return Path(config.get("MODERATION_MODEL_PATH") or Path(instance_path) / config["MODERATION_MODEL_FILE"])


def save(model: Model, path: str | Path) -> None:
    """Write the model with its metadata to `path` (joblib) and forget any cached load of that path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "format": FORMAT,
        "version": model.version,
        "trained_at": model.trained_at,
        "n_examples": model.n_examples,
        "data_sources": model.data_sources,
        "metrics": model.metrics,
        "model": model,
    }
    tmp = path.with_suffix(path.suffix + ".tmp")
    joblib.dump(payload, tmp, compress=3)
    tmp.replace(path)  # atomic: a reader never sees half a file
    _load_cached.cache_clear()


def load(path: str | Path) -> Model | None:
    """Load a saved model once per process; a missing or corrupt file logs one line and returns None."""
    return _load_cached(str(path))


@lru_cache(maxsize=8)
def _load_cached(path_str: str) -> Model | None:
    path = Path(path_str)
    if not path.exists():
        log.warning(
            "moderation model %s is missing; using the lexicon only (run the moderation train command)", path
        )
        return None
    try:
        payload = joblib.load(path)
        if not isinstance(payload, dict) or "format" not in payload:
            raise ValueError("unexpected content")
        if payload["format"] != FORMAT:
            # An upgrade, not a fault: `make run` (moderation train --if-missing) rebuilds it.
            log.warning(
                "moderation model %s was written in format %s, this version reads %s; using the lexicon only "
                "until the moderation train command rebuilds it",
                path,
                payload["format"],
                FORMAT,
            )
            return None
        if not isinstance(payload.get("model"), Model):
            raise ValueError("unexpected content")
        return payload["model"]
    except Exception as exc:  # noqa: BLE001 - any unreadable file must fall back, never break posting
        log.error("moderation model %s is unreadable (%s); using the lexicon only", path, exc)
        return None
