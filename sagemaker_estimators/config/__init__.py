"""SageMaker defaults configuration (V2's ``sagemaker.config``).

Admins and users put default request values (VPC, KMS keys, roles, tags,
environment ...) in ``config.yaml`` files; a Session loads and merges them when
it is built and the job kinds fill in whatever the user did not pass.

* :mod:`.locations` - where the files are (platform directories, override variables)
* :mod:`.loader` - reading local and ``s3://`` files, merging them
* :mod:`.schema` - the keys a file may hold and their checks
* :mod:`.keys` - the dotted key paths V2 exports (``TRAINING_JOB_VPC_CONFIG_PATH`` ...)
* :mod:`.resolve` - user value > config value > built-in default, with V2's log lines
* :mod:`.apply` - where V2 applies the config to each job kind's request

Nothing is read at import time.
"""
