"""Readers: one module per file format, chosen by extension through `read_document`."""

from __future__ import annotations

from loaders.readers.registry import READERS, read_document, supported_extensions

__all__ = ["READERS", "read_document", "supported_extensions"]
