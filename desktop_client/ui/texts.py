"""Translatable words for things the Qt-free core names in code (risks, sources, states)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop_client.core.numbers import Risk
from desktop_client.dialing.policy import Source


def _t(text: str) -> str:
    return QCoreApplication.translate("Texts", text)


def risk_label(risk: Risk) -> str:
    """A risk in words."""
    labels = {
        Risk.PREMIUM_RATE: _t("premium-rate number"),
        Risk.SHARED_COST: _t("shared-cost number"),
        Risk.PERSONAL: _t("personal number"),
        Risk.UAN: _t("universal access number"),
        Risk.VOIP: _t("VoIP number"),
        Risk.EMERGENCY: _t("EMERGENCY number"),
        Risk.SHORT_CODE: _t("short number"),
        Risk.STAR_HASH: _t("* or # service code"),
        Risk.LETTERS: _t("number written with letters"),
        Risk.NOT_VALID: _t("number not known to be valid"),
    }
    return labels[risk]


def source_label(source: Source) -> str:
    """Where a request came from, in words."""
    if source == Source.OUTSIDE:
        return _t("another program (a tel: link)")
    return _t("you")


def type_label(name: str) -> str:
    """A phonenumbers type name (FIXED_LINE, …) in words."""
    labels = {
        "FIXED_LINE": _t("fixed line"),
        "MOBILE": _t("mobile"),
        "FIXED_LINE_OR_MOBILE": _t("fixed line or mobile"),
        "TOLL_FREE": _t("toll-free"),
        "PREMIUM_RATE": _t("premium rate"),
        "SHARED_COST": _t("shared cost"),
        "VOIP": _t("VoIP"),
        "PERSONAL_NUMBER": _t("personal number"),
        "PAGER": _t("pager"),
        "UAN": _t("universal access number"),
        "VOICEMAIL": _t("voicemail"),
        "INTERNAL": _t("internal extension"),
        "EMERGENCY": _t("emergency number"),
        "SHORT_CODE": _t("short number"),
    }
    return labels.get(name, _t("unknown type"))
