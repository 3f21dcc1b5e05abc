"""Layered sources: overlay, sagemaker-core's JSON (read as data), bundled data."""
from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import textwrap

import pytest

from sagemaker_estimators import image_uris
from sagemaker_estimators.image_uris import DataSource, Registry, formats, sources

from .conftest import FIXTURES

CORE_FIXTURE = os.path.join(FIXTURES, "core_data")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DLC = "763104351884.dkr.ecr"


def core_registry() -> Registry:
    return Registry([DataSource(f"sagemaker-core:{CORE_FIXTURE}", directory=CORE_FIXTURE),
                     sources.bundled_source()])


def test_newer_version_from_sagemaker_core_resolves():
    registry = core_registry()
    for version in ("9.0", "9.0.0"):
        assert registry.retrieve("pytorch", "us-west-2", version, "py313", "ml.g5.xlarge",
                                 image_scope="training") == \
            f"{DLC}.us-west-2.amazonaws.com/pytorch-training:{version}-gpu-py313".replace(
                f"{DLC}.", "763104351884.dkr.ecr.")
    assert registry.retrieve("pytorch", "cn-north-1", "9.0", "py313", "ml.m5.xlarge",
                             image_scope="training") == \
        "727897471807.dkr.ecr.cn-north-1.amazonaws.com.cn/pytorch-training:9.0-cpu-py313"
    # the bundled data alone does not know it, and says what it does know
    with pytest.raises(ValueError, match=r"Unsupported pytorch version: 9\.0\..*2\.8\.0"):
        Registry([sources.bundled_source()]).retrieve(
            "pytorch", "us-west-2", "9.0", "py313", "ml.g5.xlarge", image_scope="training")


def test_newer_data_is_the_default_latest_and_listed():
    registry = core_registry()
    assert registry.latest_version("pytorch", "training") == "9.0.0"
    assert registry.retrieve("pytorch", "us-west-2", None, "py313", "ml.g5.xlarge",
                             image_scope="training").endswith(":9.0.0-gpu-py313")
    versions = registry.supported_versions("pytorch", "training")
    assert versions[:2] == ["2.1.0", "9.0.0"] and "2.8.0" in versions and "1.13" in versions
    assert registry.validate_version("pytorch", "9.0", "training") == "9.0.0"
    assert registry.supported_py_versions("pytorch", "9.0", "training") == ["py313"]


def test_what_sagemaker_core_lacks_comes_from_bundled_data():
    registry = core_registry()
    # region missing from the core file's 2.1.0 entry
    assert registry.retrieve("pytorch", "eu-west-1", "2.1", "py310", "ml.g5.xlarge",
                             image_scope="training") == \
        "763104351884.dkr.ecr.eu-west-1.amazonaws.com/pytorch-training:2.1-gpu-py310"
    # scope missing from the core file (which V2's rules would answer with its only scope)
    assert registry.retrieve("pytorch", "us-west-2", "2.1", "py310", "ml.g5.xlarge",
                             image_scope="inference").endswith("/pytorch-inference:2.1-gpu-py310")
    # framework only in the core data
    assert registry.retrieve("vllm-next", "us-east-1", instance_type="ml.g5.xlarge") == \
        "763104351884.dkr.ecr.us-east-1.amazonaws.com/vllm:1.0.0-gpu"


def test_files_in_unknown_formats_are_skipped_with_a_debug_log(caplog):
    registry = core_registry()
    with caplog.at_level(logging.DEBUG, logger="sagemaker_estimators.image_uris"):
        assert registry.retrieve("tensorflow", "us-west-2", "2.13", "py310", "ml.g5.xlarge",
                                 image_scope="training").endswith(
            "/tensorflow-training:2.13-gpu-py310")
        assert registry.retrieve("xgboost", "us-west-2", "1.7-1").endswith(
            "/sagemaker-xgboost:1.7-1")
    skipped = [r.getMessage() for r in caplog.records if "skipping" in r.getMessage()]
    assert any("tensorflow" in m and "schema_version 99" in m for m in skipped)
    assert any("xgboost" in m for m in skipped)
    assert "answered by bundled" in caplog.text


