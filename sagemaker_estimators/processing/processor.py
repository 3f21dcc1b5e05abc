"""``Processor`` and ``ScriptProcessor`` (``sagemaker.processing``).

``run()`` checks its arguments, names the job, stages code and local inputs
(uploaded to S3, or kept on disk as ``file://`` in local mode), fills in output
destinations, builds the CreateProcessingJob request with
:func:`~sagemaker_estimators.request_builders.processing.processing_job_request` and lets
the session send it.
"""
from __future__ import annotations

import inspect
import logging
import os
import posixpath
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple

from sagemaker_estimators import utils
from sagemaker_estimators.config.resolve import config_of
from sagemaker_estimators.image_uris.instances import is_local_instance_type
from sagemaker_estimators.processing import validation
from sagemaker_estimators.request_builders import processing as requests
from sagemaker_estimators.config.processing_defaults import configured_processing_request, processor_defaults
from sagemaker_estimators.processing.inputs import ProcessingInput, ProcessingOutput, RunArgs
from sagemaker_estimators.processing.job import ProcessingJob
from sagemaker_estimators.s3 import S3Uploader, s3_path_join
from sagemaker_estimators.required import required
from sagemaker_estimators.validation import format_tags

if TYPE_CHECKING:
    from sagemaker_estimators.session_like import SessionLike

logger = logging.getLogger(__name__)

#: where the output of a local job goes when its output has no destination
DEFAULT_LOCAL_OUTPUT_FOLDER = "sagemaker-local-output"


def processing_session(instance_type: Optional[str], sagemaker_session: Optional[SessionLike]) -> SessionLike:
    """The session a processor uses: a LocalSession for the local instance types (as V2), else the
    given session or a new :class:`~sagemaker_estimators.session.Session`."""
    if is_local_instance_type(instance_type):
        if sagemaker_session is not None and getattr(sagemaker_session, "local_mode", False):
            return sagemaker_session
        if sagemaker_session is not None:
            logger.warning("instance_type=%r runs locally: the given %s is replaced by a LocalSession",
                           instance_type, type(sagemaker_session).__name__)
    elif sagemaker_session is not None:
        return sagemaker_session
    from sagemaker_estimators.session_factory import default_session

    return default_session(instance_type)


def init_arguments(cls: type, values: Dict[str, Any]) -> Dict[str, Any]:
    """The entries of ``values`` (a subclass constructor's ``locals()``) that ``cls.__init__`` takes.

    The processors' constructors keep V2's own parameter order (so positional calls work), but each
    forwards the parameters it shares with its base class by name through this one function.
    """
    names = list(inspect.signature(cls).parameters)  # the class's signature is its __init__'s without self
    return {name: values[name] for name in names}


def _local_path(source: str) -> Optional[str]:
    """The local path a non-S3 source names (``file://`` or a plain path), else None."""
    if source.startswith("s3://"):
        return None
    return _absolute_local_path(source)


def _absolute_local_path(source: str) -> str:
    """The absolute path of a local source (``file://`` or a plain path)."""
    if source.startswith("file://"):
        return os.path.abspath(source[len("file://"):])
    if "://" in source:
        raise ValueError(f"source {source!r}: the URL scheme is not recognised; give an s3:// URI or a local path")
    return os.path.abspath(source)


