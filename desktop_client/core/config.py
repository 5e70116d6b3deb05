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
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
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
    #: For whole numbers: the allowed range.
    minimum: int = 0
    maximum: int = 65535

    @property
    def name(self) -> str:
        """``section.key``."""
        return f"{self.section}.{self.key}"


#: People and organizations with a phone number, in OpenLDAP and Active Directory
#: (otherTelephone and ipPhone are AD's; a server that lacks them ignores them).
DEFAULT_LDAP_FILTER = (
    "(&(|(objectClass=person)(objectClass=organization))"
    "(|(telephoneNumber=*)(mobile=*)(homePhone=*)(otherTelephone=*)(ipPhone=*)"
    "(facsimileTelephoneNumber=*)))"
)

#: Vertec's phone, mobile and fax entries (its German model names; 6.8+ accepts them too).
VERTEC_SYNC_OCL = ("KommMittel->select((typ.internertyp.asstring='T') or "
                   "(typ.internertyp.asstring='M') or (typ.internertyp.asstring='F'))")
#: A caller's entries, by the normalized form Vertec stores (its text form is not documented:
#: an admin checks it against their instance).
VERTEC_LOOKUP_SQLWHERE = "NormalizedZiel = '{e164}'"

SCHEMA: tuple[Setting, ...] = (
    Setting("location", "country", "CH", N_("Country"),
            N_("ISO code of your country (CH, DE, AT …): numbers without +… belong here.")),
    Setting("location", "area_code", "", N_("Area code"),
            N_("Completes local numbers dialled without their area code (e.g. 44).")),
    Setting("location", "outside_line", "", N_("Outside-line prefix"),
            N_("The digit(s) your PBX puts before external numbers, e.g. 0.")),
    Setting("location", "internal_digits", 0, N_("Digits of internal extensions"),
            N_("Numbers up to this length are internal extensions (0: none)."), maximum=8),
    Setting("directory", "company_block_digits", 2, N_("Company block digits"),
            N_("An unknown caller whose number differs from a company's main number only in "
               "this many last digits is shown as probably that company."), maximum=4),
    Setting("directory", "sources", (), N_("Directory servers"),
            N_("Servers asked after the local directory, in this order; each is copied into "
               "the local directory every few minutes."),
            choices=("ldap", "carddav", "vertec", "http")),
    Setting("directory", "sync_minutes", 60, N_("Sync every (minutes)"),
            N_("How often the directory servers are copied into the local directory "
               "(0: only on demand)."), maximum=10080),
    Setting("directory", "live_deadline_ms", 1500, N_("Live lookup deadline (ms)"),
            N_("How long a caller card waits for a server that is asked live."),
            minimum=100, maximum=10000),
    Setting("directory.vertec", "url", "", N_("Vertec address"),
            N_("The address of your Vertec Web App, e.g. https://firma.vertec-cloud.com; "
               "requests go to …/xml. The API token is kept in the keyring.")),
    Setting("directory.vertec", "log_calls", False, N_("Log calls as activities"),
            N_("A finished call with a Vertec address becomes a done activity of that "
               "address.")),
    Setting("directory.vertec", "activity_type", "", N_("Activity type (objid)"),
            N_("The objid of the activity type for calls, e.g. of \"Telefon\" (empty: "
               "none).")),
    Setting("directory.vertec", "responsible", "", N_("Responsible user (objid)"),
            N_("Your user's objid in Vertec (empty: none).")),
    Setting("directory.vertec", "open_url", "", N_("Open in Vertec (URL)"),
            N_("A link to an address in the Vertec Web App, with {objid} where the "
               "address's objid goes.")),
    Setting("directory.vertec", "sync_ocl", VERTEC_SYNC_OCL, N_("Query for the numbers (OCL)"),
            N_("Selects the phone, mobile and fax entries (KommMittel) to copy.")),
    Setting("directory.vertec", "lookup_sqlwhere", VERTEC_LOOKUP_SQLWHERE,
            N_("Query for one number (sqlwhere)"),
            N_("Finds a caller's entries; {e164}, {national} and {digits} are replaced.")),
    Setting("directory.vertec", "normalized_member", "NormalizedZiel",
            N_("Member with the normalized number"),
            N_("Compared with our own normalization in each sync (empty: not read).")),
    Setting("directory.ldap", "url", "", N_("LDAP server"),
            N_("ldap://host or ldaps://host (an Active Directory domain controller, say).")),
    Setting("directory.ldap", "base_dn", "", N_("Search base"),
            N_("For example ou=people,dc=example,dc=org.")),
    Setting("directory.ldap", "bind_dn", "", N_("Bind DN"),
            N_("The user to log in as (empty: anonymous); its password is in the keyring.")),
    Setting("directory.ldap", "filter", DEFAULT_LDAP_FILTER, N_("Search filter"),
            N_("Which entries are contacts; the default finds people and organizations "
               "with a phone number.")),
    Setting("directory.ldap", "start_tls", False, N_("Use StartTLS"),
            N_("Encrypt an ldap:// connection (ldaps:// is always encrypted).")),
    Setting("directory.carddav", "url", "", N_("Address book URL"),
            N_("The CardDAV address book collection, e.g. "
               "https://cloud.example/remote.php/dav/addressbooks/users/anna/contacts/.")),
    Setting("directory.carddav", "username", "", N_("User name")),
    Setting("directory.http", "url", "", N_("Lookup URL"),
            N_("The CRM's lookup by number; {number} is replaced, e.g. "
               "https://crm.example/api/contacts?phone={number}.")),
    Setting("directory.http", "number_format", "e164", N_("Number in the URL"),
            choices=("e164", "national", "digits")),
    Setting("directory.http", "results_path", "", N_("Path to the results"),
            N_("Where the list of contacts is in the JSON answer, e.g. data.items "
               "(empty: the answer itself).")),
    Setting("directory.http", "name_path", "name", N_("Path to the name")),
    Setting("directory.http", "company_path", "company", N_("Path to the company")),
    Setting("directory.http", "kind_path", "", N_("Path to the kind"),
            N_("A field saying person or company (empty: a person when it has a name).")),
    Setting("directory.http", "url_path", "url", N_("Path to the contact's URL"),
            N_("Opened by \"Open in CRM\".")),
    Setting("dial", "backend", "command", N_("Dial with"),
            choices=("command", "baresip", "handoff", "deskphone", "ami", "fritzbox",
                     "freeswitch", "linphone")),
    Setting("dial", "confirm", "risky", N_("Ask before dialling"),
            choices=("risky", "external", "always")),
    Setting("dial", "countdown_s", 2, N_("Countdown before dialling (seconds)"),
            maximum=30),
    Setting("dial", "per_minute", 10, N_("Most calls per minute"),
            N_("Requests beyond this many a minute are refused (a flood from a web page)."),
            minimum=1, maximum=120),
    Setting("dial", "number_format", "e164", N_("Number format sent to the phone"),
            choices=("e164", "national", "international_00")),
    Setting("dial", "outside_line", "", N_("Outside-line prefix for dialling"),
            N_("Digits the PBX needs before external numbers (not used with E.164).")),
    Setting("dial", "hotkey", "Ctrl+Alt+D", N_("Shortcut to dial the selected text (Windows)"),
            N_("Select a number in any program and press it; empty: none. Elsewhere, bind "
               "\"desktop-client dial --selection\" in the desktop's keyboard settings.")),
    Setting("backends.command", "preset", "", N_("Softphone"),
            N_("A known softphone, or empty to use the program line below."),
            choices=("", "microsip", "zoiper", "linphone", "twinkle", "jitsi")),
    Setting("backends.command", "argv", (), N_("Program and arguments"),
            N_("One item per argument; {number} is replaced by the number.")),
    Setting("backends.command", "grace_s", 2, N_("Wait for the program to fail (seconds)"),
            N_("A program that exits with an error within this time has not placed the "
               "call."), maximum=30),
    Setting("backends.baresip", "address", "127.0.0.1:4444", N_("baresip ctrl_tcp address")),
    Setting("backends.handoff", "scheme", "sip", N_("Hand calls over as"),
            choices=("sip", "callto")),
    Setting("backends.deskphone", "vendor", "snom", N_("Desk phone"),
            choices=("snom", "yealink", "grandstream", "custom")),
    Setting("backends.deskphone", "address", "https://192.0.2.10", N_("Phone address"),
            N_("http(s)://host of the phone; its password is kept in the keyring.")),
    Setting("backends.deskphone", "username", "admin", N_("Phone user name")),
    Setting("backends.deskphone", "url_template", "", N_("Custom dial URL"),
            N_("For vendor custom: {base}/…{number}…")),
    Setting("backends.deskphone", "verify_tls", True, N_("Check the phone's certificate")),
    Setting("backends.fritzbox", "address", "https://fritz.box:49443", N_("FRITZ!Box address"),
            N_("TR-064: https://fritz.box:49443 or http://fritz.box:49000; switch on the "
               "dialling aid in the box.")),
    Setting("backends.fritzbox", "username", "", N_("FRITZ!Box user")),
    Setting("backends.fritzbox", "verify_tls", False, N_("Check the box's certificate"),
            N_("The box's own certificate is self-signed; switch on if you installed one.")),
    Setting("backends.linphone", "socket", "/tmp/linphone",  # noqa: S108 - where the daemon puts it
            N_("linphone-daemon socket"),
            N_("Start the daemon with --pipe linphone for /tmp/linphone.")),
    Setting("backends.linphone", "proxy", "sip.example.com", N_("SIP domain for calls"),
            N_("Numbers are dialled as sip:<number>@<this>.")),
    Setting("backends.freeswitch", "address", "127.0.0.1:8021",
            N_("FreeSWITCH event socket address")),
    Setting("backends.freeswitch", "endpoint", "user/1001", N_("Your endpoint"),
            N_("Rung first when you dial, e.g. user/1001.")),
    Setting("backends.freeswitch", "extension", "1001", N_("Your extension"),
            N_("Incoming calls to this number open the caller card.")),
    Setting("backends.freeswitch", "context", "default", N_("FreeSWITCH dial plan context")),
    Setting("backends.ami", "address", "pbx.example.com:5038", N_("Asterisk manager address")),
    Setting("backends.ami", "username", "desktop-client", N_("Asterisk manager user")),
    Setting("backends.ami", "channel", "PJSIP/101", N_("Your phone's channel"),
            N_("The device Asterisk rings first when you dial, e.g. PJSIP/101.")),
    Setting("backends.ami", "context", "from-internal", N_("Dial plan context")),
    Setting("backends.ami", "caller_id", "", N_("Caller ID for your calls")),
    Setting("cti", "sources", (), N_("Call sources"),
            N_("Where incoming calls are reported from besides the command-line hook: "
               "baresip, action_url, fritzbox (one per line).")),
    Setting("cti.action_url", "listen", "127.0.0.1", N_("Action URL address"),
            N_("127.0.0.1 for this PC only; 0.0.0.0 to let desk phones in the LAN reach it.")),
    Setting("cti.action_url", "port", 8765, N_("Action URL port"), minimum=1),
    Setting("cti.fritzbox", "address", "fritz.box:1012", N_("FRITZ!Box call monitor"),
            N_("host:port of the call monitor; switch it on by dialling #96*5* on a phone "
               "of the box.")),
    Setting("popup", "style", "auto", N_("Show incoming calls as"),
            N_("Automatic: the desktop's notifications where there is no tray, cards next "
               "to the tray icon where there is one."),
            choices=("auto", "cards", "native", "both")),
    Setting("popup", "open_url", "", N_("Open in CRM (URL)"),
            N_("For example https://crm.example/adr?id={external_id}; also {e164}, "
               "{contact_id}.")),
    Setting("journal", "retention_days", 365, N_("Keep calls (days)"),
            N_("Calls older than this are forgotten (0: keep all)."), maximum=36500),
    Setting("ui", "language", "auto", N_("Language"), choices=("auto", "de", "en")),
    Setting("app", "autostart", False, N_("Start at login")),
    Setting("app", "register_asked", False, N_("Asked to become the tel: handler")),
    Setting("app", "setup_done", False, N_("First-run assistant done")),
)


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


