"""Package metadata."""

__title__ = "geokg"
__version__ = "0.1.0"
__summary__ = "Explainable geopolitical knowledge graphs from news articles, offline."
