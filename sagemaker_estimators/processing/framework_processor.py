"""``FrameworkProcessor``: a script bundle (``source_dir`` + ``dependencies``) run in a framework image.

``run()`` packs the code as ``sourcedir.tar.gz`` exactly as the framework's
estimator packs training code (same archive, same S3 key
``<code_location or default bucket>/<job>/source/sourcedir.tar.gz``), writes
``runproc.sh`` (:mod:`sagemaker_estimators.runproc`) next to it, and runs
``/bin/bash /opt/ml/processing/input/entrypoint/runproc.sh`` with the bundle as
input ``code`` and the script as input ``entrypoint``.  In local mode both files
are written to a private folder (``file://``) that is removed once the job ended.

A framework processor whose estimator takes ``framework_version`` and
``py_version`` (PyTorch, TensorFlow, MXNet, XGBoost) subclasses
:class:`VersionedFrameworkProcessor` and only names its estimator class::

    class TensorFlowProcessor(VersionedFrameworkProcessor):
        estimator_cls = TensorFlow          # its _framework_name gives the base job name

The estimator must accept the keyword arguments :meth:`FrameworkProcessor._create_estimator`
passes.  A framework whose estimator takes other version arguments subclasses
:class:`FrameworkProcessor` and overrides :meth:`FrameworkProcessor._estimator_version_kwargs`
(see HuggingFaceProcessor).
"""
from __future__ import annotations

import logging
import os
import shutil
import tempfile
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple

from sagemaker_estimators.config import keys as config_keys
from sagemaker_estimators.config.resolve import config_of, resolve_value
from sagemaker_estimators.processing.inputs import ProcessingInput, ProcessingOutput, RunArgs
from sagemaker_estimators.processing.processor import ScriptProcessor, _absolute_local_path, init_arguments
from sagemaker_estimators.required import required
from sagemaker_estimators.runproc import runproc_script
from sagemaker_estimators.s3 import S3Uploader
from sagemaker_estimators.staging.checks import validate_code_arguments
from sagemaker_estimators.staging.code import (
    CodeDestination,
    CodeSource,
    default_output_path,
    local_code_enabled,
    stage_code,
    training_code_destination,
)

if TYPE_CHECKING:
    from sagemaker_estimators.session_like import SessionLike

logger = logging.getLogger(__name__)

RUNPROC_NAME = "runproc.sh"
CODE_DESTINATION = "/opt/ml/processing/input/code/"


