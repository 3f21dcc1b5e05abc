"""Every value given by the user wins over the config file; config tags with a user tag's key are dropped.

(encrypt_inter_container_traffic=False is in user_false_encryption_vs_config: V2 lets the config win there.)
"""
import os

from sagemaker.estimator import Estimator

ROLE = "arn:aws:iam::123456789012:role/UserRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

with open("config.yaml", "w") as handle:
    handle.write("""
SchemaVersion: '1.0'
SageMaker:
  TrainingJob:
    RoleArn: arn:aws:iam::123456789012:role/ConfigRole
    VpcConfig:
      Subnets: [subnet-0config]
      SecurityGroupIds: [sg-0config]
    OutputDataConfig:
      KmsKeyId: config-output-key
    ResourceConfig:
      VolumeKmsKeyId: config-volume-key
    EnableNetworkIsolation: true
    EnableInterContainerTrafficEncryption: true
    Environment:
      FROM: config
    Tags:
      - Key: owner
        Value: config
      - Key: extra
        Value: config
  Model:
    ExecutionRoleArn: arn:aws:iam::123456789012:role/ConfigModelRole
    EnableNetworkIsolation: true
  EndpointConfig:
    KmsKeyId: config-endpoint-key
""")
os.environ["SAGEMAKER_USER_CONFIG_OVERRIDE"] = os.path.abspath("config.yaml")

est = Estimator(image_uri=IMAGE, role=ROLE, instance_count=1, instance_type="ml.m5.xlarge",
                subnets=["subnet-0user"], security_group_ids=["sg-0user"],
                output_kms_key="user-output-key", volume_kms_key="user-volume-key",
                enable_network_isolation=False,
                environment={"FROM": "user"}, tags=[{"Key": "owner", "Value": "user"}])
est.fit("s3://my-data/train")
predictor = est.deploy(initial_instance_count=1, instance_type="ml.m5.large", kms_key="user-endpoint-key")
predictor.delete_endpoint()
