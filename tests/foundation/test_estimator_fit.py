"""The generic Estimator end to end against a moto server: fit, wait, model_data, attach."""
from __future__ import annotations

import json
import tarfile
import time

import boto3

from tests.foundation.conftest import IMAGE, ROLE_ARN


def test_issue_snippet_runs_against_moto(aws, bucket, monkeypatch, capsys, training_requests):
    import sagemaker
    from sagemaker.estimator import Estimator
    from sagemaker.inputs import TrainingInput

    sent = training_requests
    sess = sagemaker.Session()
    image = sagemaker.image_uris.retrieve("xgboost", sess.boto_region_name, "1.7-1")
    est = Estimator(image_uri=image, role=ROLE_ARN, instance_count=1, instance_type="ml.m5.xlarge",
                    output_path=f"s3://{sess.default_bucket()}/out", sagemaker_session=sess)
    est.set_hyperparameters(objective="binary:logistic", num_round=100)
    est.fit({"train": TrainingInput("s3://b/train", content_type="text/csv"), "validation": "s3://b/val"})
    job_name = est.latest_training_job.name
    assert est.model_data == f"s3://sagemaker-us-west-2-123456789012/out/{job_name}/output/model.tar.gz"
    again = Estimator.attach(job_name)
    assert again.image_uri == image
    assert again.hyperparameters() == {"objective": "binary:logistic", "num_round": "100"}
    assert again.output_path == "s3://sagemaker-us-west-2-123456789012/out"

    request = sent[0]
    assert request["HyperParameters"] == {"objective": "binary:logistic", "num_round": "100"}
    assert request["InputDataConfig"][0] == {
        "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://b/train",
                                        "S3DataDistributionType": "FullyReplicated"}},
        "ContentType": "text/csv", "ChannelName": "train"}
    assert request["DebugHookConfig"] == {"S3OutputPath": "s3://sagemaker-us-west-2-123456789012/out",
                                          "CollectionConfigurations": []}
    assert request["ProfilerConfig"] == {"S3OutputPath": "s3://sagemaker-us-west-2-123456789012/out",
                                         "DisableProfiler": False}
    assert image == "246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-xgboost:1.7-1"


def test_bare_string_input_is_training_channel_and_default_output(aws, monkeypatch, training_requests):
    from sagemaker_estimators.estimators.base import Estimator

    sent = training_requests
    est = Estimator(image_uri=IMAGE, role=ROLE_ARN, instance_count=2, instance_type="ml.c5.xlarge",
                    hyperparameters={"flag": False, "nested": {"a": 1}})
    est.fit("s3://b/data", logs="None")
    request = sent[0]
    assert [c["ChannelName"] for c in request["InputDataConfig"]] == ["training"]
    assert request["OutputDataConfig"] == {"S3OutputPath": "s3://sagemaker-us-west-2-123456789012/"}
    assert request["HyperParameters"] == {"flag": "False", "nested": "{'a': 1}"}
    assert request["TrainingJobName"].startswith("my-algo-")
    assert request["ResourceConfig"] == {"VolumeSizeInGB": 30, "InstanceCount": 2, "InstanceType": "ml.c5.xlarge"}
    assert request["StoppingCondition"] == {"MaxRuntimeInSeconds": 86400}


def test_entry_point_on_generic_estimator_uploads_sourcedir(aws, bucket, script_dir, monkeypatch, training_requests):
    from sagemaker_estimators.estimators.base import Estimator

    sent = training_requests
    est = Estimator(image_uri=IMAGE, role=ROLE_ARN, instance_count=1, instance_type="ml.m5.large",
                    entry_point="train.py", source_dir=str(script_dir), output_path="s3://data-bucket/prefix/out")
    est.fit(wait=False)
    job = sent[0]["TrainingJobName"]
    hps = sent[0]["HyperParameters"]
    assert hps["sagemaker_program"] == '"train.py"'
    assert hps["sagemaker_submit_directory"] == f'"s3://data-bucket/{job}/source/sourcedir.tar.gz"'
    assert hps["sagemaker_container_log_level"] == "20"
    assert hps["sagemaker_region"] == '"us-west-2"'
    s3 = boto3.client("s3")
    head = s3.head_object(Bucket="data-bucket", Key=f"{job}/source/sourcedir.tar.gz")
    assert head["ServerSideEncryption"] == "aws:kms"
    s3.download_file("data-bucket", f"{job}/source/sourcedir.tar.gz", str(script_dir.parent / "got.tar.gz"))
    with tarfile.open(script_dir.parent / "got.tar.gz") as archive:
        assert sorted(archive.getnames()) == ["requirements.txt", "train.py"]


def test_fit_and_wait_on_completed_job_is_fast(aws, monkeypatch, capsys):
    """A finished job costs one Describe call: no fixed sleeps before the first status check."""
    from sagemaker_estimators.estimators.base import Estimator

    calls = []
    monkeypatch.setattr(time, "sleep", lambda seconds: calls.append(seconds))
    est = Estimator(image_uri=IMAGE, role=ROLE_ARN, instance_count=1, instance_type="ml.m5.large",
                    output_path="s3://x-bucket/out")
    est.fit("s3://b/data")
    assert calls == []
    assert est.latest_training_job.describe()["TrainingJobStatus"] == "Completed"


