"""TrainingInput with every parameter a plain S3 channel takes.

target_attribute_name is left out: V2 puts it in the channel as TargetAttributeName,
which botocore's CreateTrainingJob model rejects (ParamValidationError under V2).
"""
from sagemaker.inputs import ShuffleConfig, TrainingInput
from sagemaker.estimator import Estimator

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

train = TrainingInput(
    "s3://my-data/train/manifest",
    distribution="ShardedByS3Key",
    compression="Gzip",
    content_type="application/x-recordio-protobuf",
    record_wrapping="RecordIO",
    s3_data_type="AugmentedManifestFile",
    input_mode="Pipe",
    attribute_names=["source-ref", "label"],
    shuffle_config=ShuffleConfig(42),
)
est = Estimator(image_uri=IMAGE, role=ROLE, instance_count=2, instance_type="ml.m5.xlarge")
est.fit({"train": train})
