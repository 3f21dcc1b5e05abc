"""PyTorchProcessor: a lone code file, a CodeArtifact login in runproc.sh, a code KMS key and a local input."""
# logs=False: moto's DescribeProcessingJob has no ProcessingResources, which V2's log reader needs
import os

from sagemaker.processing import ProcessingInput
from sagemaker.pytorch.processing import PyTorchProcessor

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

with open("score.py", "w") as handle:
    handle.write("print('score')\n")
os.makedirs("batch", exist_ok=True)
with open("batch/x.csv", "w") as handle:
    handle.write("7\n")

processor = PyTorchProcessor(
    framework_version="1.13",
    py_version="py39",
    role=ROLE,
    instance_type="ml.c5.xlarge",
    instance_count=1,
    command=["python3", "-u"],
    volume_size_in_gb=100,
    max_runtime_in_seconds=1200,
    env={"STAGE": "score"},
    tags={"project": "p1"},
)
processor.run(
    code="score.py",
    inputs=[ProcessingInput(source="batch", destination="/opt/ml/processing/batch")],
    job_name="pt-score-job",
    kms_key="arn:aws:kms:us-west-2:123456789012:key/code",
    codeartifact_repo_arn="arn:aws:codeartifact:us-west-2:123456789012:repository/my-domain/my-repo",
    logs=False,
)
record_value("entrypoint", processor.entrypoint)
