"""Framework estimators, models and predictors: one subpackage per framework."""
