"""PyTorchModel with a bare local model_data path (relative and absolute): repacked with the code, uploaded."""
import io
import os
import tarfile

import sagemaker
from sagemaker.pytorch import PyTorchModel

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
SESSION = sagemaker.Session()  # V2's PyTorchModel.create() needs one given


def write_model_archive(path):
    """A small model.tar.gz on local disk, as a notebook would have saved it."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with tarfile.open(path, mode="w:gz") as archive:
        for name, data in (("model.pth", b"fake weights"), ("config.json", b"{}")):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = 0
            archive.addfile(info, io.BytesIO(data))


write_model_archive("model/model.tar.gz")
os.makedirs("code", exist_ok=True)
with open("code/inference.py", "w") as handle:
    handle.write("def model_fn(model_dir):\n    return None\n")

relative = PyTorchModel(model_data="model/model.tar.gz", role=ROLE, entry_point="inference.py", source_dir="code",
                        framework_version="2.1", py_version="py310", name="pt-relative", sagemaker_session=SESSION)
relative.create(instance_type="ml.m5.large")
record_value("relative_model_data", relative.model_data)
record_value("relative_repacked", relative.repacked_model_data)

entry_only = PyTorchModel(model_data="model/model.tar.gz", role=ROLE, entry_point="code/inference.py",
                          framework_version="2.1", py_version="py310", name="pt-entry-only", sagemaker_session=SESSION)
entry_only.create(instance_type="ml.m5.large")
record_value("entry_only_repacked", entry_only.repacked_model_data)

absolute = PyTorchModel(model_data=os.path.abspath("model/model.tar.gz"), role=ROLE, entry_point="inference.py",
                        source_dir=os.path.abspath("code"), framework_version="2.1", py_version="py310",
                        sagemaker_session=SESSION)
predictor = absolute.deploy(initial_instance_count=1, instance_type="ml.m5.large", endpoint_name="pt-absolute")
record_value("absolute_predictor", type(predictor).__name__)
