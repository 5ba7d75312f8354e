"""The archive re-check on born-digital filings (no OCR): outputs agree, runs resume, bad filings are skipped,
cross-filing duplicates and VINs are found, stored applications are re-checked, Celery gives the same verdicts."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from extractor.settings import ExtractSettings
from fixtures.generate import generate_corpus
from service.recheck import (
    REPORTS,
    CheckOptions,
    Progress,
    archive_refs,
    find_filings,
    read_records,
    recheck,
)

REPO = Path(__file__).resolve().parents[2]
DOCSCREEN = [sys.executable, "-c", "from service.cli import main; main()"]


@dataclass
class Archive:
    root: Path
    cache: Path
    reused: tuple[str, str]  # (filing the file comes from, filing it was copied into)
    vin: tuple[str, str, str]  # (vin, filing declaring it first, filing declaring it again)
    refiled: tuple[str, str]  # the same applicant re-filing the same goods with the same papers

    def options(self, cache: Path | None = None) -> CheckOptions:
        return CheckOptions(lang="en", extract=ExtractSettings(cache_dir=cache or self.cache, workers=1))


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Archive:
    root = tmp_path_factory.mktemp("archive")
    folders = generate_corpus(root, 10, 11, scanned_share=0.0)
    apps = {f.name: json.loads((f / "application.json").read_text(encoding="utf-8")) for f in folders}
    assert not [p for f in folders for p in (f / "files").iterdir() if p.suffix not in (".pdf", ".xlsx")]
    # a file of one applicant attached to another applicant's filing
    src, dst = "F11-0002", "F11-0006"
    assert apps[src]["applicant"]["bin"] != apps[dst]["applicant"]["bin"]
    first = sorted((root / src / "files").iterdir())[0]
    shutil.copy(first, root / dst / "files" / "reused.pdf")
    # a VIN of one filing declared again in another applicant's filing
    vin = apps["F11-0000"]["goods"][0]["vins"][0]
    apps["F11-0001"]["goods"][0]["vins"].append(vin)
    (root / "F11-0001" / "application.json").write_text(json.dumps(apps["F11-0001"], ensure_ascii=False), "utf-8")
    # the same applicant filing the same goods again with the same papers: not reuse
    (root / "refiled").mkdir()
    shutil.copytree(root / "F11-0009", root / "refiled" / "F11-0009b")
    # a filing whose application does not parse
    (root / "broken" / "files").mkdir(parents=True)
    (root / "broken" / "application.json").write_text('{"applicant": {"name": "x", ', encoding="utf-8")
    shutil.copy(first, root / "broken" / "files" / "a.pdf")
    return Archive(root, tmp_path_factory.mktemp("cache"), (src, dst), (vin, "F11-0000", "F11-0001"),
                   ("F11-0009", "refiled/F11-0009b"))


@pytest.fixture(scope="module")
def first_run(archive: Archive, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Progress]:
    out = tmp_path_factory.mktemp("run1")
    progress = recheck(archive_refs(archive.root), out, options=archive.options(), jobs=2)
    return out, progress


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_outputs_exist_and_agree(archive: Archive, first_run: tuple[Path, Progress]) -> None:
    out, progress = first_run
    filings = find_filings(archive.root)
    assert len(filings) == 12
    lines = _lines(out / REPORTS)
    ids = [r["filing"] for r in lines]
    assert sorted(ids) == sorted(f.relative_to(archive.root).as_posix() for f in filings)
    assert progress.done == 12 and progress.skipped == 0 and progress.errors == 1

    with (out / "summary.csv").open(encoding="utf-8") as f:
        rows = {r["filing"]: r for r in csv.DictReader(f)}
    assert set(rows) == set(ids)
    crossed = {f for c in json.loads((out / "cross_filing.json").read_text("utf-8")) for f in c["filings"]}
    for rec in lines:
        row = rows[rec["filing"]]
        if "error" in rec:
            assert row["verdict"] == "error"
            continue
        own = {f["code"] for f in rec["report"]["findings"] if f["severity"] != "info"}
        assert own <= set(row["codes"].split())
        expected = rec["report"]["verdict"]
        if rec["filing"] in crossed and expected == "pass":
            expected = "review"
        assert row["verdict"] == expected

    page = (out / "summary.html").read_text(encoding="utf-8")
    for verdict, n in Counter(r["verdict"] for r in rows.values()).items():
        assert f'id="count-{verdict}">{verdict}: <b>{n}</b>' in page
    per_code = Counter(c for r in rows.values() for c in set(r["codes"].split()))
    for code, n in per_code.items():
        assert f"<tr><td>{code}</td><td>{n}</td></tr>" in page
    assert page.count("<svg") == 2  # verdict and finding-code charts
    worst = re.findall(r'<tr class="(\w+)"><td>', page)
    rank = {"error": 0, "needs_fix": 1, "review": 2, "pass": 3}
    assert [rank[v] for v in worst] == sorted(rank[v] for v in worst)


def test_reports_match_the_single_filing_check(archive: Archive, first_run: tuple[Path, Progress]) -> None:
    """Batch readings (cached per file) give the report `docscreen check` gives."""
    from extractor.pipeline import Extractor
    from service.pipeline import check_filing, load_filing_dir

    records = {r["filing"]: r for r in read_records(first_run[0] / REPORTS)}
    with Extractor(ExtractSettings(cache_dir=None, workers=1)) as ex:
        for fid in ("F11-0001", "F11-0004"):
            app, files = load_filing_dir(archive.root / fid)
            report = json.loads(check_filing(app, files, lang="en", extractor=ex).model_dump_json())
            assert records[fid]["report"] == report


def test_bad_filing_is_reported_and_skipped(first_run: tuple[Path, Progress]) -> None:
    records = {r["filing"]: r for r in read_records(first_run[0] / REPORTS)}
    assert records["broken"]["error"].startswith("ValidationError")
    assert all("report" in r for k, r in records.items() if k != "broken")


def test_cross_filing_duplicates_and_vins(archive: Archive, first_run: tuple[Path, Progress]) -> None:
    cross = json.loads((first_run[0] / "cross_filing.json").read_text("utf-8"))
    dup = [c for c in cross if c["code"] == "duplicate_document"]
    assert any(sorted(c["filings"]) == sorted(archive.reused) and "reused.pdf" in (c["document"], c["other_document"])
               and c["how"] == "byte-identical" for c in dup), dup
    vin, a, b = archive.vin
    assert [c["filings"] for c in cross if c["code"] == "duplicate_vin" and c["vin"] == vin] == [[a, b]]
    assert all(c["message"] and c["severity"] == "warning" for c in cross)
    # the same applicant re-filing the same goods is not reuse, though every file is the same
    assert not [c for c in cross if set(c["filings"]) == set(archive.refiled)]
    with (first_run[0] / "summary.csv").open(encoding="utf-8") as f:
        rows = {r["filing"]: r for r in csv.DictReader(f)}
    assert "duplicate_document" in rows[archive.reused[1]]["codes"].split()
    assert "duplicate_vin" in rows[b]["codes"].split()


def test_warm_rerun_reads_nothing_again(archive: Archive, first_run: tuple[Path, Progress], tmp_path: Path) -> None:
    progress = recheck(archive_refs(archive.root), tmp_path, options=archive.options(), jobs=2)
    assert progress.pages_ocred == 0
    files = sum(len(list((f / "files").iterdir())) for f in find_filings(archive.root) if f.name != "broken")
    assert progress.cache_hits == files
    before = {r["filing"]: r.get("report") for r in read_records(first_run[0] / REPORTS)}
    after = {r["filing"]: r.get("report") for r in read_records(tmp_path / REPORTS)}
    assert before == after


def test_resume_after_a_cut_line(archive: Archive, first_run: tuple[Path, Progress], tmp_path: Path) -> None:
    lines = (first_run[0] / REPORTS).read_text(encoding="utf-8").splitlines(keepends=True)
    kept = lines[:5]
    (tmp_path / REPORTS).write_text("".join(kept) + lines[5][: len(lines[5]) // 2], encoding="utf-8")
    progress = recheck(archive_refs(archive.root), tmp_path, options=archive.options(), jobs=0)
    assert (progress.skipped, progress.done) == (5, 7)
    text = (tmp_path / REPORTS).read_text(encoding="utf-8")
    assert text.startswith("".join(kept))  # finished filings untouched, the cut line gone
    ids = [r["filing"] for r in _lines(tmp_path / REPORTS)]
    assert len(ids) == len(set(ids)) == 12


def _terminal_sigint() -> None:
    """Ctrl-C as a terminal delivers it: a suite started in the background (`make test &`) inherits SIGINT
    ignored, and a Python started so never raises KeyboardInterrupt."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_leaves_whole_lines_and_resumes(archive: Archive, tmp_path: Path) -> None:
    # pages cached, readings not, and the archive five times over (hard links): slow enough to stop half-way
    # even when a busy machine notices the second line late
    out, cache, big = tmp_path / "out", tmp_path / "cache", tmp_path / "big"
    shutil.copytree(archive.cache, cache, ignore=shutil.ignore_patterns("reading-*"))
    for k in range(5):
        shutil.copytree(archive.root, big / f"copy{k}", copy_function=os.link)
    total = len(archive_refs(big))
    env = {**os.environ, "DOCSCREEN_CACHE_DIR": str(cache), "DOCSCREEN_WORKERS": "1", "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([*DOCSCREEN, "recheck", str(big), "--out", str(out), "--jobs", "1", "--quiet"],
                            cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, preexec_fn=_terminal_sigint)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if (out / REPORTS).exists() and (out / REPORTS).read_text(encoding="utf-8").count("\n") >= 2:
            break
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal does on Ctrl-C
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "run the same command again to resume" in err
    assert "Traceback" not in err, err  # a checker still starting up does not die of the Ctrl-C
    done = _lines(out / REPORTS)  # every line parses
    assert 2 <= len(done) < total
    progress = recheck(archive_refs(big), out, options=archive.options(cache), jobs=1)
    assert progress.skipped == len(done) and progress.done == total - len(done)
    ids = [r["filing"] for r in _lines(out / REPORTS)]
    assert len(ids) == len(set(ids)) == total


