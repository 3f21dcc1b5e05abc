"""V2 import path ``sagemaker.instance_group``."""
from sagemaker_estimators import _facade
from sagemaker_estimators.estimators.instance_group import InstanceGroup

_facade.install()

__all__ = ["InstanceGroup"]
