"""Loading policy files: ``flows/policies/<policy-id>.yaml``, validated, once each.

A broken file fails with the file, the field and what is wrong, e.g.
``flows/policies/jilin-2020.yaml: parameters.minimum_standard.values[0].value: Input should be
greater than or equal to 0``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from flows.datafiles import DataFileError, load_data_file
from flows.policy.policy import Policy
from flows.policy.schema import PolicySpec

POLICIES_DIR: Final = Path(__file__).resolve().parent.parent / "policies"
SUFFIX: Final = ".yaml"


class PolicyFileError(DataFileError):
    """A policy file that cannot be used; one line per problem: file, field, what is wrong."""


class UnknownPolicyError(LookupError):
    """No policy file has this id."""


def load_policy_file(path: Path) -> Policy:
    """Read and validate one policy file; its id must be its file name."""
    spec = load_data_file(path, PolicySpec, error=PolicyFileError)
    if spec.id != path.name.removesuffix(SUFFIX):
        raise PolicyFileError(path, [("id", f"{spec.id!r} differs from the file name")])
    return Policy(spec, path)


def policy_ids(directory: Path | None = None) -> tuple[str, ...]:
    """The ids of the policies in the directory (default: the shipped ones), sorted."""
    root = directory or POLICIES_DIR
    return tuple(sorted(path.name.removesuffix(SUFFIX) for path in root.glob(f"*{SUFFIX}")))


def load_policy(policy_id: str, directory: Path | None = None) -> Policy:
    """The policy ``<directory>/<policy_id>.yaml`` (shipped policies are loaded once)."""
    if directory is None and policy_id in _SHIPPED:
        return _SHIPPED[policy_id]
    if policy_id not in policy_ids(directory):
        known = ", ".join(policy_ids(directory)) or "none"
        raise UnknownPolicyError(f"no policy {policy_id!r}; known: {known}")
    policy = load_policy_file((directory or POLICIES_DIR) / f"{policy_id}{SUFFIX}")
    if directory is None:
        _SHIPPED[policy_id] = policy
    return policy


# Shipped policies, loaded on first use: a bulk check asks for the same few again and again.
_SHIPPED: dict[str, Policy] = {}
