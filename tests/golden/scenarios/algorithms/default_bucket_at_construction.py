"""An algorithm estimator that never uses its default data_location: V2 creates the default bucket anyway."""
from sagemaker import KMeans

km = KMeans(role="arn:aws:iam::123456789012:role/SageMakerRole", instance_count=1, instance_type="ml.c4.xlarge",
            k=2, output_path="s3://somewhere/out")
record_value("hyperparameters", km.hyperparameters())
