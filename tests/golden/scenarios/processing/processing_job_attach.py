"""ProcessingJob.from_processing_name / from_processing_arn / describe after a run with wait=False."""
from sagemaker.processing import ProcessingInput, ProcessingJob, ProcessingOutput, Processor

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

processor = Processor(
    role=ROLE,
    image_uri="123456789012.dkr.ecr.us-west-2.amazonaws.com/my-processing:latest",
    instance_count=1,
    instance_type="ml.m5.xlarge",
    output_kms_key="arn:aws:kms:us-west-2:123456789012:key/out",
)
processor.run(
    inputs=[ProcessingInput(source="s3://my-data/raw", destination="/opt/ml/processing/input", input_name="raw")],
    outputs=[ProcessingOutput(source="/opt/ml/processing/output", destination="s3://my-out/x", output_name="out")],
    job_name="attach-me",
    wait=False,
    logs=False,
)
processor.latest_job.wait(logs=False)
record_value("status", processor.latest_job.describe()["ProcessingJobStatus"])
job = ProcessingJob.from_processing_name(processor.sagemaker_session, "attach-me")
record_value("name", job.job_name)
record_value("inputs", [(i.input_name, i.source, i.destination) for i in job.inputs])
record_value("outputs", [(o.output_name, o.source, o.destination) for o in job.outputs])
record_value("output_kms_key", job.output_kms_key)
arn = processor.latest_job.describe()["ProcessingJobArn"]
record_value("from_arn", ProcessingJob.from_processing_arn(processor.sagemaker_session, arn).job_name)
try:
    processor.run(inputs=[], wait=False, logs=True)
except ValueError as error:
    record_value("logs_without_wait", type(error).__name__)
