"""Loopback emulator of the Asterisk 20 Manager Interface (AMI), built from Asterisk's source.

Source read: github.com/asterisk/asterisk, branch ``20`` (AMI_VERSION "9.0.0" in
include/asterisk/manager.h; master says "13.0.0", so the banner is the version marker).
Where a behaviour depends on the channel driver, chan_pjsip of the same branch was read.

Protocol (main/manager.c)
  * banner ``Asterisk Call Manager/9.0.0``: session_do().
  * replies ``Response, ActionID (only if given), Message``: astman_send_response_full().
  * Login: action_login(): wrong credentials -> sleep(1), ``Error``/``Authentication failed``,
    and the session is closed (the action returns -1); success -> ``Authentication accepted``
    then ``FullyBooted`` if the session receives system events.  ``Events:`` of Login goes
    through authenticate() -> set_eventmask() -> strings_to_mask(): all digits -> that number
    (so "1" means *system only*), ast_false ("off", "no", ...) -> 0, ast_true ("on", "yes",
    ...) -> everything, otherwise a comma list ("call,dialplan"); empty -> read permission.
  * an event goes to a session iff ``(send_events & category) == category``:
    __manager_event_sessions_va(); Privilege is authority_to_str(category) -> "call,all".
  * before Login every action other than Login/Logoff/Challenge -> ``Permission denied``;
    no Action -> ``Missing action in request``; unknown -> ``Invalid/unknown command: X. Use
    Action: ListCommands to show available commands.``: process_message().
  * Ping -> ``Response: Success, [ActionID], Ping: Pong, Timestamp: sec.usec``: action_ping().
  * Logoff -> ``Response: Goodbye``, ``Message: Thanks for all the fish.``: action_logoff().
  * Events action -> ``Events: On``/``Events: Off``: action_events().
  * Originate: action_originate(): ``Channel not specified`` / ``Invalid channel`` (no "/");
    ``Async: true`` -> ack ``Originate successfully queued`` at once and fast_originate() in a
    thread, which emits ``OriginateResponse`` (ActionID, Response, Channel, Context, Exten,
    Reason, Uniqueid, CallerIDNum, CallerIDName; ``<unknown>`` for empty caller id).  On failure
    no channel is returned, so Channel is the *requested* "PJSIP/101" and Uniqueid is
    ``<unknown>`` (or ChannelId).  Without Async the reply waits for the dial and is
    ``Originate successfully queued`` or ``Originate failed``; no OriginateResponse then.
  * Reason: pbx.c pbx_dial_reason(): answered -> 4 (AST_CONTROL_ANSWER), no answer (cause 19)
    -> 3 (AST_CONTROL_RINGING), busy -> 5, congestion -> 8, else 0.

Channel events (main/manager_channels.c)
  * every channel block is ast_manager_build_channel_state_string_prefix(): Channel,
    ChannelState, ChannelStateDesc, CallerIDNum, CallerIDName, ConnectedLineNum,
    ConnectedLineName, Language, AccountCode, Context, Exten, Priority, Uniqueid, Linkedid, in
    this order; empty caller/connected fields are ``<unknown>``; Dial events prefix the callee
    with ``Dest``.  States: ast_state2str() in main/channel.c (0 Down, 4 Ring, 5 Ringing, 6 Up).
  * channel_snapshot_update() runs channel_state_change (Newchannel / Hangup / Newstate),
    channel_newexten (Newexten: Extension, Application, AppData; category dialplan),
    channel_new_callerid (NewCallerid: CID-CallingPres), channel_new_connected_line
    (NewConnectedLine), in that order, all with the new snapshot's fields.
  * Hangup: ``Cause``, ``Cause-txt`` (ast_cause2str), ``TechCause`` only when non-zero (SIP
    code; in released 20.x since 20.17.0).  HangupRequest: channel_hangup_request_cb(), Cause /
    TechCause only if set (ast_queue_hangup() in channel.c).
  * channel_dial_cb(): DialBegin = [caller block] + Dest block + DialString; a dial status of
    RINGING/PROCEEDING/PROGRESS gives ``DialState``, any other ``DialEnd`` (+ DialStatus).  The
    caller block is absent when there is no calling channel.

Originate (main/pbx.c, main/dial.c)
  * pbx_outgoing_attempt() -> ast_dial_prerun() -> begin_dial_prerun(): ast_request() makes
    the device channel (chan_pjsip_new(): "PJSIP/<endpoint>-%08x", state Down, caller id =
    endpoint callerid or empty, context = endpoint context, exten "s" from
    __ast_channel_alloc_ap()) -> Newchannel; then appl "AppDial2", data "(Outgoing Line)" ->
    Newexten.  A CallerID in the Originate is set afterwards with ast_set_callerid() and
    ast_channel_set_connected_line() -> NewCallerid, NewConnectedLine.
  * pbx_outgoing_exec(): ast_dial_run(outgoing->dial, NULL, 0): no calling channel, so
    begin_dial_channel() publishes DialBegin with only Dest* fields (real trace: PAMI issue
    #120, "DialBegin ... destchannel => SIP/200-00000146 ... dialstring => 200" without any
    Channel key; asterisk-java issue #708 "Dial Events aren't expected to have a source channel
    when created via an originate").
  * chan_pjsip on 180 sets the state Ringing (Newstate) and queues RINGING; dial.c
    handle_frame() then publishes DialState RINGING.  On 200 OK __ast_read() sets Up
    (Newstate) before handle_frame() publishes DialEnd ANSWER.
  * no answer: handle_timeout_trip() hangs the channel up with cause 19 (NO_ANSWER) and
    publishes *no* DialEnd; chan_pjsip_hangup() sets TechCause hangup_cause2sip(19) = 480.
  * answered: fast_originate() emits OriginateResponse while pbx_outgoing_exec() starts the
    dialplan on the device channel (a race in real Asterisk; here the response comes first).

Dial() (apps/app_dial.c dial_exec_full(), wait_for_answer())
  * the callee channel gets linkedid of the caller (requestor), appl "AppDial", data
    "(Outgoing Line)", exten of the caller -> Newexten; with no callerid of its own its
    caller id becomes stored_clid = the caller's dialplan exten (the dialled number / DID)
    -> NewCallerid; connected line = caller's caller id -> NewConnectedLine when it changes.
  * DialBegin carries the caller block, the callee Dest block and DialString (the part after
    "PJSIP/").  RINGING -> DialState; answer -> DialEnd ANSWER; caller hangs up -> DialEnd
    CANCEL (publish_dial_end_event()), then hanguptree() hangs the callee up with the
    caller's cause.  The caller is sent connected-line updates only if the callee had a
    caller id of its own (DIAL_CALLERID_ABSENT).
  * answer: features.c answers the caller (Newstate Up) and bridges: BridgeCreate,
    BridgeEnter (callee imparted first), BridgeLeave, BridgeDestroy (main/manager_bridges.c:
    BridgeUniqueid, BridgeType basic, BridgeTechnology simple_bridge, BridgeCreator/Name
    ``<unknown>``, BridgeNumChannels, BridgeVideoSourceMode none; then the channel block).
  * a CANCEL from the trunk: chan_pjsip_session_end() takes inv cause 487 -> TechCause 487,
    Cause ast_sip_hangup_sip2cause(487) = 127 "Interworking, unspecified"; the device gets
    127 via hanguptree() and TechCause hangup_cause2sip(127) = 500.  A BYE (2xx) leaves no
    tech cause; the final cause is 16 "Normal Clearing".

Not emulated: VarSet, Cdr/Cel, DeviceStateChange, ExtensionStatus, SoftHangupRequest, RTCP,
DTMF events, Timestamp/SystemName headers (timestampevents off, no systemname), and
channel variables in OriginateResponse.
"""

