"""The TensorFlow container contract pieces that need no TensorFlow: TF_CONFIG and TF Serving bodies."""
from __future__ import annotations

import json

import pytest

from sagemaker_estimators.local.model_server import tensorflow_serving as tfs
from sagemaker_estimators.local.process import tensorflow_toolkit as tk


def test_parameter_server_tf_config_per_host():
    hosts = ["algo-1", "algo-2", "algo-3"]
    master = tk.parameter_server_tf_config(hosts, "algo-1")
    assert master == {
        "cluster": {"master": ["algo-1:2222"], "ps": ["algo-1:2223", "algo-2:2223", "algo-3:2223"],
                    "worker": ["algo-2:2222", "algo-3:2222"]},
        "environment": "cloud", "task": {"index": 0, "type": "master"}}
    assert tk.parameter_server_tf_config(hosts, "algo-3")["task"] == {"index": 1, "type": "worker"}
    assert tk.parameter_server_tf_config(hosts, "algo-2", ps_task=True)["task"] == {"index": 1, "type": "ps"}
    with pytest.raises(ValueError, match="two or more hosts"):
        tk.parameter_server_tf_config(["algo-1"], "algo-1")


def test_environment_follows_the_distribution():
    params = {"sagemaker_parameter_server_enabled": True}
    assert "TF_CONFIG" not in tk.tensorflow_environment(params, ["algo-1"], "algo-1", "us-west-2")
    env = tk.tensorflow_environment(params, ["algo-1", "algo-2"], "algo-2", "us-west-2")
    assert json.loads(env["TF_CONFIG"])["task"] == {"index": 0, "type": "worker"}
    assert env["S3_REGION"] == "us-west-2" and env["S3_USE_HTTPS"] == "1"
    mwms = tk.tensorflow_environment({"sagemaker_multi_worker_mirrored_strategy_enabled": True},
                                     ["algo-1", "algo-2"], "algo-2", None, address=lambda h, p: f"{h}-x:{p + 1}")
    assert json.loads(mwms["TF_CONFIG"]) == {"cluster": {"worker": ["algo-1-x:8891", "algo-2-x:8891"]},
                                             "environment": "cloud", "task": {"index": 1, "type": "worker"}}


def test_saved_model_lookup(tmp_path):
    for version in ("1", "12", "3"):
        (tmp_path / "m" / version).mkdir(parents=True)
        (tmp_path / "m" / version / "saved_model.pb").write_bytes(b"")
    (tmp_path / "other" / "7").mkdir(parents=True)
    (tmp_path / "other" / "7" / "saved_model.pbtxt").write_text("")
    (tmp_path / "code").mkdir()
    assert tfs.find_saved_model(str(tmp_path)) == str(tmp_path / "m" / "12")
    assert tfs.find_saved_model(str(tmp_path), "other") == str(tmp_path / "other" / "7")
    assert tfs.find_saved_model(str(tmp_path / "m" / "3")) == str(tmp_path / "m" / "3")
    with pytest.raises(FileNotFoundError, match="SavedModel"):
        tfs.find_saved_model(str(tmp_path / "code"))


def test_request_and_response_shapes():
    assert tfs.parse_request(b'{"instances": [[1, 2]]}') == ("instances", [[1, 2]])
    assert tfs.parse_request('{"inputs": {"x": [1]}}') == ("inputs", {"x": [1]})
    assert tfs.parse_request("[1, 2]") == ("instances", [1, 2])
    for bad in (b"not json", b'{"instances": [1], "inputs": [1]}', b'{"rows": []}'):
        with pytest.raises(tfs.TFServingRequestError):
            tfs.parse_request(bad)
    assert tfs.format_response("instances", {"y": [[0.5], [1.5]]}) == {"predictions": [[0.5], [1.5]]}
    assert tfs.format_response("instances", {"a": [1, 2], "b": [3, 4]}) == {
        "predictions": [{"a": 1, "b": 3}, {"a": 2, "b": 4}]}
    assert tfs.format_response("inputs", {"y": [1.0]}) == {"outputs": [1.0]}
    assert tfs._columns("instances", [{"a": 1, "b": 2}, {"a": 3, "b": 4}], ["a", "b"]) == {"a": [1, 3], "b": [2, 4]}
    assert tfs._columns("instances", [[1.0]], ["x"]) == {"x": [[1.0]]}
    with pytest.raises(tfs.TFServingRequestError, match="one dict per instance"):
        tfs._columns("instances", [[1.0]], ["x", "y"])