SECRET_SCHEMA: tuple[Secret, ...] = (
    Secret("backends.ami", "secret", N_("Manager secret")),
    Secret("backends.deskphone", "password", N_("Desk phone password")),
    Secret("backends.fritzbox", "password", N_("FRITZ!Box password")),
    Secret("backends.freeswitch", "password", N_("Event socket password")),
    Secret("cti.action_url", "token", N_("Action URL token"), field=False),
    Secret("directory.ldap", "password", N_("Bind password")),
    Secret("directory.carddav", "password", N_("Password")),
    Secret("directory.vertec", "token", N_("API token")),
    Secret("directory.http", "token", N_("API token")),
)
#: The keyring entries the app uses (``desktop-client secret set KEY``).
SECRETS: tuple[str, ...] = tuple(secret.name for secret in SECRET_SCHEMA)

_BY_NAME = {setting.name: setting for setting in SCHEMA}
#: Location problems logged already (Config.location() runs for every call).
_WARNED: set[str] = set()


class ConfigError(ValueError):
    """A setting with a value of the wrong type or out of range."""


@dataclass(frozen=True)
class Config:
    """The effective settings: defaults overlaid by config.toml."""

    values: Mapping[str, Value]

    def get(self, name: Key) -> Value:
        """The value of ``section.key``."""
        return self.values[name]

    def of(self, setting: Setting) -> Value:
        """The value of a setting of the schema (for code that walks :data:`SCHEMA`)."""
        return self.values[setting.name]

    def text(self, name: Key) -> str:
        """A string setting."""
        return str(self.values[name])

    def number(self, name: Key) -> int:
        """An integer setting."""
        value = self.values[name]
        assert isinstance(value, int)
        return int(value)

    def flag(self, name: Key) -> bool:
        """A yes/no setting."""
        return bool(self.values[name])

    def strings(self, name: Key) -> tuple[str, ...]:
        """A list-of-strings setting."""
        value = self.values[name]
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
        fallback = {name: _BY_NAME[f"location.{name}"].default for name in names}
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
            values[name] = _checked(_setting(name), value)
        return Config(values)