from __future__ import annotations

import contextlib
import itertools
import socket
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace

AMI_VERSION = "9.0.0"

# include/asterisk/manager.h EVENT_FLAG_* and the perms[] table of main/manager.c
EVENT_FLAG_SYSTEM = 1 << 0
EVENT_FLAG_CALL = 1 << 1
EVENT_FLAG_DIALPLAN = 1 << 11
EVENT_FLAG_ORIGINATE = 1 << 12
ALL_EVENTS = 0x7FFFFFFF
_PERMS: tuple[tuple[int, str], ...] = (
    (1 << 0, "system"), (1 << 1, "call"), (1 << 2, "log"), (1 << 3, "verbose"),
    (1 << 4, "command"), (1 << 5, "agent"), (1 << 6, "user"), (1 << 7, "config"),
    (1 << 8, "dtmf"), (1 << 9, "reporting"), (1 << 10, "cdr"), (1 << 11, "dialplan"),
    (1 << 12, "originate"), (1 << 13, "agi"), (1 << 15, "cc"), (1 << 16, "aoc"),
    (1 << 17, "test"), (1 << 18, "security"), (1 << 30, "message"), (ALL_EVENTS, "all"),
)
_TRUE = {"yes", "true", "y", "t", "1", "on"}  # main/utils.c ast_true()
_FALSE = {"no", "false", "n", "f", "0", "off"}  # ast_false()

