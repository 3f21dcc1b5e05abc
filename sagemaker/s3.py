"""V2 import path ``sagemaker.s3``."""
from sagemaker_estimators import _facade
from sagemaker_estimators.s3 import S3Downloader, S3Uploader, parse_s3_url, s3_path_join

_facade.install()

__all__ = ["S3Uploader", "S3Downloader", "parse_s3_url", "s3_path_join"]
