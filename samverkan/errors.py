"""Errors the CLI and API translate at their edges (one line / problem+json)."""

from __future__ import annotations


class SamverkanError(Exception):
    """Base class: the message names the input and what was wrong."""

    code = "samverkan_error"
    exit_code = 1


class UsageError(SamverkanError):
    code = "usage"
    exit_code = 2
