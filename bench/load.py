"""python -m bench.load: payers submitting filings and moderators reading the queue, on loopback, for a bounded time.

The server (uvicorn, its own process) and a real Celery worker process share a scratch SQLite database, the embedded
SQLite broker and a file store under var/bench/load/. N payer threads POST generated born-digital filings to
/v1/applications, M moderator threads GET /v1/queue; with --kill-worker the worker is SIGKILLed while it checks a
filing and a new one is started, as a supervisor would. After the load the queue is left to drain (bounded), then the
database is audited: every acknowledged (2xx) submission stored, its files in the content store byte for byte, and
checked exactly once (one `processed` or `processing_failed` audit event for its revision), and nothing stored that
was not acknowledged. The exit code is 1 if any of that fails.

Figures are printed, saved to var/bench/load/load.json and written to the "## Load" section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import math
import os
import platform
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import httpx

from extractor.settings import REPO_ROOT
from service.submissions import UNFINISHED, process_start_time

WORK = REPO_ROOT / "var" / "bench" / "load"
SECTION = "## Load"
QUEUE_VIEWS: list[dict[str, Any]] = [
    {"limit": 50},
    {"limit": 50, "sort": "newest"},
    {"limit": 50, "verdict": "needs_fix"},
    {"limit": 20, "status": "done", "decided": "true"},
]


@dataclass
class LoadConfig:
    payers: int = 4
    moderators: int = 2
    seconds: float = 60.0
    kill_worker: bool = False
    kill_at: float = 0.5  # share of the run after which the worker is killed (at the next check in progress)
    filings: int = 24  # distinct generated filings, submitted round-robin
    seed: int = 763
    payer_think: float = 6.0  # mean pause of a payer between two submissions, seconds
    moderator_think: float = 0.5  # mean pause of a moderator between two queue reads
    drain_timeout: float = 300.0
    worker_concurrency: int = 1
    extract_workers: int = 2
    # scratch folder (database, broker, store): a fresh one under var/bench/load/ if None
    root: Path | None = None
    # filings to submit (folders with application.json and files/); generated here if it holds none;
    # WORK/corpus-<seed>-<n> if None
    corpus: Path | None = None


@dataclass
class Call:
    """One HTTP request as the client saw it; `at` is seconds since the load started."""

    kind: str
    at: float
    seconds: float
    status: int  # 0: no response (connection error or timeout)
    error: str | None = None
    app_id: str | None = None
    shas: list[str] = field(default_factory=list)


@dataclass
class Kill:
    at: float
    old_pid: int
    new_pid: int
    mid_check: str | None  # the application being checked when the worker died, if one was
    orphans: int  # processes the dead worker left behind (its extraction pool), ended by the bench
    orphan_kinds: list[str] = field(default_factory=list)


# ----------------------------------------------------------------------------------------------------- set-up


def filings_for(cfg: LoadConfig) -> list[Path]:
    """The filings in `cfg.corpus` if it holds any; else born-digital ones from the generator, made once per
    (seed, count) under var/bench/load/ and reused by later runs."""
    from bench.recheck import corpus
    from service.recheck import find_filings

    if cfg.corpus is not None and cfg.corpus.is_dir() and (given := find_filings(cfg.corpus)):
        return given
    out = cfg.corpus or WORK / f"corpus-{cfg.seed}-{cfg.filings}"
    return find_filings(corpus(out, cfg.filings, cfg.seed, 0.0))


@dataclass(frozen=True)
class Filing:
    bin: str
    application: str
    files: list[tuple[str, bytes]]


def read_filing(folder: Path) -> Filing:
    text = (folder / "application.json").read_text(encoding="utf-8")
    files = [(p.name, p.read_bytes()) for p in sorted((folder / "files").iterdir()) if p.is_file()]
    return Filing(json.loads(text)["applicant"]["bin"], text, files)


def make_tokens(settings: Any, bins: set[str]) -> tuple[dict[str, str], str]:
    """One payer token per applicant BIN and a moderator token; the database is migrated on the way."""
    from service.runtime import Runtime
    from service.security import Role, create_token

    rt = Runtime.from_settings(settings)
    try:
        with rt.sessions() as s:
            payers = {b: create_token(s, Role.payer, bin=b, label=f"load payer {b}")[1] for b in sorted(bins)}
            moderator = create_token(s, Role.moderator, label="load moderator")[1]
            s.commit()
    finally:
        rt.close()
    return payers, moderator


class Server:
    """`uvicorn service.app:create_app --factory` in its own process (so clients and server do not share a GIL)."""

    def __init__(self, env: dict[str, str]) -> None:
        from service.liveserver import free_port

        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        cmd = [sys.executable, "-m", "uvicorn", "service.app:create_app", "--factory", "--host", "127.0.0.1",
               "--port", str(self.port), "--log-level", "warning", "--no-access-log"]  # fmt: skip
        self.proc = subprocess.Popen(cmd, env={**os.environ, **env}, cwd=REPO_ROOT)

    def wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the server exited with {self.proc.returncode}")
            try:
                if httpx.get(self.base + "/healthz", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        raise RuntimeError("the server did not start")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)


def started_for(marker: str, exclude: set[int] | None = None) -> list[int]:
    """Live processes started for this run: their environment carries `marker` (the run's FILE_STORE=...)."""
    needle = marker.encode()
    found = []
    for d in Path("/proc").glob("[0-9]*"):
        try:
            env = (d / "environ").read_bytes().split(b"\0")
        except OSError:
            continue
        pid = int(d.name)
        if needle in env and pid not in (exclude or set()) and alive(pid):
            found.append(pid)
    return found


def end_processes(marker: str, exclude: set[int], grace: float = 0.0) -> list[str]:
    """SIGKILL (by pid) what is left of this run's processes outside `exclude` once `grace` seconds have passed
    (children still on their way out are let go); returns what they were."""
    deadline = time.monotonic() + grace
    while started_for(marker, exclude) and time.monotonic() < deadline:
        time.sleep(0.1)
    ended: dict[int, str] = {}
    for _ in range(10):  # a forkserver can fork once more while it goes
        left = started_for(marker, exclude)
        if not left:
            break
        for pid in left:
            ended[pid] = _what(pid)
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        time.sleep(0.2)
    return list(ended.values())


def _what(pid: int) -> str:
    """A short name for one of the run's processes."""
    try:
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return "?"
    for kind in ("forkserver", "resource_tracker", "celery", "uvicorn"):
        if kind in cmd:
            return kind
    return cmd[:60]


def alive(pid: int) -> bool:
    return bool(process_start_time(pid))  # None: no such process, "": a zombie


# ------------------------------------------------------------------------------------------------------ load


class Run:
    def __init__(self, cfg: LoadConfig, base: str, filings: list[Filing], payer_tokens: dict[str, str],
                 moderator: str) -> None:  # fmt: skip
        self.cfg = cfg
        self.base = base
        self.filings = filings
        self.payer_tokens = payer_tokens
        self.moderator = moderator
        self.calls: list[Call] = []
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.t0 = time.monotonic()

    def record(self, call: Call) -> None:
        with self.lock:
            self.calls.append(call)

    def pause(self, rng: random.Random, mean: float) -> None:
        if mean > 0:
            self.stop.wait(min(rng.expovariate(1 / mean), 4 * mean))

    def payer(self, k: int) -> None:
        rng = random.Random(f"payer:{k}")
        mine = self.filings[k :: self.cfg.payers] or self.filings
        with httpx.Client(base_url=self.base, timeout=60) as client:
            n = 0
            while not self.stop.is_set():
                f = mine[n % len(mine)]
                n += 1
                shas = [hashlib.sha256(data).hexdigest() for _, data in f.files]
                started = time.monotonic()
                try:
                    r = client.post(
                        "/v1/applications",
                        headers={"Authorization": f"Bearer {self.payer_tokens[f.bin]}"},
                        data={"application": f.application},
                        files=[("files", (name, data, "application/octet-stream")) for name, data in f.files],
                    )
                    app_id = r.json().get("id") if r.is_success else None
                    call = Call("submit", started - self.t0, time.monotonic() - started, r.status_code,
                                None if r.is_success else r.text[:200], app_id, shas)  # fmt: skip
                except httpx.HTTPError as exc:
                    call = Call(
                        "submit", started - self.t0, time.monotonic() - started, 0, repr(exc), None, shas
                    )
                self.record(call)
                self.pause(rng, self.cfg.payer_think)

    def reader(self, k: int) -> None:
        rng = random.Random(f"moderator:{k}")
        with httpx.Client(base_url=self.base, timeout=60) as client:
            n = k
            while not self.stop.is_set():
                params = QUEUE_VIEWS[n % len(QUEUE_VIEWS)]
                n += 1
                started = time.monotonic()
                try:
                    r = client.get(
                        "/v1/queue", params=params, headers={"Authorization": f"Bearer {self.moderator}"}
                    )
                    ok = r.is_success and "items" in r.json()
                    call = Call("queue", started - self.t0, time.monotonic() - started, r.status_code,
                                None if ok else r.text[:200])  # fmt: skip
                except httpx.HTTPError as exc:
                    call = Call("queue", started - self.t0, time.monotonic() - started, 0, repr(exc))
                self.record(call)
                self.pause(rng, self.cfg.moderator_think)


def in_progress(sessions: Any) -> str | None:
    from sqlalchemy import select

    from service.db_models import ApplicationRow

    with sessions() as s:
        return s.scalar(select(ApplicationRow.id).where(ApplicationRow.status == "processing").limit(1))


def kill_and_restart(
    worker: Any, sessions: Any, t0: float, marker: str, keep: set[int], wait: float = 15.0
) -> Kill:
    """SIGKILL the worker while it checks a filing (or after `wait` s if it never does), then start a new one.

    The killed worker's extraction processes outlive it (they wait on their pool's queue for ever); they are found
    by the run's marker in their environment and ended before the new worker starts."""
    deadline = time.monotonic() + wait
    victim = in_progress(sessions)
    while victim is None and time.monotonic() < deadline:
        time.sleep(0.05)
        victim = in_progress(sessions)
    if victim is not None:
        time.sleep(random.uniform(0.1, 0.5))  # somewhere inside the check, not at its first statement
    old_pid = int(worker.pid)
    at = time.monotonic() - t0
    worker.kill()
    # the forkserver and resource tracker notice their parent is gone and exit; the pool's workers do not
    orphans = end_processes(marker, keep, grace=1.5)
    worker.start()  # as a supervisor would, about two seconds after the crash
    return Kill(round(at, 2), old_pid, int(worker.pid), victim, len(orphans), orphans)


def drain(sessions: Any, worker: Any, timeout: float) -> tuple[bool, float]:
    """Wait until nothing is received or processing any more; (drained, seconds waited)."""
    from sqlalchemy import func, select

    from service.db_models import ApplicationRow

    t0 = time.monotonic()
    while True:
        with sessions() as s:
            left = s.scalar(select(func.count()).where(ApplicationRow.status.in_(UNFINISHED))) or 0
        waited = time.monotonic() - t0
        if left == 0:
            return True, waited
        if waited > timeout:
            return False, waited
        if worker.proc is not None and worker.proc.poll() is not None:
            print(f"the worker exited ({worker.proc.returncode}); starting another", file=sys.stderr)
            worker.start()
        time.sleep(0.25)


# ---------------------------------------------------------------------------------------------------- audit


def audit_store(rt: Any, calls: list[Call]) -> dict[str, Any]:
    """What the database and the file store say about the acknowledged submissions."""
    from sqlalchemy import select

    from service.db_models import ApplicationRow, AuditEvent, FileRow

    acked = {c.app_id: c for c in calls if c.kind == "submit" and c.app_id}
    with rt.sessions() as s:
        rows = {r.id: r for r in s.scalars(select(ApplicationRow))}
        files: dict[str, list[tuple[str, int]]] = {}
        for app_id, sha, size in s.execute(select(FileRow.application_id, FileRow.sha256, FileRow.size)):
            files.setdefault(app_id, []).append((sha, size))
        events: dict[str, Counter[tuple[str, int | None]]] = {}
        for app_id, action, detail in s.execute(
            select(AuditEvent.application_id, AuditEvent.action, AuditEvent.detail_json)
        ):
            rev = json.loads(detail or "{}").get("revision")
            events.setdefault(app_id, Counter())[(action, rev)] += 1
    lost = sorted(set(acked) - set(rows))
    unacked = sorted(set(rows) - set(acked))
    bad_files, twice, never, reruns = [], [], [], []
    to_processed: list[float] = []
    verdicts: Counter[str] = Counter()
    checked_blobs: set[str] = set()
    for app_id, call in acked.items():
        row = rows.get(app_id)
        if row is None:
            continue
        stored = files.get(app_id, [])
        ok = sorted(call.shas) == sorted(sha for sha, _ in stored)
        for sha, size in stored:
            if sha in checked_blobs:
                continue
            try:
                data = rt.store.get(sha)
            except KeyError:
                ok = False
                continue
            ok = ok and len(data) == size and hashlib.sha256(data).hexdigest() == sha
            checked_blobs.add(sha)
        if not ok:
            bad_files.append(app_id)
        ev = events.get(app_id, Counter())
        done = ev[("processed", row.revision)] + ev[("processing_failed", row.revision)]
        if done > 1:
            twice.append(app_id)
        elif done == 0 or row.status not in ("done", "failed"):
            never.append(app_id)
        if ev[("processing_started", row.revision)] > 1:
            reruns.append(app_id)
        if row.processed_at is not None:
            to_processed.append((row.processed_at - row.created_at).total_seconds())
        verdicts[row.verdict or row.status] += 1
    return {
        "acknowledged": len(acked),
        "stored": len(acked) - len(lost),
        "lost": lost,
        "files_bad": bad_files,
        "processed_once": len(acked) - len(lost) - len(twice) - len(never),
        "processed_twice": twice,
        "not_processed": never,
        "stored_not_acknowledged": unacked,
        "checks_restarted": reruns,
        "blobs_verified": len(checked_blobs),
        "to_processed": to_processed,
        "verdicts": dict(verdicts),
    }


def pct(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100); 0 for no values."""
    if not values:
        return 0.0
    v = sorted(values)
    return v[max(0, min(len(v) - 1, math.ceil(q / 100 * len(v)) - 1))]


def latency(values: list[float]) -> dict[str, float]:
    return {"p50": pct(values, 50), "p95": pct(values, 95), "max": max(values, default=0.0)}


def verdict_of(a: dict[str, Any]) -> bool:
    return not (a["lost"] or a["processed_twice"] or a["not_processed"] or a["files_bad"]
                or a["stored_not_acknowledged"])  # fmt: skip


# ------------------------------------------------------------------------------------------------------ run


def run_load(cfg: LoadConfig) -> dict[str, Any]:
    """The whole run: set-up, load, optional kill, drain, audit. Returns the figures (see `report_lines`)."""
    from service.liveserver import Worker, scratch_settings, worker_env
    from service.runtime import Runtime

    t_setup = time.monotonic()
    folders = filings_for(cfg)
    filings = [read_filing(f) for f in folders]
    t_filings = time.monotonic()
    root = cfg.root or WORK / f"run-{datetime.now(UTC):%Y%m%d-%H%M%S}"
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    settings = scratch_settings(root)
    payer_tokens, moderator = make_tokens(settings, {f.bin for f in filings})
    env = worker_env(settings)
    env.update({"DOCSCREEN_CACHE_DIR": str(root / "cache"), "DOCSCREEN_WORKERS": str(cfg.extract_workers)})
    marker = f"FILE_STORE={settings.file_store}"
    worker = Worker(settings, concurrency=cfg.worker_concurrency)
    worker.env.update(env)
    server = Server(env)
    rt = Runtime.from_settings(settings, migrate=False)
    kills: list[Kill] = []
    pids: list[int] = []
    try:
        worker.start()  # starts beside the server; jobs wait in the broker until it is up
        pids.append(int(worker.pid or 0))
        server.wait_ready()
        t_ready = time.monotonic()
        run = Run(cfg, server.base, filings, payer_tokens, moderator)
        threads = [
            threading.Thread(target=run.payer, args=(k,), name=f"payer-{k}") for k in range(cfg.payers)
        ]
        threads += [threading.Thread(target=run.reader, args=(k,), name=f"moderator-{k}")
                    for k in range(cfg.moderators)]  # fmt: skip
        for t in threads:
            t.start()
        end = run.t0 + cfg.seconds
        if cfg.kill_worker:
            run.stop.wait(max(0.0, cfg.kill_at * cfg.seconds - (time.monotonic() - run.t0)))
            keep = {int(server.proc.pid)}
            wait = max(1.0, end - time.monotonic() - 1)
            kill = kill_and_restart(worker, rt.sessions, run.t0, marker, keep, wait=wait)
            kills.append(kill)
            pids.append(kill.new_pid)
            print(f"killed worker {kill.old_pid} at {kill.at:.1f} s (checking {kill.mid_check or 'nothing'}); "
                  f"new worker {kill.new_pid}", file=sys.stderr)  # fmt: skip
        run.stop.wait(max(0.0, end - time.monotonic()))
        run.stop.set()
        for t in threads:
            t.join(90)
        load_seconds = time.monotonic() - run.t0
        drained, drain_s = drain(rt.sessions, worker, cfg.drain_timeout)
        audit = audit_store(rt, run.calls)
        t_teardown = time.monotonic()
    finally:
        stopping = threading.Thread(target=worker.stop)  # both shut down gracefully, side by side
        stopping.start()
        server.stop()
        stopping.join()
        rt.close()
        leftover = end_processes(marker, set(), grace=5.0)
    phases = {"filings": t_filings - t_setup, "server_up": t_ready - t_filings, "setup": run.t0 - t_setup, "load": load_seconds, "drain": drain_s,
              "audit": t_teardown - run.t0 - load_seconds - drain_s, "teardown": time.monotonic() - t_teardown}  # fmt: skip
    submits = [c for c in run.calls if c.kind == "submit"]
    reads = [c for c in run.calls if c.kind == "queue"]
    ok_submits = [c for c in submits if 200 <= c.status < 300]
    ok_reads = [c for c in reads if 200 <= c.status < 300]
    errors = Counter(f"{c.kind} {c.status or 'no response'}" for c in run.calls if not 200 <= c.status < 300)
    result = {
        "config": {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(cfg).items()},
        "date": date.today().isoformat(),
        "machine": {"cores": os.cpu_count(), "arch": platform.machine(), "python": platform.python_version()},
        "root": str(root),
        "distinct_filings": len(filings),
        "load_seconds": round(load_seconds, 2),
        "phase_seconds": {k: round(v, 1) for k, v in phases.items()},
        "submissions": len(ok_submits),
        "submissions_per_s": round(len(ok_submits) / load_seconds, 2),
        "submit_latency_s": latency([c.seconds for c in ok_submits]),
        "files_per_submission": round(sum(len(c.shas) for c in ok_submits) / max(1, len(ok_submits)), 1),
        "queue_reads": len(ok_reads),
        "queue_reads_per_s": round(len(ok_reads) / load_seconds, 2),
        "queue_latency_s": latency([c.seconds for c in ok_reads]),
        "errors": dict(errors),
        "error_samples": sorted({c.error for c in run.calls if c.error})[:5],
        "drained": drained,
        "drain_seconds": round(drain_s, 1),
        "kills": [asdict(k) for k in kills],
        "left_after_stop": leftover,
        "worker_pids": pids,
        "to_processed_s": latency(audit["to_processed"]),
        "audit": {k: v for k, v in audit.items() if k != "to_processed"},
    }
    result["exactly_once"] = drained and verdict_of(audit) and (not cfg.kill_worker or len(set(pids)) > 1)
    return result


# --------------------------------------------------------------------------------------------------- report


def ms(s: float) -> str:
    return f"{s * 1000:.0f} ms" if s < 1 else f"{s:.2f} s"


def report_lines(r: dict[str, Any], command: str) -> list[str]:
    cfg, a = r["config"], r["audit"]
    sl, ql, tp = r["submit_latency_s"], r["queue_latency_s"], r["to_processed_s"]
    m = r["machine"]
    lines = [
        SECTION,
        "",
        f"`{command}` on {r['date']}; machine: {m['cores']} cores, {m['arch']}, Python {m['python']}. "
        f"On 127.0.0.1: the server (uvicorn, one process), one Celery worker (pool of {cfg['worker_concurrency']}, "
        f"{cfg['extract_workers']} extraction processes), a SQLite database and the embedded SQLite broker. "
        f"{cfg['payers']} payers submit {r['distinct_filings']} generated born-digital filings round-robin "
        f"({r['files_per_submission']} files each on average, each filing's first check with a cold extraction "
        f"cache; a repeat reads its files from the cache and runs the rules again), pausing {cfg['payer_think']} s "
        f"on average between submissions; "
        f"{cfg['moderators']} moderators read the queue, pausing {cfg['moderator_think']} s. "
        f"Load for {r['load_seconds']:.0f} s, then the queue drained in {r['drain_seconds']:.0f} s.",
        "",
        "| | count | per second | p50 | p95 | max |",
        "|---|---|---|---|---|---|",
        f"| submissions (`POST /v1/applications`, 202) | {r['submissions']} | {r['submissions_per_s']:.2f} | "
        f"{ms(sl['p50'])} | {ms(sl['p95'])} | {ms(sl['max'])} |",
        f"| queue reads (`GET /v1/queue`) | {r['queue_reads']} | {r['queue_reads_per_s']:.2f} | "
        f"{ms(ql['p50'])} | {ms(ql['p95'])} | {ms(ql['max'])} |",
        f"| stored → checked (server clock) | {a['processed_once']} | "
        f"{a['processed_once'] / max(1.0, r['load_seconds'] + r['drain_seconds']):.2f} | "
        f"{ms(tp['p50'])} | {ms(tp['p95'])} | {ms(tp['max'])} |",
        "",
    ]
    for k in r["kills"]:
        lines.append(
            f"- worker SIGKILLed at {k['at']:.1f} s "
            + (f"while checking application `{k['mid_check'][:8]}…`" if k["mid_check"] else "(idle)")
            + (f"; {k['orphans']} processes of its extraction pool outlived it "
               f"({', '.join(sorted(set(k['orphan_kinds'])))}) and were ended by the bench" if k["orphans"]
               else "; no process of its extraction pool outlived it")
            + "; a new worker "
            f"(pid {k['old_pid']} → {k['new_pid']}) found the abandoned check by its claim and ran it again "
            f"(checks started a second time: {len(a['checks_restarted'])}; each result stored once)"
        )
    verdict = "**exactly once**" if r["exactly_once"] else "**FAILED**"
    lines.append(
        f"- {verdict}: {a['acknowledged']} acknowledged submissions, {a['stored']} stored with all their files "
        f"in the store ({a['blobs_verified']} blobs re-hashed, {len(a['files_bad'])} bad), "
        f"{a['processed_once']} checked exactly once; {len(a['lost'])} lost, {len(a['processed_twice'])} checked "
        f"twice, {len(a['not_processed'])} never checked, {len(a['stored_not_acknowledged'])} stored but not "
        f"acknowledged"
    )
    if r.get("left_after_stop"):
        left = ", ".join(sorted(r["left_after_stop"]))
        lines.append(
            f"- still alive after the graceful stop of worker and server, and ended by the bench: {left}"
        )
    errs = ", ".join(f"{k}: {v}" for k, v in sorted(r["errors"].items())) or "none"
    lines.append(f"- failed requests: {errs}; verdicts: "
                 + ", ".join(f"{k} {v}" for k, v in sorted(a["verdicts"].items())))  # fmt: skip
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.splitlines()[0])
    d = LoadConfig()
    ap.add_argument("--payers", type=int, default=d.payers)
    ap.add_argument("--moderators", type=int, default=d.moderators)
    ap.add_argument("--seconds", type=float, default=d.seconds, help="how long the load runs")
    ap.add_argument(
        "--kill-worker", action="store_true", help="SIGKILL the worker mid-check, start a new one"
    )
    ap.add_argument("--kill-at", type=float, default=d.kill_at, help="share of the run before the kill")
    ap.add_argument("--filings", type=int, default=d.filings, help="distinct generated filings")
    ap.add_argument("--corpus", type=Path, help="submit the filings in this folder instead of generated ones")
    ap.add_argument("--seed", type=int, default=d.seed)
    ap.add_argument("--payer-think", type=float, default=d.payer_think, help="mean pause between submissions")
    ap.add_argument(
        "--moderator-think", type=float, default=d.moderator_think, help="mean pause between reads"
    )
    ap.add_argument("--drain-timeout", type=float, default=d.drain_timeout)
    ap.add_argument("--worker-concurrency", type=int, default=d.worker_concurrency)
    ap.add_argument("--extract-workers", type=int, default=d.extract_workers)
    ap.add_argument("--keep", action="store_true", help="keep the scratch database and store")
    ap.add_argument("--no-docs", action="store_true", help="do not write docs/benchmarks.md")
    args = ap.parse_args(argv)
    cfg = LoadConfig(
        payers=args.payers, moderators=args.moderators, seconds=args.seconds, kill_worker=args.kill_worker,
        kill_at=args.kill_at, filings=args.filings, seed=args.seed, payer_think=args.payer_think,
        moderator_think=args.moderator_think, drain_timeout=args.drain_timeout,
        worker_concurrency=args.worker_concurrency, extract_workers=args.extract_workers, corpus=args.corpus,
    )  # fmt: skip
    result = run_load(cfg)
    WORK.mkdir(parents=True, exist_ok=True)
    (WORK / "load.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    command = "python -m bench.load " + " ".join(argv if argv is not None else sys.argv[1:])
    lines = report_lines(result, command.strip())
    print("\n".join(lines))
    if not args.no_docs:
        from bench.__main__ import DOCS, replace_section

        replace_section(DOCS / "benchmarks.md", SECTION, lines)
    if not args.keep:
        shutil.rmtree(result["root"], ignore_errors=True)
    return 0 if result["exactly_once"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
