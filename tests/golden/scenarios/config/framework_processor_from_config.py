"""PyTorchProcessor (FrameworkProcessor) with source_dir: role, KMS keys, VPC, environment and tags
from the config file; the user's env and tags are kept."""
import os

from sagemaker.processing import ProcessingInput, ProcessingOutput
from sagemaker.pytorch.processing import PyTorchProcessor

with open("config.yaml", "w") as handle:
    handle.write("""
SchemaVersion: '1.0'
SageMaker:
  ProcessingJob:
    RoleArn: arn:aws:iam::123456789012:role/ConfigProcessingRole
    Environment:
      PROCESSING_ENV: from-config
    NetworkConfig:
      EnableInterContainerTrafficEncryption: true
      VpcConfig:
        Subnets: [subnet-config-1]
        SecurityGroupIds: [sg-config]
    ProcessingOutputConfig:
      KmsKeyId: processing-output-key
    ProcessingResources:
      ClusterConfig:
        VolumeKmsKeyId: processing-volume-key
    Tags:
      - Key: stage
        Value: processing
""")
os.environ["SAGEMAKER_USER_CONFIG_OVERRIDE"] = os.path.abspath("config.yaml")

os.makedirs("src", exist_ok=True)
with open("src/process.py", "w") as handle:
    handle.write("print('process')\n")

processor = PyTorchProcessor(
    framework_version="2.1",
    py_version="py310",
    instance_type="ml.m5.xlarge",
    instance_count=1,
    env={"USER_ENV": "mine"},
    tags=[{"Key": "owner", "Value": "me"}],
)
record_value("role", processor.role)
record_value("env", processor.env)
record_value("network_config", processor.network_config._to_request_dict())
processor.run(
    code="process.py",
    source_dir="src",
    inputs=[ProcessingInput(source="s3://my-data/raw", destination="/opt/ml/processing/input")],
    outputs=[ProcessingOutput(source="/opt/ml/processing/output", destination="s3://my-out/pt")],
    arguments=["--epochs", "1"],
    logs=False,
)
