"""V2 import path ``sagemaker.processing``."""
from sagemaker_estimators import _facade
from sagemaker_estimators.network import NetworkConfig
from sagemaker_estimators.processing.dataset_definition import ApiObject, DatasetDefinition, FeatureStoreOutput, S3Input
from sagemaker_estimators.processing.framework_processor import FrameworkProcessor
from sagemaker_estimators.processing.inputs import ProcessingInput, ProcessingOutput, RunArgs
from sagemaker_estimators.processing.job import ProcessingJob
from sagemaker_estimators.processing.processor import Processor, ScriptProcessor
from sagemaker_estimators.s3 import S3Uploader
from sagemaker_estimators.session import Session
from sagemaker_estimators.utils import base_name_from_image, name_from_base
from sagemaker_estimators.validation import format_tags

_facade.install()

#: LocalSession pulls in local mode: loaded on first use only
__getattr__ = _facade.lazy_getattr(__name__, "sagemaker_estimators.local.session", ("LocalSession",))

#: V2's SageMaker-defaults config paths of processing jobs (the config file itself is not read)
PROCESSING_JOB_ENABLE_NETWORK_ISOLATION_PATH = "SageMaker.ProcessingJob.NetworkConfig.EnableNetworkIsolation"
PROCESSING_JOB_ENVIRONMENT_PATH = "SageMaker.ProcessingJob.Environment"
PROCESSING_JOB_INTER_CONTAINER_ENCRYPTION_PATH = \
    "SageMaker.ProcessingJob.NetworkConfig.EnableInterContainerTrafficEncryption"
PROCESSING_JOB_KMS_KEY_ID_PATH = "SageMaker.ProcessingJob.ProcessingOutputConfig.KmsKeyId"
PROCESSING_JOB_ROLE_ARN_PATH = "SageMaker.ProcessingJob.RoleArn"
PROCESSING_JOB_SECURITY_GROUP_IDS_PATH = "SageMaker.ProcessingJob.NetworkConfig.VpcConfig.SecurityGroupIds"
PROCESSING_JOB_SUBNETS_PATH = "SageMaker.ProcessingJob.NetworkConfig.VpcConfig.Subnets"
PROCESSING_JOB_VOLUME_KMS_KEY_ID_PATH = "SageMaker.ProcessingJob.ProcessingResources.ClusterConfig.VolumeKmsKeyId"

__all__ = ["Processor", "ScriptProcessor", "FrameworkProcessor", "ProcessingInput", "ProcessingOutput",
           "ProcessingJob", "RunArgs", "FeatureStoreOutput", "DatasetDefinition", "S3Input", "NetworkConfig",
           "ApiObject", "LocalSession", "Session", "S3Uploader", "base_name_from_image", "name_from_base",
           "format_tags"]
