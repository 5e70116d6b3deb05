"""Translatable words for things the Qt-free core names in code (risks, sources, states)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QLocale

from desktop_client.core.calls import LastCall
from desktop_client.core.dial import DialTarget
from desktop_client.core.journal import JournalEntry
from desktop_client.core.messages import Message
from desktop_client.core.numbers import Risk
from desktop_client.outgoing.policy import Source


def risk_label(risk: Risk) -> str:
    """A risk in words."""
    labels = {
        Risk.PREMIUM_RATE: QCoreApplication.translate("Texts", "premium-rate number"),
        Risk.SHARED_COST: QCoreApplication.translate("Texts", "shared-cost number"),
        Risk.PERSONAL: QCoreApplication.translate("Texts", "personal number"),
        Risk.UAN: QCoreApplication.translate("Texts", "universal access number"),
        Risk.VOIP: QCoreApplication.translate("Texts", "VoIP number"),
        Risk.EMERGENCY: QCoreApplication.translate("Texts", "EMERGENCY number"),
        Risk.SHORT_CODE: QCoreApplication.translate("Texts", "short number"),
        Risk.STAR_HASH: QCoreApplication.translate("Texts", "* or # service code"),
        Risk.LETTERS: QCoreApplication.translate("Texts", "number written with letters"),
        Risk.NOT_VALID: QCoreApplication.translate("Texts", "number not known to be valid"),
    }
    return labels[risk]


def target_label(target: DialTarget) -> str:
    """The number as it will be dialled, with the extension the phone will send."""
    if not target.extension:
        return target.display
    return QCoreApplication.translate("Texts", "%1, extension %2").replace(
        "%1", target.display).replace("%2", target.extension)


def source_label(source: Source) -> str:
    """Where a request came from, in words."""
    if source == Source.OUTSIDE:
        return QCoreApplication.translate("Texts", "another program (a tel: link)")
    return QCoreApplication.translate("Texts", "you")


def type_label(name: str) -> str:
    """A phonenumbers type name (FIXED_LINE, …) in words."""
    labels = {
        "FIXED_LINE": QCoreApplication.translate("Texts", "fixed line"),
        "MOBILE": QCoreApplication.translate("Texts", "mobile"),
        "FIXED_LINE_OR_MOBILE": QCoreApplication.translate("Texts", "fixed line or mobile"),
        "TOLL_FREE": QCoreApplication.translate("Texts", "toll-free"),
        "PREMIUM_RATE": QCoreApplication.translate("Texts", "premium rate"),
        "SHARED_COST": QCoreApplication.translate("Texts", "shared cost"),
        "VOIP": QCoreApplication.translate("Texts", "VoIP"),
        "PERSONAL_NUMBER": QCoreApplication.translate("Texts", "personal number"),
        "PAGER": QCoreApplication.translate("Texts", "pager"),
        "UAN": QCoreApplication.translate("Texts", "universal access number"),
        "VOICEMAIL": QCoreApplication.translate("Texts", "voicemail"),
        "INTERNAL": QCoreApplication.translate("Texts", "internal extension"),
        "EMERGENCY": QCoreApplication.translate("Texts", "emergency number"),
        "SHORT_CODE": QCoreApplication.translate("Texts", "short number"),
    }
    return labels.get(name, QCoreApplication.translate("Texts", "unknown type"))


def channel_label(kind: str) -> str:
    """A directory channel kind (phone, mobile, fax …) in words."""
    labels = {
        "phone": QCoreApplication.translate("Texts", "phone"),
        "mobile": QCoreApplication.translate("Texts", "mobile phone"),
        "fax": QCoreApplication.translate("Texts", "fax"),
    }
    return labels.get(kind, kind)


def country_label(region: str) -> str:
    """A country's name in the user's language, from its ISO code (Qt's names, translated)."""
    territory = QLocale.codeToTerritory(region)
    if territory == QLocale.Country.AnyTerritory:
        return region
    return QCoreApplication.translate("Countries", QLocale.territoryToString(territory))


def place_label(place: str, region: str) -> str:
    """Where an unknown caller's number belongs: "Berlin, Germany", or the country alone
    where its data name no finer place."""
    country = country_label(region) if region else ""
    if place and country and place != country:
        return QCoreApplication.translate("Places", "%1, %2").replace("%1", place).replace(
            "%2", country)
    return place or country


def message_text(message: Message) -> str:
    """A message of the core (why a number was refused, why it needs a click) in words."""
    def name(key: str, value: str) -> str:
        if key == "country":
            return country_label(value)
        return ", ".join(risk_label(Risk(risk)) for risk in value.split(",") if risk)

    return message.render(lambda template: QCoreApplication.translate("Messages", template),
                          name)


def state_label(state: str) -> str:
    """A journal state in words."""
    labels = {
        "missed": QCoreApplication.translate("Texts", "missed"),
        "answered": QCoreApplication.translate("Texts", "answered"),
        "dialled": QCoreApplication.translate("Texts", "dialled"),
        "failed": QCoreApplication.translate("Texts", "failed"),
        "rejected": QCoreApplication.translate("Texts", "rejected"),
    }
    return labels.get(state, state)


def outcome_label(entry: JournalEntry) -> str:
    """A journal entry's state with what was done from the card or notice:
    "answered · transferred to +41791234567"."""
    def tr(text: str) -> str:
        return QCoreApplication.translate("Texts", text)

    done = entry.control.split(",") if entry.control else []
    if "decline" in done and entry.state == "rejected":
        return tr("declined here")
    parts = [state_label(entry.state)]
    if "answer" in done:
        parts.append(tr("answered here"))
    if "hangup" in done:
        parts.append(tr("hung up here"))
    if entry.transferred_to:
        parts.append(tr("transferred to %1").replace("%1", entry.transferred_to))
    return " · ".join(parts)


def last_call_label(call: LastCall) -> str:
    """One of a caller's last calls: when, which way (arrow), how it ended."""
    arrow = "→" if call.direction == "outgoing" else "←"
    return f"{call.started_at} {arrow} {state_label(call.state)}"


def activity_texts(entry: JournalEntry, name: str = "") -> tuple[str, str]:
    """The title and text of a call's CRM activity (``name``: the CRM address's):
    direction, number, time, duration."""
    def tr(text: str) -> str:
        return QCoreApplication.translate("Texts", text)

    who = name or entry.contact_name or entry.e164 or entry.number
    if entry.direction == "outgoing":
        title = tr("Call to %1").replace("%1", who)
    elif entry.state == "missed":
        title = tr("Missed call from %1").replace("%1", who)
    elif entry.state == "rejected":
        title = tr("Declined call from %1").replace("%1", who)
    else:
        title = tr("Call from %1").replace("%1", who)
    started = datetime.fromisoformat(entry.started_at).astimezone().strftime("%Y-%m-%d %H:%M")
    minutes, seconds = divmod(entry.duration_s, 60)
    lines = [
        tr("Number: %1").replace("%1", entry.e164 or entry.number),
        tr("Time: %1").replace("%1", started),
        tr("Direction: %1").replace("%1", tr("outgoing") if entry.direction == "outgoing"
                                        else tr("incoming")),
        tr("Outcome: %1").replace("%1", state_label(entry.state)),
    ]
    if entry.state == "answered":
        lines.append(tr("Duration: %1").replace("%1", f"{minutes}:{seconds:02d}"))
    if entry.transferred_to:
        lines.append(tr("Transferred to: %1").replace("%1", entry.transferred_to))
    return title, "\n".join(lines)
