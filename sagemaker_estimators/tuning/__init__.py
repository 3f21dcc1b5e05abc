"""Hyperparameter tuning: V2's HyperparameterTuner, parameter ranges and analytics."""
