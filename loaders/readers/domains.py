"""Which organisation an e-mail address domain belongs to, as the user declares it (never guessed).

A domain map is a YAML mapping of domain -> organisation name, or -> {name, kind}:

    # domains.yaml (synthetic example)
    northshire-police.example: Northshire Police
    civic-affairs.example:
      name: Department of Civic Affairs
      kind: department

kflow reads the file named by env `KFLOW_DOMAIN_MAP` and then `domains.yaml` in the folder of the
e-mail being read; entries in the folder's file win. A domain also covers its subdomains
(`mail.northshire-police.example`). Addresses whose domain is not mapped link to no organisation:
a shared provider's domain says nothing about who someone works for.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from loaders.document import ReadError
from loaders.readers.common import load_user_yaml

FOLDER_FILE = "domains.yaml"
ENV_VAR = "KFLOW_DOMAIN_MAP"


@dataclass(frozen=True)
class Organisation:
    name: str
    kind: str | None = None


def domain_map_for(path: Path) -> dict[str, Organisation]:
    """The domain map that applies to the e-mail file `path` (empty when none is given)."""
    mapping: dict[str, Organisation] = {}
    configured = os.environ.get(ENV_VAR, "").strip()
    if configured:
        env_path = Path(configured).expanduser()
        if not os.path.lexists(env_path):
            raise ReadError(path, f"domain map {env_path} (from {ENV_VAR}) does not exist")
        mapping.update(_load(path, env_path))
    local = path.parent / FOLDER_FILE
    if os.path.lexists(local):
        mapping.update(_load(path, local))
    return mapping


def organisation_of(address: str, mapping: dict[str, Organisation]) -> Organisation | None:
    """The organisation mapped to the address's domain or its nearest mapped parent domain."""
    domain = address.rpartition("@")[2].strip().lower().rstrip(".")
    labels = domain.split(".")
    for index in range(len(labels) - 1):
        found = mapping.get(".".join(labels[index:]))
        if found:
            return found
    return None


def _load(reading: Path, map_path: Path) -> dict[str, Organisation]:
    where = f"domain map {map_path}"
    try:
        raw = load_user_yaml(map_path) or {}
    except ReadError as error:
        raise ReadError(reading, f"{where}: {error.reason}") from None
    if not isinstance(raw, dict):
        raise ReadError(reading, f"{where}: must be a mapping of domain to organisation")
    mapping: dict[str, Organisation] = {}
    for domain, value in raw.items():
        if isinstance(value, str) and value.strip():
            organisation = Organisation(value.strip())
        elif isinstance(value, dict) and str(value.get("name") or "").strip():
            kind = value.get("kind")
            organisation = Organisation(str(value["name"]).strip(), str(kind) if kind else None)
        else:
            raise ReadError(
                reading, f"{where}: entry {domain!r} needs an organisation name (a string or {{name: ...}})"
            )
        mapping[str(domain).strip().lower().lstrip("@").rstrip(".")] = organisation
    return mapping
