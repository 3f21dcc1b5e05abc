__version__ = "0.1.0"

#: what ``sagemaker.__version__`` says without V3: the V2 release this package matches, with this
#: package's own version as the local label (``packaging.version`` compares it as 2.257.7)
V2_COMPATIBLE_VERSION = f"2.257.7+sagemaker.estimators.{__version__}"