def test_a_checker_dead_before_a_submit_fails_that_filing_not_the_run(archive: Archive) -> None:
    from concurrent.futures.process import BrokenProcessPool

    from service.recheck import _Pool

    pool = _Pool(archive.options(), 1)
    try:
        ref = archive_refs(archive.root)[0]
        assert pool.submit(ref).result(timeout=120).record["filing"] == ref.id
        ex = pool._ex
        assert ex is not None
        for proc in ex._processes.values():  # the checker dies while idle (OOM killer, operator)
            proc.kill()
        deadline = time.monotonic() + 30
        while not ex._broken and time.monotonic() < deadline:
            time.sleep(0.05)
        assert ex._broken
        assert isinstance(pool.submit(ref).exception(timeout=1), BrokenProcessPool)  # raised to no one
    finally:
        pool.kill()


def test_a_killed_pool_has_closed_its_pipes_before_the_exit(archive: Archive) -> None:
    # the interpreter's exit writes to the pool thread's wake-up pipe without the pool's lock: a thread still
    # closing it then made a Ctrl-C'd run print 'Exception ignored ... Bad file descriptor'
    from service.recheck import _Pool

    pool = _Pool(archive.options(), 1)
    pool.submit(archive_refs(archive.root)[0]).result(timeout=120)
    ex = pool._ex
    assert ex is not None
    manager: threading.Thread | None = getattr(ex, "_executor_manager_thread", None)  # typeshed types it wrongly
    assert manager is not None
    pool.kill()
    assert not manager.is_alive()


