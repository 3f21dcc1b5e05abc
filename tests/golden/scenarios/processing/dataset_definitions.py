"""Processor with Athena and Redshift dataset definitions, an S3Input input and a Feature Store output."""
from sagemaker.dataset_definition.inputs import (
    AthenaDatasetDefinition,
    DatasetDefinition,
    RedshiftDatasetDefinition,
    S3Input,
)
from sagemaker.processing import FeatureStoreOutput, ProcessingInput, ProcessingOutput, Processor

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

processor = Processor(
    role=ROLE,
    image_uri="123456789012.dkr.ecr.us-west-2.amazonaws.com/my-processing:latest",
    instance_count=1,
    instance_type="ml.m5.xlarge",
)
processor.run(
    inputs=[
        ProcessingInput(
            input_name="athena",
            dataset_definition=DatasetDefinition(
                local_path="/opt/ml/processing/input/athena",
                data_distribution_type="FullyReplicated",
                input_mode="File",
                athena_dataset_definition=AthenaDatasetDefinition(
                    catalog="AwsDataCatalog",
                    database="db",
                    query_string="SELECT * FROM t",
                    output_s3_uri="s3://my-athena/out/",
                    work_group="primary",
                    output_format="PARQUET",
                    output_compression="SNAPPY",
                ),
            ),
        ),
        ProcessingInput(
            input_name="redshift",
            dataset_definition=DatasetDefinition(
                local_path="/opt/ml/processing/input/redshift",
                redshift_dataset_definition=RedshiftDatasetDefinition(
                    cluster_id="cluster",
                    database="dev",
                    db_user="user",
                    query_string="SELECT 1",
                    cluster_role_arn="arn:aws:iam::123456789012:role/Redshift",
                    output_s3_uri="s3://my-redshift/out/",
                    kms_key_id="key",
                    output_format="CSV",
                ),
            ),
        ),
        ProcessingInput(
            s3_input=S3Input(
                s3_uri="s3://my-data/manifest",
                local_path="/opt/ml/processing/input/manifest",
                s3_data_type="ManifestFile",
                s3_input_mode="File",
            ),
        ),
    ],
    outputs=[
        ProcessingOutput(output_name="features", app_managed=False,
                         feature_store_output=FeatureStoreOutput(feature_group_name="my-group")),
    ],
    logs=False,
)
job = processor.latest_job
record_value("input_names", [i.input_name for i in job.inputs])
record_value("s3_input_backfill", [job.inputs[2].source, job.inputs[2].destination, job.inputs[2].s3_data_type])