def test_role_name_is_expanded_through_iam_and_kept_on_estimator(aws, monkeypatch, training_requests):
    from sagemaker_estimators.estimators.base import Estimator

    iam = boto3.client("iam")
    policy = json.dumps({"Version": "2012-10-17", "Statement": []})
    arn = iam.create_role(RoleName="MyRole", AssumeRolePolicyDocument=policy, Path="/service-role/")["Role"]["Arn"]
    sent = training_requests
    est = Estimator(image_uri=IMAGE, role="MyRole", instance_count=1, instance_type="ml.m5.large",
                    output_path="s3://x-bucket/out")
    est.fit(wait=False)
    assert sent[0]["RoleArn"] == arn == "arn:aws:iam::123456789012:role/service-role/MyRole"
    assert est.role == "MyRole"


def test_v1_keyword_names_still_work(aws, monkeypatch, caplog, training_requests):
    from sagemaker_estimators.estimators.base import Estimator

    sent = training_requests
    est = Estimator(image_uri=IMAGE, role=ROLE_ARN, train_instance_count=3, train_instance_type="ml.m5.large",
                    train_volume_size=50, train_max_run=600, output_path="s3://x-bucket/out")
    est.fit(wait=False)
    assert sent[0]["ResourceConfig"] == {"VolumeSizeInGB": 50, "InstanceCount": 3, "InstanceType": "ml.m5.large"}
    assert sent[0]["StoppingCondition"] == {"MaxRuntimeInSeconds": 600}
    assert "train_instance_count has been renamed in sagemaker>=2" in caplog.text


def test_spot_vpc_tags_kms_and_friends(aws, monkeypatch, training_requests):
    from sagemaker_estimators.estimators.base import Estimator

    sent = training_requests
    est = Estimator(
        image_uri=IMAGE, role=ROLE_ARN, instance_count=1, instance_type="ml.m5.large",
        output_path="s3://x-bucket/out", use_spot_instances=True, max_run=3600, max_wait=7200,
        checkpoint_s3_uri="s3://x-bucket/ckpt", checkpoint_local_path="/opt/ml/checkpoints",
        subnets=["subnet-1"], security_group_ids=["sg-1"], tags={"team": "ml"},
        metric_definitions=[{"Name": "loss", "Regex": "loss=(.*)"}], environment={"A": "1"},
        volume_kms_key="vol-key", output_kms_key="out-key", enable_network_isolation=True,
        encrypt_inter_container_traffic=True, max_retry_attempts=2, debugger_hook_config=False,
        disable_profiler=True, container_entry_point=["python"], container_arguments=["x.py"],
        keep_alive_period_in_seconds=60,
    )
    est.fit(wait=False)
    request = sent[0]
    assert request["EnableManagedSpotTraining"] is True
    assert request["StoppingCondition"] == {"MaxRuntimeInSeconds": 3600, "MaxWaitTimeInSeconds": 7200}
    assert request["CheckpointConfig"] == {"S3Uri": "s3://x-bucket/ckpt", "LocalPath": "/opt/ml/checkpoints"}
    assert request["VpcConfig"] == {"Subnets": ["subnet-1"], "SecurityGroupIds": ["sg-1"]}
    assert request["Tags"] == [{"Key": "team", "Value": "ml"}]
    assert request["AlgorithmSpecification"]["MetricDefinitions"] == [{"Name": "loss", "Regex": "loss=(.*)"}]
    assert request["AlgorithmSpecification"]["ContainerEntrypoint"] == ["python"]
    assert request["Environment"] == {"A": "1"}
    assert request["ResourceConfig"]["VolumeKmsKeyId"] == "vol-key"
    assert request["ResourceConfig"]["KeepAlivePeriodInSeconds"] == 60
    assert request["OutputDataConfig"] == {"S3OutputPath": "s3://x-bucket/out", "KmsKeyId": "out-key"}
    assert request["EnableNetworkIsolation"] is True
    assert request["EnableInterContainerTrafficEncryption"] is True
    assert request["RetryStrategy"] == {"MaximumRetryAttempts": 2}
    assert "DebugHookConfig" not in request
    assert request["ProfilerConfig"] == {"DisableProfiler": True}
    attached = type(est).attach(request["TrainingJobName"])
    described = attached.latest_training_job.describe()["AlgorithmSpecification"]["MetricDefinitions"]
    assert described and attached.metric_definitions == described  # V2 loses these (misspelt key)
    assert attached.use_spot_instances is True and attached.max_wait == 7200


def test_hyperparameters_from_yaml_file(aws, tmp_path, monkeypatch, training_requests):
    from sagemaker_estimators.estimators.base import Estimator

    path = tmp_path / "hp.yaml"
    path.write_text("epochs: 3\nlr: 0.1\n")
    sent = training_requests
    est = Estimator(image_uri=IMAGE, role=ROLE_ARN, instance_count=1, instance_type="ml.m5.large",
                    output_path="s3://x-bucket/out", hyperparameters=str(path))
    est.fit(wait=False)
    assert sent[0]["HyperParameters"] == {"epochs": "3", "lr": "0.1"}


def test_model_data_without_job_warns_and_guesses(aws, caplog):
    from sagemaker_estimators.estimators.base import Estimator

    est = Estimator(image_uri=IMAGE, role=ROLE_ARN, instance_count=1, instance_type="ml.m5.large",
                    output_path="s3://x/out")
    assert est.model_data == "s3://x/out/output/model.tar.gz"
    assert "No finished training job" in caplog.text
