"""ShuffleConfig on a Pipe-mode channel of a File-mode job."""
from sagemaker.inputs import ShuffleConfig, TrainingInput
from sagemaker.estimator import Estimator

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

est = Estimator(image_uri=IMAGE, role=ROLE, instance_count=1, instance_type="ml.c5.2xlarge")
est.fit({"train": TrainingInput("s3://my-data/train", input_mode="Pipe", shuffle_config=ShuffleConfig(seed=7))})
