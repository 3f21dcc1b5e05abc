"""Model without role, env or isolation, deployed on a KMS-capable and on a c5d instance (no KMS there)."""
import os

from sagemaker.model import Model
from sagemaker.session import Session

IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

with open("config.yaml", "w") as handle:
    handle.write("""
SchemaVersion: '1.0'
SageMaker:
  Model:
    ExecutionRoleArn: arn:aws:iam::123456789012:role/ModelRole
    EnableNetworkIsolation: true
    PrimaryContainer:
      Environment:
        MODEL_ENV: from-config
        SHARED: config
  EndpointConfig:
    KmsKeyId: endpoint-volume-key
""")
os.environ["SAGEMAKER_USER_CONFIG_OVERRIDE"] = os.path.abspath("config.yaml")

session = Session()
model = Model(image_uri=IMAGE, model_data="s3://my-models/model.tar.gz", sagemaker_session=session,
              env={"SHARED": "user", "USER_ENV": "1"})
record_value("role", model.role)
record_value("network_isolation", model.enable_network_isolation())
model.deploy(initial_instance_count=1, instance_type="ml.m5.large", endpoint_name="config-kms")
session.delete_endpoint("config-kms")

plain = Model(image_uri=IMAGE, model_data="s3://my-models/model.tar.gz", sagemaker_session=session,
              name="plain-model")
plain.deploy(initial_instance_count=1, instance_type="ml.c5d.xlarge", endpoint_name="config-c5d")
session.delete_endpoint("config-c5d")
