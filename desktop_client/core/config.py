"""Settings: one declarative schema, loaded from and saved to ``config.toml``.

Each :class:`Setting` names its section, key, type, default, a translatable label and help.
The settings dialog is generated from the same schema; labels are marked with :func:`N_` here
and translated by the UI. Secrets never live here: they go to the keyring.
"""

from __future__ import annotations

import logging
import os
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop_client.core.config_keys import Key
    from desktop_client.core.numbers import Location

log = logging.getLogger("desktop_client.config")

Value = str | int | bool | tuple[str, ...]


def N_(text: str) -> str:  # noqa: N802 - the gettext convention for "mark, translate later"
    """Mark a string for translation; the UI translates it when it shows it."""
    return text


@dataclass(frozen=True, slots=True)
class Setting:
    """One key of config.toml."""

    section: str
    key: str
    default: Value
    label: str
    help: str = ""
    choices: tuple[str, ...] = ()
    #: How each choice is shown (N_-marked, in the order of ``choices``; empty: the value).
    choice_labels: tuple[str, ...] = ()
    #: For whole numbers: the allowed range.
    minimum: int = 0
    maximum: int = 65535

    def __post_init__(self) -> None:
        if self.choice_labels and len(self.choice_labels) != len(self.choices):
            raise ValueError(f"{self.name}: {len(self.choices)} choices but "
                             f"{len(self.choice_labels)} labels")

    @property
    def name(self) -> str:
        """``section.key``."""
        return f"{self.section}.{self.key}"

    def choice_label(self, value: str) -> str:
        """The (untranslated) label of one of the choices; the value itself if it has none."""
        labels = dict(zip(self.choices, self.choice_labels, strict=False))
        return labels.get(value, "") or value


@dataclass(frozen=True, slots=True)
class Secret:
    """A secret a section of the settings needs: in the OS keyring, never in config.toml."""

    section: str
    key: str
    label: str
    #: The settings show a field for it in its section (False: the app makes it itself).
    field: bool = True

    @property
    def name(self) -> str:
        """``section.key``: the keyring entry's user name (service ``desktop-client``)."""
        return f"{self.section}.{self.key}"


@dataclass(frozen=True)
class Schema:
    """Settings, secrets and section titles: the core's own, or one part's (a phone system
    declares its part in its folder); parts are joined with ``+``."""

    settings: tuple[Setting, ...]
    secrets: tuple[Secret, ...] = ()
    #: Section -> its title in the settings (N_-marked).
    titles: Mapping[str, str] = field(default_factory=dict)

    def __add__(self, other: Schema) -> Schema:
        clash = {s.name for s in self.settings} & {s.name for s in other.settings}
        clash |= {s.name for s in self.secrets} & {s.name for s in other.secrets}
        clash |= {section for section, title in other.titles.items()
                  if self.titles.get(section, title) != title}
        if clash:
            raise ValueError(f"declared twice: {', '.join(sorted(clash))}")
        return Schema(self.settings + other.settings, self.secrets + other.secrets,
                      {**self.titles, **other.titles})

    @cached_property
    def _by_name(self) -> dict[str, Setting]:
        return {setting.name: setting for setting in self.settings}

    def setting(self, name: str) -> Setting:
        """The setting called ``section.key`` (ConfigError: no such setting)."""
        try:
            return self._by_name[name]
        except KeyError:
            raise ConfigError(f"unknown setting {name}") from None

    def with_choices(self, name: str, choices: tuple[str, ...],
                     labels: tuple[str, ...]) -> Schema:
        """The schema with one setting's choices filled in (``[dial] backend`` gets the
        registered phone systems)."""
        settings = tuple(replace(s, choices=choices, choice_labels=labels) if s.name == name
                         else s for s in self.settings)
        return Schema(settings, self.secrets, self.titles)


#: Location problems logged already (Config.location() runs for every call).
_WARNED: set[str] = set()


class ConfigError(ValueError):
    """A setting with a value of the wrong type or out of range."""


