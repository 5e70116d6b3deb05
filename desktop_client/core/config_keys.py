"""The names of the core's settings, as a type: mypy refuses a key that is not in the schema.

``Config.text("dial.backend")`` is checked against this list when the types are checked, not
when the line runs; tests/unit/test_config.py holds it equal to
:data:`desktop_client.core.core_settings.CORE`. A phone system's settings are read by their
:class:`~desktop_client.core.config.Setting` (``config.text(ami_settings.CHANNEL)``).
"""

from __future__ import annotations

from typing import Literal

Key = Literal[
    "location.country",
    "location.area_code",
    "location.outside_line",
    "location.internal_digits",
    "directory.company_block_digits",
    "directory.sources",
    "directory.sync_minutes",
    "directory.live_deadline_ms",
    "directory.vertec.url",
    "directory.vertec.log_calls",
    "directory.vertec.activity_type",
    "directory.vertec.responsible",
    "directory.vertec.open_url",
    "directory.vertec.sync_ocl",
    "directory.vertec.lookup_sqlwhere",
    "directory.vertec.normalized_member",
    "directory.ldap.url",
    "directory.ldap.base_dn",
    "directory.ldap.bind_dn",
    "directory.ldap.filter",
    "directory.ldap.start_tls",
    "directory.carddav.url",
    "directory.carddav.username",
    "directory.http.url",
    "directory.http.number_format",
    "directory.http.results_path",
    "directory.http.name_path",
    "directory.http.company_path",
    "directory.http.kind_path",
    "directory.http.url_path",
    "dial.backend",
    "dial.confirm",
    "dial.countdown_s",
    "dial.per_minute",
    "dial.number_format",
    "dial.outside_line",
    "dial.hotkey",
    "cti.sources",
    "popup.style",
    "popup.open_url",
    "journal.retention_days",
    "ui.language",
    "app.autostart",
    "app.register_asked",
    "app.setup_done",
]
