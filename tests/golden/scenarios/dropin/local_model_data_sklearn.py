"""SKLearnModel with a bare local model_data path: repacked and uploaded under network isolation, as V2 does."""
import io
import os
import tarfile

import sagemaker
from sagemaker.sklearn import SKLearnModel

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"


def write_model_archive(path):
    """A small model.tar.gz on local disk, as a notebook would have saved it."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with tarfile.open(path, mode="w:gz") as archive:
        for name, data in (("model.joblib", b"fake model"),):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = 0
            archive.addfile(info, io.BytesIO(data))


write_model_archive("model/model.tar.gz")
with open("inference.py", "w") as handle:
    handle.write("def model_fn(model_dir):\n    return None\n")

isolated = SKLearnModel(model_data=os.path.abspath("model/model.tar.gz"), role=ROLE, entry_point="inference.py",
                        framework_version="1.2-1", name="sk-isolated", enable_network_isolation=True,
                        sagemaker_session=sagemaker.Session())
isolated.create(instance_type="ml.m5.large")
record_value("isolated_repacked", isolated.repacked_model_data)
