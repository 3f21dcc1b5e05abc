"""Estimator fit and deploy: Model, EndpointConfig and Endpoint settings and tags from the config file."""
import os

from sagemaker.estimator import Estimator

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

with open("config.yaml", "w") as handle:
    handle.write("""
SchemaVersion: '1.0'
SageMaker:
  TrainingJob:
    Tags:
      - Key: stage
        Value: training
  Model:
    ExecutionRoleArn: arn:aws:iam::123456789012:role/ModelRole
    EnableNetworkIsolation: true
    VpcConfig:
      Subnets: [subnet-0model]
      SecurityGroupIds: [sg-0model]
    PrimaryContainer:
      Environment:
        MODEL_ENV: from-config
    Tags:
      - Key: stage
        Value: model
  EndpointConfig:
    KmsKeyId: endpoint-volume-key
    Tags:
      - Key: stage
        Value: endpoint-config
      - Key: team
        Value: hosting
  Endpoint:
    Tags:
      - Key: endpoint-tag
        Value: from-config
""")
os.environ["SAGEMAKER_USER_CONFIG_OVERRIDE"] = os.path.abspath("config.yaml")

est = Estimator(image_uri=IMAGE, role=ROLE, instance_count=1, instance_type="ml.m5.xlarge",
                tags=[{"Key": "project", "Value": "golden"}])
est.fit("s3://my-data/train")
predictor = est.deploy(initial_instance_count=1, instance_type="ml.m5.large")
predictor.delete_endpoint()
