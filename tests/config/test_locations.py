"""Default config locations per platform, as V2 (platformdirs) finds them."""
from __future__ import annotations

import os

from sagemaker_estimators.config import locations


def test_linux_defaults_and_xdg_variables():
    env = {"HOME": "/home/ann"}
    assert locations.site_config_dir("linux", env) == "/etc/xdg/sagemaker"
    assert locations.user_config_dir("linux", env) == "/home/ann/.config/sagemaker"
    env = {"HOME": "/home/ann", "XDG_CONFIG_HOME": "/cfg", "XDG_CONFIG_DIRS": "/site1:/site2"}
    assert locations.site_config_dir("linux", env) == "/site1/sagemaker"
    assert locations.user_config_dir("linux", env) == "/cfg/sagemaker"
    # relative XDG values are ignored, as platformdirs ignores them
    env = {"HOME": "/home/ann", "XDG_CONFIG_HOME": "rel", "XDG_CONFIG_DIRS": "rel:/site2"}
    assert locations.user_config_dir("linux", env) == "/home/ann/.config/sagemaker"
    assert locations.site_config_dir("linux", env) == "/site2/sagemaker"


def test_macos_and_windows_defaults():
    assert locations.site_config_dir("darwin", {"HOME": "/Users/ann"}) == "/Library/Application Support/sagemaker"
    assert locations.user_config_dir("darwin", {"HOME": "/Users/ann"}) == \
        "/Users/ann/Library/Application Support/sagemaker"
    windows = {"LOCALAPPDATA": "L", "PROGRAMDATA": "P"}
    assert locations.user_config_dir("win32", windows) == os.path.join("L", "sagemaker", "sagemaker")
    assert locations.site_config_dir("win32", windows) == os.path.join("P", "sagemaker", "sagemaker")


def test_default_paths_end_in_config_yaml():
    env = {"HOME": "/home/ann"}
    assert locations.default_user_config_path(env).endswith(os.path.join("sagemaker", "config.yaml"))
    assert locations.default_admin_config_path(env).endswith(os.path.join("sagemaker", "config.yaml"))