@dataclass(frozen=True)
class Config:
    """The effective settings: defaults overlaid by config.toml."""

    values: Mapping[str, Value]
    #: What the values are checked against (all of it: the core's and the phones' parts).
    schema: Schema

    def get(self, name: Key | Setting) -> Value:
        """The value of a setting: a core one by its name (``"dial.backend"``), a phone
        system's by its :class:`Setting` (``ami.settings.CHANNEL``)."""
        return self.values[name if isinstance(name, str) else name.name]

    def of(self, setting: Setting) -> Value:
        """The value of a setting of the schema (for code that walks it)."""
        return self.values[setting.name]

    def text(self, name: Key | Setting) -> str:
        """A string setting."""
        return str(self.get(name))

    def number(self, name: Key | Setting) -> int:
        """An integer setting."""
        value = self.get(name)
        assert isinstance(value, int)
        return int(value)

    def flag(self, name: Key | Setting) -> bool:
        """A yes/no setting."""
        return bool(self.get(name))

    def strings(self, name: Key | Setting) -> tuple[str, ...]:
        """A list-of-strings setting."""
        value = self.get(name)
        assert isinstance(value, tuple)
        return value

    def location(self) -> Location:
        """The user's :class:`Location`; a bad value falls back to its default (logged)."""
        location, problems = self.checked_location()
        for problem in problems:
            if problem not in _WARNED:  # once, not at every call and every dial
                _WARNED.add(problem)
                log.warning("%s", problem)
        return location

    def checked_location(self) -> tuple[Location, list[str]]:
        """The :class:`Location`, and what was wrong with the settings it came from.

        A bad value (``country = "XX"``) must not stop every command or drop incoming
        calls: that field falls back to its default, and the problem is named.
        """
        from desktop_client.core.numbers import Location  # noqa: PLC0415 - phonenumbers on use

        names = ("country", "area_code", "outside_line", "internal_digits")
        chosen = {name: self.values[f"location.{name}"] for name in names}
        try:
            return Location(**chosen), []  # type: ignore[arg-type]
        except ValueError:
            pass
        fallback = {name: self.schema.setting(f"location.{name}").default for name in names}
        problems: list[str] = []
        for name in names:
            try:
                Location(**{**fallback, name: chosen[name]})  # type: ignore[arg-type]
            except ValueError as error:
                problems.append(f"[location] {name} in config.toml: {error}; using the "
                                f"default {fallback[name]!r}")
                chosen[name] = fallback[name]
        try:
            return Location(**chosen), problems  # type: ignore[arg-type]
        except ValueError:  # bad only in combination: all defaults
            return Location(**fallback), problems  # type: ignore[arg-type]

    def with_values(self, **changes: Value) -> Config:
        """A copy with some ``section__key=value`` settings changed (validated)."""
        values = dict(self.values)
        for arg, value in changes.items():
            name = arg.replace("__", ".")
            values[name] = _checked(self.schema.setting(name), value)
        return Config(values, self.schema)


def defaults(schema: Schema) -> Config:
    """Every setting of ``schema`` at its default."""
    return Config({setting.name: setting.default for setting in schema.settings}, schema)


def _unknown_entries(setting: Setting, value: object) -> list[str]:
    """The entries of a list setting with choices that are not among them (a source a newer
    version or a typo names): reported and ignored on load, kept in the file on save."""
    if not setting.choices or type(setting.default) is not tuple or not isinstance(value, list):
        return []
    return [v for v in value if isinstance(v, str) and v not in setting.choices]


def _checked(setting: Setting, value: object) -> Value:
    expected = type(setting.default)
    if expected is tuple:
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{setting.name} must be a list of strings")
        unknown = [v for v in value if setting.choices and v not in setting.choices]
        if unknown:
            raise ConfigError(f"{setting.name}: unknown {unknown[0]!r} (choose from "
                              f"{', '.join(setting.choices)})")
        return tuple(value)
    if expected is int and isinstance(value, bool):
        raise ConfigError(f"{setting.name} must be a whole number")
    if expected is int and isinstance(value, int) and not \
            setting.minimum <= value <= setting.maximum:
        raise ConfigError(f"{setting.name} must be between {setting.minimum} and "
                          f"{setting.maximum}")
    if not isinstance(value, expected):
        kinds = {int: "a whole number", bool: "true or false", str: "text"}
        raise ConfigError(f"{setting.name} must be {kinds.get(expected, expected.__name__)}, "
                          f"not {value!r}")
    if setting.choices and value not in setting.choices:
        raise ConfigError(f"{setting.name} must be one of {', '.join(setting.choices)}")
    assert isinstance(value, str | int | bool)
    return value



def load(path: Path, schema: Schema, *,
         keep_broken: bool = False) -> tuple[Config, list[str]]:
    """Load config.toml over the defaults of ``schema``.

    Never raises for a bad file: a file that is not TOML is moved aside (kept, not
    overwritten) and the defaults are used; a bad value falls back to its default. The second
    item lists what the user should be told. ``keep_broken``: a read-only command reports a
    broken file and leaves it where it is.
    """
    config = defaults(schema)
    problems: list[str] = []
    try:
        data = tomllib.loads(_text(path))
    except FileNotFoundError:
        return config, problems
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, RecursionError) as error:
        reason = "nested too deeply" if isinstance(error, RecursionError) else str(error)
        if keep_broken:
            message = f"{path} is not valid TOML ({reason}); using defaults"
            log.warning("%s", message)
            return config, [message]
        kept = _aside(path)
        message = f"{path} is not valid TOML ({reason}); kept as {kept.name}, using defaults"
        log.warning("%s", message)
        return config, [message]
    return _read(data, schema, problems, warn=True), problems


