"""V2 import path ``sagemaker.amazon``: SageMaker's built-in algorithms (see its submodules)."""
