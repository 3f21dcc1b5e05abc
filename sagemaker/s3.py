"""V2 import path ``sagemaker.s3``."""
from sagemaker_estimators import _facade
from sagemaker_estimators.s3 import (
    S3Downloader,
    S3Uploader,
    determine_bucket_and_prefix,
    parse_s3_url,
    s3_path_join,
)

_facade.install()

__all__ = ["S3Uploader", "S3Downloader", "determine_bucket_and_prefix", "parse_s3_url", "s3_path_join"]
