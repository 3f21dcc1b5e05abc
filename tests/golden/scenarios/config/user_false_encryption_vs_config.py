"""encrypt_inter_container_traffic=False given by the user, EnableInterContainerTrafficEncryption: true in the config.

V2 sends EnableInterContainerTrafficEncryption: true (Session.train resolves the flag again and the
estimator passes nothing when it is False); this package keeps the user's False (KNOWN_GAPS).
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
    EnableInterContainerTrafficEncryption: true
""")
os.environ["SAGEMAKER_USER_CONFIG_OVERRIDE"] = os.path.abspath("config.yaml")

est = Estimator(image_uri=IMAGE, role=ROLE, instance_count=2, instance_type="ml.m5.xlarge",
                encrypt_inter_container_traffic=False)
record_value("encrypt_inter_container_traffic", est.encrypt_inter_container_traffic)
est.fit("s3://my-data/train")
