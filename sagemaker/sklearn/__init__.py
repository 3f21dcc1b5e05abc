"""V2 import path ``sagemaker.sklearn``."""
from sagemaker_estimators import _facade
from sagemaker_estimators.frameworks.sklearn.estimator import SKLearn

_facade.install()

#: the model classes pull in the serving stack, the processor the processing stack: loaded on
#: first use only, as are the submodules
__getattr__ = _facade.lazy_getattr(__name__, "sagemaker_estimators.frameworks.sklearn.model", ('SKLearnModel', 'SKLearnPredictor'),
                                   submodules=("estimator", "model", "processing"),
                                   more={"sagemaker_estimators.frameworks.sklearn.processing": ("SKLearnProcessor",)})

__all__ = ["SKLearn", "SKLearnModel", "SKLearnPredictor", "SKLearnProcessor"]