def test_a_stopped_run_exits_though_something_holds_the_exit(tmp_path: Path) -> None:
    # a thread that never ends holds an ordinary interpreter exit for ever, as a wedged pool thread would
    code = ("import threading, time, sys; from service.recheck import exit_soon; "
            "threading.Thread(target=time.sleep, args=(600,)).start(); exit_soon(130, 0.5); sys.exit(130)")
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)},
                          timeout=60, capture_output=True)
    assert proc.returncode == 130, proc.stderr
    assert time.monotonic() - started < 30


def test_stored_applications_are_rechecked(archive: Archive, tmp_path: Path) -> None:
    from sqlalchemy import select

    from checks.models import Application
    from service.db_models import ApplicationRow, AuditEvent
    from service.recheck import stored_refs
    from service.runtime import Runtime
    from service.submissions import Upload, create_application
    from tests.service.conftest import make_settings

    settings = make_settings(tmp_path)
    rt = Runtime.from_settings(settings)
    ids = []
    with rt.sessions() as s:
        for fid in ("F11-0003", "F11-0004"):
            app = Application.model_validate_json((archive.root / fid / "application.json").read_bytes())
            ups = [Upload(p.name, p.read_bytes()) for p in sorted((archive.root / fid / "files").iterdir())]
            row = create_application(s, rt.store, app, ups, actor="test")
            row.status, row.verdict = "done", "pass"  # as stored by an older version of the rules
            ids.append(row.id)
        queued = create_application(s, rt.store, app, ups, actor="test")  # still in the queue: left alone
        s.commit()
    refs = stored_refs(rt)
    assert sorted(r.id for r in refs) == sorted(ids)
    options = CheckOptions(lang="en", extract=ExtractSettings(cache_dir=archive.cache, workers=1), service=settings)
    progress = recheck(refs, tmp_path / "out", options=options, jobs=0)
    assert progress.done == 2 and progress.errors == 0
    records = {r["filing"]: r for r in read_records(tmp_path / "out" / REPORTS)}
    with rt.sessions() as s:
        for i in ids:
            got = s.get(ApplicationRow, i)
            assert got is not None and got.report_json is not None
            assert got.verdict == records[i]["report"]["verdict"]
            assert [f.code for f in got.findings] == [f["code"] for f in records[i]["report"]["findings"]]
            events = s.scalars(select(AuditEvent).where(AuditEvent.application_id == i,
                                                        AuditEvent.action == "rechecked")).all()
            assert len(events) == 1 and json.loads(events[0].detail_json)["previous_verdict"] == "pass"
        assert s.get(ApplicationRow, queued.id).report_json is None  # type: ignore[union-attr]
    rt.close()


