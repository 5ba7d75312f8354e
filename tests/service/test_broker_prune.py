"""The embedded broker's file stops growing: delivered messages are pruned, waiting ones kept."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

from kombu import Connection

from service.tasks import prune_delivered


def _rows(db: Path) -> dict[bool, int]:
    with sqlite3.connect(db) as c:
        return {bool(v): n for v, n in c.execute("SELECT visible, count(*) FROM kombu_message GROUP BY visible")}


def test_delivered_messages_are_pruned_and_waiting_ones_kept(tmp_path: Path) -> None:
    db = tmp_path / "broker.sqlite"
    url = f"sqla+sqlite:///{db}"
    with Connection(url) as conn:
        q = conn.SimpleQueue("jobs")
        for i in range(5):
            q.put({"n": i})
        for _ in range(3):
            q.get(timeout=5).ack()
        q.close()
    assert _rows(db) == {False: 3, True: 2}, "kombu keeps what it delivered"
    assert prune_delivered(url) == 0, "a message delivered a moment ago is kept for the hour"
    assert prune_delivered(url, older_than=timedelta(0)) == 3
    assert _rows(db) == {True: 2}
    with Connection(url) as conn:
        q = conn.SimpleQueue("jobs")
        assert sorted(q.get(timeout=5).payload["n"] for _ in range(2)) == [3, 4]
        q.close()
    assert prune_delivered("redis://localhost:6379/0") == 0, "other brokers clean up after themselves"
