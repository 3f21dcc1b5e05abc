"""MXNetProcessor with a code file without source_dir, base_job_name, env, tags and network_config."""
from sagemaker.mxnet.processing import MXNetProcessor
from sagemaker.network import NetworkConfig
from sagemaker.processing import ProcessingInput, ProcessingOutput

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

with open("prep.py", "w") as handle:
    handle.write("print('mxnet prep')\n")

processor = MXNetProcessor(
    framework_version="1.9.0",
    py_version="py38",
    role=ROLE,
    instance_type="ml.c5.xlarge",
    instance_count=1,
    base_job_name="mx-prep",
    env={"STAGE": "test"},
    tags=[{"Key": "team", "Value": "ml"}],
    network_config=NetworkConfig(enable_network_isolation=False, security_group_ids=["sg-1"],
                                 subnets=["subnet-1"]),
)
processor.run(
    code="prep.py",
    inputs=[ProcessingInput(source="s3://my-data/raw", destination="/opt/ml/processing/input")],
    outputs=[ProcessingOutput(source="/opt/ml/processing/output")],
    logs=False,
)
record_value("image_uri", processor.image_uri)
record_value("entrypoint", processor.entrypoint)
record_value("base_job_name", processor.base_job_name)
