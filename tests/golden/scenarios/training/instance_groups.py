"""A heterogeneous cluster through instance_groups, with a channel for one group."""
from sagemaker.inputs import TrainingInput
from sagemaker.instance_group import InstanceGroup
from sagemaker.estimator import Estimator

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

est = Estimator(
    image_uri=IMAGE,
    role=ROLE,
    instance_groups=[
        InstanceGroup("cpu_group", "ml.c5.xlarge", 2),
        InstanceGroup("gpu_group", "ml.p3.2xlarge", 1),
    ],
)
est.fit({"train": TrainingInput("s3://my-data/train", instance_groups=["gpu_group"]), "aux": "s3://my-data/aux"})
