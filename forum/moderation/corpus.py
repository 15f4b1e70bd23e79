"""Loading the labelled corpus (forum/moderation/corpus/*.csv) and its deterministic held-out split.

Label rule for crisis (DESIGN section 3): severity 1 is distress *with a risk indicator* (hopelessness about the
future, feeling a burden, "nobody would notice / miss me if I was gone", a reason to live lost), 2 ideation, 3 plan,
means or timeframe, 4 attempt or goodbye in progress. Loneliness, grief or a hard week described without such an
indicator is `none` (kind distress*): the same sentence must not be crisis in one file and a negative in another.
"""

from __future__ import annotations

import csv
import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("forum.moderation")
CORPUS_DIR = Path(__file__).with_name("corpus")
LABELS = ("crisis", "self_harm", "pro_harm", "harassment", "spam", "none")
HELD_OUT_PERCENT = 20


@dataclass(frozen=True)
class Row:
    """One labelled example."""

    text: str
    label: str  # one of LABELS
    severity: int = 0  # crisis severity 1-4 (0 when not crisis / unknown)
    kind: str = ""  # free-form sub-kind written by the corpus authors (e.g. hard_negative, support)
    source: str = ""  # file it came from


def text_key(text: str) -> str:
    """The form two texts are the same in (case and spacing ignored): for duplicates and the hash buckets."""
    return " ".join(text.casefold().split())


def bucket_of(text: str, n: int, salt: bytes = b"") -> int:
    """A deterministic bucket 0..n-1 from the hash of the text's key (salted for an independent split)."""
    return int.from_bytes(hashlib.sha1(salt + text_key(text).encode("utf-8")).digest()[:4], "big") % n


def split_of(text: str) -> str:
    """Return "test" for the deterministic 20 % held-out part (hash of the text), else "train"."""
    return "test" if bucket_of(text, 100) < HELD_OUT_PERCENT else "train"


def _int(value: str | None) -> int:
    try:
        return int(float(value or 0))
    except ValueError:
        return 0


def read_csv(path: Path) -> list[Row]:
    """Read one CSV with columns text,label[,severity,kind]; rows with unknown labels are skipped and counted."""
    rows, skipped = [], 0
    with path.open(newline="", encoding="utf-8") as fh:
        for raw in csv.DictReader(fh):
            text = (raw.get("text") or "").strip()
            label = (raw.get("label") or "").strip().lower().replace("-", "_")
            if not text or label not in LABELS:
                skipped += 1
                continue
            sev = _int(raw.get("severity"))
            if label == "crisis":
                sev = min(max(sev, 1), 4)
            rows.append(Row(text, label, sev, (raw.get("kind") or "").strip(), path.name))
    if skipped:
        log.info("corpus %s: skipped %d rows without text or with an unknown label", path.name, skipped)
    return rows


def load_corpus(directory: Path = CORPUS_DIR) -> list[Row]:
    """Read every corpus/*.csv, dropping exact duplicate texts (first label wins)."""
    seen: set[str] = set()
    out = []
    for path in sorted(Path(directory).glob("*.csv")):
        for row in read_csv(path):
            key = text_key(row.text)
            if key not in seen:
                seen.add(key)
                out.append(row)
    return out


def split(rows: list[Row]) -> tuple[list[Row], list[Row]]:
    """Return (train, held_out) by the text hash."""
    train = [r for r in rows if split_of(r.text) == "train"]
    test = [r for r in rows if split_of(r.text) == "test"]
    return train, test