def _read(data: dict[str, Any], schema: Schema, problems: list[str], *,
           warn: bool) -> Config:
    """The settings a parsed config.toml gives: a bad value falls back to its default and is
    named in ``problems`` (and logged when ``warn``)."""

    def told(message: str, logged: str) -> None:
        problems.append(message)
        if warn:
            log.warning("%s", logged)

    values = dict(defaults(schema).values)
    for name, raw in _flatten(data):
        value = raw
        if _SECRET_KEY.search(name.rsplit(".", 1)[-1]) and value:
            message = (f"config.toml: {name} looks like a secret and is not read from a file; "
                       "store it in the system keyring with 'desktop-client secret set KEY' "
                       "(or in Settings) and remove it from config.toml")
            told(message, message)
            continue
        if name not in values:
            # Kept in the file, not read: a typo, or an older or newer version's setting.
            if not _SECRET_KEY.search(name.rsplit(".", 1)[-1]):
                message = f"{name}: no such setting; ignored{_did_you_mean(name, values)}"
                told(message, f"config.toml: {message}")
            continue
        setting = schema.setting(name)
        unknown = _unknown_entries(setting, value)
        if unknown:  # the rest of the list still counts; save() keeps these in the file
            message = (f"{name}: unknown {', '.join(map(repr, unknown))} ignored (choose from "
                       f"{', '.join(setting.choices)})")
            told(message, f"config.toml: {message}")
            assert isinstance(raw, list)
            value = [v for v in raw if v not in unknown]
        try:
            values[name] = _checked(setting, value)
        except ConfigError as error:
            told(f"{error}; using the default", f"config.toml: {error}; using the default")
    return Config(values, schema)


def _did_you_mean(name: str, names: Iterable[str]) -> str:
    import difflib  # noqa: PLC0415 - only for a name that is not a setting

    close = difflib.get_close_matches(name, list(names), n=1, cutoff=0.8)
    return f" (did you mean {close[0]}?)" if close else ""


_SECRET_KEY = re.compile(r"pass(word|wd|phrase)?$|secret|token|api_?key|credential",
                         re.IGNORECASE)


def _aside(path: Path) -> Path:
    """Move a broken config.toml aside under a name no earlier backup has."""
    stem = f"{path.name}.broken-{datetime.now():%Y%m%d-%H%M%S}"
    kept = path.with_name(stem)
    serial = 1
    while kept.exists():
        serial += 1
        kept = path.with_name(f"{stem}-{serial}")
    path.replace(kept)
    return kept


def _flatten(table: dict[str, Any], prefix: str = "") -> list[tuple[str, object]]:
    items: list[tuple[str, object]] = []
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            items.extend(_flatten(value, name + "."))
        else:
            items.append((name, value))
    return items


def _text(path: Path) -> str:
    """config.toml's text: a byte-order mark (Notepad writes one) is not part of it, and the
    line endings stay as written."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return handle.read()


def save(config: Config, path: Path, *, base: Config | None = None) -> None:
    """Write the changed settings into config.toml, atomically.

    ``base``: the settings the change started from (those the Settings dialog showed); only
    what differs from them is written, so an edit made to the file meanwhile stays. Without
    it, the settings that differ from what the file gives are written.

    Everything else in the file stays as the user wrote it: comments, order, line endings,
    keys of other versions, and a value this version cannot read but the user did not
    change either. A file that is not TOML (edited while the app ran) is moved aside first.
    A crash leaves the old file or the new one, never half of one. Raises ConfigError when
    the file's layout leaves no place for a changed setting (``dial = "sip"``).
    """
    import tempfile  # noqa: PLC0415 - only on save: the tray app starts without them

    import tomlkit  # noqa: PLC0415
    from tomlkit.exceptions import ParseError  # noqa: PLC0415

    try:
        document = tomlkit.parse(_text(path))
    except FileNotFoundError:
        document = tomlkit.document()
    except (ParseError, UnicodeDecodeError, RecursionError):
        aside = _aside(path)
        log.warning("%s is not valid TOML; kept as %s, writing a new one", path, aside.name)
        document = tomlkit.document()
    if base is None:
        base = _read(document.unwrap(), config.schema, [], warn=False)
    for setting in config.schema.settings:
        value = config.of(setting)
        if value == base.of(setting):
            continue
        table = _section(document, setting.section)
        kept = _unknown_entries(setting, table.get(setting.key))  # a newer version's names
        table[setting.key] = [*value, *kept] if isinstance(value, tuple) else value
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".config-", suffix=".toml", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(tomlkit.dumps(document))
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _section(document: Any, section: str) -> Any:
    """The table of ``section`` ("backends.sipgate") in a tomlkit document, made where
    missing: inside an inline table as an inline table, else without an empty parent
    header ("[backends.sipgate]", no "[backends]")."""
    from collections.abc import MutableMapping  # noqa: PLC0415

    import tomlkit  # noqa: PLC0415
    from tomlkit.items import InlineTable  # noqa: PLC0415

    table = document
    parts = section.split(".")
    for depth, part in enumerate(parts, 1):
        if part not in table:
            if isinstance(table, InlineTable):
                table[part] = tomlkit.inline_table()
            else:
                table[part] = tomlkit.table(is_super_table=depth < len(parts))
        table = table[part]
        if not isinstance(table, MutableMapping):  # a value, or an array of tables
            raise ConfigError(f"config.toml: {'.'.join(parts[:depth])} is not a section "
                              f"([{'.'.join(parts[:depth])}]); change it there, then save again")
    return table
