"""Pure request builders: one function per SageMaker Create* request, no I/O.

Every AWS request the package sends is built here from plain values (the job objects'
state) into the dict boto3 sends, which is where V2 parity lives and what the golden
suite checks field for field. The session layer sends what these return; the job kinds
call them to build what they hand the session. Modules: ``training`` (CreateTrainingJob),
``hosting`` (CreateModel, CreateEndpointConfig, CreateEndpoint, CreateTransformJob),
``tuning`` (CreateHyperParameterTuningJob), ``processing`` (CreateProcessingJob),
``fields`` (the one rule for optional fields).
"""
