"""All the settings, put together once: the core's own (core/core_settings.py) and what each
registered phone system declares in its folder (``phones/<name>/settings.py``).

Everything that reads or writes config.toml, or walks the settings, starts here:
``load``/``defaults`` give a :class:`~desktop_client.core.config.Config` that carries this
schema, so the settings dialog and ``with_values`` check against all of it.
"""

from __future__ import annotations

from pathlib import Path

from desktop_client import phones
from desktop_client.core import config as base
from desktop_client.core.config import Config, Schema
from desktop_client.core.core_settings import CORE


def assemble() -> Schema:
    """The core's schema with every registered phone system's part."""
    parts = [phones.settings(name) for name in phones.SYSTEMS]
    reporting = [part for part in parts if part.source]
    schema = CORE.with_choices("dial.backend", phones.SYSTEMS,
                                    tuple(part.label for part in parts))
    schema = schema.with_choices("cti.sources", tuple(part.source for part in reporting),
                                 tuple(part.source_label for part in reporting))
    phones_part = Schema(())
    for part in parts:
        phones_part += part.schema
    joined = schema + phones_part
    # Each section next to those of its kind: [cti.fritzbox] after [cti], before [popup].
    kinds = list(dict.fromkeys(s.section.split(".")[0] for s in schema.settings))
    kinds.insert(kinds.index("dial") + 1, "backends")
    ordered = sorted(joined.settings, key=lambda s: kinds.index(s.section.split(".")[0]))
    # The keyring entries: the phones' first, as ``secret status`` has always listed them.
    return Schema(tuple(ordered), phones_part.secrets + schema.secrets, joined.titles)


SCHEMA = assemble()
#: The keyring entries the app uses (``desktop-client secret set KEY``).
SECRETS: tuple[str, ...] = tuple(secret.name for secret in SCHEMA.secrets)


def defaults() -> Config:
    """Every setting at its default."""
    return base.defaults(SCHEMA)


def load(path: Path, *, keep_broken: bool = False) -> tuple[Config, list[str]]:
    """config.toml over the defaults (see :func:`desktop_client.core.config.load`)."""
    return base.load(path, SCHEMA, keep_broken=keep_broken)


save = base.save
