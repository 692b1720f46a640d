"""Caller keys: who may use the service, where keys come from, and serving without them."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr

from summarizer.cli import main
from summarizer.cli.serve import listen
from summarizer.errors import ConfigError
from summarizer.service import ServiceSettings, check_bind_address, load_service_settings
from summarizer.service.auth import KeyRing
from summarizer.testing.fake_openai import FakeOpenAI

from .conftest import ROOT
from .service_support import (
    ARTICLE,
    KEY,
    OTHER_KEY,
    SECRET,
    auth,
    client_for,
    openai_settings,
    service_settings,
)


def test_request_without_a_key_is_refused_before_any_engine_call(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    with client_for(openai_settings(fake_openai, tmp_path), service_settings()) as client:
        response = client.post("/v1/briefs", json={"text": ARTICLE})

    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.json()["kind"] == "unauthorized"
    assert "Authorization: Bearer" in response.json()["detail"]
    assert fake_openai.requests == []


@pytest.mark.parametrize(
    "header",
    [
        f"Bearer {KEY}x",
        f"Bearer {KEY[:-1]}",
        "Bearer",
        f"Basic {KEY}",
        KEY,
    ],
    ids=["longer", "shorter", "empty", "basic-scheme", "no-scheme"],
)
def test_a_wrong_key_is_refused_without_echoing_it(
    header: str, fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    with client_for(openai_settings(fake_openai, tmp_path), service_settings()) as client:
        response = client.post(
            "/v1/briefs", json={"text": ARTICLE}, headers={"Authorization": header}
        )

    assert response.status_code == 401
    assert KEY not in response.text
    assert fake_openai.requests == []


def test_every_configured_key_is_accepted(fake_openai: FakeOpenAI, tmp_path: Path) -> None:
    with client_for(openai_settings(fake_openai, tmp_path), service_settings()) as client:
        statuses = [
            client.post("/v1/briefs", json={"text": ARTICLE}, headers=auth(key)).status_code
            for key in (KEY, OTHER_KEY)
        ]

    assert statuses == [200, 200]


def test_health_needs_no_key_but_metrics_does(fake_openai: FakeOpenAI, tmp_path: Path) -> None:
    with client_for(openai_settings(fake_openai, tmp_path), service_settings()) as client:
        health = client.get("/healthz")
        metrics_without_key = client.get("/metrics")
        metrics_with_key = client.get("/metrics", headers=auth())

    assert health.status_code == 200
    assert metrics_without_key.status_code == 401
    assert metrics_with_key.status_code == 200


def test_without_keys_a_loopback_service_needs_no_authorization(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    with client_for(openai_settings(fake_openai, tmp_path), ServiceSettings()) as client:
        response = client.post("/v1/briefs", json={"text": ARTICLE})

    assert response.status_code == 200


def test_key_ring_names_callers_by_key_number_and_needs_the_bearer_scheme() -> None:
    ring = KeyRing([SecretStr(KEY), SecretStr(OTHER_KEY)])

    assert ring.caller(f"Bearer {OTHER_KEY}") == "key-2"
    assert ring.caller(f"bearer   {KEY}") == "key-1"
    assert ring.caller(None) is None
    assert ring.caller(f"Token {KEY}") is None
    assert not KeyRing([])


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.10", "example.org"])
def test_serving_beyond_loopback_without_keys_is_refused(host: str) -> None:
    with pytest.raises(ConfigError, match="without service keys"):
        check_bind_address(ServiceSettings(host=host))


@pytest.mark.parametrize("host", ["127.0.0.1", "::1", "localhost", "127.0.0.2"])
def test_serving_loopback_without_keys_is_allowed(host: str) -> None:
    check_bind_address(ServiceSettings(host=host))


def test_serving_all_interfaces_with_keys_is_allowed() -> None:
    check_bind_address(ServiceSettings(host="0.0.0.0", api_keys=[SecretStr(KEY)]))


def test_keys_come_from_the_config_file_and_the_environment_wins(tmp_path: Path) -> None:
    config = tmp_path / "service.toml"
    config.write_text(
        f'[service]\napi_keys = ["{KEY}"]\nmax_body_bytes = 1000\nport = 9000\n', "utf-8"
    )

    from_file = load_service_settings({"SUMMARIZER_CONFIG": str(config)})
    from_env = load_service_settings(
        {"SUMMARIZER_SERVICE_KEYS": f" {OTHER_KEY} , {KEY},"}, config, port=9100
    )

    assert [key.get_secret_value() for key in from_file.api_keys] == [KEY]
    assert from_file.max_body_bytes == 1000
    assert [key.get_secret_value() for key in from_env.api_keys] == [OTHER_KEY, KEY]
    assert from_env.port == 9100
    assert KEY not in repr(from_env)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('[service]\napi_keys = ["s3cr3t-short"]\n', "at least 16 characters"),
        ("[service]\nmax_body_size = 10\n", "max_body_size: Extra inputs"),
        ("[other]\nx = 1\n", "no [service] table"),
        ("[service\n", "not valid TOML"),
    ],
    ids=["short-key", "unknown-setting", "no-table", "bad-toml"],
)
def test_a_bad_config_file_is_a_config_error_naming_the_file(
    content: str, message: str, tmp_path: Path
) -> None:
    config = tmp_path / "service.toml"
    config.write_text(content, "utf-8")

    with pytest.raises(ConfigError, match=re.escape(message)) as raised:
        load_service_settings({}, config)

    assert str(config) in str(raised.value)
    assert "s3cr3t" not in str(raised.value)


def test_the_readme_config_example_is_a_valid_config_file(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    [example] = re.findall(r"```text\n(\[service\]\n.*?)```", readme, flags=re.S)
    config = tmp_path / "service.toml"
    config.write_text(example.replace("<a long random key>", KEY), "utf-8")

    settings = load_service_settings({}, config)

    assert [key.get_secret_value() for key in settings.api_keys] == [KEY]
    assert settings.max_body_bytes == 2 * 1024 * 1024


def _cli(*args: str, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "summarizer", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def test_serve_command_refuses_all_interfaces_without_keys_with_exit_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["serve", "--host", "0.0.0.0", "--engine", "extractive"])

    assert code == 2
    assert capsys.readouterr().err.strip().splitlines() == [
        "summarizer: error: refusing to serve on 0.0.0.0 without service keys; set "
        "SUMMARIZER_SERVICE_KEYS or api_keys in the [service] table of --config, "
        "or serve on --host 127.0.0.1"
    ]


def test_serve_command_reports_a_taken_port_in_one_line_with_exit_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        code = main(["serve", "--port", port, "--engine", "extractive"])

    assert code == 2
    errors = [line for line in capsys.readouterr().err.splitlines() if "error" in line]
    assert errors == [
        f"summarizer: error: cannot listen on 127.0.0.1:{port} (Address already in use); "
        "choose another --port"
    ]


def test_serve_listens_before_it_announces_its_address() -> None:
    """A caller who connects as soon as "serving on ..." is printed is queued, not refused."""
    with listen("127.0.0.1", 0) as listener:
        host, port = listener.getsockname()[:2]
        with socket.create_connection((host, port), timeout=5) as caller:
            assert caller.getpeername()[1] == port


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.mark.slow
def test_serve_command_serves_with_keys_from_its_config_file(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    config = tmp_path / "service.toml"
    config.write_text(f'[service]\napi_keys = ["{KEY}"]\n', "utf-8")
    port = _free_port()
    process = _cli(
        "serve", "--config", str(config), "--port", str(port),
        "--base-url", fake_openai.base_url, "--model", "fake-model",
        env={**os.environ, "SUMMARIZER_API_KEY": SECRET},
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, process.communicate()[1]
            try:
                httpx.get(f"{base}/healthz", timeout=1)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "serve did not start"
                time.sleep(0.1)
        refused = httpx.post(f"{base}/v1/briefs", json={"text": ARTICLE})
        served = httpx.post(f"{base}/v1/briefs", json={"text": ARTICLE}, headers=auth(), timeout=60)
    finally:
        process.terminate()
        _, stderr = process.communicate(timeout=30)

    assert refused.status_code == 401
    assert served.status_code == 200, served.text
    assert len(fake_openai.requests) == 1
    assert "no service keys" not in stderr
    assert KEY not in stderr
    assert SECRET not in stderr
