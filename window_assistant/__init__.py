"""窗口助手 (Window Assistant): the domain core. Pure Python: never imports Qt or ``ui``."""

__version__ = "0.1.0"
