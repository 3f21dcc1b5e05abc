"""``HuggingFace``: Transformers training on the AWS Hugging Face images (``sagemaker.huggingface.HuggingFace``)."""
from __future__ import annotations

import re
from typing import Any, Dict, Optional, Union

from sagemaker_estimators import image_uris
from sagemaker_estimators.estimators.framework import Framework
from sagemaker_estimators.image_uris.parse import framework_name_from_image
from sagemaker_estimators.frameworks import distribution as dist
from sagemaker_estimators.frameworks.compiler import TrainingCompilerConfig


class HuggingFace(dist.TorchLaunchHyperparameters, Framework):
    """Train with ``transformers_version`` on a PyTorch (``pytorch_version``) or TensorFlow
    (``tensorflow_version``) base image."""

    _smdistributed_with_torch = False
    _framework_name = "huggingface"
    _model_class_path = "sagemaker_estimators.frameworks.huggingface.model.HuggingFaceModel"
    _model_defaults_entry_point = False
    LAUNCH_PYTORCH_DDP_ENV_NAME = dist.LAUNCH_PYTORCH_DDP
    LAUNCH_TORCH_DISTRIBUTED_ENV_NAME = dist.LAUNCH_TORCH_DISTRIBUTED
    INSTANCE_TYPE_ENV_NAME = dist.INSTANCE_TYPE

    def __init__(
        self,
        py_version: str,
        entry_point: str,
        transformers_version: Optional[str] = None,
        tensorflow_version: Optional[str] = None,
        pytorch_version: Optional[str] = None,
        source_dir: Optional[str] = None,
        hyperparameters: Optional[Union[Dict[str, Any], str]] = None,
        image_uri: Optional[str] = None,
        distribution: Optional[Dict[str, Any]] = None,
        compiler_config: Optional[TrainingCompilerConfig] = None,
        **kwargs: Any,
    ):
        self.framework_version = transformers_version
        self.py_version = py_version
        self.tensorflow_version = tensorflow_version
        self.pytorch_version = pytorch_version
        self._validate_versions(image_uri)
        kwargs.setdefault("enable_sagemaker_metrics", True)
        super().__init__(entry_point, source_dir, hyperparameters, image_uri=image_uri, **kwargs)
        self.base_framework_name = "tensorflow" if tensorflow_version is not None else "pytorch"
        self.base_framework_version = tensorflow_version if tensorflow_version is not None else pytorch_version
        base_full = None
        if distribution is not None and self.base_framework_version and image_uri is None:
            try:
                base_full = image_uris.validate_version(self.base_framework_name, self.base_framework_version)
            except ValueError:
                base_full = self.base_framework_version
        self._set_launch_options(distribution, self.base_framework_name, base_full, py_version, image_uri,
                                 entry_point, compiler_config)

    def _validate_versions(self, image_uri: Optional[str]) -> None:
        if image_uri is not None:
            return
        if self.framework_version is None:
            raise ValueError("transformers_version and image_uri are both None. "
                             "Specify either transformers_version or image_uri.")
        if self.tensorflow_version is not None and self.pytorch_version is not None:
            raise ValueError("tensorflow_version and pytorch_version are both set; specify only one of them.")
        base_version = self.tensorflow_version or self.pytorch_version
        if base_version is None:
            raise ValueError("tensorflow_version and pytorch_version are both None; specify one of them.")
        if len(base_version.split(".")) != len(self.framework_version.split(".")):
            raise ValueError("Please use either full version or shortened version for both transformers_version "
                             f"({self.framework_version!r}) and the base framework version ({base_version!r}).")

    def _validate_job_settings(self) -> None:
        super()._validate_job_settings()
        if self.image_uri is None:
            self._check_versions_in_registry()

    def _check_versions_in_registry(self) -> None:
        """The registry knows transformers_version with this base framework and py_version (checked at fit,
        where V2 first looks the image up)."""
        base_version = self.tensorflow_version or self.pytorch_version
        base = f"{'tensorflow' if self.tensorflow_version else 'pytorch'}{base_version}"
        version = self.framework_version
        if version is not None:
            try:
                image_uris.validate_version("huggingface", version, "training")
            except ValueError:
                version = None
        if version is None:
            choices = image_uris.supported_versions("huggingface", "training")
            raise ValueError(f"transformers_version={self.framework_version!r} is not supported for training; "
                             f"supported: {', '.join(choices)}.")
        try:
            image_uris.validate_py_version("huggingface", version, self.py_version,
                                           "training", base)
        except ValueError as error:
            raise ValueError(f"HuggingFace transformers {self.framework_version} with {base}: {error}") from None

    def _model_version_kwargs(self) -> Dict[str, Any]:
        return {"transformers_version": self.framework_version, "tensorflow_version": self.tensorflow_version,
                "pytorch_version": self.pytorch_version, "py_version": self.py_version}

    @classmethod
    def _restore_versions(cls, params: Dict[str, Any], job_details: Dict[str, Any]) -> Dict[str, Any]:
        image_uri = params.pop("image_uri")
        framework, py_version, tag, _ = framework_name_from_image(image_uri)
        transformers_version = None
        if tag is not None and framework:
            framework, base = framework.split("-")[:2]
            match = re.match(r"^(.*)-transformers(.*)-(cpu|gpu)-(py2|py3\d*)$", tag)
            if match:
                params[f"{base}_version"] = match.group(1)
                transformers_version = match.group(2)
        params["transformers_version"] = transformers_version
        params["py_version"] = py_version
        if not framework:
            params["image_uri"] = image_uri
            return params
        if framework != cls._framework_name:
            raise ValueError(f"Training job {job_details['TrainingJobName']} didn't use a HuggingFace image: {image_uri}")
        return params
