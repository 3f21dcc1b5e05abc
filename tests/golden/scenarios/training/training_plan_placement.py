"""Reserved capacity: training_plan, instance_placement_config and enable_session_tag_chaining, then attach().

output_kms_key is given because V2's attach() reads OutputDataConfig.KmsKeyId, which
moto leaves out of DescribeTrainingJob unless the job was created with one.
"""
from sagemaker.estimator import Estimator

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"
PLAN = "arn:aws:sagemaker:us-west-2:123456789012:training-plan/my-plan"

est = Estimator(
    image_uri=IMAGE, role=ROLE, instance_count=2, instance_type="ml.p5.48xlarge", training_plan=PLAN,
    instance_placement_config={
        "EnableMultipleJobs": True,
        "PlacementSpecifications": [{"UltraServerId": "ultraserver-1", "InstanceCount": 2}],
    },
    enable_session_tag_chaining=True,
    output_kms_key="arn:aws:kms:us-west-2:123456789012:key/output-key",
)
est.fit("s3://my-data/train", job_name="planned-job")
again = Estimator.attach("planned-job")
record_value("training_plan", again.training_plan)
record_value("instance_placement_config", again.instance_placement_config)
