"""V2 import path ``sagemaker.amazon.amazon_estimator``: the algorithm estimator base, record sets, uploads."""
from sagemaker import s3_utils
from sagemaker.amazon import validation
from sagemaker_estimators import _facade
from sagemaker_estimators.algorithms.estimator import AmazonAlgorithmEstimatorBase, get_image_uri
from sagemaker_estimators.algorithms.numpy_records import write_numpy_to_dense_tensor
from sagemaker_estimators.algorithms.record_set import FileSystemRecordSet, RecordSet, upload_numpy_to_s3_shards
from sagemaker_estimators.estimators.base import EstimatorBase
from sagemaker_estimators.inputs import FileSystemInput, TrainingInput
from sagemaker_estimators.utils import sagemaker_timestamp

_facade.install()

__all__ = [
    "AmazonAlgorithmEstimatorBase",
    "EstimatorBase",
    "FileSystemInput",
    "FileSystemRecordSet",
    "RecordSet",
    "TrainingInput",
    "get_image_uri",
    "s3_utils",
    "sagemaker_timestamp",
    "upload_numpy_to_s3_shards",
    "validation",
    "write_numpy_to_dense_tensor",
]
