"""sagemaker-estimators: SageMaker Python SDK V2 estimator code, run unchanged beside SDK V3.

User code imports the V2 names (``sagemaker.estimator.Estimator``,
``sagemaker.pytorch.PyTorch`` ...); the implementation lives here.  Importing
this package is cheap: subpackages are imported only when used.
"""
from sagemaker_estimators._version import __version__

__all__ = ["__version__"]
