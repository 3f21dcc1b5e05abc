"""Generic Estimator with no role, VPC, KMS, tags, environment or isolation: all from the user config file."""
import os

from sagemaker.estimator import Estimator

IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

with open("config.yaml", "w") as handle:
    handle.write("""
SchemaVersion: '1.0'
SageMaker:
  TrainingJob:
    RoleArn: arn:aws:iam::123456789012:role/ConfigRole
    VpcConfig:
      Subnets: [subnet-0config1, subnet-0config2]
      SecurityGroupIds: [sg-0config]
    OutputDataConfig:
      KmsKeyId: arn:aws:kms:us-west-2:123456789012:key/output-key
    ResourceConfig:
      VolumeKmsKeyId: arn:aws:kms:us-west-2:123456789012:key/volume-key
    EnableNetworkIsolation: true
    EnableInterContainerTrafficEncryption: true
    Environment:
      FROM_CONFIG: "yes"
      LEVEL: "3"
    Tags:
      - Key: cost-center
        Value: "1234"
      - Key: owner
        Value: platform-team
""")
os.environ["SAGEMAKER_USER_CONFIG_OVERRIDE"] = os.path.abspath("config.yaml")

est = Estimator(image_uri=IMAGE, instance_count=1, instance_type="ml.m5.xlarge",
                tags=[{"Key": "project", "Value": "golden"}])
record_value("role", est.role)
record_value("subnets", est.subnets)
record_value("security_group_ids", est.security_group_ids)
record_value("output_kms_key", est.output_kms_key)
record_value("volume_kms_key", est.volume_kms_key)
record_value("environment", est.environment)
record_value("network_isolation", est.enable_network_isolation())
record_value("encrypt", est.encrypt_inter_container_traffic)
est.fit("s3://my-data/train")
est.fit("s3://my-data/train")
record_value("tags_after_fit", est.tags)
