"""A throwaway PostgreSQL cluster for the storage tests: initdb into a temp dir, pg_ctl on a free loopback port.

As root the server runs as the `postgres` user (PostgreSQL refuses root); the data dir is chowned to it.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

from service.liveserver import free_port


def find_initdb() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve()
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(candidates[-1]) if candidates else None


@dataclass
class Cluster:
    root: Path
    port: int
    bindir: Path
    user: str | None  # the OS user the server runs as when we are root

    def _run(self, *argv: str) -> subprocess.CompletedProcess[bytes]:
        cmd = [str(self.bindir / argv[0]), *argv[1:]]
        if self.user:
            cmd = ["runuser", "-u", self.user, "--", *cmd]
        return subprocess.run(cmd, check=True, capture_output=True, timeout=60)

    @classmethod
    def start(cls) -> Cluster:
        initdb = find_initdb()
        if initdb is None:
            raise FileNotFoundError("initdb")
        user = None
        if os.geteuid() == 0:
            user = "postgres"
            pwd.getpwnam(user)  # KeyError when the package did not create it
        root = Path(tempfile.mkdtemp(prefix="docscreen-pg-"))
        if user:
            entry = pwd.getpwnam(user)
            os.chown(root, entry.pw_uid, entry.pw_gid)
        cluster = cls(root=root, port=free_port(), bindir=initdb.parent, user=user)
        data = root / "data"
        cluster._run("initdb", "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync")
        opts = (
            f"-p {cluster.port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60"
        )
        cluster._run(
            "pg_ctl", "-D", str(data), "-o", opts, "-l", str(root / "log"), "-w", "-t", "30", "start"
        )
        return cluster

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.root / "data"), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """A fresh empty database; its SQLAlchemy URL."""
        import psycopg

        name = "t_" + uuid.uuid4().hex[:16]
        with psycopg.connect(
            f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True
        ) as c:
            c.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)
