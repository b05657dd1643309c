"""The desktop app (PySide6). Only entry points import this package."""