# ---------------------------------------------------------------------------------------------------- Celery


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed (apt-get install -y redis-server)")
    port = _free_port()
    proc = subprocess.Popen([server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                             "--dir", str(tmp_path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_celery_engine_gives_the_local_verdicts(archive: Archive, first_run: tuple[Path, Progress], redis_url: str,
                                                tmp_path: Path) -> None:
    from celery import Celery

    from service.recheck_celery import recheck_on_celery

    env = {**os.environ, "PYTHONPATH": str(REPO), "CELERY_BROKER_URL": redis_url,
           "CELERY_RESULT_BACKEND": redis_url[:-1] + "1", "DOCSCREEN_CACHE_DIR": str(archive.cache),
           "DOCSCREEN_WORKERS": "1", "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite",
           "FILE_STORE": str(tmp_path / "files")}
    workers = [subprocess.Popen([sys.executable, "-m", "celery", "-A", "service.celery_app", "worker", "--pool", "solo",
                                 "-n", f"recheck{k}@%h", "--without-gossip", "--without-mingle", "--loglevel",
                                 "WARNING"], cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
               for k in range(2)]
    try:
        app = Celery(broker=redis_url)
        deadline = time.monotonic() + 60
        while len(app.control.ping(timeout=0.5) or []) < 2:
            assert time.monotonic() < deadline, "the two workers did not come up"
            assert all(w.poll() is None for w in workers), workers[0].stderr
        out = tmp_path / "out"
        progress = recheck_on_celery(archive_refs(archive.root), out, options=archive.options(), broker_url=redis_url,
                                     timeout=90)
    finally:
        for w in workers:
            w.terminate()
        for w in workers:
            try:
                w.wait(timeout=20)
            except subprocess.TimeoutExpired:
                w.kill()
    assert progress.done == 12 and progress.errors == 1
    local = {r["filing"]: r.get("report", {}).get("verdict") for r in read_records(first_run[0] / REPORTS)}
    remote = {r["filing"]: r.get("report", {}).get("verdict") for r in read_records(out / REPORTS)}
    assert remote == local
    assert len({r["worker"] for r in read_records(out / REPORTS) if "worker" in r}) == 2
    assert (out / "summary.html").exists() and not list((out / "parts").glob("*.json"))
