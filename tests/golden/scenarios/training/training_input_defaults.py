"""TrainingInput with only an S3 URI, given positionally, plus a ManifestFile channel."""
from sagemaker.inputs import TrainingInput
from sagemaker.estimator import Estimator

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

est = Estimator(image_uri=IMAGE, role=ROLE, instance_count=1, instance_type="ml.m5.xlarge")
est.fit(
    {
        "train": TrainingInput("s3://my-data/train"),
        "manifest": TrainingInput("s3://my-data/list.manifest", s3_data_type="ManifestFile", content_type="image/jpeg"),
    }
)
