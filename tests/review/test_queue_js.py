"""queue.js inserts live `review_alert`s into the queue (run under node with a stand-in DOM)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NODE = shutil.which("node")


def run(dataset: dict, alerts: list) -> dict:
    out = subprocess.run(
        [NODE, str(Path(__file__).with_name("queue_js_harness.js")), str(ROOT / "forum/static/js/queue.js"),
         json.dumps(dataset), json.dumps(alerts)],
        capture_output=True, text=True, check=True, timeout=20,
    )  # fmt: skip
    return json.loads(out.stdout)


pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed")
DATASET = {
    "status": "pending",
    "group": "",
    "category": "",
    "rooms": '{"7": "Test Room"}',
    "itemUrl": "/review/0",
}


def test_alert_adds_a_row_and_a_banner():
    result = run(DATASET, [{"review_id": 12, "priority": "urgent", "category": "crisis", "group_id": 7}])
    assert result["items"] == [
        {"id": "review-12", "text": "New urgent item: crisis in Test Room. Open", "href": "/review/12"}
    ]
    assert "urgent item just arrived in Test Room" in result["banner"]


def test_filters_and_bad_payloads_are_ignored():
    alerts = [
        {"review_id": 1, "priority": "high", "category": "spam", "group_id": 8},  # another room
        {"review_id": "<b>", "priority": "high", "category": "spam", "group_id": 7},  # not an id
        {"review_id": 2, "priority": "high", "category": "spam", "group_id": 7},
        {"review_id": 2, "priority": "high", "category": "spam", "group_id": 7},  # duplicate
    ]
    result = run({**DATASET, "group": "7"}, alerts)
    assert [i["id"] for i in result["items"]] == ["review-2"]
    assert run({**DATASET, "status": "approved"}, alerts[2:3])["items"] == []
