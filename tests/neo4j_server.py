"""A real Neo4j for the tests: Neo4j 5.26 Community embedded, its Bolt connector on 127.0.0.1.

The launcher in tests/neo4j_launcher/ is built once with Maven (Maven Central) and cached
under its target/ folder (and ~/.m2); the server runs until its stdin closes, so it never
outlives the test process. Run this module alone to serve Neo4j by hand:
`python tests/neo4j_server.py` prints the URI and serves until Ctrl-C.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

LAUNCHER = Path(__file__).resolve().parent / "neo4j_launcher"
TARGET = LAUNCHER / "target"
STAMP = TARGET / "build.sha256"
START_TIMEOUT_S = 180


class Neo4jUnavailable(RuntimeError):
    pass


def _source_hash() -> str:
    digest = hashlib.sha256()
    for path in sorted([LAUNCHER / "pom.xml", *LAUNCHER.joinpath("src").rglob("*.java")]):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def build() -> None:
    """Build the launcher unless the cached build matches its sources."""
    wanted = _source_hash()
    if STAMP.exists() and STAMP.read_text() == wanted and (TARGET / "lib").is_dir():
        return
    if shutil.which("mvn") is None or shutil.which("java") is None:
        raise Neo4jUnavailable("building the Neo4j launcher needs Maven and Java 17 (mvn, java on PATH)")
    result = subprocess.run(
        ["mvn", "-q", "-B", "package", "-DskipTests"], cwd=LAUNCHER, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise Neo4jUnavailable(f"Maven could not build the Neo4j launcher:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    STAMP.write_text(wanted)


def free_port() -> int:
    """A port nothing listens on now, on 127.0.0.1 (also for the browser tests' app)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Neo4jServer:
    uri: str
    process: subprocess.Popen[bytes]
    home: Path

    def halt(self) -> None:
        """Shut Neo4j down and keep its data (an outage: `start(home=…, port=…)` brings it back)."""
        if self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.stdin.close()  # the launcher shuts down cleanly when stdin closes
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def stop(self) -> None:
        self.halt()
        shutil.rmtree(self.home, ignore_errors=True)

    @property
    def port(self) -> int:
        return int(self.uri.rsplit(":", 1)[1])


def start(heap: str = "1g", tx_timeout_s: int = 120, pagecache_mb: int = 256, home: Path | None = None,
          port: int | None = None, tls: Path | None = None) -> Neo4jServer:
    """`heap`, `tx_timeout_s`: the benchmarks give a large graph more than the tests need.
    `home` and `port` restart a halted server on its data and address. `tls`: a folder with
    `private.key` and `public.crt`, which Bolt then requires (the server's uri is bolt+ssc)."""
    build()
    home = home or Path(tempfile.mkdtemp(prefix="samspill-neo4j-"))
    port = port or free_port()
    log = (home / "launcher.log").open("ab")
    extra = [str(_tls_conf(home, tls))] if tls else []
    process = subprocess.Popen(
        ["java", "-Xms256m", f"-Xmx{heap}", "-cp", f"{TARGET / 'classes'}{os.pathsep}{TARGET / 'lib' / '*'}",
         "samspill.Launcher", str(home / "db"), str(port), str(tx_timeout_s), str(pagecache_mb), *extra],
        stdin=subprocess.PIPE,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    uri = f"bolt{'+ssc' if tls else ''}://127.0.0.1:{port}"
    server = Neo4jServer(uri=uri, process=process, home=home)
    try:
        _wait_until_ready(server)
    except Exception:
        tail = (home / "launcher.log").read_text(errors="replace")[-3000:]
        server.stop()
        raise Neo4jUnavailable(f"Neo4j did not start at {uri}:\n{tail}")
    return server


def _tls_conf(home: Path, tls: Path) -> Path:
    conf = home / "tls.conf"
    conf.write_text(
        "dbms.ssl.policy.bolt.enabled=true\n"
        f"dbms.ssl.policy.bolt.base_directory={tls}\n"
        "dbms.ssl.policy.bolt.private_key=private.key\n"
        "dbms.ssl.policy.bolt.public_certificate=public.crt\n"
        "dbms.ssl.policy.bolt.client_auth=NONE\n"
        "server.bolt.tls_level=REQUIRED\n"
    )
    return conf


def make_certificates(folder: Path) -> Path:
    """A certificate authority of our own and a certificate it signs for 127.0.0.1, as a
    cluster or Aura has from a real one: `private.key` and `public.crt` for the server, and the
    authority's `ca.crt` for the client to trust. Returns `folder`."""
    folder.mkdir(parents=True, exist_ok=True)

    def openssl(*args: str) -> None:
        subprocess.run(["openssl", *args], cwd=folder, check=True, capture_output=True)

    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2",
            "-subj", "/CN=Samspill test authority")
    openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "private.key")
    openssl("req", "-new", "-key", "private.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1")
    (folder / "san.ext").write_text("subjectAltName=IP:127.0.0.1,DNS:localhost\n")
    openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
            "-out", "public.crt", "-days", "2", "-extfile", "san.ext")
    return folder


def _wait_until_ready(server: Neo4jServer) -> None:
    from neo4j import GraphDatabase
    from neo4j.exceptions import DriverError, Neo4jError

    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        if server.process.poll() is not None:
            raise Neo4jUnavailable(f"the launcher exited with code {server.process.returncode}")
        try:
            with GraphDatabase.driver(server.uri, auth=None, connection_timeout=2) as driver:
                driver.verify_connectivity()
            return
        except (DriverError, Neo4jError, OSError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


if __name__ == "__main__":
    running = start()
    print(running.uri, flush=True)
    try:
        running.process.wait()
    except KeyboardInterrupt:
        pass
    finally:
        running.stop()
        sys.exit(0)
