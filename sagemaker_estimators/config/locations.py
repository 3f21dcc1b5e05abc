"""Where the SageMaker defaults config files are, as V2 finds them.

V2 takes the admin file from the site config directory and the user file from
the user config directory of the application ``sagemaker`` (the
``platformdirs`` conventions), or from the two override variables:

======================  =======================================  =================================================
platform                admin (``SAGEMAKER_ADMIN_CONFIG_OVERRIDE``)  user (``SAGEMAKER_USER_CONFIG_OVERRIDE``)
======================  =======================================  =================================================
Linux and other Unix    ``$XDG_CONFIG_DIRS`` (first) or             ``$XDG_CONFIG_HOME`` or ``~/.config``,
                        ``/etc/xdg``, + ``/sagemaker/config.yaml``  + ``/sagemaker/config.yaml``
macOS                   ``/Library/Application Support/sagemaker``  ``~/Library/Application Support/sagemaker``
Windows                 ``%PROGRAMDATA%\\sagemaker\\sagemaker``     ``%LOCALAPPDATA%\\sagemaker\\sagemaker``
======================  =======================================  =================================================

(On macOS the XDG variables win when they are set, as platformdirs does.)
"""
from __future__ import annotations

import os
import posixpath
import sys
from typing import Mapping, Optional

APP_NAME = "sagemaker"
CONFIG_FILE_NAME = "config.yaml"
ADMIN_CONFIG_OVERRIDE = "SAGEMAKER_ADMIN_CONFIG_OVERRIDE"
USER_CONFIG_OVERRIDE = "SAGEMAKER_USER_CONFIG_OVERRIDE"
#: V2's local-mode file (read by LocalSession, a different format)
LOCAL_MODE_CONFIG_FILE = os.path.join("~", ".sagemaker", CONFIG_FILE_NAME)


def _absolute_xdg(value: Optional[str]) -> Optional[str]:
    """An XDG variable counts only when it holds an absolute path (as platformdirs reads it)."""
    return value if value and posixpath.isabs(value) else None


def _home(environ: Mapping[str, str]) -> str:
    home = environ.get("HOME")
    if home and os.path.isabs(home):
        return home
    return os.path.expanduser("~")


def site_config_dir(platform: str = sys.platform, environ: Optional[Mapping[str, str]] = None) -> str:
    """The admin config directory of ``sagemaker`` on ``platform``."""
    environ = os.environ if environ is None else environ
    if platform.startswith("win"):
        base = environ.get("PROGRAMDATA") or environ.get("ALLUSERSPROFILE") or r"C:\ProgramData"
        return os.path.join(base, APP_NAME, APP_NAME)
    for entry in (environ.get("XDG_CONFIG_DIRS") or "").split(os.pathsep):
        if _absolute_xdg(entry):
            return os.path.join(entry, APP_NAME)
    if platform == "darwin":
        return os.path.join("/Library/Application Support", APP_NAME)
    return os.path.join("/etc/xdg", APP_NAME)


def user_config_dir(platform: str = sys.platform, environ: Optional[Mapping[str, str]] = None) -> str:
    """The user config directory of ``sagemaker`` on ``platform``."""
    environ = os.environ if environ is None else environ
    if platform.startswith("win"):
        base = environ.get("LOCALAPPDATA") or os.path.join(_home(environ), "AppData", "Local")
        return os.path.join(base, APP_NAME, APP_NAME)
    xdg_home = _absolute_xdg(environ.get("XDG_CONFIG_HOME"))
    if xdg_home:
        return os.path.join(xdg_home, APP_NAME)
    if platform == "darwin":
        return os.path.join(_home(environ), "Library", "Application Support", APP_NAME)
    return os.path.join(_home(environ), ".config", APP_NAME)


def default_admin_config_path(environ: Optional[Mapping[str, str]] = None) -> str:
    """``<site config dir>/config.yaml``."""
    return os.path.join(site_config_dir(environ=environ), CONFIG_FILE_NAME)


def default_user_config_path(environ: Optional[Mapping[str, str]] = None) -> str:
    """``<user config dir>/config.yaml``."""
    return os.path.join(user_config_dir(environ=environ), CONFIG_FILE_NAME)
