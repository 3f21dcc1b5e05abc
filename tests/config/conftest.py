"""Fixtures for the defaults-config tests: an isolated HOME/XDG so no real config file is read."""
from __future__ import annotations

import pytest

ROLE_ARN = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1"


@pytest.fixture(autouse=True)
def isolated_config_dirs(tmp_path, monkeypatch):
    """Default admin and user locations inside tmp_path (empty), override variables unset."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "etc-xdg"))
    monkeypatch.delenv("SAGEMAKER_ADMIN_CONFIG_OVERRIDE", raising=False)
    monkeypatch.delenv("SAGEMAKER_USER_CONFIG_OVERRIDE", raising=False)
    return tmp_path


@pytest.fixture
def write_config(tmp_path):
    """write_config(text, name="config.yaml") -> path of a file written under tmp_path/configs."""
    folder = tmp_path / "configs"
    folder.mkdir(exist_ok=True)

    def write(text: str, name: str = "config.yaml") -> str:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        return str(path)

    return write
