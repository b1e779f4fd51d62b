"""The connect dialog over real TLS: a private server listening on 127.0.0.1 with a certificate
signed by a throwaway team CA; ``verify-full`` with the CA file connects, without it or with a
host name the certificate does not name it refuses with a clear Indonesian reason."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess

import pytest

from sumbar_studio.core.store.postgres.admin import StaffMember, create_login, init_server
from sumbar_studio.core.store.postgres.connection import connect
from sumbar_studio.core.store.postgres.localserver import (
    SERVER_USER,
    LocalServer,
    _is_root,
    find_bindir,
)

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _openssl(*args: str, cwd) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True, timeout=60)


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory):
    bindir = find_bindir()
    if bindir is None or shutil.which("openssl") is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL and openssl are required in CI", pytrace=False)
        pytest.skip("PostgreSQL server binaries or openssl not available")
    certs = tmp_path_factory.mktemp("tls")
    _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out",
             "ca.pem", "-days", "2", "-subj", "/CN=Sumbar Test CA", cwd=certs)  # fmt: skip
    _openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out",
             "server.csr", "-subj", "/CN=localhost", cwd=certs)  # fmt: skip
    (certs / "san.ext").write_text("subjectAltName=DNS:localhost\n")
    _openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
             "-CAcreateserial", "-out", "server.crt", "-days", "2", "-extfile", "san.ext",
             cwd=certs)  # fmt: skip
    port = _free_port()
    server = LocalServer(bindir, port=port)
    server.start()
    try:
        server._run("pg_ctl", "-D", str(server.datadir), "-m", "fast", "-w", "stop")
        for name in ("server.crt", "server.key"):
            target = server.root / name
            shutil.copyfile(certs / name, target)
            os.chmod(target, 0o600)
            if _is_root():
                shutil.chown(target, SERVER_USER, SERVER_USER)
        options = (
            f"-c listen_addresses=127.0.0.1 -k {server.sockdir} -p {port} -c fsync=off"
            f" -c ssl=on -c ssl_cert_file={server.root / 'server.crt'}"
            f" -c ssl_key_file={server.root / 'server.key'}"
        )
        done = server._run("pg_ctl", "-D", str(server.datadir), "-l",
                           str(server.root / "server.log"), "-o", options, "-w", "start")  # fmt: skip
        if done.returncode:
            pytest.skip(f"TLS server did not start: {done.stderr or done.stdout}")
        with connect(server.conninfo()) as admin:
            admin.execute("CREATE DATABASE sumbar")
        with connect(server.conninfo("sumbar")) as conn:
            init_server(conn)
            create_login(conn, StaffMember("rina", "Rina Marlina", "199001012015032001"))
        yield port, certs / "ca.pem"
    finally:
        server.stop()


def _dialog(qtbot, port, host="localhost", ca=""):
    from sumbar_studio.ui.dialogs.connect import ConnectDialog

    dialog = ConnectDialog(save_password=lambda *_a: None)
    qtbot.addWidget(dialog)
    dialog.host.setText(host)
    dialog.port.setValue(port)
    dialog.database.setText("sumbar")
    dialog.login.setText("rina")
    dialog.ca_file.setText(str(ca))
    return dialog


def _tested(qtbot, dialog) -> str:
    dialog.test_button.click()
    qtbot.waitUntil(lambda: dialog.test_button.isEnabled(), timeout=15_000)
    return dialog.result.text()


def test_verify_full_with_the_team_ca_connects_over_tls(qtbot, tls_server, tmp_path, monkeypatch):
    from sumbar_studio.core.store.postgres.workspace import TeamWorkspace

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    port, ca = tls_server
    dialog = _dialog(qtbot, port, ca=ca)
    text = _tested(qtbot, dialog)
    assert "Sambungan berhasil" in text and "Terenkripsi: TLS" in text, text
    assert dialog.facts.tls
    with TeamWorkspace.open(dialog.address()) as ws:
        assert ws.login() == "rina" and ws.label() == f"rina@localhost:{port}/sumbar"


def test_without_the_team_ca_or_with_another_host_name_it_refuses(qtbot, tls_server, monkeypatch):
    port, ca = tls_server
    monkeypatch.setenv("PGSSLROOTCERT", "/nonexistent/root.crt")  # no CA anywhere else either
    text = _tested(qtbot, _dialog(qtbot, port))
    assert "sertifikat CA tim belum dipilih" in text, text
    text = _tested(qtbot, _dialog(qtbot, port, host="127.0.0.1", ca=ca))
    assert "nama di sertifikat server tidak sama" in text, text
