"""V2 import path ``sagemaker.s3_utils``: the S3 URI helpers (also re-exported by ``sagemaker.s3``)."""
from sagemaker_estimators import _facade
from sagemaker_estimators.s3 import determine_bucket_and_prefix, is_s3_url, parse_s3_url, s3_path_join

_facade.install()

__all__ = ["parse_s3_url", "is_s3_url", "s3_path_join", "determine_bucket_and_prefix"]
