"""Processors with role, KMS keys, VPC, isolation, encryption, environment, dataset-definition inputs
and tags from the config file; a second processor's own arguments beat the config."""
import os

from sagemaker.dataset_definition.inputs import AthenaDatasetDefinition, DatasetDefinition
from sagemaker.network import NetworkConfig
from sagemaker.processing import ProcessingInput, ProcessingOutput, ScriptProcessor
from sagemaker.sklearn.processing import SKLearnProcessor

with open("config.yaml", "w") as handle:
    handle.write("""
SchemaVersion: '1.0'
SageMaker:
  ProcessingJob:
    RoleArn: arn:aws:iam::123456789012:role/ConfigProcessingRole
    Environment:
      PROCESSING_ENV: from-config
    NetworkConfig:
      EnableNetworkIsolation: true
      EnableInterContainerTrafficEncryption: true
      VpcConfig:
        Subnets: [subnet-config-1, subnet-config-2]
        SecurityGroupIds: [sg-config]
    ProcessingInputs:
      - DatasetDefinition:
          AthenaDatasetDefinition:
            KmsKeyId: athena-config-key
      - DatasetDefinition:
          RedshiftDatasetDefinition:
            KmsKeyId: redshift-config-key
    ProcessingOutputConfig:
      KmsKeyId: processing-output-key
    ProcessingResources:
      ClusterConfig:
        VolumeKmsKeyId: processing-volume-key
    Tags:
      - Key: stage
        Value: processing
      - Key: team
        Value: config-team
""")
os.environ["SAGEMAKER_USER_CONFIG_OVERRIDE"] = os.path.abspath("config.yaml")

with open("evaluate.py", "w") as handle:
    handle.write("print('evaluate')\n")

processor = SKLearnProcessor(framework_version="1.0-1", instance_type="ml.m5.xlarge", instance_count=1,
                             base_job_name="from-config", tags=[{"Key": "team", "Value": "user-team"}])
record_value("role", processor.role)
record_value("output_kms_key", processor.output_kms_key)
record_value("volume_kms_key", processor.volume_kms_key)
record_value("env", processor.env)
record_value("network_config", processor.network_config._to_request_dict())
processor.run(
    code="evaluate.py",
    inputs=[
        ProcessingInput(
            input_name="athena",
            dataset_definition=DatasetDefinition(
                local_path="/opt/ml/processing/input/athena",
                athena_dataset_definition=AthenaDatasetDefinition(
                    catalog="AwsDataCatalog", database="db", query_string="SELECT * FROM t",
                    output_s3_uri="s3://my-athena/out/", output_format="PARQUET"),
            ),
        ),
        ProcessingInput(source="s3://my-data/raw", destination="/opt/ml/processing/input/raw"),
    ],
    outputs=[ProcessingOutput(source="/opt/ml/processing/evaluation", destination="s3://my-out/eval")],
    logs=False,
)

# the user's own values win; the config fills only what NetworkConfig leaves unset
override = ScriptProcessor(
    role="arn:aws:iam::123456789012:role/UserRole",
    image_uri="123456789012.dkr.ecr.us-west-2.amazonaws.com/my-processing:latest",
    command=["python3"],
    instance_type="ml.m5.xlarge",
    instance_count=1,
    volume_kms_key="user-volume-key",
    output_kms_key="user-output-key",
    env={"USER_ENV": "mine"},
    network_config=NetworkConfig(enable_network_isolation=False, subnets=["subnet-user"]),
    base_job_name="user-args",
)
record_value("override_network_config", override.network_config._to_request_dict())
override.run(code="evaluate.py",
             outputs=[ProcessingOutput(source="/opt/ml/processing/out", destination="s3://my-out/user")],
             logs=False)