def test_debug_log_names_the_source_that_answered(caplog):
    registry = core_registry()
    with caplog.at_level(logging.DEBUG, logger="sagemaker_estimators.image_uris"):
        registry.retrieve("pytorch", "us-west-2", "9.0", "py313", "ml.g5.xlarge",
                          image_scope="training")
        registry.retrieve("pytorch", "us-west-2", "9.0", "py313", "ml.g5.xlarge",
                          image_scope="training")
    answered = [r.getMessage() for r in caplog.records if "answered by" in r.getMessage()]
    assert answered[0] == f"image URI for pytorch answered by sagemaker-core:{CORE_FIXTURE}"
    assert "(memoised)" in answered[1]


def _fake_site(tmp_path, with_core_data=True):
    """A site dir whose ``sagemaker`` package looks like sagemaker-core's.

    Importing ``sagemaker.core`` from it fails loudly, so a passing run proves the
    data was read without importing it.
    """
    site = tmp_path / "site"
    package = site / "sagemaker"
    (package / "core").mkdir(parents=True)
    (package / "__init__.py").write_text(
        '__path__ = __import__("pkgutil").extend_path(__path__, __name__)\n')
    (package / "core" / "__init__.py").write_text(
        'raise RuntimeError("sagemaker.core must not be imported by the registry")\n')
    if with_core_data:
        shutil.copytree(CORE_FIXTURE, package / "core" / "image_uri_config")
    return site


def _run(site, code, **env_extra):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("SAGEMAKER_ESTIMATORS_IMAGE_URIS")}
    env.update(PYTHONPATH=os.pathsep.join([str(site), ROOT]), PYTHONNOUSERSITE="1",
               SAGEMAKER_USER_CONFIG_OVERRIDE="/nonexistent", **env_extra)
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()


DISCOVERY = """
    import logging, sys
    logging.basicConfig(level=logging.DEBUG, stream=sys.stderr)
    from sagemaker_estimators.image_uris import retrieve, default_registry
    print(retrieve("pytorch", "us-gov-west-1", "9.0", "py313", "ml.m5.xlarge",
                   image_scope="training"))
    print([s.label.split(":")[0] for s in default_registry().sources])
    print("sagemaker.core" in sys.modules)
"""


def test_installed_sagemaker_core_data_is_found_without_importing_it(tmp_path):
    site = _fake_site(tmp_path)
    uri, labels, imported = _run(site, DISCOVERY)
    assert uri == "442386744353.dkr.ecr.us-gov-west-1.amazonaws.com/pytorch-training:9.0-cpu-py313"
    assert labels == "['sagemaker-core', 'bundled']"
    assert imported == "False"


def test_sagemaker_core_data_can_be_ignored(tmp_path):
    site = _fake_site(tmp_path)
    code = DISCOVERY.replace('print(retrieve(', 'print(1 or retrieve(')
    _, labels, _ = _run(site, code, SAGEMAKER_ESTIMATORS_IMAGE_URIS_SKIP_CORE="1")
    assert labels == "['bundled']"


def _overlay_pytorch():
    return {"training": {"processors": ["cpu", "gpu"], "version_aliases": {"2.1": "2.1.0"},
                         "versions": {"2.1.0": {
                             "py_versions": ["py310"], "repository": "mirror/pytorch-training",
                             "registries": {"us-west-2": "111122223333"}}}}}


def test_overlay_file_overrides_and_adds_images(tmp_path, monkeypatch):
    overlay = tmp_path / "images.json"
    overlay.write_text(json.dumps({"frameworks": {
        "pytorch": _overlay_pytorch(),
        "my-algo": {"scope": ["training", "inference"], "versions": {"1": {
            "registries": {"eu-west-1": "444455556666"}, "repository": "my-algo"}}},
    }}))
    monkeypatch.setenv(image_uris.OVERLAY_ENV, str(overlay))
    monkeypatch.setenv(image_uris.SKIP_CORE_ENV, "1")
    try:
        image_uris.reload()
        assert image_uris.retrieve("pytorch", "us-west-2", "2.1", "py310", "ml.g5.xlarge",
                                   image_scope="training") == \
            "111122223333.dkr.ecr.us-west-2.amazonaws.com/mirror/pytorch-training:2.1-gpu-py310"
        # other regions and versions still come from the bundled data
        assert image_uris.retrieve("pytorch", "eu-west-1", "2.1", "py310", "ml.g5.xlarge",
                                   image_scope="training").startswith("763104351884.")
        assert image_uris.retrieve("pytorch", "us-west-2", "2.2", "py310", "ml.g5.xlarge",
                                   image_scope="training").startswith("763104351884.")
        assert image_uris.retrieve("my-algo", "eu-west-1") == \
            "444455556666.dkr.ecr.eu-west-1.amazonaws.com/my-algo:1"
        assert "my-algo" in image_uris.frameworks()
    finally:
        monkeypatch.undo()
        image_uris.reload()


