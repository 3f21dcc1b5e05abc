"""The /opt/ml layout: directories, config files as V2's local mode writes them, artifact archives."""
from __future__ import annotations

import json
import os
import tarfile

import pytest

from sagemaker_estimators.local import layout
from sagemaker_estimators.local.runtime import ChannelSpec

HPS = {"sagemaker_program": '"train.py"', "sagemaker_submit_directory": '"/opt/ml/code"', "C": "0.5"}


def test_job_layout_creates_every_hosts_tree_and_v2_config_files(tmp_path):
    channels = [ChannelSpec("train", "/data/train", content_type="text/csv"), ChannelSpec("test", "/data/test")]
    job = layout.create_job_layout(str(tmp_path / "job"), 2, HPS, channels)
    assert job.hosts == ("algo-1", "algo-2")
    for host in job.host_layouts:
        for path in (host.config_dir, host.data_dir, host.model_dir, host.output_data_dir, host.code_dir,
                     host.checkpoints_dir):
            assert os.path.isdir(path), path
        with open(host.config_path("hyperparameters.json")) as handle:
            assert handle.read() == json.dumps(HPS)  # json.dump's default separators, as V2
        with open(host.config_path("resourceconfig.json")) as handle:
            assert json.load(handle) == {
                "current_host": host.host, "hosts": ["algo-1", "algo-2"],
                "network_interface_name": "eth0", "current_instance_type": "local",
            }
        with open(host.config_path("inputdataconfig.json")) as handle:
            assert json.load(handle) == {
                "train": {"TrainingInputMode": "File", "ContentType": "text/csv"},
                "test": {"TrainingInputMode": "File"},
            }
    assert os.path.isdir(job.shared_dir)


def test_input_mode_is_always_file_as_in_v2_local_mode():
    config = layout.input_data_config([ChannelSpec("train", "/d", input_mode="Pipe", s3_distribution_type="ShardedByS3Key")])
    assert config == {"train": {"TrainingInputMode": "File"}}


def test_gpu_instance_type_is_reported_as_given():
    assert layout.resource_config("algo-1", ["algo-1"], "local_gpu")["current_instance_type"] == "local_gpu"


@pytest.mark.parametrize("count, error", [(0, ValueError), (-1, ValueError), ("2", TypeError), (True, TypeError)])
def test_host_names_reject_bad_counts(count, error):
    with pytest.raises(error, match="instance_count"):
        layout.host_names(count)


@pytest.mark.parametrize("name", ["", "..", "a/b", "."])
def test_channel_names_that_escape_are_rejected(tmp_path, name):
    with pytest.raises(ValueError, match="channel name"):
        layout.create_job_layout(str(tmp_path), 1, HPS, [ChannelSpec(name, "/d")])


def test_mounts_map_host_dirs_to_opt_ml(tmp_path):
    host = layout.create_job_layout(str(tmp_path), 1).host("algo-1")
    assert dict((container, path) for path, container in host.mounts()) == {
        "/opt/ml/input": host.input_dir, "/opt/ml/model": host.model_dir,
        "/opt/ml/output": host.output_dir, "/opt/ml/checkpoints": host.checkpoints_dir,
    }
    with pytest.raises(ValueError, match="algo-1"):
        layout.create_job_layout(str(tmp_path), 1).host("algo-2")


def _write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as handle:
        handle.write(text)


def _read_members(archive_path):
    with tarfile.open(archive_path) as archive:
        names = archive.getnames()
        files = {m.name: archive.extractfile(m).read().decode() for m in archive.getmembers() if m.isfile()}
    return names, files


def test_pack_merges_hosts_master_wins_and_names_are_sorted_without_dot_prefix(tmp_path):
    job = layout.create_job_layout(str(tmp_path / "job"), 2, HPS)
    first, second = job.host_layouts
    _write(os.path.join(first.model_dir, "model.txt"), "from algo-1")
    _write(os.path.join(second.model_dir, "model.txt"), "from algo-2")
    _write(os.path.join(second.model_dir, "extra", "b.txt"), "b")
    _write(os.path.join(first.output_data_dir, "metrics.json"), "{}")
    first.write_status(True)
    second.write_status(True)
    result = layout.pack_artifacts(job, str(tmp_path / "artifacts"))
    assert result.model_artifacts == str(tmp_path / "artifacts" / "model.tar.gz")
    names, files = _read_members(result.model_artifacts)
    assert names == ["extra", "extra/b.txt", "model.txt"]
    assert files["model.txt"] == "from algo-1"
    names, files = _read_members(result.output_artifacts)
    assert names == ["data", "data/metrics.json", "success"]
    assert files["success"] == ""
    assert not [n for n in os.listdir(tmp_path / "artifacts") if n.endswith(".partial")]


def test_pack_follows_links_inside_and_skips_links_outside_and_cycles(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("do not pack")
    job = layout.create_job_layout(str(tmp_path / "job"), 1)
    model = job.host("algo-1").model_dir
    _write(os.path.join(model, "weights", "w.bin"), "w")
    os.symlink(str(secret), os.path.join(model, "leak.txt"))
    os.symlink(str(tmp_path), os.path.join(model, "leakdir"))
    os.symlink(os.path.join(model, "weights", "w.bin"), os.path.join(model, "alias.bin"))
    os.symlink(model, os.path.join(model, "weights", "loop"))
    os.mkfifo(os.path.join(model, "pipe"))
    result = layout.pack_artifacts(job, str(tmp_path / "artifacts"))
    names, files = _read_members(result.model_artifacts)
    assert names == ["alias.bin", "weights", "weights/w.bin"]
    assert files["alias.bin"] == "w"


def test_a_file_shadows_a_directory_of_the_same_name_on_a_later_host(tmp_path):
    job = layout.create_job_layout(str(tmp_path / "job"), 2)
    _write(os.path.join(job.host("algo-1").model_dir, "x"), "file")
    _write(os.path.join(job.host("algo-2").model_dir, "x", "y", "z.txt"), "nested")
    names, files = _read_members(layout.pack_artifacts(job, str(tmp_path / "a")).model_artifacts)
    assert names == ["x"] and files["x"] == "file"


def test_failure_file_written_by_the_script_is_kept(tmp_path):
    host = layout.create_job_layout(str(tmp_path), 1).host("algo-1")
    _write(host.failure_file, "script says why")
    host.write_status(False, "toolkit message")
    assert host.read_failure() == "script says why"
    other = layout.create_job_layout(str(tmp_path / "b"), 1).host("algo-1")
    other.write_status(False, "toolkit message")
    assert other.read_failure() == "toolkit message"
    assert not os.path.exists(other.success_file)


def test_remove_tree_never_follows_links_into_user_data(tmp_path):
    data = tmp_path / "user-data"
    data.mkdir()
    (data / "keep.csv").write_text("1,2")
    job = layout.create_job_layout(str(tmp_path / "job"), 1)
    os.symlink(str(data), job.host("algo-1").channel_dir("train"))
    layout.remove_tree(job.root)
    assert not os.path.exists(job.root)
    assert (data / "keep.csv").read_text() == "1,2"