class Processor:
    """Runs a processing container (``sagemaker.processing.Processor``).

    Args:
        role: IAM role (name or ARN) the job runs with.
        image_uri: the container image.
        instance_count: number of instances (>= 1).
        instance_type: e.g. ``ml.m5.xlarge``, or ``local`` / ``local_gpu`` (Docker) /
            ``local_process`` (this machine's Python).
        entrypoint: the container's entrypoint command (list of str).
        volume_size_in_gb: storage volume size (default 30).
        volume_kms_key: KMS key of the storage volume.
        output_kms_key: KMS key of the outputs.
        max_runtime_in_seconds: time limit (SageMaker's default, 24 h, when None).
        base_job_name: prefix of generated job names (default: the image's repository name).
        sagemaker_session: the session (a LocalSession for the local instance types).
        env: environment variables of the container.
        tags: tags of the job.
        network_config: a :class:`~sagemaker_estimators.network.NetworkConfig`.
    """

    JOB_CLASS_NAME = "processing-job"
    #: input names the processor adds itself (refused as user input names)
    _reserved_input_names: Tuple[str, ...] = ()

    def __init__(
        self,
        role: Optional[str] = None,
        image_uri: Optional[str] = None,
        instance_count: Optional[int] = None,
        instance_type: Optional[str] = None,
        entrypoint: Optional[List[str]] = None,
        volume_size_in_gb: int = 30,
        volume_kms_key: Optional[str] = None,
        output_kms_key: Optional[str] = None,
        max_runtime_in_seconds: Optional[int] = None,
        base_job_name: Optional[str] = None,
        sagemaker_session: Optional[SessionLike] = None,
        env: Optional[Dict[str, str]] = None,
        tags: Any = None,
        network_config: Any = None,
    ):
        self.image_uri = image_uri
        self.instance_count = instance_count
        self.instance_type = instance_type
        self.entrypoint = entrypoint
        self.volume_size_in_gb = volume_size_in_gb
        self.max_runtime_in_seconds = max_runtime_in_seconds
        self.base_job_name = base_job_name
        self.tags = format_tags(tags)
        self.jobs: List[ProcessingJob] = []
        self.latest_job: Optional[ProcessingJob] = None
        self._current_job_name: Optional[str] = None
        self.arguments: Optional[List[str]] = None
        self.sagemaker_session = processing_session(instance_type, sagemaker_session)
        defaults = processor_defaults(config_of(self.sagemaker_session), role=role, output_kms_key=output_kms_key,
                                      volume_kms_key=volume_kms_key, env=env, network_config=network_config)
        self.output_kms_key = defaults["output_kms_key"]
        self.volume_kms_key = defaults["volume_kms_key"]
        self.network_config = defaults["network_config"]
        if not defaults["role"]:
            raise ValueError("An AWS IAM role is required to create a Processing job "
                             "(pass role= or set SageMaker.ProcessingJob.RoleArn in the SageMaker config).")
        self.role = defaults["role"]
        env = defaults["env"]
        if env is not None and (not isinstance(env, dict) or not all(
                isinstance(key, str) and isinstance(value, str) for key, value in env.items())):
            raise TypeError(f"env must be a dict of str to str, got {env!r}")
        self.env = env

    # ------------------------------------------------------------------ run
    def run(
        self,
        inputs: Optional[List[ProcessingInput]] = None,
        outputs: Optional[List[ProcessingOutput]] = None,
        arguments: Optional[List[str]] = None,
        wait: bool = True,
        logs: bool = True,
        job_name: Optional[str] = None,
        experiment_config: Optional[Dict[str, str]] = None,
        kms_key: Optional[str] = None,
    ) -> None:
        """Run a processing job with the container's own entrypoint.

        Raises:
            ValueError: ``logs`` without ``wait``, or an argument SageMaker would refuse
                (checked before anything is uploaded).
        """
        self._check_run(inputs, outputs, arguments, wait, logs)
        normalized_inputs, normalized_outputs = self._normalize_args(
            job_name=job_name, arguments=arguments, inputs=inputs, outputs=outputs, kms_key=kms_key)
        self._start(normalized_inputs, normalized_outputs, experiment_config, wait, logs)

    def _check_run(self, inputs: Any, outputs: Any, arguments: Any, wait: bool, logs: bool) -> None:
        if logs and not wait:
            raise ValueError("Logs can only be shown if wait is set to True. "
                             "Please either set wait to True or set logs to False.")
        validation.check_instance_count(self.instance_count)
        if not isinstance(self.instance_type, str) or not self.instance_type:
            raise ValueError(f"instance_type must be an instance type such as 'ml.m5.xlarge', got "
                             f"{self.instance_type!r}")
        if not isinstance(self.image_uri, str) or not self.image_uri:
            raise ValueError(f"image_uri must name the processing image, got {self.image_uri!r}")
        validation.check_inputs(inputs, self._reserved_input_names)
        validation.check_outputs(outputs)
        validation.check_arguments(arguments)

    def _start(self, inputs: List[ProcessingInput], outputs: List[ProcessingOutput],
               experiment_config: Optional[Dict[str, str]], wait: bool, logs: bool) -> None:
        self.latest_job = ProcessingJob.start_new(self, inputs, outputs, experiment_config)
        self.jobs.append(self.latest_job)
        if wait:
            self.latest_job.wait(logs=logs)

    @property
    def _local(self) -> bool:
        """True when local files stay local (``file://``) instead of going to S3."""
        return bool(getattr(self.sagemaker_session, "local_mode", False))

    def _normalize_args(self, job_name: Optional[str] = None, arguments: Optional[List[str]] = None,
                        inputs: Optional[List[ProcessingInput]] = None,
                        outputs: Optional[List[ProcessingOutput]] = None, code: Optional[str] = None,
                        kms_key: Optional[str] = None) -> Tuple[List[ProcessingInput], List[ProcessingOutput]]:
        """Name the job, add the code input, stage local inputs and fill in output destinations."""
        self._current_job_name = self._generate_current_job_name(job_name)
        with_code = self._include_code_in_inputs(inputs, code, kms_key)
        normalized_inputs = self._normalize_inputs(with_code, kms_key)
        normalized_outputs = self._normalize_outputs(outputs)
        self.arguments = list(arguments) if arguments is not None else None
        return normalized_inputs, normalized_outputs

    def _include_code_in_inputs(self, inputs: Optional[List[ProcessingInput]], code: Optional[str],
                                kms_key: Optional[str]) -> Optional[List[ProcessingInput]]:
        """Scripts processors add their code as an input; the plain processor has none."""
        return inputs

    def _generate_current_job_name(self, job_name: Optional[str] = None) -> str:
        if job_name is not None:
            return utils.validate_name(job_name, "job_name")
        base = self.base_job_name or utils.base_name_from_image(required(self.image_uri, "image_uri"),
                                                                 self.JOB_CLASS_NAME)
        return utils.name_from_base(base)

    def _job_prefix(self, *parts: str) -> str:
        session = self.sagemaker_session
        return s3_path_join("s3://", session.default_bucket(), session.default_bucket_prefix,
                            self._current_job_name, *parts)

    def _local_output_root(self) -> str:
        config = (getattr(self.sagemaker_session, "config", None) or {}).get("local") or {}
        import tempfile

        root = os.path.abspath(os.path.expanduser(config.get("container_root") or tempfile.gettempdir()))
        return os.path.join(root, DEFAULT_LOCAL_OUTPUT_FOLDER, self._current_job_name or "job")

    def _normalize_inputs(self, inputs: Optional[List[ProcessingInput]] = None,
                          kms_key: Optional[str] = None) -> List[ProcessingInput]:
        """Name unnamed inputs ``input-<n>``; upload local sources (local mode: ``file://`` URIs)."""
        normalized: List[ProcessingInput] = []
        for count, item in enumerate(inputs or [], 1):
            if not isinstance(item, ProcessingInput):
                raise TypeError("Your inputs must be provided as ProcessingInput objects.")
            if item.input_name is None:
                item.input_name = f"input-{count}"
            if item.dataset_definition or item.s3_input is None:
                normalized.append(item)
                continue
            path = _local_path(required(item.s3_input.s3_uri, f"inputs: {item.input_name} source"))
            if path is not None:
                if not os.path.exists(path):
                    raise ValueError(f"inputs: {item.input_name} source {item.s3_input.s3_uri!r} does not exist")
                if self._local:
                    uri = "file://" + path
                else:
                    uri = S3Uploader.upload(local_path=path,
                                            desired_s3_uri=self._job_prefix("input", item.input_name),
                                            sagemaker_session=self.sagemaker_session, kms_key=kms_key)
                item.s3_input.s3_uri = uri  # V2 leaves item.source as the user gave it
            normalized.append(item)
        return normalized

    def _normalize_outputs(self, outputs: Optional[List[ProcessingOutput]] = None) -> List[ProcessingOutput]:
        """Name unnamed outputs ``output-<n>``; give outputs without an S3 destination one
        (``s3://<default bucket>/<job>/output/<name>``; local mode keeps ``file://`` and local paths)."""
        normalized: List[ProcessingOutput] = []
        for count, output in enumerate(outputs or [], 1):
            if not isinstance(output, ProcessingOutput):
                raise TypeError("Your outputs must be provided as ProcessingOutput objects.")
            if output.output_name is None:
                output.output_name = f"output-{count}"
            destination = output.destination
            if isinstance(destination, str) and destination.startswith("s3://"):
                normalized.append(output)
                continue
            if self._local:
                if destination:
                    output.destination = "file://" + _absolute_local_path(destination)
                else:
                    output.destination = "file://" + os.path.join(self._local_output_root(), "output",
                                                                  output.output_name)
            else:
                if destination:
                    logger.warning("outputs: %s destination %r is not an s3:// URI; the job writes to the "
                                   "default bucket instead (as V2 does)", output.output_name, destination)
                output.destination = self._job_prefix("output", output.output_name)
            normalized.append(output)
        return normalized

    # ------------------------------------------------------------------ request
    def _processing_request(self, inputs: List[ProcessingInput], outputs: List[ProcessingOutput],
                            experiment_config: Optional[Dict[str, str]]) -> Dict[str, Any]:
        """The CreateProcessingJob request of the current job (pure: reads only this object's state and
        its session's defaults config, which is merged in as V2's ``Session.process`` merges it)."""
        network = self.network_config._to_request_dict() if self.network_config is not None else None
        output_config = requests.output_config([item._to_request_dict() for item in outputs], self.output_kms_key)
        return configured_processing_request(
            config_of(self.sagemaker_session),
            job_name=required(self._current_job_name, "job_name"),
            inputs=[item._to_request_dict() for item in inputs],
            output_config=output_config,
            resources=requests.processing_resources(required(self.instance_count, "instance_count"),
                                                    required(self.instance_type, "instance_type"),
                                                    self.volume_kms_key, self.volume_size_in_gb),
            app_spec=requests.app_specification(required(self.image_uri, "image_uri"), self.entrypoint,
                                                self.arguments),
            role_arn=self.sagemaker_session.expand_role(self.role),
            stopping=requests.stopping_condition(self.max_runtime_in_seconds),
            environment=self.env,
            network_config=network,
            tags=self.tags,
            experiment_config=experiment_config,
        )


