"""SageMaker Training Compiler configuration (``TrainingCompilerConfig``)."""
from __future__ import annotations

from typing import Any, Dict

import attrs


@attrs.define
class TrainingCompilerConfig:
    """Turn SageMaker Training Compiler on (``enabled``) and its ``debug`` mode."""

    enabled: bool = True
    debug: bool = False

    HP_ENABLE_COMPILER = "sagemaker_training_compiler_enabled"
    HP_ENABLE_DEBUG = "sagemaker_training_compiler_debug_mode"

    def __bool__(self) -> bool:
        return bool(self.enabled)

    def _to_hyperparameter_dict(self) -> Dict[str, Any]:
        return {self.HP_ENABLE_COMPILER: self.enabled, self.HP_ENABLE_DEBUG: self.debug}
