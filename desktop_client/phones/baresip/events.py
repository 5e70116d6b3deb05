"""baresip's ctrl_tcp events as CallEvents.

``CALL_INCOMING`` (ringing), ``CALL_ESTABLISHED`` (answered), ``CALL_CLOSED`` (ended); the
caller is the user part of ``peeruri``, the name ``peerdisplayname``, the id ``id``.
"""

from __future__ import annotations

from typing import Any

from desktop_client.core.calls import CallEvent, CallState
from desktop_client.core.sip_uri import peer_user

_STATES = {
    "CALL_INCOMING": CallState.RINGING,
    "CALL_ESTABLISHED": CallState.ANSWERED,
    "CALL_CLOSED": CallState.ENDED,
}


def to_call_event(event: dict[str, Any]) -> CallEvent | None:
    """The CallEvent for a baresip event, or None for events that are not about calls."""
    state = _STATES.get(str(event.get("type", "")))
    if state is None or event.get("class") != "call":
        return None
    call_id = str(event.get("id", ""))[:200]
    if not call_id:
        return None
    return CallEvent(
        call_id=f"baresip:{call_id}",
        state=state,
        remote_number=peer_user(str(event.get("peeruri", "")))[:256],
        remote_name=str(event.get("peerdisplayname", ""))[:1024],
        source="baresip",
        local_line=str(event.get("accountaor", ""))[:200],
        incoming=event.get("direction", "incoming") == "incoming",
    )
