"""PyTorch with an admin and a user config file: the user file overrides the admin file key by key."""
import os

from sagemaker.pytorch import PyTorch
from sagemaker.session import Session

with open("train.py", "w") as handle:
    handle.write("print('training')\n")
os.makedirs("admin", exist_ok=True)
with open(os.path.join("admin", "config.yaml"), "w") as handle:
    handle.write("""
SchemaVersion: '1.0'
SageMaker:
  PythonSDK:
    Modules:
      Estimator:
        DebugHookConfig: false
  TrainingJob:
    RoleArn: arn:aws:iam::123456789012:role/AdminRole
    OutputDataConfig:
      KmsKeyId: admin-output-key
    ResourceConfig:
      VolumeKmsKeyId: admin-volume-key
    ProfilerConfig:
      DisableProfiler: true
    Environment:
      SET_BY: admin
      ADMIN_ONLY: "1"
    Tags:
      - Key: enforced-by
        Value: admin
""")
with open("user.yaml", "w") as handle:
    handle.write("""
SchemaVersion: '1.0'
SageMaker:
  TrainingJob:
    RoleArn: arn:aws:iam::123456789012:role/UserRole
    VpcConfig:
      Subnets: [subnet-0user]
      SecurityGroupIds: [sg-0user]
    Environment:
      SET_BY: user
""")
# a directory holding config.yaml, and a file
os.environ["SAGEMAKER_ADMIN_CONFIG_OVERRIDE"] = os.path.abspath("admin")
os.environ["SAGEMAKER_USER_CONFIG_OVERRIDE"] = os.path.abspath("user.yaml")

# V2 reads PythonSDK.Modules.Estimator.DebugHookConfig only from a session passed in (README)
est = PyTorch(entry_point="train.py", framework_version="2.1", py_version="py310",
              instance_count=2, instance_type="ml.g5.xlarge", sagemaker_session=Session())
record_value("role", est.role)
record_value("volume_kms_key", est.volume_kms_key)
record_value("environment", est.environment)
est.fit({"training": "s3://my-data/train"})
