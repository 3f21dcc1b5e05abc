"""``LocalSagemakerClient``: the SageMaker API calls local mode implements, on local runtimes.

Each ``create_*`` call turns its request into a runtime spec
(:mod:`sagemaker_estimators.local.runtime`) with every input already a local
directory, runs it on the runtime the instance type names (``local`` /
``local_gpu``: Docker compose; ``local_process``: the host's Python) and records
the result for ``describe_*``.  Training and transform jobs run synchronously
inside their ``create_*`` call, as in V2; an endpoint is in service when
``create_endpoint`` returns.  Every job works in a scratch dir of its own that is
removed afterwards, on success, failure or Ctrl-C.
"""
from __future__ import annotations

import json
import logging
import os
import tarfile
import tempfile
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Optional, Tuple

from botocore.exceptions import ClientError

from sagemaker_estimators.archives import limits_of
from sagemaker_estimators.local import data
from sagemaker_estimators.required import required
from sagemaker_estimators.utils import validate_name
from sagemaker_estimators.local.clients.batching import check_transform_settings, payloads
from sagemaker_estimators.local.credentials import container_credentials
from sagemaker_estimators.local.entities import (
    REGISTRY,
    LocalEndpoint,
    LocalEndpointConfig,
    LocalModel,
    LocalTrainingJob,
    LocalTransformJob,
    local_arn,
    not_found,
    now,
    recording_outcome,
    stop_server,
)
from sagemaker_estimators.local.runtime import (
    ChannelSpec,
    LocalRuntime,
    RunningEndpoint,
    ServingSpec,
    TrainingFailedError,
    TrainingSpec,
)
from sagemaker_estimators.local.clients.runtime_client import INVOCATION_TIMEOUT, http_request, post, serving_port_from

if TYPE_CHECKING:
    from sagemaker_estimators.local.session import LocalSession

logger = logging.getLogger(__name__)

PROCESS_INSTANCE_TYPE = "local_process"
COMPOSE_INSTANCE_TYPES = ("local", "local_gpu")
LOCAL_INSTANCE_TYPES = COMPOSE_INSTANCE_TYPES + (PROCESS_INSTANCE_TYPE,)
SUBMIT_DIRECTORY = "sagemaker_submit_directory"
SUBMIT_DIRECTORY_ENV = "SAGEMAKER_SUBMIT_DIRECTORY"
CONTAINER_CODE_DIR = "/opt/ml/code"
CONTAINER_INPUT_DATA = "/opt/ml/input/data/"
#: (substring of the image's repository name, framework), first match wins
FRAMEWORK_REPOSITORIES = (
    ("huggingface", "huggingface"),
    ("pytorch", "pytorch"),
    ("tensorflow", "tensorflow"),
    ("mxnet", "mxnet"),
    ("xgboost", "xgboost"),
    ("scikit-learn", "sklearn"),
    ("sklearn", "sklearn"),
)
DEFAULT_BATCH_STRATEGY = "MultiRecord"
DEFAULT_MAX_PAYLOAD_MB = 6
_CONTAINER_STRATEGIES = {"MULTI_RECORD": "MultiRecord", "SINGLE_RECORD": "SingleRecord"}
#: where artifacts go when a job has no output path (local code without output_path)
DEFAULT_OUTPUT_FOLDER = "sagemaker-local-output"


def framework_from_image(image_uri: str) -> Optional[str]:
    """"sklearn", "pytorch", "xgboost", "huggingface" from the image's repository name, else None."""
    repository = image_uri.split("/", 1)[-1]
    repository = repository.split("@", 1)[0].split(":", 1)[0].lower()
    for needle, framework in FRAMEWORK_REPOSITORIES:
        if needle in repository:
            return framework
    return None


def check_instance_type(instance_type: Any, parameter: str) -> str:
    """The instance type, or ValueError naming the valid local choices."""
    if instance_type not in LOCAL_INSTANCE_TYPES:
        raise ValueError(
            f"{parameter}={instance_type!r}: a LocalSession runs only the local instance types "
            f"{list(LOCAL_INSTANCE_TYPES)}; use a sagemaker.Session for {instance_type!r}."
        )
    return instance_type


def _decode(value: str) -> Tuple[Any, bool]:
    """(decoded value, was JSON) of a hyperparameter value."""
    try:
        return json.loads(value), True
    except (TypeError, ValueError):
        return value, False


def _in_use(operation: str, what: str, name: str) -> ClientError:
    return ClientError(
        {"Error": {"Code": "ResourceInUse", "Message": f"local {what} {name!r} already exists"}}, operation
    )


