"""Argon2id parameters, their accepted bounds, and key derivation.

A header is read from disk before anything is trusted, so its parameters are checked against
hard bounds *before* Argon2 allocates memory: a hostile ``keyslots.json`` must not be able to make
the app allocate 1 TiB or spin for an hour. The bounds are listed in docs/vault-format.md
("Limits checked before any key derivation").
"""

from __future__ import annotations

import base64
import binascii
import os
from dataclasses import dataclass
from typing import Any

from argon2.low_level import Type, hash_secret_raw

from tr_journal.errors import N_, VaultCorrupt

KEY_BYTES = 32
SALT_BYTES = 16
MIN_MEMORY_KIB = 64 * 1024
MAX_MEMORY_KIB = 4 * 1024 * 1024
MIN_ITERATIONS, MAX_ITERATIONS = 1, 20
MIN_PARALLELISM, MAX_PARALLELISM = 1, 16


@dataclass(frozen=True)
class KdfParams:
    memory_kib: int = 256 * 1024
    iterations: int = 3
    parallelism: int = 4
    salt: bytes = b""

    def with_new_salt(self) -> KdfParams:
        return KdfParams(self.memory_kib, self.iterations, self.parallelism, os.urandom(SALT_BYTES))

    def to_json(self) -> dict[str, Any]:
        return {
            "name": "argon2id",
            "memory_kib": self.memory_kib,
            "iterations": self.iterations,
            "parallelism": self.parallelism,
            "salt": base64.b64encode(self.salt).decode("ascii"),
        }

    @classmethod
    def from_json(cls, raw: Any) -> KdfParams:
        """Parse and bound-check header KDF parameters; raise :class:`VaultCorrupt` if off."""
        if not isinstance(raw, dict) or raw.get("name") != "argon2id":
            raise VaultCorrupt(detail=N_("the key slot names an unknown key derivation"))
        memory, iterations, parallelism = (
            raw.get("memory_kib"),
            raw.get("iterations"),
            raw.get("parallelism"),
        )
        numbers = [
            v
            for v in (memory, iterations, parallelism)
            if isinstance(v, int) and not isinstance(v, bool)
        ]
        if len(numbers) != 3:
            raise VaultCorrupt(detail=N_("the key slot's parameters are not numbers"))
        params = cls(numbers[0], numbers[1], numbers[2], _b64(raw.get("salt")))
        params.check_bounds()
        if len(params.salt) < SALT_BYTES:
            raise VaultCorrupt(detail=N_("the key slot's salt is too short"))
        return params

    def check_bounds(self) -> None:
        if not (
            MIN_MEMORY_KIB <= self.memory_kib <= MAX_MEMORY_KIB
            and MIN_ITERATIONS <= self.iterations <= MAX_ITERATIONS
            and MIN_PARALLELISM <= self.parallelism <= MAX_PARALLELISM
        ):
            raise VaultCorrupt(detail=N_("the key slot's parameters are outside the safe range"))


def _b64(value: Any) -> bytes:
    if not isinstance(value, str):
        raise VaultCorrupt(detail=N_("a key slot field is missing"))
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise VaultCorrupt(detail=N_("a key slot field is not valid base64")) from exc


def derive_key(secret: bytes, params: KdfParams) -> bytes:
    params.check_bounds()
    return hash_secret_raw(
        secret,
        params.salt,
        params.iterations,
        params.memory_kib,
        params.parallelism,
        KEY_BYTES,
        Type.ID,
    )
