"""Local mode: ``LocalSession`` and the runtimes that run jobs and endpoints on this machine.

Parts, each importing only the ones listed after it:

* :mod:`.session` - ``LocalSession`` (V2's ``sagemaker.local.LocalSession``);
* :mod:`.clients` - the emulated SageMaker clients, by resource kind (training jobs,
  models/endpoint configs/endpoints, transform jobs, processing jobs) and the runtime
  client (InvokeEndpoint); :mod:`.tuning` - local tuning jobs, run through a client;
* :mod:`.compose` - the Docker runtime (``local``, ``local_gpu``), run with Compose;
* :mod:`.process` - the no-Docker runtime (``local_process``) on the host's Python;
* :mod:`.model_server` - SageMaker's serving contract on the standard library;
* shared by all of them: :mod:`.runtime` (the frozen specs and the ``LocalRuntime``
  protocol between clients and runtimes), :mod:`.layout` and :mod:`.processing_layout`
  (``/opt/ml`` trees), :mod:`.data` (inputs and outputs), :mod:`.entities` (the records
  of local resources), :mod:`.credentials` and :mod:`.output_lines`.

The one import against that order: a ``LocalSagemakerClient`` made without a session
makes a ``LocalSession``, as V2's does.
"""