class LocalSagemakerClient:
    """A SageMaker client whose calls run locally (``sagemaker.local.LocalSagemakerClient``).

    Args:
        sagemaker_session: the :class:`~sagemaker_estimators.local.session.LocalSession`
            whose ``config`` (``local.container_root``, ``local.serving_port``,
            ``local.container_config``) and S3 client are used.
        runtime_factory: ``instance_type -> LocalRuntime``, called for every job and
            endpoint, to use other runtimes (default: compose for local/local_gpu with
            ``local.container_config``, process for local_process).
    """

    def __init__(self, sagemaker_session: Optional[LocalSession] = None,
                 runtime_factory: Optional[Callable[[str], LocalRuntime]] = None):
        if sagemaker_session is None:
            from sagemaker_estimators.local.session import LocalSession

            sagemaker_session = LocalSession()
        self.sagemaker_session = sagemaker_session
        self._runtime_factory = runtime_factory

    # ------------------------------------------------------------------ plumbing

    def _local_config(self) -> Dict[str, Any]:
        return (getattr(self.sagemaker_session, "config", None) or {}).get("local") or {}

    def _container_root(self) -> Optional[str]:
        return self._local_config().get("container_root")

    def runtime(self, instance_type: str) -> LocalRuntime:
        """The runtime that runs ``instance_type``, made from the session's current config."""
        check_instance_type(instance_type, "InstanceType")
        if self._runtime_factory is not None:
            return self._runtime_factory(instance_type)
        if instance_type == PROCESS_INSTANCE_TYPE:
            from sagemaker_estimators.local.process.process_runtime import ProcessRuntime

            return ProcessRuntime()
        from sagemaker_estimators.local.compose.compose_runtime import ComposeRuntime

        return ComposeRuntime(container_config=self._local_config().get("container_config"))

    def _container_credentials(self, instance_type: str) -> Dict[str, str]:
        """The caller's AWS credentials for Docker containers (a local process has them already)."""
        if instance_type == PROCESS_INSTANCE_TYPE:
            return {}
        return container_credentials(self.sagemaker_session.boto_session)

    def _region(self) -> str:
        return self.sagemaker_session.boto_region_name

    def _scratch(self, name: str) -> str:
        return data.make_scratch_dir(self._container_root(), f"sm-local-{name[:40]}-")

    # ------------------------------------------------------------------ training

    def create_training_job(
        self,
        TrainingJobName: str,  # noqa: N803 - boto3's parameter names
        AlgorithmSpecification: Dict[str, Any],  # noqa: N803
        OutputDataConfig: Dict[str, Any],  # noqa: N803
        ResourceConfig: Dict[str, Any],  # noqa: N803
        InputDataConfig: Optional[List[Dict[str, Any]]] = None,  # noqa: N803
        Environment: Optional[Dict[str, str]] = None,  # noqa: N803
        **kwargs: Any,
    ) -> Dict[str, Any]:
        """Run the training job to completion and record it.

        Raises:
            ValueError: the request asks for something local mode cannot do.
            TrainingFailedError: a host failed (the job is recorded as Failed first).
        """
        validate_name(TrainingJobName, "TrainingJobName")
        request = dict(kwargs, TrainingJobName=TrainingJobName, AlgorithmSpecification=AlgorithmSpecification,
                       OutputDataConfig=OutputDataConfig, ResourceConfig=ResourceConfig)
        if InputDataConfig is not None:
            request["InputDataConfig"] = InputDataConfig
        if Environment is not None:
            request["Environment"] = Environment
        instance_type, instance_count = self._training_resources(ResourceConfig)
        image = AlgorithmSpecification.get("TrainingImage")
        if not image:
            raise ValueError(
                "AlgorithmSpecification.TrainingImage is required in local mode (algorithm resources, "
                f"AlgorithmName={AlgorithmSpecification.get('AlgorithmName')!r}, only exist in SageMaker)"
            )
        for ignored in ("CheckpointConfig", "VpcConfig", "ExperimentConfig", "RetryStrategy"):
            if kwargs.get(ignored):
                logger.warning("%s is ignored in local mode.", ignored)
        runtime = self.runtime(instance_type)
        with REGISTRY.lock:
            if TrainingJobName in REGISTRY.training_jobs:
                raise _in_use("CreateTrainingJob", "training job", TrainingJobName)
            job = LocalTrainingJob(TrainingJobName, request, local_arn(self._region(), "training-job", TrainingJobName))
            REGISTRY.training_jobs[TrainingJobName] = job
            REGISTRY.tags[job.arn] = list(kwargs.get("Tags") or [])

        scratch = self._scratch(TrainingJobName)
        artifacts_dir = os.path.join(scratch, "artifacts")
        try:
            job.start_time = now()
            job.secondary_status = "Downloading"
            channels = self._channels(InputDataConfig or [], scratch)
            hyperparameters, code_dir = self._code(dict(kwargs.get("HyperParameters") or {}), channels, scratch)
            environment = self._container_credentials(instance_type)
            environment.update(TRAINING_JOB_NAME=TrainingJobName, AWS_REGION=self._region())
            environment.update(Environment or {})
            spec = TrainingSpec(
                job_name=TrainingJobName,
                image_uri=image,
                framework=framework_from_image(image),
                instance_type=instance_type,
                instance_count=instance_count,
                hyperparameters=hyperparameters,
                channels=channels,
                code_dir=code_dir,
                environment=environment,
                work_dir=os.path.join(scratch, "job"),
                artifacts_dir=artifacts_dir,
                container_entry_point=AlgorithmSpecification.get("ContainerEntrypoint"),
                container_arguments=AlgorithmSpecification.get("ContainerArguments"),
            )
            job.secondary_status = "Training"
            logger.info("Starting local training job %s on %s x %s", TrainingJobName, instance_count, instance_type)
            try:
                runtime.train(spec)
            except TrainingFailedError as error:
                self._finish(job, "Failed", error.reason or str(error))
                try:  # the failure file is an output too; delivering it must not hide the failure
                    self._store_training_outputs(job, artifacts_dir, scratch)
                except Exception as store_error:  # noqa: BLE001
                    logger.warning("Could not deliver the outputs of failed job %s: %s", TrainingJobName, store_error)
                raise
            job.secondary_status = "Uploading"
            self._store_training_outputs(job, artifacts_dir, scratch)
            self._finish(job, "Completed")
        except KeyboardInterrupt:
            self._finish(job, "Stopped", "Interrupted by the user (KeyboardInterrupt)")
            raise
        except BaseException as error:
            if job.status == "InProgress":
                self._finish(job, "Failed", f"{type(error).__name__}: {error}")
            raise
        finally:
            data.remove_dirs([scratch])
        return {"TrainingJobArn": job.arn}

    @staticmethod
    def _training_resources(resource_config: Dict[str, Any]) -> Tuple[str, int]:
        if resource_config.get("InstanceGroups"):
            raise ValueError("ResourceConfig.InstanceGroups (heterogeneous clusters) are not supported in local mode")
        instance_type = check_instance_type(resource_config.get("InstanceType"), "ResourceConfig.InstanceType")
        count = resource_config.get("InstanceCount", 1)
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            raise ValueError(f"ResourceConfig.InstanceCount must be an int >= 1, got {count!r}")
        return instance_type, count

    def _finish(self, job: LocalTrainingJob, status: str, reason: Optional[str] = None) -> None:
        job.status = status
        job.secondary_status = status
        job.failure_reason = reason
        job.end_time = now()

    def _channels(self, input_config: List[Dict[str, Any]], scratch: str) -> List[ChannelSpec]:
        channels = []
        for index, channel in enumerate(input_config):
            name = channel.get("ChannelName")
            where = f"InputDataConfig[{index}]"
            source = channel.get("DataSource") or {}
            if "S3DataSource" in source:
                s3_source = source["S3DataSource"]
                uri = s3_source.get("S3Uri")
                distribution = s3_source.get("S3DataDistributionType", "FullyReplicated")
                data_type = s3_source.get("S3DataType", "S3Prefix")
                if data_type != "S3Prefix":
                    raise ValueError(
                        f"{where} ({name}): S3DataType {data_type!r} is not supported in local mode; "
                        "valid choices: ['S3Prefix']"
                    )
            elif "FileDataSource" in source:
                uri = source["FileDataSource"].get("FileUri")
                distribution = source["FileDataSource"].get("FileDataDistributionType", "FullyReplicated")
            else:
                raise ValueError(
                    f"{where} ({name}): local mode reads S3DataSource or FileDataSource channels, got "
                    f"{sorted(source)}"
                )
            if distribution != "FullyReplicated":
                raise ValueError(
                    f"{where} ({name}): data distribution {distribution!r} is not supported in local mode; "
                    "valid choices: ['FullyReplicated']"
                )
            input_mode = channel.get("InputMode") or "File"
            if input_mode == "Pipe":
                logger.warning("Channel %s: Pipe input mode is not emulated in local mode; files are provided", name)
            name = required(name, f"{where}.ChannelName")
            local_dir = data.materialize_dir(uri, os.path.join(scratch, "data", name), self.sagemaker_session,
                                             f"{where}.DataSource")
            channels.append(
                ChannelSpec(
                    name=name,
                    local_dir=local_dir,
                    content_type=channel.get("ContentType"),
                    input_mode="File",
                    compression_type=channel.get("CompressionType"),
                    record_wrapper_type=channel.get("RecordWrapperType"),
                )
            )
        return channels

    def _code(self, hyperparameters: Dict[str, str], channels: List[ChannelSpec],
              scratch: str) -> Tuple[Dict[str, str], Optional[str]]:
        """(hyperparameters the container sees, local code dir) from ``sagemaker_submit_directory``."""
        raw = hyperparameters.get(SUBMIT_DIRECTORY)
        if raw is None:
            return hyperparameters, None
        location, was_json = _decode(raw)
        if not isinstance(location, str):
            raise ValueError(f"HyperParameters.{SUBMIT_DIRECTORY}={raw!r} must name a directory or archive")
        code_dir = self.code_dir_from(location, scratch, channels, f"HyperParameters.{SUBMIT_DIRECTORY}")
        if code_dir is not None:
            hyperparameters[SUBMIT_DIRECTORY] = json.dumps(CONTAINER_CODE_DIR) if was_json else CONTAINER_CODE_DIR
        return hyperparameters, code_dir

    def code_dir_from(self, location: str, scratch: str, channels: List[ChannelSpec], parameter: str) -> Optional[str]:
        """A local directory with the code ``location`` names, or None for a path inside the image.

        ``file://`` directories are used as they are; ``file://`` / ``s3://`` archives
        (``sourcedir.tar.gz``) and archives in an input channel are extracted into ``scratch``.
        """
        target = os.path.join(scratch, "code")
        if location.startswith(("file://", "s3://")):
            if location.startswith("file://"):
                path = data.local_path_from_uri(location, parameter)
                if os.path.isdir(path):
                    return path
            else:
                path = data.materialize_file(location, os.path.join(scratch, "code-archive"),
                                             self.sagemaker_session, parameter)
        elif location.startswith(CONTAINER_INPUT_DATA):
            channel_name, _, relative = location[len(CONTAINER_INPUT_DATA):].partition("/")
            match = [channel for channel in channels if channel.name == channel_name]
            if not match:
                raise ValueError(f"{parameter}={location!r} names channel {channel_name!r}, which is not an input")
            path = os.path.join(match[0].local_dir, relative)
        else:
            return None  # a path inside the container image
        if not os.path.isfile(path) or not tarfile.is_tarfile(path):
            raise ValueError(f"{parameter}={location!r} must be a directory or a .tar.gz archive")
        return data.extract_archive(path, target, limits_of(self.sagemaker_session))

    def _store_training_outputs(self, job: LocalTrainingJob, artifacts_dir: str, scratch: str) -> None:
        """Deliver model.tar.gz and output.tar.gz to the job's output folder."""
        model_archive = os.path.join(artifacts_dir, "model.tar.gz")
        if not os.path.isfile(model_archive):
            return
        output_config = job.request.get("OutputDataConfig") or {}
        output_path = output_config.get("S3OutputPath") or ""
        if not output_path:
            root = os.path.abspath(os.path.expanduser(self._container_root() or tempfile.gettempdir()))
            output_path = "file://" + os.path.join(root, DEFAULT_OUTPUT_FOLDER)
        _, destination = data.training_output_location(output_path, job.name)
        delivered = data.deliver(artifacts_dir, destination, self.sagemaker_session, "OutputDataConfig.S3OutputPath")
        job.output_artifacts = f"{delivered}/output.tar.gz"
        if output_config.get("CompressionType") == "NONE":
            uncompressed = os.path.join(scratch, "uncompressed-model")
            data.extract_archive(model_archive, uncompressed, limits_of(self.sagemaker_session))
            model_uri = f"{delivered}/model/"
            data.deliver(uncompressed, model_uri, self.sagemaker_session, "OutputDataConfig.S3OutputPath")
            job.model_artifacts = model_uri
        else:
            job.model_artifacts = f"{delivered}/model.tar.gz"
        logger.info("Artifacts of %s: %s", job.name, job.model_artifacts)

    def describe_training_job(self, TrainingJobName: str) -> Dict[str, Any]:  # noqa: N803
        """DescribeTrainingJob of a local job."""
        with REGISTRY.lock:
            job = REGISTRY.training_jobs.get(TrainingJobName)
        if job is None:
            raise not_found("DescribeTrainingJob", "training job", TrainingJobName)
        return job.describe()

    def stop_training_job(self, TrainingJobName: str) -> None:  # noqa: N803
        """Local jobs run inside create_training_job, so there is never one to stop."""
        self.describe_training_job(TrainingJobName)
        raise ClientError(
            {"Error": {"Code": "ValidationException",
                       "Message": f"The local training job {TrainingJobName} is not running (local jobs run "
                                  "synchronously; press Ctrl-C to stop one)"}},
            "StopTrainingJob",
        )

    def list_training_jobs(self, **kwargs: Any) -> Dict[str, Any]:
        """ListTrainingJobs (NameContains and StatusEquals filters)."""
        with REGISTRY.lock:
            jobs = list(REGISTRY.training_jobs.values())
        summaries = [
            {"TrainingJobName": job.name, "TrainingJobArn": job.arn, "CreationTime": job.creation_time,
             "TrainingEndTime": job.end_time, "TrainingJobStatus": job.status}
            for job in jobs
            if kwargs.get("NameContains", "") in job.name
            and kwargs.get("StatusEquals", job.status) == job.status
        ]
        return {"TrainingJobSummaries": summaries}

    # ------------------------------------------------------------------ tuning (local/tuning/engine.py)

    def create_hyper_parameter_tuning_job(self, **request: Any) -> Dict[str, Any]:
        """Run the tuning job's trials on this machine, to the end (see local/tuning/engine.py)."""
        from sagemaker_estimators.local.tuning import engine

        return engine.run_tuning_job(self, request)

    def describe_hyper_parameter_tuning_job(self, HyperParameterTuningJobName: str) -> Dict[str, Any]:  # noqa: N803
        from sagemaker_estimators.local.tuning import engine

        return engine.describe_tuning_job(HyperParameterTuningJobName)

    def list_training_jobs_for_hyper_parameter_tuning_job(self, HyperParameterTuningJobName: str,  # noqa: N803
                                                          **kwargs: Any) -> Dict[str, Any]:
        from sagemaker_estimators.local.tuning import engine

        return engine.list_training_jobs(HyperParameterTuningJobName, **kwargs)

    def stop_hyper_parameter_tuning_job(self, HyperParameterTuningJobName: str) -> None:  # noqa: N803
        from sagemaker_estimators.local.tuning import engine

        engine.stop_tuning_job(HyperParameterTuningJobName)

    # ------------------------------------------------------------------ models

    def create_model(self, ModelName: str, PrimaryContainer: Optional[Dict[str, Any]] = None,  # noqa: N803
                     *args: Any, **kwargs: Any) -> Dict[str, Any]:
        """Record a model (nothing runs until an endpoint or transform job uses it)."""
        validate_name(ModelName, "ModelName")
        request = dict(kwargs, ModelName=ModelName)
        if PrimaryContainer is not None:
            request["PrimaryContainer"] = PrimaryContainer
        model = LocalModel(ModelName, request, local_arn(self._region(), "model", ModelName))
        model.primary_container  # noqa: B018 - validates Containers now, not at deploy
        with REGISTRY.lock:
            REGISTRY.models[ModelName] = model
            REGISTRY.tags[model.arn] = list(kwargs.get("Tags") or [])
        return {"ModelArn": model.arn}

    def describe_model(self, ModelName: str) -> Dict[str, Any]:  # noqa: N803
        """DescribeModel."""
        return self._model(ModelName, "DescribeModel").describe()

    def _model(self, name: Optional[str], operation: str) -> LocalModel:
        with REGISTRY.lock:
            model = REGISTRY.models.get(name) if name is not None else None
        if model is None:
            raise not_found(operation, "model", name)
        return model

    def delete_model(self, ModelName: str) -> None:  # noqa: N803
        """Forget the model (an unknown name is ignored, as in V2)."""
        with REGISTRY.lock:
            REGISTRY.models.pop(ModelName, None)

    def list_models(self, **kwargs: Any) -> Dict[str, Any]:
        """ListModels (NameContains filter)."""
        with REGISTRY.lock:
            models = list(REGISTRY.models.values())
        return {"Models": [{"ModelName": m.name, "ModelArn": m.arn, "CreationTime": m.creation_time}
                           for m in models if kwargs.get("NameContains", "") in m.name]}

    # ------------------------------------------------------------------ endpoint configs

    def create_endpoint_config(self, EndpointConfigName: str, ProductionVariants: List[Dict[str, Any]],  # noqa: N803
                               Tags: Optional[List[Dict[str, str]]] = None, **kwargs: Any) -> Dict[str, Any]:  # noqa: N803
        """Record an endpoint config."""
        validate_name(EndpointConfigName, "EndpointConfigName")
        request = dict(kwargs, EndpointConfigName=EndpointConfigName, ProductionVariants=ProductionVariants)
        config = LocalEndpointConfig(EndpointConfigName, request,
                                     local_arn(self._region(), "endpoint-config", EndpointConfigName))
        check_instance_type(config.variant.get("InstanceType"), "ProductionVariants[0].InstanceType")
        with REGISTRY.lock:
            REGISTRY.endpoint_configs[EndpointConfigName] = config
            REGISTRY.tags[config.arn] = list(Tags or [])
        return {"EndpointConfigArn": config.arn}

    def describe_endpoint_config(self, EndpointConfigName: str) -> Dict[str, Any]:  # noqa: N803
        """DescribeEndpointConfig."""
        return self._endpoint_config(EndpointConfigName, "DescribeEndpointConfig").describe()

    def _endpoint_config(self, name: str, operation: str) -> LocalEndpointConfig:
        with REGISTRY.lock:
            config = REGISTRY.endpoint_configs.get(name)
        if config is None:
            raise not_found(operation, "endpoint config", name)
        return config

    def delete_endpoint_config(self, EndpointConfigName: str) -> None:  # noqa: N803
        """Forget the endpoint config (an unknown name is ignored, as in V2)."""
        with REGISTRY.lock:
            REGISTRY.endpoint_configs.pop(EndpointConfigName, None)

    def list_endpoint_configs(self, **kwargs: Any) -> Dict[str, Any]:
        """ListEndpointConfigs (NameContains filter)."""
        with REGISTRY.lock:
            configs = list(REGISTRY.endpoint_configs.values())
        return {"EndpointConfigs": [
            {"EndpointConfigName": c.name, "EndpointConfigArn": c.arn, "CreationTime": c.creation_time}
            for c in configs if kwargs.get("NameContains", "") in c.name]}

    # ------------------------------------------------------------------ endpoints

    def _start_server(self, name: str, model: LocalModel, instance_type: str,
                      extra_environment: Optional[Dict[str, str]] = None) -> Tuple[RunningEndpoint, str]:
        """Materialise the model and its code, start serving; return (server, scratch dir)."""
        container = model.primary_container
        image = container.get("Image")
        if not image:
            raise ValueError(f"model {model.name!r}: PrimaryContainer.Image is required in local mode")
        runtime = self.runtime(instance_type)
        scratch = self._scratch(name)
        try:
            model_data = container.get("ModelDataUrl") or container.get("ModelDataSource")
            if model_data:
                model_dir = data.materialize_model(model_data, scratch, self.sagemaker_session)
            else:
                model_dir = os.path.join(scratch, "model")
                os.makedirs(model_dir)
            environment = self._container_credentials(instance_type)
            environment.update(container.get("Environment") or {})
            environment.update(extra_environment or {})
            code_dir = None
            submit = environment.get(SUBMIT_DIRECTORY_ENV)
            if submit:
                code_dir = self.code_dir_from(submit, scratch, [], f"Environment.{SUBMIT_DIRECTORY_ENV}")
                if code_dir is not None:
                    environment[SUBMIT_DIRECTORY_ENV] = CONTAINER_CODE_DIR
            spec = ServingSpec(
                endpoint_name=name,
                image_uri=image,
                framework=framework_from_image(image),
                instance_type=instance_type,
                model_dir=model_dir,
                environment=environment,
                code_dir=code_dir,
                work_dir=os.path.join(scratch, "serve"),
                port=serving_port_from(getattr(self.sagemaker_session, "config", None)),
            )
            os.makedirs(spec.work_dir, exist_ok=True)
            return runtime.serve(spec), scratch
        except BaseException:
            data.remove_dirs([scratch])
            raise

    def create_endpoint(self, EndpointName: str, EndpointConfigName: str,  # noqa: N803
                        Tags: Optional[List[Dict[str, str]]] = None, **kwargs: Any) -> Dict[str, Any]:  # noqa: N803
        """Start the endpoint's model server; return once it answers ``/ping``."""
        validate_name(EndpointName, "EndpointName")
        config = self._endpoint_config(EndpointConfigName, "CreateEndpoint")
        variant = config.variant
        instance_type = check_instance_type(variant.get("InstanceType"), "ProductionVariants[0].InstanceType")
        model = self._model(variant.get("ModelName"), "CreateEndpoint")
        count = variant.get("InitialInstanceCount", 1)
        if isinstance(count, int) and count > 1:
            logger.warning("Local endpoint %s runs one server; InitialInstanceCount=%s is ignored", EndpointName, count)
        with REGISTRY.lock:
            existing = REGISTRY.endpoints.get(EndpointName)
            # an endpoint still starting is in use too: replacing it would orphan its server
            if existing is not None and (existing.server is not None or existing.status == "Creating"):
                raise _in_use("CreateEndpoint", "endpoint", EndpointName)
            endpoint = LocalEndpoint(
                EndpointName, EndpointConfigName, local_arn(self._region(), "endpoint", EndpointName),
                tags=list(Tags or []), variant_name=variant.get("VariantName", "AllTraffic"),
                instance_type=instance_type,
            )
            REGISTRY.endpoints[EndpointName] = endpoint
            REGISTRY.tags[endpoint.arn] = list(Tags or [])
        try:
            endpoint.server, endpoint.scratch_dir = self._start_server(EndpointName, model, instance_type)
        except BaseException as error:
            endpoint.status = "Failed"
            endpoint.failure_reason = f"{type(error).__name__}: {error}"
            endpoint.last_modified_time = now()
            raise
        endpoint.status = "InService"
        endpoint.last_modified_time = now()
        logger.info("Local endpoint %s is in service at %s", EndpointName, endpoint.url)
        return {"EndpointArn": endpoint.arn}

    def describe_endpoint(self, EndpointName: str) -> Dict[str, Any]:  # noqa: N803
        """DescribeEndpoint."""
        return self._endpoint(EndpointName, "DescribeEndpoint").describe()

    def _endpoint(self, name: str, operation: str) -> LocalEndpoint:
        with REGISTRY.lock:
            endpoint = REGISTRY.endpoints.get(name)
        if endpoint is None:
            raise not_found(operation, "endpoint", name)
        return endpoint

    def update_endpoint(self, EndpointName: str, EndpointConfigName: str, **kwargs: Any) -> Dict[str, Any]:  # noqa: N803
        """Serve the new config's model; the old server is stopped once the new one answers."""
        endpoint = self._endpoint(EndpointName, "UpdateEndpoint")
        config = self._endpoint_config(EndpointConfigName, "UpdateEndpoint")
        variant = config.variant
        instance_type = check_instance_type(variant.get("InstanceType"), "ProductionVariants[0].InstanceType")
        model = self._model(variant.get("ModelName"), "UpdateEndpoint")
        endpoint.status = "Updating"
        try:
            server, scratch = self._start_server(EndpointName, model, instance_type)
        except BaseException:
            endpoint.status = "InService" if endpoint.server is not None else "Failed"
            raise
        with REGISTRY.lock:
            old = LocalEndpoint(endpoint.name, endpoint.config_name, endpoint.arn,
                                server=endpoint.server, scratch_dir=endpoint.scratch_dir)
            endpoint.server, endpoint.scratch_dir = server, scratch
            endpoint.config_name = EndpointConfigName
            endpoint.instance_type = instance_type
            endpoint.variant_name = variant.get("VariantName", "AllTraffic")
            endpoint.status = "InService"
            endpoint.failure_reason = None
            endpoint.last_modified_time = now()
        stop_server(old)
        return {"EndpointArn": endpoint.arn}

    def delete_endpoint(self, EndpointName: str) -> None:  # noqa: N803
        """Stop the endpoint's server and remove its files (an unknown name is ignored, as in V2)."""
        with REGISTRY.lock:
            endpoint = REGISTRY.endpoints.pop(EndpointName, None)
        if endpoint is not None:
            stop_server(endpoint)
            logger.info("Deleted local endpoint %s", EndpointName)

    def list_endpoints(self, **kwargs: Any) -> Dict[str, Any]:
        """ListEndpoints (NameContains and StatusEquals filters)."""
        with REGISTRY.lock:
            endpoints = list(REGISTRY.endpoints.values())
        return {"Endpoints": [
            {"EndpointName": e.name, "EndpointArn": e.arn, "CreationTime": e.creation_time,
             "LastModifiedTime": e.last_modified_time, "EndpointStatus": e.status}
            for e in endpoints
            if kwargs.get("NameContains", "") in e.name and kwargs.get("StatusEquals", e.status) == e.status]}

    # ------------------------------------------------------------------ batch transform

    def create_transform_job(
        self,
        TransformJobName: str,  # noqa: N803
        ModelName: str,  # noqa: N803
        TransformInput: Dict[str, Any],  # noqa: N803
        TransformOutput: Dict[str, Any],  # noqa: N803
        TransformResources: Dict[str, Any],  # noqa: N803
        **kwargs: Any,
    ) -> Dict[str, Any]:
        """Serve the model, send every input file's records to ``/invocations``, write ``<file>.out``."""
        validate_name(TransformJobName, "TransformJobName")
        request = dict(kwargs, TransformJobName=TransformJobName, ModelName=ModelName, TransformInput=TransformInput,
                       TransformOutput=TransformOutput, TransformResources=TransformResources)
        instance_type = check_instance_type(TransformResources.get("InstanceType"), "TransformResources.InstanceType")
        model = self._model(ModelName, "CreateTransformJob")
        source = (TransformInput.get("DataSource") or {}).get("S3DataSource") or {}
        input_uri = source.get("S3Uri")
        data.scheme_of(input_uri, "TransformInput.DataSource.S3DataSource.S3Uri")
        if source.get("S3DataType", "S3Prefix") != "S3Prefix":
            raise ValueError(
                f"TransformInput S3DataType {source.get('S3DataType')!r} is not supported in local mode; "
                "valid choices: ['S3Prefix']"
            )
        if TransformInput.get("CompressionType", "None") not in ("None", None):
            raise ValueError(f"TransformInput.CompressionType {TransformInput['CompressionType']!r} is not supported "
                             "in local mode; valid choices: ['None']")
        output_uri = TransformOutput.get("S3OutputPath")
        data.scheme_of(output_uri, "TransformOutput.S3OutputPath")
        assemble = TransformOutput.get("AssembleWith", "None")
        if assemble not in ("None", "Line"):
            raise ValueError(f"TransformOutput.AssembleWith must be one of ['None', 'Line'], got {assemble!r}")
        if kwargs.get("DataProcessing"):
            logger.warning("DataProcessing (input/output filters, join) is ignored in local mode.")
        split_type = TransformInput.get("SplitType")
        if "BatchStrategy" in kwargs or "MaxPayloadInMB" in kwargs:
            check_transform_settings(split_type, kwargs.get("BatchStrategy", DEFAULT_BATCH_STRATEGY),
                                     kwargs.get("MaxPayloadInMB", DEFAULT_MAX_PAYLOAD_MB))
        with REGISTRY.lock:
            if TransformJobName in REGISTRY.transform_jobs:
                raise _in_use("CreateTransformJob", "transform job", TransformJobName)
            job = LocalTransformJob(TransformJobName, request,
                                    local_arn(self._region(), "transform-job", TransformJobName))
            REGISTRY.transform_jobs[TransformJobName] = job
            REGISTRY.tags[job.arn] = list(kwargs.get("Tags") or [])

        server: Optional[RunningEndpoint] = None
        serving_scratch: Optional[str] = None
        scratch = self._scratch(TransformJobName)
        try:
            with recording_outcome(job):
                job.start_time = now()
                server, serving_scratch = self._start_server(
                    TransformJobName, model, instance_type, self._batch_environment(kwargs)
                )
                settings = self._execution_parameters(server, kwargs)
                check_transform_settings(split_type, settings["BatchStrategy"], settings["MaxPayloadInMB"])
                job.request.update(settings)
                input_dir = data.materialize_dir(
                    required(input_uri, "TransformInput.DataSource.S3DataSource.S3Uri"),
                    os.path.join(scratch, "input"), self.sagemaker_session,
                    "TransformInput.DataSource.S3DataSource.S3Uri")
                output_dir = os.path.join(scratch, "output")
                os.makedirs(output_dir)
                for path in sorted(self._input_files(input_dir)):
                    relative = os.path.relpath(path, input_dir)
                    target = os.path.join(output_dir, relative + ".out")
                    os.makedirs(os.path.dirname(target), exist_ok=True)
                    with open(target, "wb") as out:
                        for body in payloads(path, split_type, settings["BatchStrategy"], settings["MaxPayloadInMB"]):
                            result = self._invoke(server, body, TransformInput.get("ContentType"),
                                                  TransformOutput.get("Accept"), relative)
                            out.write(result)
                            if assemble == "Line" and not result.endswith(b"\n"):
                                out.write(b"\n")
                data.deliver(output_dir, required(output_uri, "TransformOutput.S3OutputPath"), self.sagemaker_session,
                             "TransformOutput.S3OutputPath")
                job.status = "Completed"
        finally:
            if server is not None:
                try:
                    server.stop()
                except Exception as error:  # noqa: BLE001
                    logger.warning("Could not stop the model server of %s: %s", TransformJobName, error)
            data.remove_dirs([scratch, serving_scratch])
        return {"TransformJobArn": job.arn}

    @staticmethod
    def _batch_environment(kwargs: Dict[str, Any]) -> Dict[str, str]:
        environment = {"SAGEMAKER_BATCH": "True", "SAGEMAKER_MAX_CONCURRENT_TRANSFORMS": "1"}
        if "MaxPayloadInMB" in kwargs:
            environment["SAGEMAKER_MAX_PAYLOAD_IN_MB"] = str(kwargs["MaxPayloadInMB"])
        if "BatchStrategy" in kwargs:
            by_api_name = {api: env for env, api in _CONTAINER_STRATEGIES.items()}
            environment["SAGEMAKER_BATCH_STRATEGY"] = by_api_name.get(kwargs["BatchStrategy"], str(kwargs["BatchStrategy"]))
        if int(kwargs.get("MaxConcurrentTransforms") or 1) > 1:
            logger.warning("Local transform jobs send one request at a time; MaxConcurrentTransforms is ignored")
        environment.update(kwargs.get("Environment") or {})
        return environment

    @staticmethod
    def _execution_parameters(server: RunningEndpoint, kwargs: Dict[str, Any]) -> Dict[str, Any]:
        """BatchStrategy / MaxPayloadInMB: the request's, else the container's ``/execution-parameters``,
        else SageMaker's defaults."""
        settings: Dict[str, Any] = {key: kwargs[key] for key in ("BatchStrategy", "MaxPayloadInMB") if key in kwargs}
        if len(settings) < 2:
            try:
                status, body, _ = http_request("GET", server.url, "/execution-parameters", timeout=5.0)
                offered = json.loads(body.decode("utf-8")) if status == 200 else {}
            except (OSError, ValueError):
                offered = {}
            offered = offered if isinstance(offered, dict) else {}
            # containers answer in their environment-variable spelling (MULTI_RECORD); V2 took it
            # verbatim and then rejected it
            offered_strategy = offered.get("BatchStrategy")
            strategy = (_CONTAINER_STRATEGIES.get(offered_strategy, offered_strategy)
                        if isinstance(offered_strategy, str) else offered_strategy)
            if "BatchStrategy" not in settings and strategy is not None:
                settings["BatchStrategy"] = strategy
            if "MaxPayloadInMB" not in settings and offered.get("MaxPayloadInMB") is not None:
                settings["MaxPayloadInMB"] = offered["MaxPayloadInMB"]
        settings.setdefault("BatchStrategy", DEFAULT_BATCH_STRATEGY)
        settings.setdefault("MaxPayloadInMB", DEFAULT_MAX_PAYLOAD_MB)
        return settings

    @staticmethod
    def _input_files(root: str) -> List[str]:
        files: List[str] = []
        for folder, dirs, names in os.walk(root):
            dirs.sort()
            files.extend(os.path.join(folder, name) for name in names)
        return files

    @staticmethod
    def _invoke(server: RunningEndpoint, body: bytes, content_type: Optional[str], accept: Optional[str],
                source: str) -> bytes:
        headers = {}
        if content_type:
            headers["Content-Type"] = content_type
        if accept:
            headers["Accept"] = accept
        status, result, _ = post(server.url, "/invocations", body, headers, INVOCATION_TIMEOUT)
        if status >= 400:
            raise RuntimeError(
                f"the model answered {status} for a record of {source}: {result.decode('utf-8', 'replace')[:2000]}"
                f"\n--- last lines of the model server ---\n{server.log_tail(20)}"
            )
        return result

    def describe_transform_job(self, TransformJobName: str) -> Dict[str, Any]:  # noqa: N803
        """DescribeTransformJob."""
        with REGISTRY.lock:
            job = REGISTRY.transform_jobs.get(TransformJobName)
        if job is None:
            raise not_found("DescribeTransformJob", "transform job", TransformJobName)
        return job.describe()

    def stop_transform_job(self, TransformJobName: str) -> None:  # noqa: N803
        """Local transform jobs run inside create_transform_job, so there is never one to stop."""
        self.describe_transform_job(TransformJobName)
        raise ClientError(
            {"Error": {"Code": "ValidationException",
                       "Message": f"The local transform job {TransformJobName} is not running"}},
            "StopTransformJob",
        )

    def list_transform_jobs(self, **kwargs: Any) -> Dict[str, Any]:
        """ListTransformJobs (NameContains and StatusEquals filters)."""
        with REGISTRY.lock:
            jobs = list(REGISTRY.transform_jobs.values())
        return {"TransformJobSummaries": [
            {"TransformJobName": j.name, "TransformJobArn": j.arn, "CreationTime": j.creation_time,
             "TransformEndTime": j.end_time, "TransformJobStatus": j.status}
            for j in jobs
            if kwargs.get("NameContains", "") in j.name and kwargs.get("StatusEquals", j.status) == j.status]}

    # ------------------------------------------------------------------ tags

    def list_tags(self, ResourceArn: str, **kwargs: Any) -> Dict[str, Any]:  # noqa: N803
        """ListTags of a local resource."""
        with REGISTRY.lock:
            return {"Tags": list(REGISTRY.tags.get(ResourceArn, []))}

    def add_tags(self, ResourceArn: str, Tags: List[Dict[str, str]]) -> Dict[str, Any]:  # noqa: N803
        """AddTags to a local resource (a tag with an existing key replaces it)."""
        with REGISTRY.lock:
            current = {tag["Key"]: tag for tag in REGISTRY.tags.get(ResourceArn, [])}
            current.update({tag["Key"]: tag for tag in Tags})
            REGISTRY.tags[ResourceArn] = list(current.values())
            return {"Tags": list(current.values())}

    # ------------------------------------------------------------------ not in local mode

    def _unsupported(self, what: str) -> None:
        raise NotImplementedError(
            f"{what} is not supported by sagemaker-estimators' local mode (V2 ran it in Docker); run it with "
            "a sagemaker.Session in SageMaker, or use SageMaker SDK V3 for pipelines."
        )

    # ------------------------------------------------------------------ processing (clients/processing_jobs.py)

    @property
    def _processing(self) -> Any:
        from sagemaker_estimators.local.clients.processing_jobs import LocalProcessingJobs

        return LocalProcessingJobs(self)

    def create_processing_job(self, **request: Any) -> Dict[str, Any]:
        """Run a processing job locally (see :mod:`sagemaker_estimators.local.clients.processing_jobs`)."""
        return self._processing.create(request)

    def describe_processing_job(self, ProcessingJobName: str) -> Dict[str, Any]:  # noqa: N803
        """DescribeProcessingJob of a local job."""
        return self._processing.describe(ProcessingJobName)

    def stop_processing_job(self, ProcessingJobName: str) -> None:  # noqa: N803
        """Local processing jobs have always ended when their create call returns."""
        self._processing.stop(ProcessingJobName)

    def list_processing_jobs(self, **kwargs: Any) -> Dict[str, Any]:
        """ListProcessingJobs of local jobs."""
        return self._processing.list(**kwargs)

    def create_pipeline(self, *args: Any, **kwargs: Any) -> None:
        """Pipelines are out of scope."""
        self._unsupported("create_pipeline (local pipelines)")

    def update_pipeline(self, *args: Any, **kwargs: Any) -> None:
        """Pipelines are out of scope."""
        self._unsupported("update_pipeline (local pipelines)")

    def describe_pipeline(self, PipelineName: str) -> None:  # noqa: N803
        """Pipelines are out of scope."""
        self._unsupported("describe_pipeline (local pipelines)")

    def delete_pipeline(self, PipelineName: str) -> None:  # noqa: N803
        """Pipelines are out of scope."""
        self._unsupported("delete_pipeline (local pipelines)")

    def start_pipeline_execution(self, PipelineName: str, **kwargs: Any) -> None:  # noqa: N803
        """Pipelines are out of scope."""
        self._unsupported("start_pipeline_execution (local pipelines)")
