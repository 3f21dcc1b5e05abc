"""Stand-in for the TensorFlow images' training toolkit package (see training.py)."""
