"""The Dask executor (issue 14 part 2) on a real ``distributed.LocalCluster``: two worker
processes (nannies) on 127.0.0.1, started for real.

* the samples give the same JSON and text reports as the local executor (the JSON contract has
  no timings: byte for byte), the progress callback is fed from the cluster, the cache decides
  before the cluster is asked;
* a worker process killed mid-run: its files run again elsewhere, the run completes, nothing
  is lost, and no check process outlives the worker;
* on the workers, a file that hangs is FILE-UNREADABLE (timeout), one that kills its check
  process FILE-UNREADABLE (crash); a file that kills its Dask worker is tried once more alone,
  then FILE-UNREADABLE (crash);
* a worker with another rule pack stops the run, so does a scheduler lost mid-run (one clear
  error, not a hang); a scheduler that cannot be reached, or Dask
  not installed, is one clear line and exit 2.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from nd30check.batch import run_batch
from nd30check.cli import main
from nd30check.config import Config
from nd30check.executor import ExecutorError, InlineExecutor, Job, LocalProcessExecutor
from nd30check.report import render_report
from nd30check.rulepack import load_pack

distributed = pytest.importorskip("distributed", reason="Dask is not installed (pip install -e '.[test]' brings it)")
from nd30check import executor_dask  # noqa: E402
from nd30check.executor_dask import DaskExecutor  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
COMPLIANT = SAMPLES / "compliant"
NOW = "2026-06-01T00:00:00+07:00"


def _start_cluster(**config):
    """Two worker processes, one thread each, on the loopback; skipped (saying why) only if
    the cluster truly cannot start here."""
    import dask

    try:
        with dask.config.set(config):
            return distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                            dashboard_address="127.0.0.1:0", silence_logs=40)
    except Exception as exc:  # pragma: no cover - only where sockets or processes are forbidden
        pytest.skip(f"a Dask LocalCluster cannot start on this machine: {exc!r}")


@pytest.fixture(scope="module")
def cluster():
    c = _start_cluster()
    yield c
    executor_dask.close_clients()
    c.close()


@pytest.fixture()
def own_cluster(request):
    """A cluster for one test (started after the test set its fault variables: the workers,
    and those the nannies restart, inherit them)."""
    made = []

    def start(**config):
        made.append(_start_cluster(**config))
        return made[-1]

    yield start
    executor_dask.close_clients()
    for c in made:
        try:
            c.close(timeout=5)  # a test may have stopped the scheduler: don't wait on it for long
        except Exception:
            pass


def _few(tmp_path: Path, n: int) -> Path:
    folder = tmp_path / "lo"
    folder.mkdir()
    for p in sorted(COMPLIANT.glob("*.docx"))[:n]:
        shutil.copy(p, folder / p.name)
    return folder


def _reports(run, cfg, pack) -> tuple[str, str]:
    return render_report("json", run, cfg, pack), render_report("text", run, cfg, pack)


def test_samples_give_the_same_reports_as_the_local_executor(cluster) -> None:
    pack = load_pack()
    cfg = Config(now=NOW, cache=False, jobs=2)
    paths = [os.path.relpath(SAMPLES)]  # relative, as a user types it: the workers get absolute paths
    local = run_batch(paths, cfg, pack, progress=False, executor=LocalProcessExecutor(jobs=2, timeout=120))
    seen: list[tuple[int, int]] = []
    dask_run = run_batch(paths, cfg, pack, progress=lambda done, total, _name: seen.append((done, total)),
                         executor=DaskExecutor(cluster.scheduler_address, timeout=120))
    assert _reports(dask_run, cfg, pack) == _reports(local, cfg, pack)
    n = len(json.loads(_reports(local, cfg, pack)[0])["files"])
    assert n > 100 and [d for d, _t in seen] == list(range(1, n + 1)) and {t for _d, t in seen} == {n}


def test_the_cache_decides_before_the_cluster(cluster, tmp_path: Path) -> None:
    folder = _few(tmp_path, 4)
    pack = load_pack()
    cfg = Config(now=NOW, cache=True, cache_dir=str(tmp_path / "cache"))

    class Counting(DaskExecutor):
        sent = 0

        def run(self, job, tasks):
            Counting.sent += len(tasks)
            return super().run(job, tasks)

    first = run_batch([str(folder)], cfg, pack, progress=False, executor=Counting(cluster.scheduler_address))
    assert Counting.sent == 4
    (folder / "moi.docx").write_bytes(next(iter(sorted(COMPLIANT.glob("*.docx"))[4:5])).read_bytes())
    again = run_batch([str(folder)], cfg, pack, progress=False, executor=Counting(cluster.scheduler_address))
    assert Counting.sent == 5  # only the new file went to the cluster
    def entries(run) -> dict:
        return {f["path"]: f for f in json.loads(render_report("json", run, cfg, pack))["files"]}

    old = entries(first)
    assert {p: f for p, f in entries(again).items() if p in old} == old


def _check_children(pid: int) -> list[int]:
    kids: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            kids += [int(x) for x in (task / "children").read_text().split()]
        except OSError:
            pass
    return kids


def test_a_worker_killed_mid_run_loses_nothing(own_cluster, tmp_path: Path, monkeypatch) -> None:
    folder = _few(tmp_path, 8)
    pack = load_pack()
    cfg = Config(now=NOW, cache=False)
    expected = render_report("json", run_batch([str(folder)], cfg, pack, progress=False, executor=InlineExecutor()),
                             cfg, pack)
    monkeypatch.setenv("ND30CHECK_TEST_FAULT", "slow:.docx")  # every file takes 0.5 s more: the run is in flight
    c = own_cluster()
    client = distributed.Client(c, set_as_default=False)
    pids = client.run(os.getpid)
    killed: dict[str, object] = {}

    def progress(done: int, total: int, _name: str) -> None:
        """At the first file back: kill a worker that is checking one (has a check process)."""
        deadline = time.monotonic() + 3
        while not killed and time.monotonic() < deadline:
            for addr, keys in client.processing().items():
                children = _check_children(pids[addr]) if keys else []
                if children:
                    killed.update(pid=pids[addr], children=children)
                    os.kill(pids[addr], signal.SIGKILL)
                    return
            time.sleep(0.05)

    try:
        run = run_batch([str(folder)], cfg, pack, progress=progress, executor=DaskExecutor(c.scheduler_address))
    finally:
        client.close()
    assert killed, "no worker was busy when the first file came back"
    assert all(r.error is None for r in run) and render_report("json", run, cfg, pack) == expected
    deadline = time.monotonic() + 5
    while any(Path(f"/proc/{k}").exists() for k in killed["children"]) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(Path(f"/proc/{k}").exists() for k in killed["children"]), \
        "a check process outlived its worker"


def test_limits_are_enforced_on_the_workers(own_cluster, tmp_path: Path, monkeypatch) -> None:
    folder = _few(tmp_path, 3)
    names = sorted(p.name for p in folder.iterdir())
    monkeypatch.setenv("ND30CHECK_TEST_FAULT", f"hang:{names[0]},kill:{names[1]}")
    c = own_cluster()
    pack = load_pack()
    cfg = Config(now=NOW, cache=False, timeout=2)
    t0 = time.monotonic()
    run = run_batch([str(folder)], cfg, pack, progress=False, executor=DaskExecutor.from_config(
        Config(timeout=2, scheduler=c.scheduler_address)))
    assert time.monotonic() - t0 < 30
    codes = {Path(r.path).name: (r.error or {}).get("code") for r in run}
    assert codes == {names[0]: "timeout", names[1]: "crash", names[2]: None}
    unreadable = {Path(r.path).name for r in run for x in r.results if x.rule == "FILE-UNREADABLE" and x.status == "fail"}
    assert unreadable == {names[0], names[1]}


def test_a_file_that_kills_its_worker_is_retried_once_then_unreadable(own_cluster, tmp_path: Path, monkeypatch) -> None:
    folder = _few(tmp_path, 3)
    names = sorted(p.name for p in folder.iterdir())
    monkeypatch.setenv("ND30CHECK_TEST_FAULT", f"kill-parent:{names[1]}")
    # the scheduler gives a lost task up at once (KilledWorker); the executor's own retry remains
    c = own_cluster(**{"distributed.scheduler.allowed-failures": 0})
    pack = load_pack()
    cfg = Config(now=NOW, cache=False)
    run = run_batch([str(folder)], cfg, pack, progress=False, executor=DaskExecutor(c.scheduler_address))
    codes = {Path(r.path).name: (r.error or {}).get("code") for r in run}
    assert codes == {names[0]: None, names[1]: "crash", names[2]: None}
    bad = next(r for r in run if Path(r.path).name == names[1])
    assert "KilledWorker" in json.dumps(bad.error)


def test_a_file_tried_alone_brings_down_one_worker_whatever_the_scheduler_allows(own_cluster, tmp_path: Path,
                                                                                 monkeypatch) -> None:
    """With the scheduler retrying lost tasks (allowed-failures 1: its chunk costs 2 workers),
    the file's retry alone costs one more worker, not 2: the executor's single-file retry is
    not run again by the scheduler."""
    folder = _few(tmp_path, 3)
    names = sorted(p.name for p in folder.iterdir())
    monkeypatch.setenv("ND30CHECK_TEST_FAULT", f"kill-parent:{names[1]}")
    c = own_cluster(**{"distributed.scheduler.allowed-failures": 1})
    pack = load_pack()
    cfg = Config(now=NOW, cache=False)
    executor = DaskExecutor(c.scheduler_address, chunk=1)
    run = run_batch([str(folder)], cfg, pack, progress=False, executor=executor)
    codes = {Path(r.path).name: (r.error or {}).get("code") for r in run}
    assert codes == {names[0]: None, names[1]: "crash", names[2]: None}
    # the LocalCluster's scheduler runs in this process: its event log counts the lost workers
    deaths = [e for _t, e in c.scheduler.get_events("all") if isinstance(e, dict) and e.get("action") == "remove-worker"]
    assert len(deaths) == 2 + 1, [r.error for r in run]
    assert not any(c.scheduler.task_metadata.get(executor_dask.MARKS, {}).values())  # the run's marks are gone


def test_a_worker_with_another_rule_pack_stops_the_run(cluster) -> None:
    from nd30check.executor import Task

    job = Job(Config(now=NOW), "0" * 16)  # not the digest of the pack the workers load
    with pytest.raises(ExecutorError, match="rule pack"):
        list(DaskExecutor(cluster.scheduler_address).run(job, [Task(0, str(next(COMPLIANT.glob("*.docx"))))]))


def test_the_command_line_runs_on_the_cluster(cluster, tmp_path: Path) -> None:
    folder = _few(tmp_path, 3)
    args = ["audit", str(folder), "--format", "json", "--no-progress", "--no-cache", "--now", NOW]
    local = CliRunner().invoke(main, args, catch_exceptions=False)
    on_dask = CliRunner().invoke(main, [*args, "--executor", "dask", "--scheduler", cluster.scheduler_address],
                                 catch_exceptions=False)
    assert on_dask.exit_code == local.exit_code and on_dask.output == local.output


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_unreachable_scheduler_is_a_clear_error(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv(executor_dask.TIMEOUT_ENV, "1")
    address = f"tcp://127.0.0.1:{_free_port()}"
    t0 = time.monotonic()
    r = CliRunner().invoke(main, ["check", str(COMPLIANT), "--executor", "dask", "--scheduler", address, "--lang", "en"])
    assert r.exit_code == 2 and time.monotonic() - t0 < 20
    assert f"cannot reach the Dask scheduler {address}" in r.output and "Traceback" not in r.output
    db = tmp_path / "audit.sqlite"
    r = CliRunner().invoke(main, ["audit", str(COMPLIANT), "--db", str(db), "--executor", "dask", "--scheduler", address])
    assert r.exit_code == 2 and "Dask" in r.output and not db.exists()  # refused before the database is opened
    r = CliRunner().invoke(main, ["check", str(COMPLIANT), "--executor", "dask"], env={"DASK_SCHEDULER_ADDRESS": ""})
    assert r.exit_code == 2 and "--scheduler" in r.output


def test_dask_not_installed_is_a_clear_error(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed → ImportError
    r = CliRunner().invoke(main, ["check", str(COMPLIANT), "--executor", "dask", "--scheduler", "tcp://127.0.0.1:8786"])
    assert r.exit_code == 2 and 'pip install "nd30check[dask]"' in r.output


def test_a_scheduler_lost_mid_run_stops_it_clearly(own_cluster, tmp_path: Path, monkeypatch) -> None:
    folder = _few(tmp_path, 6)
    monkeypatch.setenv("ND30CHECK_TEST_FAULT", "slow:.docx")
    monkeypatch.setenv(executor_dask.TIMEOUT_ENV, "2")
    c = own_cluster()
    pack = load_pack()
    cfg = Config(now=NOW, cache=False)
    seen: list[int] = []

    def progress(done: int, _total: int, _name: str) -> None:
        if not seen:
            c.sync(c.scheduler.close)
        seen.append(done)

    t0 = time.monotonic()
    with pytest.raises(ExecutorError, match="lost the Dask scheduler"):
        run_batch([str(folder)], cfg, pack, progress=progress, executor=DaskExecutor(c.scheduler_address))
    assert seen and time.monotonic() - t0 < 60


def test_the_executor_is_a_setting(tmp_path: Path) -> None:
    from nd30check.config import ConfigError, load_config
    from nd30check.executor import make_executor

    conf = tmp_path / "nd30check.toml"
    conf.write_text('executor = "dask"\nscheduler = "tcp://may-1:8786"\n', encoding="utf-8")
    cfg = load_config(conf)
    ex = make_executor(cfg)
    assert isinstance(ex, DaskExecutor) and ex.scheduler == "tcp://may-1:8786"
    assert isinstance(make_executor(load_config(conf, {"executor": "local"})), LocalProcessExecutor)
    conf.write_text('executor = "spark"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="executor"):
        load_config(conf)


def test_the_audit_database_records_the_executor(cluster, tmp_path: Path) -> None:
    """Each run's stored settings say where its checks ran — the local executor, or the Dask
    scheduler's address — and the trend report shows it with the latest run."""
    import sqlite3

    db = str(tmp_path / "history.sqlite")
    one, two = _few(tmp_path, 2), tmp_path / "other"
    two.mkdir()
    shutil.copy(next(COMPLIANT.glob("*.docx")), two / "a.docx")
    base = ["--db", db, "--no-progress", "--no-cache", "--now", NOW]
    local = CliRunner().invoke(main, ["audit", str(one), *base], catch_exceptions=False)
    on_dask = CliRunner().invoke(main, ["audit", str(two), *base, "--executor", "dask",
                                        "--scheduler", cluster.scheduler_address], catch_exceptions=False)
    assert local.exit_code in (0, 1) and on_dask.exit_code in (0, 1), (local.output, on_dask.output)
    with sqlite3.connect(db) as con:
        stored = [json.loads(s) for (s,) in con.execute("SELECT settings FROM runs ORDER BY id")]
    assert [(s["executor"], s["scheduler"]) for s in stored] == [("local", None), ("dask", cluster.scheduler_address)]

    report = CliRunner().invoke(main, ["audit", "--db", db, "--report", "--format", "json"], catch_exceptions=False)
    latest = {r["id"]: (r["executor"], r["scheduler"]) for r in json.loads(report.output)["latest_runs"]}
    assert latest == {1: ("local", None), 2: ("dask", cluster.scheduler_address)}
    for lang, words in (("vi", ("chạy trên máy này", "chạy trên cụm Dask")), ("en", ("on this machine", "on the Dask cluster"))):
        text = CliRunner().invoke(main, ["audit", "--db", db, "--report", "--lang", lang], catch_exceptions=False).output
        assert words[0] in text and f"{words[1]} {cluster.scheduler_address}" in text


def test_a_scheduler_address_is_stored_without_credentials(monkeypatch) -> None:
    from nd30check.executor_dask import executor_settings, public_address

    assert public_address("tls://nd30:s3cret@sched.example.vn:8786/?token=abc#x") == "tls://sched.example.vn:8786/"
    assert public_address("tcp://[::1]:8786") == "tcp://[::1]:8786"
    assert public_address("/srv/dask/scheduler.json") == "/srv/dask/scheduler.json"
    monkeypatch.setenv("DASK_SCHEDULER_ADDRESS", "tcp://user:pw@10.0.0.5:8786")
    assert executor_settings(Config(executor="dask")) == {"executor": "dask", "scheduler": "tcp://10.0.0.5:8786"}
    assert executor_settings(Config()) == {"executor": "local", "scheduler": None}
