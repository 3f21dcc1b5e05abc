"""One fit each for NTM, LDA, KNN, IPInsights and Object2Vec, then their hyperparameters."""
import boto3
import numpy as np

from sagemaker import IPInsights, KNN, LDA, NTM, Object2Vec

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
boto3.client("s3", region_name="us-west-2").create_bucket(
    Bucket="my-record-sets", CreateBucketConfiguration={"LocationConstraint": "us-west-2"})
common = dict(role=ROLE, instance_type="ml.c4.xlarge", data_location="s3://my-record-sets/more/")

counts = (np.arange(48, dtype="float32").reshape(8, 6) % 5)

ntm = NTM(instance_count=2, num_topics=5, encoder_layers=[32, 16], optimizer="adam", batch_norm=False,
          tolerance=0.001, **common)
ntm.fit(ntm.record_set(counts), mini_batch_size=4)
record_value("ntm", ntm.hyperparameters())

lda = LDA(num_topics=3, alpha0=0.5, max_restarts=2, tol=0.05, **common)
lda.fit(lda.record_set(counts), mini_batch_size=8)
record_value("lda", lda.hyperparameters())
record_value("lda_instance_count", lda.instance_count)

knn = KNN(instance_count=1, k=3, sample_size=8, predictor_type="classifier", dimension_reduction_type="sign",
          dimension_reduction_target=2, index_type="faiss.Flat", faiss_index_ivf_nlists="auto", **common)
knn.fit(knn.record_set(counts, labels=np.arange(8, dtype="float32") % 2))
record_value("knn", knn.hyperparameters())

ipi = IPInsights(instance_count=1, num_entity_vectors=100, vector_dim=16, epochs=2, learning_rate=0.01, **common)
ipi.fit(ipi.record_set(counts), mini_batch_size=1000)
record_value("ipinsights", ipi.hyperparameters())

o2v = Object2Vec(instance_count=1, epochs=3, enc0_max_seq_len=10, enc0_vocab_size=50, enc_dim=16,
                 comparator_list="hadamard, abs_diff", tied_token_embedding_weight=True, **common)
o2v.fit(o2v.record_set(counts))
record_value("object2vec", o2v.hyperparameters())
