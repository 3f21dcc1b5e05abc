"""Processor with an image and entrypoint, S3 input, generated output destination, arguments."""
# logs=False: moto's DescribeProcessingJob has no ProcessingResources, which V2's log reader needs
from sagemaker.processing import ProcessingInput, ProcessingOutput, Processor

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

processor = Processor(
    role=ROLE,
    image_uri="123456789012.dkr.ecr.us-west-2.amazonaws.com/my-processing:latest",
    instance_count=2,
    instance_type="ml.m5.xlarge",
    entrypoint=["python3", "/opt/program/process.py"],
)
processor.run(
    inputs=[ProcessingInput(source="s3://my-data/raw", destination="/opt/ml/processing/input")],
    outputs=[ProcessingOutput(source="/opt/ml/processing/output")],
    arguments=["--train-split", "0.8"],
    logs=False,
)
record_value("latest_job_name_is_str", isinstance(processor.latest_job.job_name, str))
record_value("jobs", len(processor.jobs))
record_value("output_destination_prefix", processor.latest_job.outputs[0].destination.rsplit("/", 3)[0][:40])
