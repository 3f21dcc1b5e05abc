"""SageMaker's built-in algorithms (LinearLearner, KMeans, PCA ...), record sets and the RecordIO codec."""