def test_overlay_directory_in_bundled_layout(tmp_path):
    folder = tmp_path / "overlay"
    folder.mkdir()
    doc = formats.to_bundled("pytorch", _overlay_pytorch(), source="test")
    (folder / "pytorch.json").write_text(json.dumps(doc))
    registry = Registry([sources.overlay_source(str(folder)), sources.bundled_source()])
    assert registry.retrieve("pytorch", "us-west-2", "2.1.0", "py310", "ml.m5.xlarge",
                             image_scope="training").startswith("111122223333.dkr")


def test_overlay_from_sagemaker_defaults_config(tmp_path, monkeypatch):
    overlay = tmp_path / "pytorch-mirror.json"
    overlay.write_text(json.dumps(formats.to_bundled("pytorch", _overlay_pytorch())))
    config = tmp_path / "config.yaml"
    config.write_text(textwrap.dedent(f"""\
        SchemaVersion: '1.0'
        SageMaker:
          PythonSDK:
            Modules:
              ImageUris:
                Overlay: {overlay}
        """))
    monkeypatch.delenv(image_uris.OVERLAY_ENV, raising=False)
    monkeypatch.setenv("SAGEMAKER_USER_CONFIG_OVERRIDE", str(config))
    assert sources.overlay_paths() == [str(overlay)]
    registry = Registry(sources.default_sources())
    assert registry.retrieve("pytorch", "us-west-2", "2.1", "py310", "ml.m5.xlarge",
                             image_scope="training").startswith("111122223333.dkr")


def test_unreadable_overlay_is_ignored(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    registry = Registry([sources.overlay_source(str(broken)),
                         sources.overlay_source(str(tmp_path / "missing.json")),
                         sources.bundled_source()])
    assert registry.retrieve("kmeans", "us-west-2").endswith("/kmeans:1")


def test_unknown_framework_lists_every_source(tmp_path):
    registry = core_registry()
    with pytest.raises(ValueError) as info:
        registry.retrieve("not-a-framework", "us-west-2")
    message = str(info.value)
    assert "Unsupported framework or algorithm: not-a-framework." in message
    for name in ("vllm-next", "pytorch", "kmeans", "linear-learner", "xgboost"):
        assert name in message


def test_bundled_files_are_versioned_and_small():
    total = 0
    for entry in sorted(os.listdir(sources.BUNDLED_DIR)):
        path = os.path.join(sources.BUNDLED_DIR, entry)
        total += os.path.getsize(path)
        with open(path, encoding="utf-8") as handle:
            doc = json.load(handle)
        assert doc["schema_version"] == 1 and doc["name"] == entry[:-5]
        formats.from_bundled(doc)
    assert total < 600_000


def test_converter_round_trips_v2_layout(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    result = subprocess.run([sys.executable, os.path.join(ROOT, "tools",
                                                          "convert_image_uri_config.py"),
                             CORE_FIXTURE, "--out", str(out), "--label", "fixture"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert sorted(os.listdir(out)) == ["pytorch.json", "torch-next.json", "vllm-next.json"]
    assert "skip tensorflow" in result.stderr and "skip xgboost" in result.stderr
    for name in ("pytorch", "vllm-next"):
        with open(os.path.join(CORE_FIXTURE, f"{name}.json"), encoding="utf-8") as handle:
            original = json.load(handle)
        assert formats.load_file(str(out / f"{name}.json")) == (name, original)


def test_newer_sagemaker_core_tag_options_are_honoured():
    """``processor_in_tag: false`` and ``-inference-arm64`` repositories (sagemaker-core 3.x)."""
    registry = core_registry()
    assert registry.retrieve("torch-next", "us-west-2", "3.0", instance_type="ml.g5.xlarge",
                             image_scope="inference") == (
        "763104351884.dkr.ecr.us-west-2.amazonaws.com/"
        "torch-next-inference-arm64:3.0-cu133-amzn2023-sagemaker")