STATE_DESC = {0: "Down", 1: "Rsrvd", 2: "OffHook", 3: "Dialing", 4: "Ring", 5: "Ringing",
              6: "Up", 7: "Busy"}
DOWN, RING, RINGING, UP = 0, 4, 5, 6
CAUSE_TXT = {0: "Unknown", 16: "Normal Clearing", 17: "User busy",
             19: "User alerting, no answer", 127: "Interworking, unspecified"}


def strings_to_mask(text: str) -> int:
    """main/manager.c strings_to_mask(); -1 for an empty string."""
    if not text:
        return -1
    if text.isdigit():
        return int(text)
    if text.lower() in _FALSE:
        return 0
    if text.lower() in _TRUE:
        return ALL_EVENTS
    words = text.split(",")
    mask = 0
    for num, label in _PERMS:
        if label in words:
            mask |= num
    return mask


def authority_to_str(category: int) -> str:
    """main/manager.c authority_to_str(): 'call,all' for a call event."""
    labels = [label for num, label in _PERMS if category & num]
    return ",".join(labels) or "<none>"


@dataclass(frozen=True)
class Chan:
    """The part of an ast_channel_snapshot that AMI prints."""

    name: str
    state: int
    cid_num: str
    cid_name: str
    conn_num: str
    conn_name: str
    context: str
    exten: str
    priority: int
    uniqueid: str
    linkedid: str
    language: str = "en"
    accountcode: str = ""

    def fields(self, prefix: str = "") -> list[tuple[str, str]]:
        p = prefix
        return [
            (f"{p}Channel", self.name),
            (f"{p}ChannelState", str(self.state)),
            (f"{p}ChannelStateDesc", STATE_DESC[self.state]),
            (f"{p}CallerIDNum", self.cid_num or "<unknown>"),
            (f"{p}CallerIDName", self.cid_name or "<unknown>"),
            (f"{p}ConnectedLineNum", self.conn_num or "<unknown>"),
            (f"{p}ConnectedLineName", self.conn_name or "<unknown>"),
            (f"{p}Language", self.language),
            (f"{p}AccountCode", self.accountcode),
            (f"{p}Context", self.context),
            (f"{p}Exten", self.exten),
            (f"{p}Priority", str(self.priority)),
            (f"{p}Uniqueid", self.uniqueid),
            (f"{p}Linkedid", self.linkedid),
        ]


Fields = list[tuple[str, str]]


def parse_callerid(text: str) -> tuple[str, str]:
    """'Anna <101>' -> ('Anna', '101'); '101' -> ('', '101') (ast_callerid_parse, roughly)."""
    text = text.strip()
    if "<" in text and text.endswith(">"):
        name, num = text[:-1].split("<", 1)
        return name.strip().strip('"'), num.strip()
    if text.replace("+", "").isdigit():
        return "", text
    return text, ""


