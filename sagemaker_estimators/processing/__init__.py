"""Processing jobs: ``Processor``, ``ScriptProcessor``, ``FrameworkProcessor`` and their inputs and outputs.

``processor`` holds the processors, ``framework_processor`` the script-bundle variant
(``sourcedir.tar.gz`` + ``runproc.sh``), ``inputs`` the ``ProcessingInput`` /
``ProcessingOutput`` value objects, ``dataset_definition`` V2's API objects for
Athena/Redshift inputs and Feature Store outputs, ``requests`` the pure
CreateProcessingJob builder, ``job`` the ``ProcessingJob`` handle.
"""
