"""``HuggingFaceModel`` and ``HuggingFacePredictor`` (``sagemaker.huggingface.model``).

Code given with ``entry_point`` is repacked into the model archive; a model
deployed from a HuggingFace estimator has no inference entry point by default,
so ``SAGEMAKER_PROGRAM`` and ``SAGEMAKER_SUBMIT_DIRECTORY`` are empty (V2).
"""
from __future__ import annotations

from typing import Any, Callable, Dict, Optional

from sagemaker_estimators import image_uris
from sagemaker_estimators.frameworks import common
from sagemaker_estimators.frameworks.framework_deploy import FrameworkDeploy
from sagemaker_estimators.payloads.deserializers import JSONDeserializer
from sagemaker_estimators.serving.model import FrameworkServingModel
from sagemaker_estimators.serving.predictor import Predictor
from sagemaker_estimators.payloads.serializers import JSONSerializer


class HuggingFacePredictor(Predictor):
    """A Predictor for HuggingFace endpoints: JSON requests and responses by default."""

    DEFAULT_SERIALIZER = JSONSerializer
    DEFAULT_DESERIALIZER = JSONDeserializer


# V2's HuggingFaceModel.deploy takes update_endpoint right after explainer_config, unlike Model.deploy
class HuggingFaceModel(FrameworkDeploy, FrameworkServingModel):  # type: ignore[misc]
    """A HuggingFace Transformers model for SageMaker hosting (V2's parameters and defaults)."""

    _framework_name = "huggingface"

    def __init__(self, role: Optional[str] = None, model_data: Any = None, entry_point: Optional[str] = None,
                 transformers_version: Optional[str] = None, tensorflow_version: Optional[str] = None,
                 pytorch_version: Optional[str] = None, py_version: Optional[str] = None,
                 image_uri: Optional[str] = None, predictor_cls: Optional[Callable] = HuggingFacePredictor,
                 model_server_workers: Optional[int] = None, **kwargs: Any):
        common.require_versions("HuggingFaceModel", transformers_version, py_version, image_uri)
        if image_uri is None:
            if tensorflow_version is not None and pytorch_version is not None:
                raise ValueError("tensorflow_version and pytorch_version are both set: specify only one of them.")
            if tensorflow_version is None and pytorch_version is None:
                raise ValueError("tensorflow_version and pytorch_version are both None: specify one of them.")
        if py_version == "py2":
            raise ValueError("py2 is not supported with HuggingFace images")
        self.framework_version = transformers_version
        self.pytorch_version = pytorch_version
        self.tensorflow_version = tensorflow_version
        self.py_version = py_version
        super().__init__(model_data, image_uri, role, entry_point, predictor_cls=predictor_cls, **kwargs)
        self.model_server_workers = model_server_workers

    def _base_framework_version(self) -> str:
        if self.tensorflow_version is not None:
            return f"tensorflow{self.tensorflow_version}"
        return f"pytorch{self.pytorch_version}"

    def serving_image_uri(self, region_name: str, instance_type: Optional[str] = None,
                          accelerator_type: Optional[str] = None, serverless_inference_config: Any = None,
                          inference_tool: Optional[str] = None) -> str:
        """The HuggingFace inference image (neuron/neuronx images for ml.inf* instance types)."""
        return image_uris.retrieve(self._framework_name, region_name, version=self.framework_version,
                                   py_version=self.py_version, instance_type=instance_type,
                                   accelerator_type=accelerator_type, image_scope="inference",
                                   base_framework_version=self._base_framework_version(),
                                   serverless_inference_config=serverless_inference_config,
                                   inference_tool=inference_tool)

    def _repack_code(self) -> bool:
        return True

    # V2's HuggingFaceModel takes inference_tool fourth, where Model.prepare_container_def takes accept_eula
    def prepare_container_def(  # type: ignore[override]
            self, instance_type: Optional[str] = None, accelerator_type: Optional[str] = None,
            serverless_inference_config: Any = None, inference_tool: Optional[str] = None,
            accept_eula: Optional[bool] = None, model_reference_arn: Optional[str] = None,
            ) -> Dict[str, Any]:
        """The HuggingFace container (``inference_tool`` "neuron"/"neuronx" picks a Neuron image)."""
        return super().prepare_container_def(instance_type, accelerator_type, serverless_inference_config,
                                             accept_eula=accept_eula, model_reference_arn=model_reference_arn,
                                             inference_tool=inference_tool)

    def _image_config_sent(self) -> Optional[Dict[str, Any]]:
        return self.image_config

    def _before_deploy(self, instance_type: Optional[str], accelerator_type: Optional[str]) -> None:
        """An ``ml.inf*`` instance type selects the Neuron image."""
        if not self.image_uri and isinstance(instance_type, str) and instance_type.startswith("ml.inf"):
            self._init_sagemaker_session_if_does_not_exist(instance_type)
            tool = "neuron" if instance_type.startswith("ml.inf1") else "neuronx"
            self.image_uri = self.serving_image_uri(self._active_session().boto_region_name, instance_type,
                                                    inference_tool=tool)