class ScriptProcessor(Processor):
    """Runs a script in a processing container: ``command + [/opt/ml/processing/input/code/<script>]``.

    ``command`` is e.g. ``["python3"]``; the other arguments are :class:`Processor`'s.
    """

    _CODE_CONTAINER_BASE_PATH = "/opt/ml/processing/input/"
    _CODE_CONTAINER_INPUT_NAME = "code"
    _reserved_input_names: Tuple[str, ...] = ("code",)

    def __init__(
        self,
        role: Optional[str] = None,
        image_uri: Optional[str] = None,
        command: Optional[List[str]] = None,
        instance_count: Optional[int] = None,
        instance_type: Optional[str] = None,
        volume_size_in_gb: int = 30,
        volume_kms_key: Optional[str] = None,
        output_kms_key: Optional[str] = None,
        max_runtime_in_seconds: Optional[int] = None,
        base_job_name: Optional[str] = None,
        sagemaker_session: Optional[SessionLike] = None,
        env: Optional[Dict[str, str]] = None,
        tags: Any = None,
        network_config: Any = None,
    ):
        self.command = command
        super().__init__(**init_arguments(Processor, dict(locals(), entrypoint=None)))

    def get_run_args(self, code: str, inputs: Optional[List[ProcessingInput]] = None,
                     outputs: Optional[List[ProcessingOutput]] = None,
                     arguments: Optional[List[str]] = None) -> RunArgs:
        """The ``run()`` arguments as a :class:`RunArgs` (V2 deprecated this; it is kept for old code)."""
        logger.warning("get_run_args() is deprecated in V2; call run() instead.")
        return RunArgs(code=code, inputs=inputs, outputs=outputs, arguments=arguments)

    def run(  # type: ignore[override]  # V2's ScriptProcessor.run takes the code first, unlike Processor.run
        self,
        code: str,
        inputs: Optional[List[ProcessingInput]] = None,
        outputs: Optional[List[ProcessingOutput]] = None,
        arguments: Optional[List[str]] = None,
        wait: bool = True,
        logs: bool = True,
        job_name: Optional[str] = None,
        experiment_config: Optional[Dict[str, str]] = None,
        kms_key: Optional[str] = None,
    ) -> None:
        """Run ``code`` (an ``s3://`` URI or a local file, uploaded to
        ``s3://<default bucket>/<job>/input/code/``) with ``command``."""
        self._check_run(inputs, outputs, arguments, wait, logs)
        self._check_code(code)
        self._run_script(code, inputs, outputs, arguments, wait, logs, job_name, experiment_config, kms_key)

    def _run_script(self, code: str, inputs: Optional[List[ProcessingInput]],
                    outputs: Optional[List[ProcessingOutput]], arguments: Optional[List[str]], wait: bool,
                    logs: bool, job_name: Optional[str], experiment_config: Optional[Dict[str, str]],
                    kms_key: Optional[str]) -> None:
        """Stage the (checked) code and inputs, then start the job."""
        normalized_inputs, normalized_outputs = self._normalize_args(
            job_name=job_name, arguments=arguments, inputs=inputs, outputs=outputs, code=code, kms_key=kms_key)
        self._start(normalized_inputs, normalized_outputs, experiment_config, wait, logs)

    def _check_run(self, inputs: Any, outputs: Any, arguments: Any, wait: bool, logs: bool) -> None:
        super()._check_run(inputs, outputs, arguments, wait, logs)
        if not isinstance(self.command, (list, tuple)) or not self.command or not all(
                isinstance(part, str) for part in self.command):
            raise ValueError(f"command must be a non-empty list of str such as ['python3'], got {self.command!r}")

    @staticmethod
    def _check_code(code: Any) -> None:
        if not isinstance(code, str) or not code:
            raise ValueError(f"code must be an s3:// URI or the path of a local script file, got {code!r}")
        path = _local_path(code)
        if path is None:
            return
        if not os.path.exists(path):
            raise ValueError(f"code {code!r} wasn't found. Please make sure that the file exists.")
        if not os.path.isfile(path):
            raise ValueError(f"code {code!r} must be a file, not a directory. Please pass a path to a file.")

    def _include_code_in_inputs(self, inputs: Optional[List[ProcessingInput]], code: Optional[str],
                                kms_key: Optional[str]) -> List[ProcessingInput]:
        code = required(code, "code")
        code_uri = self._stage_code(code, kms_key)
        code_input = ProcessingInput(
            source=code_uri,
            destination=posixpath.join(self._CODE_CONTAINER_BASE_PATH, self._CODE_CONTAINER_INPUT_NAME),
            input_name=self._CODE_CONTAINER_INPUT_NAME,
        )
        self._set_entrypoint(required(self.command, "command"), posixpath.basename(code.split("://", 1)[-1]))
        return list(inputs or []) + [code_input]

    def _stage_code(self, code: str, kms_key: Optional[str]) -> str:
        """The code's URI: an S3 URI as given; a local file uploaded (or, in local mode, as ``file://``)."""
        path = _local_path(code)
        if path is None:
            return code
        if self._local:
            return "file://" + path
        return S3Uploader.upload(local_path=path,
                                 desired_s3_uri=self._job_prefix("input", self._CODE_CONTAINER_INPUT_NAME),
                                 kms_key=kms_key, sagemaker_session=self.sagemaker_session)

    def _set_entrypoint(self, command: List[str], user_script_name: str) -> None:
        location = posixpath.join(self._CODE_CONTAINER_BASE_PATH, self._CODE_CONTAINER_INPUT_NAME,
                                  user_script_name)
        self.entrypoint = list(command) + [location]
