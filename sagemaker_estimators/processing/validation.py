"""Checks a processing run makes before it uploads anything or creates the job.

Each refuses a value that SageMaker would reject (or that could never work) with a
ValueError/TypeError naming the parameter, the value and what is allowed.
"""
from __future__ import annotations

import posixpath
from typing import Any, Iterable, List, Optional, Sequence

#: every input and output of a processing job lives under this directory (an API rule)
CONTAINER_BASE = "/opt/ml/processing"


def check_instance_count(instance_count: Any) -> None:
    """``instance_count`` must be an int >= 1."""
    if isinstance(instance_count, bool) or not isinstance(instance_count, int):
        raise TypeError(f"instance_count must be an int >= 1, got {instance_count!r}")
    if instance_count < 1:
        raise ValueError(f"instance_count must be >= 1, got {instance_count!r}")


def check_container_path(path: Any, parameter: str) -> None:
    """``path`` must be an absolute path under ``/opt/ml/processing`` with no ``..``."""
    if not isinstance(path, str) or not path:
        raise ValueError(f"{parameter} must be a path under {CONTAINER_BASE}/, got {path!r}")
    normal = posixpath.normpath(path)
    if not path.startswith(CONTAINER_BASE + "/") or ".." in path.split("/") or normal == CONTAINER_BASE:
        raise ValueError(
            f"{parameter}={path!r}: SageMaker Processing only mounts inputs and outputs at a directory "
            f"under {CONTAINER_BASE}/ (for example {CONTAINER_BASE}/input/data)"
        )


def check_unique(names: Iterable[Optional[str]], parameter: str) -> None:
    """No name may appear twice (SageMaker refuses the job)."""
    seen: List[str] = []
    for name in names:
        if name is None:
            continue
        if name in seen:
            raise ValueError(f"{parameter} has the name {name!r} twice; every {parameter[:-1]} needs its own name")
        seen.append(name)


def check_inputs(inputs: Optional[Sequence[Any]], reserved: Sequence[str] = ()) -> None:
    """Types, container paths and unique names of ``run(inputs=...)``.

    ``reserved`` are names the processor adds itself (``code``, ``entrypoint``).
    """
    from sagemaker_estimators.processing.inputs import ProcessingInput

    if inputs is None:
        return
    if not isinstance(inputs, (list, tuple)):
        raise TypeError(f"inputs must be a list of ProcessingInput, got {type(inputs).__name__}")
    for index, item in enumerate(inputs):
        if not isinstance(item, ProcessingInput):
            raise TypeError("Your inputs must be provided as ProcessingInput objects "
                            f"(inputs[{index}] is {type(item).__name__})")
        if item.s3_input is None and item.dataset_definition is None:
            if item.app_managed is True:
                continue  # the application brings its data; SageMaker needs no path
            raise ValueError(f"inputs[{index}] needs a source and a destination, an s3_input or a "
                             "dataset_definition")
        if item.s3_input is not None and (not isinstance(item.s3_input.s3_uri, str) or not item.s3_input.s3_uri):
            raise ValueError(f"inputs[{index}].source must be an s3:// URI or a local path, got "
                             f"{item.s3_input.s3_uri!r}")
        check_container_path(item.container_path, f"inputs[{index}].destination")
        if item.input_name in reserved:
            raise ValueError(f"inputs[{index}].input_name={item.input_name!r} is the name this processor gives "
                             f"its code input; choose another name (reserved: {list(reserved)})")
    check_unique([item.input_name for item in inputs], "inputs")


def check_outputs(outputs: Optional[Sequence[Any]]) -> None:
    """Types, container paths and unique names of ``run(outputs=...)``."""
    from sagemaker_estimators.processing.inputs import ProcessingOutput

    if outputs is None:
        return
    if not isinstance(outputs, (list, tuple)):
        raise TypeError(f"outputs must be a list of ProcessingOutput, got {type(outputs).__name__}")
    for index, item in enumerate(outputs):
        if not isinstance(item, ProcessingOutput):
            raise TypeError("Your outputs must be provided as ProcessingOutput objects "
                            f"(outputs[{index}] is {type(item).__name__})")
        if item.source is not None:
            check_container_path(item.source, f"outputs[{index}].source")
        elif item.feature_store_output is None:
            raise ValueError(f"outputs[{index}] needs a source (a directory under {CONTAINER_BASE}/) "
                             "or a feature_store_output")
    check_unique([item.output_name for item in outputs], "outputs")


def check_arguments(arguments: Any) -> None:
    """``arguments`` is None or a list of strings."""
    if arguments is None:
        return
    if not isinstance(arguments, (list, tuple)) or not all(isinstance(item, str) for item in arguments):
        raise TypeError(f"arguments must be a list of str, got {arguments!r}")
