"""Model.transformer().transform(): output and volume KMS keys, environment and tags from the config file."""
import os

from sagemaker.model import Model
from sagemaker.inputs import BatchDataCaptureConfig

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

with open("config.yaml", "w") as handle:
    handle.write("""
SchemaVersion: '1.0'
SageMaker:
  TransformJob:
    TransformOutput:
      KmsKeyId: transform-output-key
    TransformResources:
      VolumeKmsKeyId: transform-volume-key
    DataCaptureConfig:
      KmsKeyId: capture-key
    Environment:
      TRANSFORM_ENV: from-config
    Tags:
      - Key: stage
        Value: transform
""")
os.environ["SAGEMAKER_USER_CONFIG_OVERRIDE"] = os.path.abspath("config.yaml")

model = Model(image_uri=IMAGE, model_data="s3://my-models/model.tar.gz", role=ROLE, name="batch-model")
transformer = model.transformer(instance_count=1, instance_type="ml.m5.xlarge", output_path="s3://my-output/batch")
record_value("output_kms_key", transformer.output_kms_key)
record_value("volume_kms_key", transformer.volume_kms_key)
record_value("env", transformer.env)
transformer.transform("s3://my-data/batch", content_type="text/csv",
                      batch_data_capture_config=BatchDataCaptureConfig(destination_s3_uri="s3://my-capture/batch"))
transformer.transform("s3://my-data/batch", content_type="text/csv")