class _Session:
    def __init__(self, conn: socket.socket) -> None:
        self.conn = conn
        self.lock = threading.Lock()
        self.authenticated = False
        self.send_events = 0

    def send(self, data: bytes) -> None:
        with self.lock, contextlib.suppress(OSError):
            self.conn.sendall(data)


class AsteriskAmi:
    """An Asterisk 20 AMI on 127.0.0.1 with one SIP phone (``device``) and one SIP trunk.

    Knobs (attributes, may be changed at any time):
      silent            stop answering actions and sending events; sockets stay open
      device_answers    False: the phone rings out, OriginateResponse Failure / Reason 3
      device_callerid   the phone endpoint's ``callerid=`` ("Anna <101>"), "" = none
      device_context    the phone endpoint's context (Originate leg and Dial() callee)
      trunk_context     the trunk endpoint's context (incoming calls start there)
      ring_seconds      how long a phone rings before answering / the caller giving up
      talk_seconds      how long an answered call lasts before the far end hangs up
      step_seconds      pause between events of one call, so a client sees them arrive
      auth_fail_delay   Asterisk sleeps 1 s before refusing a Login
    """

    def __init__(self, *, username: str = "desk", secret: str = "pw",
                 device: str = "PJSIP/101") -> None:
        self.username = username
        self.secret = secret
        self.device = device
        self.silent = False
        self.device_answers = True
        self.device_callerid = ""
        self.device_context = "from-internal"
        self.trunk_context = "from-trunk"
        self.ring_seconds = 0.05
        self.talk_seconds = 0.05
        self.step_seconds = 0.0
        self.auth_fail_delay = 1.0
        self.actions: list[dict[str, str]] = []
        self._sessions: list[_Session] = []
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._chan_idx = itertools.count(0x1F)
        self._unique_int = itertools.count(17)
        self._closed = False
        self._server = socket.socket()
        self._server.bind(("127.0.0.1", 0))
        self._server.listen(8)
        self.port: int = self._server.getsockname()[1]
        threading.Thread(target=self._accept, name="ami-accept", daemon=True).start()

    # -- plumbing ------------------------------------------------------------------------

    def close(self) -> None:
        self._closed = True
        with contextlib.suppress(OSError):
            self._server.close()
        for session in list(self._sessions):
            with contextlib.suppress(OSError):
                session.conn.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                session.conn.close()
        self.join(2.0)

    def join(self, timeout: float = 5.0) -> None:
        """Wait until every call scenario running in the background has sent its last event."""
        deadline = time.monotonic() + timeout
        for thread in list(self._threads):
            thread.join(max(0.0, deadline - time.monotonic()))

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self._server.accept()
            except OSError:
                return
            session = _Session(conn)
            with self._lock:
                self._sessions.append(session)
            threading.Thread(target=self._serve, args=(session,), daemon=True).start()

    def _serve(self, session: _Session) -> None:
        session.send(f"Asterisk Call Manager/{AMI_VERSION}\r\n".encode())
        buffer = b""
        try:
            while data := session.conn.recv(4096):
                buffer += data.replace(b"\r\n", b"\n")
                while b"\n\n" in buffer:
                    block, buffer = buffer.split(b"\n\n", 1)
                    if block.strip() and not self._handle(session, block.decode(errors="replace")):
                        return
        except OSError:
            return
        finally:
            with self._lock:
                if session in self._sessions:
                    self._sessions.remove(session)
            with contextlib.suppress(OSError):
                session.conn.close()

    def _handle(self, session: _Session, block: str) -> bool:
        """One action; False closes the session."""
        action: dict[str, str] = {}
        for line in block.split("\n"):
            if ":" in line:
                key, value = line.split(":", 1)
                action.setdefault(key.strip(), value.strip())
        self.actions.append(action)
        if self.silent:
            return True
        headers = {k.lower(): v for k, v in action.items()}  # astman_get_header is caseless
        name = headers.get("action", "")
        aid = headers.get("actionid", "")
        kind = name.lower()
        if not name:
            session.send(self._response("Error", aid, "Missing action in request"))
            return True
        if not session.authenticated and kind not in ("login", "logoff", "challenge"):
            session.send(self._response("Error", aid, "Permission denied"))
            return True
        if kind == "login":
            return self._login(session, headers, aid)
        if kind == "logoff":
            session.send(self._response("Goodbye", aid, "Thanks for all the fish."))
            return False
        if kind == "ping":
            now = time.time()
            session.send(self._block([("Response", "Success"), *self._aid(aid),
                                      ("Ping", "Pong"), ("Timestamp", f"{now:.6f}")]))
            return True
        if kind == "events":
            mask = strings_to_mask(headers.get("eventmask", ""))
            if mask < 0:
                session.send(self._response("Error", aid, "Invalid event mask"))
                return True
            session.send_events = mask
            state = "On" if mask else "Off"
            session.send(self._block([("Response", "Success"), *self._aid(aid),
                                      ("Events", state)]))
            return True
        if kind == "originate":
            self._originate(session, headers, aid)
            return True
        message = (f"Invalid/unknown command: {name}. "
                   "Use Action: ListCommands to show available commands.")
        session.send(self._response("Error", aid, message))
        return True

    def _login(self, session: _Session, headers: dict[str, str], aid: str) -> bool:
        if session.authenticated:
            session.send(self._response("Success", aid, "Already authenticated"))
            return True
        if headers.get("username") != self.username or headers.get("secret") != self.secret:
            time.sleep(self.auth_fail_delay)
            session.send(self._response("Error", aid, "Authentication failed"))
            return False
        events = headers.get("events", "")
        mask = strings_to_mask(events) if events else ALL_EVENTS
        session.send_events = ALL_EVENTS if mask < 0 else mask
        session.authenticated = True
        session.send(self._response("Success", aid, "Authentication accepted"))
        if session.send_events & EVENT_FLAG_SYSTEM:
            session.send(self._event("FullyBooted", EVENT_FLAG_SYSTEM, [
                ("Uptime", "3600"), ("LastReload", "3600"), ("Status", "Fully Booted")]))
        return True

    @staticmethod
    def _aid(aid: str) -> Fields:
        return [("ActionID", aid)] if aid else []

    @staticmethod
    def _block(fields: Fields) -> bytes:
        return ("".join(f"{k}: {v}\r\n" for k, v in fields) + "\r\n").encode()

    def _response(self, response: str, aid: str, message: str) -> bytes:
        return self._block([("Response", response), *self._aid(aid), ("Message", message)])

    @staticmethod
    def _event(name: str, category: int, fields: Fields) -> bytes:
        head = [("Event", name), ("Privilege", authority_to_str(category))]
        return AsteriskAmi._block(head + fields)

    def _emit(self, name: str, category: int, fields: Fields) -> None:
        if self.silent or self._closed:
            return
        data = self._event(name, category, fields)
        with self._lock:
            sessions = list(self._sessions)
        for session in sessions:
            if session.authenticated and (session.send_events & category) == category:
                session.send(data)
        if self.step_seconds:
            time.sleep(self.step_seconds)

    # -- channels ------------------------------------------------------------------------

    def _uniqueid(self) -> str:
        return f"{int(time.time())}.{next(self._unique_int)}"

    def _new_channel(self, endpoint: str, state: int, *, cid: tuple[str, str], context: str,
                     exten: str, linkedid: str | None = None) -> Chan:
        uid = self._uniqueid()
        name = f"PJSIP/{endpoint}-{next(self._chan_idx):08x}"
        return Chan(name, state, cid[1], cid[0], "", "", context, exten, 1, uid,
                    linkedid or uid)

    def _snapshot_events(self, old: Chan | None, new: Chan, appl: str = "",
                         data: str = "", appl_changed: bool = False) -> None:
        """main/manager_channels.c channel_snapshot_update() for one snapshot change."""
        if old is None:
            self._emit("Newchannel", EVENT_FLAG_CALL, new.fields())
        elif old.state != new.state:
            self._emit("Newstate", EVENT_FLAG_CALL, new.fields())
        cep_changed = old is None or (old.context, old.exten, old.priority) != (
            new.context, new.exten, new.priority)
        if appl and (appl_changed or cep_changed):
            self._emit("Newexten", EVENT_FLAG_DIALPLAN, [
                *new.fields(), ("Extension", new.exten), ("Application", appl),
                ("AppData", data)])
        if old is not None and (old.cid_num, old.cid_name) != (new.cid_num, new.cid_name):
            self._emit("NewCallerid", EVENT_FLAG_CALL, [
                *new.fields(), ("CID-CallingPres", "0 (Presentation Allowed, Not Screened)")])
        if old is not None and (old.conn_num, old.conn_name) != (new.conn_num, new.conn_name):
            self._emit("NewConnectedLine", EVENT_FLAG_CALL, new.fields())

    def _set(self, chan: Chan, **changes: object) -> Chan:
        new = replace(chan, **changes)  # type: ignore[arg-type]
        self._snapshot_events(chan, new)
        return new

    def _hangup(self, chan: Chan, cause: int, tech_cause: int = 0) -> None:
        extra = [("Cause", str(cause)), ("Cause-txt", CAUSE_TXT.get(cause, "Unknown"))]
        if tech_cause:
            extra.append(("TechCause", str(tech_cause)))
        self._emit("Hangup", EVENT_FLAG_CALL, [*chan.fields(), *extra])

    def _hangup_request(self, chan: Chan, cause: int = 0, tech_cause: int = 0) -> None:
        extra = [("Cause", str(cause))] if cause else []
        if tech_cause:
            extra.append(("TechCause", str(tech_cause)))
        self._emit("HangupRequest", EVENT_FLAG_CALL, [*chan.fields(), *extra])

    def _dial(self, event: str, caller: Chan | None, peer: Chan, tail: Fields) -> None:
        fields = (caller.fields() if caller else []) + peer.fields("Dest") + tail
        self._emit(event, EVENT_FLAG_CALL, fields)

    def _bridge(self, first: Chan, second: Chan, hangs_up: Chan) -> None:
        """features.c ast_bridge_call(): callee imparted first; the far end leaves first."""
        bridge = str(uuid.uuid4())

        def fields(count: int) -> Fields:
            return [("BridgeUniqueid", bridge), ("BridgeType", "basic"),
                    ("BridgeTechnology", "simple_bridge"), ("BridgeCreator", "<unknown>"),
                    ("BridgeName", "<unknown>"), ("BridgeNumChannels", str(count)),
                    ("BridgeVideoSourceMode", "none")]

        self._emit("BridgeCreate", EVENT_FLAG_CALL, fields(0))
        self._emit("BridgeEnter", EVENT_FLAG_CALL, fields(1) + first.fields())
        self._emit("BridgeEnter", EVENT_FLAG_CALL, fields(2) + second.fields())
        time.sleep(self.talk_seconds)
        other = second if hangs_up is first else first
        self._hangup_request(hangs_up)
        self._emit("BridgeLeave", EVENT_FLAG_CALL, fields(1) + hangs_up.fields())
        self._emit("BridgeLeave", EVENT_FLAG_CALL, fields(0) + other.fields())
        self._emit("BridgeDestroy", EVENT_FLAG_CALL, fields(0))

    def _endpoint(self, channel: str) -> str:
        return channel.split("/", 1)[1]

    # -- scenarios -----------------------------------------------------------------------

    def incoming_call(self, caller_num: str, caller_name: str = "", *, answered: bool,
                      trunk: str = "PJSIP/trunk", did: str = "0441234567",
                      background: bool = False) -> None:
        """An outside call on the trunk; the dialplan at ``did`` does Dial(<device>,30).

        answered=False: the caller gives up while the phone rings (SIP CANCEL on the trunk).
        background=True runs it in a thread (see join()); otherwise this returns at the end.
        """
        if background:
            self._spawn(self._incoming, caller_num, caller_name, answered, trunk, did)
        else:
            self._incoming(caller_num, caller_name, answered, trunk, did)

    def _spawn(self, target: Callable[..., object], *args: object) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)
        self._threads.append(thread)
        thread.start()

    def _incoming(self, caller_num: str, caller_name: str, answered: bool, trunk: str,
                  did: str) -> None:
        # chan_pjsip_incoming_request -> chan_pjsip_new(session, AST_STATE_RING, exten)
        t = self._new_channel(self._endpoint(trunk), RING, cid=(caller_name, caller_num),
                              context=self.trunk_context, exten=did)
        self._snapshot_events(None, t)
        self._snapshot_events(t, t, "Dial", f"{self.device},30", appl_changed=True)
        dev_name, dev_num = parse_callerid(self.device_callerid)
        # app_dial: ast_request(..., requestor=chan) -> Linkedid of the trunk channel
        d0 = self._new_channel(self._endpoint(self.device), DOWN, cid=(dev_name, dev_num),
                               context=self.device_context, exten="s", linkedid=t.linkedid)
        self._snapshot_events(None, d0)
        own_cid = bool(dev_num)
        d = replace(d0, exten=did, cid_num=dev_num or did, cid_name=dev_name,
                    conn_num=t.cid_num, conn_name=t.cid_name)
        self._snapshot_events(d0, d, "AppDial", "(Outgoing Line)", appl_changed=True)
        self._dial("DialBegin", t, d, [("DialString", self._endpoint(self.device))])
        d = self._set(d, state=RINGING)
        self._dial("DialState", t, d, [("DialStatus", "RINGING")])
        time.sleep(self.ring_seconds)
        if not answered:
            # chan_pjsip_session_end(): inv cause 487 -> cause 127, tech cause 487
            self._hangup_request(t, 127, 487)
            self._dial("DialEnd", t, d, [("DialStatus", "CANCEL")])
            self._hangup(d, 127, 500)  # hanguptree(); chan_pjsip_hangup(): cause2sip(127)
            self._hangup(t, 127, 487)
            return
        d = self._set(d, state=UP)
        if own_cid:  # update_connected_line_from_peer() unless DIAL_CALLERID_ABSENT
            t = self._set(t, conn_num=d.cid_num, conn_name=d.cid_name)
        self._dial("DialEnd", t, d, [("DialStatus", "ANSWER")])
        t = self._set(t, state=UP)
        self._bridge(d, t, hangs_up=t)
        self._hangup(d, 16)
        self._hangup(t, 16)

    def _originate(self, session: _Session, headers: dict[str, str], aid: str) -> None:
        channel = headers.get("channel", "")
        if not channel:
            session.send(self._response("Error", aid, "Channel not specified"))
            return
        if "/" not in channel:
            session.send(self._response("Error", aid, "Invalid channel"))
            return
        if headers.get("async", "").lower() in _TRUE:
            session.send(self._response("Success", aid, "Originate successfully queued"))
            self._spawn(self._originate_call, headers, aid, True)
            return
        if not headers.get("priority") and not headers.get("application"):
            session.send(self._response(
                "Error", aid, "Originate with 'Exten' requires 'Context' and 'Priority'"))
            return
        ok = self._originate_call(headers, aid, False)
        if ok:
            session.send(self._response("Success", aid, "Originate successfully queued"))
        else:
            session.send(self._response("Error", aid, "Originate failed"))

    def _originate_call(self, headers: dict[str, str], aid: str, is_async: bool) -> bool:
        channel = headers["channel"]
        context = headers.get("context", "")
        exten = headers.get("exten", "")
        cid_name, cid_num = parse_callerid(headers.get("callerid", ""))
        endpoint = self._endpoint(channel)
        dev_name, dev_num = parse_callerid(self.device_callerid) if (
            channel.lower() == self.device.lower()) else ("", "")
        # begin_dial_prerun(): ast_request() then appl AppDial2 / "(Outgoing Line)"
        d = self._new_channel(endpoint, DOWN, cid=(dev_name, dev_num),
                              context=self.device_context, exten="s")
        self._snapshot_events(None, d)
        self._snapshot_events(d, d, "AppDial2", "(Outgoing Line)", appl_changed=True)
        if cid_num or cid_name:  # pbx_outgoing_attempt(): ast_set_callerid + connected line
            d = self._set(d, cid_num=cid_num, cid_name=cid_name)
            d = self._set(d, conn_num=cid_num, conn_name=cid_name)
        self._dial("DialBegin", None, d, [("DialString", endpoint)])
        d = self._set(d, state=RINGING)
        self._dial("DialState", None, d, [("DialStatus", "RINGING")])
        time.sleep(self.ring_seconds)
        if not self.device_answers:
            # handle_timeout_trip(): cause NO_ANSWER, hangup, no DialEnd published
            self._hangup(d, 19, 480)
            if is_async:
                self._originate_response(aid, "Failure", channel, context, exten, 3,
                                         headers.get("channelid") or "<unknown>",
                                         cid_num, cid_name)
            return False
        d = self._set(d, state=UP)
        self._dial("DialEnd", None, d, [("DialStatus", "ANSWER")])
        if is_async:
            self._originate_response(aid, "Success", d.name, context, exten, 4, d.uniqueid,
                                     cid_num, cid_name)
        if self.silent or self._closed:
            return True
        if not is_async:
            self._spawn(self._originate_dialplan, d, context, exten)
        else:
            self._originate_dialplan(d, context, exten)
        return True

    def _originate_response(self, aid: str, response: str, channel: str, context: str,
                            exten: str, reason: int, uniqueid: str, cid_num: str,
                            cid_name: str) -> None:
        self._emit("OriginateResponse", EVENT_FLAG_CALL, [
            *self._aid(aid), ("Response", response), ("Channel", channel),
            ("Context", context), ("Exten", exten), ("Reason", str(reason)),
            ("Uniqueid", uniqueid), ("CallerIDNum", cid_num or "<unknown>"),
            ("CallerIDName", cid_name or "<unknown>")])

    def _originate_dialplan(self, d: Chan, context: str, exten: str, *,
                            trunk: str = "PJSIP/trunk") -> None:
        # pbx_outgoing_exec(): context/exten set, ast_pbx_run(); exten => X,1,Dial(...)
        trunk_ep = self._endpoint(trunk)
        dialstring = f"{exten}@{trunk_ep}"
        d2 = replace(d, context=context, exten=exten, priority=1)
        self._snapshot_events(d, d2, "Dial", f"PJSIP/{dialstring},60")
        d = d2
        t0 = self._new_channel(trunk_ep, DOWN, cid=("", ""), context=self.trunk_context,
                               exten="s", linkedid=d.linkedid)
        self._snapshot_events(None, t0)
        # dial_exec_full(): no caller id from the driver -> stored_clid = caller's exten
        t = replace(t0, exten=exten, cid_num=exten, cid_name="",
                    conn_num=d.cid_num, conn_name=d.cid_name)
        self._snapshot_events(t0, t, "AppDial", "(Outgoing Line)", appl_changed=True)
        self._dial("DialBegin", d, t, [("DialString", dialstring)])
        t = self._set(t, state=RINGING)
        self._dial("DialState", d, t, [("DialStatus", "RINGING")])
        time.sleep(self.ring_seconds)
        t = self._set(t, state=UP)
        self._dial("DialEnd", d, t, [("DialStatus", "ANSWER")])
        self._bridge(t, d, hangs_up=t)
        self._hangup(t, 16)
        self._hangup(d, 16)