def defaults() -> Config:
    """Every setting at its default."""
    return Config({setting.name: setting.default for setting in SCHEMA})


def _setting(name: str) -> Setting:
    try:
        return _BY_NAME[name]
    except KeyError:
        raise ConfigError(f"unknown setting {name}") from None


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



def load(path: Path, *, keep_broken: bool = False) -> tuple[Config, list[str]]:
    """Load config.toml over the defaults.

    Never raises for a bad file: a file that is not TOML is moved aside (kept, not
    overwritten) and the defaults are used; a bad value falls back to its default. The second
    item lists what the user should be told. ``keep_broken``: a read-only command reports a
    broken file and leaves it where it is.
    """
    config = defaults()
    problems: list[str] = []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
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
    values = dict(config.values)
    for name, value in _flatten(data):
        if _SECRET_KEY.search(name.rsplit(".", 1)[-1]) and value:
            message = (f"config.toml: {name} looks like a secret and is not read from a file; "
                       "store it in the system keyring with 'desktop-client secret set KEY' "
                       "(or in Settings) and remove it from config.toml")
            problems.append(message)
            log.warning("%s", message)
            continue
        if name not in _BY_NAME:
            continue  # other keys ([cti], [popup], …) belong to their owners
        try:
            values[name] = _checked(_BY_NAME[name], value)
        except ConfigError as error:
            problems.append(f"{error}; using the default")
            log.warning("config.toml: %s; using the default", error)
    return Config(values), problems


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


def save(config: Config, path: Path) -> None:
    """Write the schema's settings into config.toml atomically.

    Sections the schema does not own (``[backends.*]``, ``[cti]``, ``[popup]``) are kept as
    they are; a crash leaves the old file or the new one, never half of one.
    """
    import tempfile  # noqa: PLC0415 - only on save: the tray app starts without them

    import tomli_w  # noqa: PLC0415

    try:
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        data = {}
    for setting in SCHEMA:
        table = data
        for part in setting.section.split("."):
            table = table.setdefault(part, {})
        value = config.of(setting)
        table[setting.key] = list(value) if isinstance(value, tuple) else value
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".config-", suffix=".toml", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(tomli_w.dumps(data))
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