class FrameworkProcessor(ScriptProcessor):
    """Runs a Python script bundle in a framework image (``sagemaker.processing.FrameworkProcessor``).

    Args:
        estimator_cls: the framework's estimator class (picks the image and the base job name).
        framework_version: the framework version (ignored when ``image_uri`` is given).
        py_version: the Python version of the image (default ``py3``).
        command: the interpreter command put before the script (default ``["python"]``).
        code_location: S3 prefix for ``sourcedir.tar.gz`` (default: the default bucket).
        The other arguments are :class:`~sagemaker_estimators.processing.processor.Processor`'s.
    """

    framework_entrypoint_command = ["/bin/bash"]
    _CODE_CONTAINER_INPUT_NAME = "entrypoint"
    _reserved_input_names = ("code", "entrypoint")

    def __init__(
        self,
        estimator_cls: type,
        framework_version: Optional[str],
        role: Optional[str] = None,
        instance_count: Optional[int] = None,
        instance_type: Optional[str] = None,
        py_version: str = "py3",
        image_uri: Optional[str] = None,
        command: Optional[List[str]] = None,
        volume_size_in_gb: int = 30,
        volume_kms_key: Optional[str] = None,
        output_kms_key: Optional[str] = None,
        code_location: Optional[str] = None,
        max_runtime_in_seconds: Optional[int] = None,
        base_job_name: Optional[str] = None,
        sagemaker_session: Optional[SessionLike] = None,
        env: Optional[Dict[str, str]] = None,
        tags: Any = None,
        network_config: Any = None,
    ):
        self.estimator_cls = estimator_cls
        self.framework_version = framework_version
        self.py_version = py_version
        super().__init__(**init_arguments(ScriptProcessor, dict(locals(), command=command or ["python"])))
        if code_location is not None and not isinstance(code_location, str):
            raise TypeError(f"code_location must be an s3:// URI, got {code_location!r}")
        self.code_location = code_location[:-1] if code_location and code_location.endswith("/") else code_location
        if image_uri is None or base_job_name is None:
            estimator = self._create_estimator()
            if image_uri is None:
                self.image_uri = estimator.training_image_uri()
            if base_job_name is None:
                self.base_job_name = estimator.base_job_name or estimator._framework_name  # the class's name

    def _estimator_version_kwargs(self) -> Dict[str, Any]:
        """The version arguments of ``estimator_cls`` (HuggingFace has three)."""
        return {"framework_version": self.framework_version, "py_version": self.py_version}

    def _create_estimator(self, entry_point: str = "", source_dir: Optional[str] = None,
                          dependencies: Optional[List[str]] = None, git_config: Optional[Dict[str, str]] = None):
        """The framework estimator that packs and uploads the code (as V2 does)."""
        return self.estimator_cls(
            entry_point=entry_point, source_dir=source_dir, dependencies=dependencies, git_config=git_config,
            code_location=self.code_location, enable_network_isolation=False, image_uri=self.image_uri,
            role=self.role, instance_count=1, instance_type=self.instance_type,
            sagemaker_session=self.sagemaker_session, debugger_hook_config=False, disable_profiler=True,
            output_kms_key=self.output_kms_key, **self._estimator_version_kwargs(),
        )

    # ------------------------------------------------------------------ run
    def get_run_args(  # type: ignore[override]  # V2's FrameworkProcessor takes the code bundle's parts here
            self, code: str, source_dir: Optional[str] = None, dependencies: Optional[List[str]] = None,
            git_config: Optional[Dict[str, str]] = None, inputs: Optional[List[ProcessingInput]] = None,
            outputs: Optional[List[ProcessingOutput]] = None, arguments: Optional[List[str]] = None,
            job_name: Optional[str] = None) -> RunArgs:
        """Pack and upload the code now and return the ``run()`` arguments (deprecated in V2)."""
        logger.warning("get_run_args() is deprecated in V2; call run() instead.")
        self._check_code_bundle(code, source_dir, dependencies, git_config)
        runproc, inputs, _, _ = self._pack_and_upload_code(code, source_dir, dependencies, job_name, inputs)
        return RunArgs(runproc, inputs=inputs, outputs=outputs, arguments=arguments)

    def run(  # type: ignore[override]  # V2: FrameworkProcessor.run takes the code bundle (source_dir, ...)
        self,
        code: str,
        source_dir: Optional[str] = None,
        dependencies: Optional[List[str]] = None,
        git_config: Optional[Dict[str, str]] = None,
        inputs: Optional[List[ProcessingInput]] = None,
        outputs: Optional[List[ProcessingOutput]] = None,
        arguments: Optional[List[str]] = None,
        wait: bool = True,
        logs: bool = True,
        job_name: Optional[str] = None,
        experiment_config: Optional[Dict[str, str]] = None,
        kms_key: Optional[str] = None,
        codeartifact_repo_arn: Optional[str] = None,
        ) -> None:
        """Run ``code`` (a script in ``source_dir``, or a local file, or an ``s3://`` runproc script).

        ``requirements.txt`` in ``source_dir`` is installed before the script runs;
        ``dependencies`` are packed beside it.
        """
        self._check_run(inputs, outputs, arguments, wait, logs)
        self._check_code_bundle(code, source_dir, dependencies, git_config)
        runproc, inputs, job_name, staging = self._pack_and_upload_code(
            code, source_dir, dependencies, job_name, inputs, kms_key, codeartifact_repo_arn)
        try:
            self._run_script(runproc, inputs, outputs, arguments, wait, logs, job_name, experiment_config, kms_key)
        finally:
            if staging is not None:  # a local job has finished by now: its code folder can go
                shutil.rmtree(staging, ignore_errors=True)

    def _check_code_bundle(self, code: Any, source_dir: Optional[str], dependencies: Optional[List[str]],
                           git_config: Any) -> None:
        if git_config is not None:
            raise ValueError("git_config is not supported by sagemaker-estimators: clone the repository "
                             "yourself and pass its folder as source_dir")
        if not isinstance(code, str) or not code:
            raise ValueError(f"code must be the script's path (in source_dir) or an s3:// URI, got {code!r}")
        if code.startswith("s3://"):
            return
        if dependencies is not None and (not isinstance(dependencies, (list, tuple)) or not all(
                isinstance(item, str) for item in dependencies)):
            raise TypeError(f"dependencies must be a list of paths, got {dependencies!r}")
        validate_code_arguments(code, source_dir, dependencies or [])

    def _pack_and_upload_code(
        self, code: str, source_dir: Optional[str], dependencies: Optional[List[str]], job_name: Optional[str],
        inputs: Optional[List[ProcessingInput]], kms_key: Optional[str] = None,
        codeartifact_repo_arn: Optional[str] = None,
    ) -> Tuple[str, Optional[List[ProcessingInput]], Optional[str], Optional[str]]:
        """(runproc.sh URI, inputs with the ``code`` input, job name, local staging dir or None)."""
        if code.startswith("s3://"):
            return code, inputs, job_name, None
        job_name = self._generate_current_job_name(job_name)
        script = code if source_dir else os.path.basename(code)
        runproc_text = runproc_script(required(self.command, "command"), script, codeartifact_repo_arn)
        session = self.sagemaker_session
        if self._local and not (self.code_location or "").startswith("s3://") \
                and not (source_dir or "").startswith("s3://"):
            staging = tempfile.mkdtemp(prefix="sm-processing-code-")
            try:
                source = CodeSource(code if source_dir else _absolute_local_path(code), source_dir, dependencies)
                os.makedirs(os.path.join(staging, "entrypoint"))
                archive = stage_code(session, source, lambda: self._local_code_folder(staging)).packed_archive_uri()
                runproc = os.path.join(staging, "entrypoint", RUNPROC_NAME)
                with open(runproc, "w", encoding="utf-8", newline="\n") as handle:
                    handle.write(runproc_text)
            except BaseException:
                shutil.rmtree(staging, ignore_errors=True)
                raise
            return "file://" + runproc, self._with_code_input(inputs, archive), job_name, staging
        # V2 packs the code with the framework's estimator: the archive goes where that estimator's fit()
        # would put it for a job of this name, with its output KMS key (the TrainingJob config's default)
        output_path = "" if local_code_enabled(session) else default_output_path(session)
        output_kms_key = resolve_value(self.output_kms_key, config_keys.TRAINING_JOB_KMS_KEY_ID_PATH,
                                       config_of(session))
        archive = stage_code(session, CodeSource(code, source_dir, dependencies), lambda: training_code_destination(
            session, job_name, self.code_location, output_path, output_kms_key, output_path_is_default=True),
        ).packed_archive_uri()
        if not archive.endswith("/sourcedir.tar.gz"):
            raise ValueError(f"source_dir={archive!r}: an S3 source_dir must be a file named sourcedir.tar.gz")
        runproc_uri = archive[: -len("sourcedir.tar.gz")] + RUNPROC_NAME
        S3Uploader.upload_string_as_file_body(runproc_text, desired_s3_uri=runproc_uri,
                                              kms_key=kms_key or self.output_kms_key,
                                              sagemaker_session=self.sagemaker_session)
        logger.info("runproc.sh uploaded to %s", runproc_uri)
        return runproc_uri, self._with_code_input(inputs, archive), job_name, None

    @staticmethod
    def _local_code_folder(staging: str) -> CodeDestination:
        folder = os.path.join(staging, "code")
        os.makedirs(folder)
        return CodeDestination.in_folder(folder)

    @staticmethod
    def _with_code_input(inputs: Optional[List[ProcessingInput]], archive_uri: str) -> List[ProcessingInput]:
        return list(inputs or []) + [ProcessingInput(input_name="code", source=archive_uri,
                                                     destination=CODE_DESTINATION)]

    def _set_entrypoint(self, command: List[str], user_script_name: str) -> None:
        """The entrypoint is always ``/bin/bash <runproc.sh>`` (``command`` is inside runproc.sh)."""
        location = f"{self._CODE_CONTAINER_BASE_PATH}{self._CODE_CONTAINER_INPUT_NAME}/{user_script_name}"
        self.entrypoint = list(self.framework_entrypoint_command) + [location]


class VersionedFrameworkProcessor(FrameworkProcessor):
    """A :class:`FrameworkProcessor` whose image is picked by ``framework_version`` and ``py_version``.

    Subclasses set ``estimator_cls`` (the framework's estimator class); the constructor is the
    one V2's ``PyTorchProcessor``, ``TensorFlowProcessor``, ``MXNetProcessor`` and
    ``XGBoostProcessor`` share.
    """

    estimator_cls: type

    def __init__(self, framework_version: str, role: Optional[str] = None, instance_count: Optional[int] = None,
                 instance_type: Optional[str] = None, py_version: str = "py3", image_uri: Optional[str] = None,
                 command: Optional[List[str]] = None, volume_size_in_gb: int = 30,
                 volume_kms_key: Optional[str] = None, output_kms_key: Optional[str] = None,
                 code_location: Optional[str] = None, max_runtime_in_seconds: Optional[int] = None,
                 base_job_name: Optional[str] = None, sagemaker_session: Optional[SessionLike] = None,
                 env: Optional[Dict[str, str]] = None, tags: Any = None, network_config: Any = None):
        arguments = dict(locals(), estimator_cls=type(self).estimator_cls)
        super().__init__(**init_arguments(FrameworkProcessor, arguments))
