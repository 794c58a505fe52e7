"""The package version, read by the build backend and by ``mexsledai.__version__``."""

__version__ = "0.2.0"
