"""SKLearnProcessor with NetworkConfig, volume/output KMS keys, experiment_config and a code KMS key."""
from sagemaker.network import NetworkConfig
from sagemaker.processing import ProcessingInput, ProcessingOutput
from sagemaker.sklearn.processing import SKLearnProcessor

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

with open("evaluate.py", "w") as handle:
    handle.write("print('evaluate')\n")

processor = SKLearnProcessor(
    framework_version="1.0-1",
    role=ROLE,
    instance_type="ml.c5.xlarge",
    instance_count=1,
    volume_kms_key="arn:aws:kms:us-west-2:123456789012:key/volume",
    output_kms_key="arn:aws:kms:us-west-2:123456789012:key/output",
    network_config=NetworkConfig(
        enable_network_isolation=True,
        security_group_ids=["sg-1"],
        subnets=["subnet-1", "subnet-2"],
        encrypt_inter_container_traffic=True,
    ),
    base_job_name="evaluate",
)
processor.run(
    code="evaluate.py",
    inputs=[ProcessingInput(source="s3://my-data/model/model.tar.gz", destination="/opt/ml/processing/model",
                            s3_data_distribution_type="ShardedByS3Key", s3_input_mode="Pipe",
                            s3_compression_type="Gzip")],
    outputs=[ProcessingOutput(source="/opt/ml/processing/evaluation", output_name="evaluation")],
    experiment_config={"ExperimentName": "exp", "TrialName": "trial", "TrialComponentDisplayName": "eval"},
    kms_key="arn:aws:kms:us-west-2:123456789012:key/code",
    logs=False,
)
