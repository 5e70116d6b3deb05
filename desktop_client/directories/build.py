"""The configured directory servers, built from config.toml and the keyring."""

from __future__ import annotations

import logging
from collections.abc import Callable

from desktop_client.core import config as config_mod
from desktop_client.core.directory import Directory
from desktop_client.core.profile import Profile
from desktop_client.core.secrets import SecretError
from desktop_client.directories.base import DirectorySource, SourceError
from desktop_client.directories.service import DirectoryService

log = logging.getLogger("desktop_client.directory")

#: Reads a secret by its key ("" or None when none is stored); may raise SecretError.
SecretReader = Callable[[str], str | None]


def build_source(name: str, config: config_mod.Config, secret: SecretReader) -> DirectorySource:
    """One source; SourceError when it cannot be set up."""
    try:
        if name == "ldap":
            from desktop_client.directories.ldap import LdapSettings, LdapSource  # noqa: PLC0415

            bind_dn = config.text("directory.ldap.bind_dn")
            return LdapSource(LdapSettings(
                config.text("directory.ldap.url"), config.text("directory.ldap.base_dn"),
                bind_dn, (secret("directory.ldap.password") or "") if bind_dn else "",
                config.text("directory.ldap.filter"), config.flag("directory.ldap.start_tls")))
        if name == "carddav":
            from desktop_client.directories.carddav import (  # noqa: PLC0415
                CardDavSettings,
                CardDavSource,
            )

            user = config.text("directory.carddav.username")
            return CardDavSource(CardDavSettings(
                config.text("directory.carddav.url"), user,
                (secret("directory.carddav.password") or "") if user else ""))
        if name == "http":
            from desktop_client.directories.http_crm import (  # noqa: PLC0415
                HttpCrmSettings,
                HttpCrmSource,
            )

            return HttpCrmSource(HttpCrmSettings(
                config.text("directory.http.url"), config.text("directory.http.number_format"),
                config.text("directory.http.results_path"),
                config.text("directory.http.name_path"),
                config.text("directory.http.company_path"),
                config.text("directory.http.kind_path"), config.text("directory.http.url_path"),
                _optional(secret, "directory.http.token")))
        if name == "vertec":
            from desktop_client.directories.vertec import (  # noqa: PLC0415
                VertecSettings,
                VertecSource,
            )

            return VertecSource(VertecSettings(
                config.text("directory.vertec.url"), secret("directory.vertec.token") or "",
                config.text("directory.vertec.sync_ocl"),
                config.text("directory.vertec.lookup_sqlwhere"),
                config.text("directory.vertec.normalized_member"),
                config.text("directory.vertec.activity_type"),
                config.text("directory.vertec.responsible"),
                config.text("directory.vertec.open_url")), config.location())
    except SecretError as error:
        raise SourceError(name, "setup", f"cannot read its password from the keyring "
                                         f"({error})") from None
    raise SourceError(name, "setup", f"the {name} directory is not available in this version")


def _optional(secret: SecretReader, key: str) -> str:
    """A secret a source can go without (a CRM that needs no token): "" when unreadable."""
    try:
        return secret(key) or ""
    except SecretError as error:
        log.warning("%s cannot be read from the keyring (%s); asking without it", key, error)
        return ""


def build_service(profile: Profile, config: config_mod.Config,
                  secret: SecretReader) -> DirectoryService:
    """Every configured source, in lookup order; those that cannot be set up are noted."""
    sources: list[DirectorySource] = []
    broken: list[SourceError] = []
    for name in config.strings("directory.sources"):
        try:
            sources.append(build_source(name, config, secret))
        except SourceError as error:
            log.warning("directory server %s", error)
            broken.append(error)

    def open_directory() -> Directory:
        directory = Directory(profile.database_file)
        directory.wait_for_writers(10.0)
        return directory

    return DirectoryService(open_directory, config.location(), sources, broken,
                            config.number("directory.live_deadline_ms") / 1000)
