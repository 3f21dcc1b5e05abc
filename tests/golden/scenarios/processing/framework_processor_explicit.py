"""FrameworkProcessor built directly with estimator_cls, an S3 code file (no upload) and an image_uri."""
from sagemaker.processing import FrameworkProcessor, ProcessingInput
from sagemaker.pytorch.estimator import PyTorch

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

processor = FrameworkProcessor(
    estimator_cls=PyTorch,
    framework_version="2.1",
    py_version="py310",
    image_uri="123456789012.dkr.ecr.us-west-2.amazonaws.com/custom-torch:1",
    role=ROLE,
    instance_type="ml.m5.xlarge",
    instance_count=1,
)
processor.run(
    code="s3://my-code/jobs/runproc.sh",
    inputs=[ProcessingInput(source="s3://my-data/raw", destination="/opt/ml/processing/input/raw")],
    logs=False,
)
record_value("base_job_name", processor.base_job_name)
record_value("entrypoint", processor.entrypoint)
