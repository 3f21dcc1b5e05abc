"""Issue 16 item 10: settings V2 accepts and silently drops get one warning naming them."""
from __future__ import annotations

import logging

import pytest

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"


@pytest.fixture(autouse=True)
def _region(no_aws, monkeypatch):
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-west-2")


def _pytorch(tmp_path, **kwargs):
    from sagemaker.pytorch import PyTorch

    (tmp_path / "train.py").write_text("print(1)\n")
    return PyTorch(entry_point=str(tmp_path / "train.py"), framework_version="2.1.0", py_version="py310",
                   role=ROLE, instance_count=2, instance_type="ml.p4d.24xlarge", **kwargs)


@pytest.mark.parametrize("distribution, used, ignored", [
    ({"torch_distributed": {"enabled": True}, "pytorchddp": {"enabled": True}}, "pytorchddp", "torch_distributed"),
    ({"torch_distributed": {"enabled": True}, "mpi": {"enabled": True}}, "torch_distributed", "mpi"),
])
def test_mixed_launchers_warn_naming_the_one_used_and_the_one_ignored(tmp_path, caplog, distribution, used,
                                                                      ignored):
    with caplog.at_level(logging.WARNING):
        _pytorch(tmp_path, distribution=distribution)
    messages = [record.getMessage() for record in caplog.records if record.levelno == logging.WARNING]
    assert len(messages) == 1, messages
    assert f"only {used} takes effect, {ignored} is ignored" in messages[0], messages


def test_one_launcher_is_silent(tmp_path, caplog):
    with caplog.at_level(logging.WARNING):
        _pytorch(tmp_path, distribution={"torch_distributed": {"enabled": True}})
    assert not [record for record in caplog.records if record.levelno >= logging.WARNING]


def test_checkpoint_local_path_without_s3_uri_warns_once(tmp_path, caplog):
    with caplog.at_level(logging.WARNING):
        est = _pytorch(tmp_path, checkpoint_local_path="/opt/ml/checkpoints")
    messages = [record.getMessage() for record in caplog.records if record.levelno == logging.WARNING]
    assert len(messages) == 1 and "checkpoint_local_path" in messages[0] and "checkpoint_s3_uri" in messages[0]
    assert est.checkpoint_local_path == "/opt/ml/checkpoints"
    with caplog.at_level(logging.WARNING):
        caplog.clear()
        _pytorch(tmp_path, checkpoint_local_path="/opt/ml/checkpoints", checkpoint_s3_uri="s3://b/ck")
    assert not [record for record in caplog.records if record.levelno >= logging.WARNING]
