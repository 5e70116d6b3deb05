"""Loopback emulator of FreeSWITCH's event socket (mod_event_socket, inbound mode), vanilla config.

Built from FreeSWITCH's own source (github signalwire/freeswitch, master as of 2026-08,
commit cc93a683) and real event dumps, not from our client.

Protocol (src/mod/event_handlers/mod_event_socket/mod_event_socket.c):

* listener_run: on connect send ``Content-Type: auth/request``; replies are
  ``Content-Type: command/reply`` + ``Reply-Text: ...``.
* parse_command: ``auth <pw>`` -> ``+OK accepted`` or ``-ERR invalid`` (then LFLAG_RUNNING is
  cleared: the server sends ``text/disconnect-notice`` "Disconnected, goodbye..." and closes).
  Before auth every other command gets ``-ERR command not found``; ``exit`` -> ``+OK bye``.
* ``event plain <names...>`` -> ``+OK event listener enabled plain``; no known name ->
  ``-ERR no keywords supplied``. ``ALL`` subscribes to everything. event_handler() only queues
  events whose type is in the listener's event_list: unsubscribed events are never sent,
  BACKGROUND_JOB included.
* Event framing: ``Content-Length: N\\nContent-Type: text/event-plain\\n\\n`` + the
  switch_event_serialize() text: ``Name: url-encoded value`` lines (switch_url_encode, unsafe set
  SWITCH_URL_UNSAFE in switch_utils.h), then ``Content-Length: n\\n\\n<body>`` if the event has a
  body, else a blank line.
* ``api <cmd>`` -> ``Content-Type: api/response\\nContent-Length: n\\n\\n<body>`` (api_exec);
  ``api status`` body as mod_commands.c status_function ("UP 0 years, ...").
* ``bgapi <cmd>`` -> ``Reply-Text: +OK Job-UUID: <id>`` plus a ``Job-UUID: <id>`` header; id is
  the client's ``Job-UUID`` header if given. api_exec then fires BACKGROUND_JOB with Job-UUID,
  Job-Command, Job-Command-Arg and the command output as body.
* Unknown command: ``-ERR command not found``.

originate (mod_commands.c originate_function, switch_ivr_originate.c):

* the first leg is created with no session: cid name SWITCH_DEFAULT_CLID_NAME ("" -> the
  Caller-Caller-ID-Name header is left out, switch_caller.c only adds non-empty fields) and cid
  number SWITCH_DEFAULT_CLID_NUMBER "0000000000" (switch_types.h); callee id "Outbound Call" /
  destination (switch_ivr_originate.c). The output is ``+OK <uuid of that leg>\\n`` once it
  answers, else ``-ERR <CAUSE>\\n`` (e.g. ``-ERR NO_ANSWER``). Only then the leg is transferred
  (switch_ivr_session_transfer: new profile, rdnis = old destination, Transfer-Source
  ``<epoch>:<uuid>:bl_xfer:<ext>/<context>/<dialplan>``) and its dialplan creates the next leg.
* ``user/1001``: mod_dptools.c user_outgoing_channel resolves the directory dial-string to
  ``sofia/internal/sip:1001@<contact>``; sofia_glue_set_name names the channel
  ``sofia/internal/sip:1001@host:port`` (cut at ';'). After it answers, the user's directory
  variables (conf/vanilla/directory/default/1001.xml: effective_caller_id_name "Extension 1001",
  effective_caller_id_number 1001, outbound_caller_id_* from vars.xml: "FreeSWITCH"/0000000000)
  are set on it, so the next leg it bridges carries "Extension 1001"/1001
  (switch_core_session_outgoing_channel applies effective_caller_id_*), except through
  01_example.com.xml gateway routes which set effective_caller_id_* = outbound_caller_id_*.
* ``loopback/1001`` (mod_loopback.c): ``loopback/1001-a`` (outbound, the originate leg) and
  ``loopback/1001-b`` (inbound, runs the dialplan for 1001 in context default). -a counts as
  answered when -b is answered: when 1001 does not pick up, Local_Extension answers -b for
  voicemail, so the originate reports +OK anyway.

Dial plan (conf/vanilla/dialplan/public/00_inbound_did.xml, default.xml Local_Extension):
the DID call arrives in context public with destination = DID, ``transfer <ext> XML default``;
Local_Extension sets call_timeout=30, hangup_after_bridge, continue_on_fail and bridges
``user/${dialed_extension}@${domain_name}``; on failure ``answer``, ``sleep 1000``, ``bridge
loopback/app=voicemail:default ${domain_name} ${dialed_extension}`` (legs
``loopback/voicemail-a``/``-b``, mod_loopback.c: destination "voicemail").

Channel events (src/switch_channel.c switch_channel_event_set_basic_data, switch_caller.c
switch_caller_profile_event_set_data): Channel-State, Channel-Call-State, Channel-State-Number,
Channel-Name, Unique-ID, Call-Direction, Presence-Call-Direction, Channel-HIT-Dialplan,
Channel-Presence-ID, Channel-Call-UUID, Answer-State, Hangup-Cause, Caller-*, then Other-Type
("originator" on the B-leg, whose originator profile is set before its CHANNEL_CREATE by
switch_core_session_outgoing_channel; "originatee" on the A-leg once the originate succeeded) with
Other-Leg-*; variable_* follow. CHANNEL_CREATE (+ CHANNEL_ORIGINATE for outbound legs) at CS_INIT
(switch_core_state_machine.c), CHANNEL_ANSWER (switch_channel_perform_mark_answered),
CHANNEL_BRIDGE / CHANNEL_UNBRIDGE only on the originator with Bridge-A/B-Unique-ID
(switch_ivr_multi_threaded_bridge), CHANNEL_HANGUP (switch_channel_perform_hangup),
CHANNEL_HANGUP_COMPLETE at CS_REPORTING (switch_core_session_reporting_state).
Inbound sofia legs: channel ``sofia/<profile>/<from_user>@<from_host>``, caller id name = From
display name, else from_user (sofia.c sofia_handle_sip_i_invite).

Real traces compared: cgrates sessionmanager test (FreeSWITCH 1.4, vanilla, 2014): A-leg
CHANNEL_HANGUP_COMPLETE of a 1003 -> 1002 call with Other-Type originatee, Other-Leg-Caller-ID-Name
"Extension 1003", Other-Leg-Callee-ID-Name "Outbound Call", Other-Leg-Channel-Name
``sofia/internal/sip%3A1002%40192.168.56.1%3A5060``, Caller-Transfer-Source ``...:bl_xfer:...``;
BACKGROUND_JOB dumps from the FreeSWITCH wiki / ESL client test suites (2008, 2013), e.g. body
``-ERR RECOVERY_ON_TIMER_EXPIRE``.

Left out on purpose: CHANNEL_STATE/CALLSTATE/EXECUTE/PROGRESS*/DESTROY, HEARTBEAT, RE_SCHEDULE and
codec headers. With ``event plain ALL`` a real server sends these too. The relative order of
BACKGROUND_JOB and the failed leg's CHANNEL_HANGUP_COMPLETE is a thread race in real FreeSWITCH;
here BACKGROUND_JOB comes first.
"""

from __future__ import annotations

import contextlib
import re
import socket
import threading
import time
import uuid
from dataclasses import dataclass, field, replace
from email.utils import formatdate
from urllib.parse import quote

_UNSAFE = "\r\n #%&+:;<=>?@[\\]^`{|}\""  # SWITCH_URL_UNSAFE, src/include/switch_utils.h
_SAFE = "".join(chr(c) for c in range(0x20, 0x7F) if chr(c) not in _UNSAFE)
_LOCAL_EXTENSION = re.compile(r"^(10[01][0-9])$")  # default.xml Local_Extension
_STATE_NUMBER = {"CS_INIT": 2, "CS_ROUTING": 2, "CS_EXECUTE": 4, "CS_EXCHANGE_MEDIA": 5,
                 "CS_CONSUME_MEDIA": 7, "CS_HANGUP": 10, "CS_REPORTING": 11}
_WHERE = {  # Event-Calling-File / -Function / -Line-Number (HEAD)
    "CHANNEL_CREATE": ("switch_core_state_machine.c", "switch_core_session_run", 626),
    "CHANNEL_ORIGINATE": ("switch_core_state_machine.c", "switch_core_session_run", 632),
    "CHANNEL_ANSWER": ("switch_channel.c", "switch_channel_perform_mark_answered", 3848),
    "CHANNEL_BRIDGE": ("switch_ivr_bridge.c", "switch_ivr_multi_threaded_bridge", 1689),
    "CHANNEL_UNBRIDGE": ("switch_ivr_bridge.c", "switch_ivr_multi_threaded_bridge", 1879),
    "CHANNEL_HANGUP": ("switch_channel.c", "switch_channel_perform_hangup", 3447),
    "CHANNEL_HANGUP_COMPLETE": ("switch_core_state_machine.c",
                                "switch_core_session_reporting_state", 943),
    "BACKGROUND_JOB": ("mod_event_socket.c", "api_exec", 1580),
}
_GOODBYE = "Disconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n"


def url_encode(value: str) -> str:
    """switch_url_encode: bytes outside 0x20..0x7e and SWITCH_URL_UNSAFE become %XX."""
    return quote(value, safe=_SAFE)


def serialize(headers: list[tuple[str, str]], body: str | None = None) -> str:
    """switch_event_serialize(event, &str, SWITCH_TRUE)."""
    text = "".join(f"{name}: {url_encode(value) or '_undef_'}\n" for name, value in headers)
    if body:
        return f"{text}Content-Length: {len(body.encode())}\n\n{body}"
    return text + "\n"


@dataclass
class Profile:
    """switch_caller_profile_t, the fields switch_caller_profile_event_set_data prints."""

    direction: str
    caller_id_name: str
    caller_id_number: str
    destination_number: str
    context: str
    uuid: str = ""
    chan_name: str = ""
    username: str = ""
    dialplan: str = "XML"
    orig_caller_id_name: str = ""
    orig_caller_id_number: str = ""
    callee_id_name: str = ""
    callee_id_number: str = ""
    network_addr: str = ""
    ani: str = ""
    source: str = "mod_sofia"
    transfer_source: str = ""
    rdnis: str = ""
    profile_index: int = 1
    created: int = 0

    def headers(self, prefix: str) -> list[tuple[str, str]]:
        out = [(f"{prefix}-Direction", self.direction),
               (f"{prefix}-Logical-Direction", self.direction)]
        for name, value in (
                ("Username", self.username), ("Dialplan", self.dialplan),
                ("Caller-ID-Name", self.caller_id_name),
                ("Caller-ID-Number", self.caller_id_number),
                ("Orig-Caller-ID-Name", self.orig_caller_id_name or self.caller_id_name),
                ("Orig-Caller-ID-Number", self.orig_caller_id_number or self.caller_id_number),
                ("Callee-ID-Name", self.callee_id_name),
                ("Callee-ID-Number", self.callee_id_number),
                ("Network-Addr", self.network_addr), ("ANI", self.ani),
                ("Destination-Number", self.destination_number), ("Unique-ID", self.uuid),
                ("Source", self.source), ("Transfer-Source", self.transfer_source),
                ("Context", self.context), ("RDNIS", self.rdnis),
                ("Channel-Name", self.chan_name),
                ("Profile-Index", str(self.profile_index))):
            if value:
                out.append((f"{prefix}-{name}", value))
        out += [(f"{prefix}-Profile-Created-Time", str(self.created)),
                (f"{prefix}-Channel-Created-Time", str(self.created))]
        return out


@dataclass
class Leg:
    """One channel: its own caller profile plus originator/originatee profile."""

    name: str
    profile: Profile
    uuid: str = field(default_factory=lambda: str(uuid.uuid4()))
    answered: bool = False
    hangup_cause: str = ""
    other_type: str = ""
    other: Profile | None = None
    presence_id: str = ""
    call_uuid: str = ""
    variables: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.profile.uuid = self.uuid
        self.profile.chan_name = self.name
        self.profile.created = time.time_ns() // 1000


@dataclass
class _Conn:
    sock: socket.socket
    authed: bool = False
    events: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def send(self, data: str) -> None:
        with self.lock:
            self.sock.sendall(data.encode())


class FreeSwitchEsl:
    """Inbound event socket on 127.0.0.1:<port> that plays vanilla-config call flows."""

    def __init__(self, *, password: str = "ClueCon", extension: str = "1001",
                 domain: str = "192.168.0.10") -> None:
        self.password = password
        self.extension = extension
        self.domain = domain
        self.phone_addr = "192.168.0.51:5060"   # registered contact of the user's phone
        self.gateway_addr = "203.0.113.5"        # the provider behind sofia/external
        self.core_uuid = str(uuid.uuid4())
        self.hostname = "freeswitch"
        self.commands: list[str] = []
        self.silent = False
        self.drop_before_job = False
        self.originate_outcome = "answer"
        self.ring_seconds = 0.0                  # pause between ringing and the outcome
        self.talk_seconds = 0.0                  # pause between bridge and hangup
        self._seq = 0
        self._lock = threading.Lock()
        self._conns: list[_Conn] = []
        self._server = socket.socket()
        self._server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._server.bind(("127.0.0.1", 0))
        self._server.listen(8)
        self.port: int = self._server.getsockname()[1]
        self._started = time.monotonic()
        threading.Thread(target=self._serve, daemon=True).start()

    # ----------------------------------------------------------------- socket side

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._server.close()
        with self._lock:
            conns, self._conns = list(self._conns), []
        for conn in conns:
            with contextlib.suppress(OSError):
                conn.sock.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                conn.sock.close()

    def _serve(self) -> None:
        while True:
            try:
                sock, _ = self._server.accept()
            except OSError:
                return
            conn = _Conn(sock)
            with self._lock:
                self._conns.append(conn)
            threading.Thread(target=self._client, args=(conn,), daemon=True).start()

    def _client(self, conn: _Conn) -> None:
        with contextlib.suppress(OSError), conn.sock:
            conn.send("Content-Type: auth/request\n\n")
            buffer = b""
            while data := conn.sock.recv(4096):
                buffer += data.replace(b"\r\n", b"\n")
                while b"\n\n" in buffer:
                    block, buffer = buffer.split(b"\n\n", 1)
                    command = block.decode().strip("\n")
                    if not command:
                        continue
                    self.commands.append(command)
                    if not self.silent and not self._handle(conn, command):
                        return
        with self._lock:
            if conn in self._conns:
                self._conns.remove(conn)

    @staticmethod
    def _reply(conn: _Conn, text: str) -> None:
        conn.send(f"Content-Type: command/reply\nReply-Text: {text}\n\n")

    def _bye(self, conn: _Conn) -> bool:
        conn.send(f"Content-Type: text/disconnect-notice\nContent-Length: {len(_GOODBYE)}\n\n"
                  f"{_GOODBYE}")
        with self._lock:
            if conn in self._conns:
                self._conns.remove(conn)
        return False

    def _handle(self, conn: _Conn, block: str) -> bool:
        """One command block; False closes the connection."""
        line, *rest = block.split("\n")
        headers = dict(h.split(": ", 1) for h in rest if ": " in h)
        lower = line.lower()
        if lower.startswith(("exit", "...")):
            self._reply(conn, "+OK bye")
            return self._bye(conn)
        if not conn.authed:
            if lower.startswith("auth "):
                if line[5:] == self.password:
                    conn.authed = True
                    self._reply(conn, "+OK accepted")
                    return True
                self._reply(conn, "-ERR invalid")
                return self._bye(conn)
            self._reply(conn, "-ERR command not found")
            return True
        if lower.startswith("event "):
            return self._subscribe(conn, line)
        if lower.startswith("api "):
            body = self._api(line[4:].strip())
            conn.send(f"Content-Type: api/response\nContent-Length: {len(body.encode())}\n\n"
                      f"{body}")
            return True
        if lower.startswith("bgapi "):
            job = headers.get("Job-UUID") or str(uuid.uuid4())
            conn.send(f"Content-Type: command/reply\nReply-Text: +OK Job-UUID: {job}\n"
                      f"Job-UUID: {job}\n\n")
            if self.drop_before_job:
                with contextlib.suppress(OSError):
                    conn.sock.shutdown(socket.SHUT_RDWR)
                return False
            # api_exec runs in its own thread: the socket keeps answering meanwhile
            threading.Thread(target=self._bgapi, args=(line[6:].strip(), job),
                             daemon=True).start()
            return True
        self._reply(conn, "-ERR command not found")
        return True

    def _subscribe(self, conn: _Conn, line: str) -> bool:
        words = line.split()[1:]
        if words and words[0].lower() in ("plain", "xml", "json"):
            words = words[1:]
        names = [w.upper() for w in words if re.fullmatch(r"[A-Za-z_]+", w)]
        if not names:
            self._reply(conn, "-ERR no keywords supplied")
            return True
        conn.events.update(names)
        self._reply(conn, "+OK event listener enabled plain")
        return True

    def _api(self, command: str) -> str:
        name = command.split(" ", 1)[0]
        if name == "status":
            secs = int(time.monotonic() - self._started)
            return (f"UP 0 years, 0 days, 0 hours, {secs // 60} minutes, {secs % 60} seconds, "
                    "0 milliseconds, 0 microseconds\n"
                    "FreeSWITCH (Version 1.10.12 -release 64bit) is ready\n"
                    "0 session(s) since startup\n0 session(s) - peak 0, last 5min 0 \n"
                    "0 session(s) per Sec out of max 30, peak 0, last 5min 0 \n"
                    "1000 session(s) max\nmin idle cpu 0.00/99.00\n"
                    "Current Stack Size/Max 240K/8192K\n")
        return f"-ERR {name} Command not found!\n"

    # ----------------------------------------------------------------- events

    def _emit(self, event: str, headers: list[tuple[str, str]], body: str | None = None) -> None:
        with self._lock:
            self._seq += 1
            seq = self._seq
            conns = [c for c in self._conns
                     if c.authed and ("ALL" in c.events or event in c.events)]
        if not conns:
            return
        now = time.time()
        where = _WHERE.get(event, ("switch_event.c", "switch_event_fire_detailed", 0))
        head = [("Event-Name", event), ("Core-UUID", self.core_uuid),
                ("FreeSWITCH-Hostname", self.hostname), ("FreeSWITCH-Switchname", self.hostname),
                ("FreeSWITCH-IPv4", self.domain), ("FreeSWITCH-IPv6", "::1"),
                ("Event-Date-Local", time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(now))),
                ("Event-Date-GMT", formatdate(now, usegmt=True)),
                ("Event-Date-Timestamp", str(int(now * 1_000_000))),
                ("Event-Calling-File", where[0]), ("Event-Calling-Function", where[1]),
                ("Event-Calling-Line-Number", str(where[2])), ("Event-Sequence", str(seq))]
        text = serialize(head + headers, body)
        frame = f"Content-Length: {len(text.encode())}\nContent-Type: text/event-plain\n\n{text}"
        for conn in conns:
            with contextlib.suppress(OSError):
                conn.send(frame)

    def _channel(self, event: str, leg: Leg, state: str, call_state: str,
                 extra: list[tuple[str, str]] | None = None) -> None:
        if leg.hangup_cause:
            answer_state = "hangup"
        elif leg.answered:
            answer_state = "answered"
        else:
            answer_state = "ringing"
        inbound = leg.profile.direction == "inbound"
        headers = list(extra or [])
        headers += [("Channel-State", state), ("Channel-Call-State", call_state),
                    ("Channel-State-Number", str(_STATE_NUMBER[state])),
                    ("Channel-Name", leg.name), ("Unique-ID", leg.uuid),
                    ("Call-Direction", leg.profile.direction),
                    ("Presence-Call-Direction", leg.profile.direction),
                    ("Channel-HIT-Dialplan", "true" if inbound else "false")]
        if leg.presence_id:
            headers.append(("Channel-Presence-ID", leg.presence_id))
        headers += [("Channel-Call-UUID", leg.call_uuid or leg.uuid),
                    ("Answer-State", answer_state)]
        if leg.hangup_cause:
            headers.append(("Hangup-Cause", leg.hangup_cause))
        headers += leg.profile.headers("Caller")
        if leg.other is not None:
            headers.append(("Other-Type", leg.other_type))
            headers += leg.other.headers("Other-Leg")
        variables = {"direction": leg.profile.direction, "uuid": leg.uuid,
                     "channel_name": leg.name, **leg.variables}
        if leg.hangup_cause:
            variables["hangup_cause"] = leg.hangup_cause
        headers += [(f"variable_{k}", v) for k, v in variables.items()]
        self._emit(event, headers)

    def _create(self, leg: Leg) -> None:
        self._channel("CHANNEL_CREATE", leg, "CS_INIT", "DOWN")
        if leg.profile.direction == "outbound":
            self._channel("CHANNEL_ORIGINATE", leg, "CS_INIT", "DOWN")

    def _answer(self, leg: Leg, state: str = "CS_EXECUTE") -> None:
        leg.answered = True
        self._channel("CHANNEL_ANSWER", leg, state, "RINGING")

    def _hangup(self, leg: Leg, cause: str, state: str = "CS_EXECUTE") -> None:
        call_state = "ACTIVE" if leg.answered else "RINGING"
        leg.hangup_cause = cause
        self._channel("CHANNEL_HANGUP", leg, state, call_state)

    def _complete(self, leg: Leg) -> None:
        self._channel("CHANNEL_HANGUP_COMPLETE", leg, "CS_REPORTING", "HANGUP")

    def _bridge(self, a: Leg, b: Leg) -> None:
        """switch_ivr_multi_threaded_bridge: b gets call_uuid, event on the originator a."""
        b.call_uuid = a.uuid
        a.variables.update(bridge_uuid=b.uuid, bridge_channel=b.name, last_bridge_to=b.uuid)
        self._channel("CHANNEL_BRIDGE", a, "CS_EXECUTE", "ACTIVE",
                      [("Bridge-A-Unique-ID", a.uuid), ("Bridge-B-Unique-ID", b.uuid)])

    def _unbridge(self, a: Leg, b: Leg) -> None:
        self._channel("CHANNEL_UNBRIDGE", a, "CS_EXECUTE", "ACTIVE",
                      [("Bridge-A-Unique-ID", a.uuid), ("Bridge-B-Unique-ID", b.uuid)])

    @staticmethod
    def _pause(seconds: float) -> None:
        if seconds > 0:
            time.sleep(seconds)

    # ----------------------------------------------------------------- legs

    def _transfer(self, leg: Leg, extension: str, context: str = "default") -> None:
        """switch_ivr.c switch_ivr_session_transfer: a new caller profile."""
        old = leg.profile
        leg.profile = replace(
            old, destination_number=extension, context=context, dialplan="XML",
            rdnis=old.destination_number, profile_index=old.profile_index + 1,
            transfer_source=f"{int(time.time())}:{uuid.uuid4()}:bl_xfer:{extension}/{context}/XML")
        leg.variables["transfer_source"] = leg.profile.transfer_source

    def _user_leg(self, a: Leg, user: str, caller_name: str, caller_number: str) -> Leg:
        """bridge user/<user>@domain from leg a (mod_dptools user_outgoing_channel + sofia)."""
        p = a.profile
        profile = replace(p, direction="outbound", caller_id_name=caller_name,
                          caller_id_number=caller_number,
                          orig_caller_id_name=p.orig_caller_id_name or p.caller_id_name,
                          orig_caller_id_number=p.orig_caller_id_number or p.caller_id_number,
                          destination_number=user, callee_id_name="Outbound Call",
                          callee_id_number=user, rdnis=user, context="default",
                          transfer_source="", profile_index=1)
        b = Leg(f"sofia/internal/sip:{user}@{self.phone_addr}", profile,
                presence_id=f"{user}@{self.domain}",
                other_type="originator", other=replace(a.profile))
        b.variables.update(dialed_user=user, dialed_domain=self.domain,
                           sofia_profile_name="internal", user_context="default")
        return b

    def _dialplan_leg(self, a: Leg, number: str) -> Leg:
        """default context: Local_Extension for 10[01]x, else a 01_example.com.xml gateway."""
        eff_name = a.variables.get("effective_caller_id_name", a.profile.caller_id_name)
        eff_num = a.variables.get("effective_caller_id_number", a.profile.caller_id_number)
        if _LOCAL_EXTENSION.match(number):
            return self._user_leg(a, number, eff_name, eff_num)
        name = a.variables.get("outbound_caller_id_name", a.profile.caller_id_name)
        num = a.variables.get("outbound_caller_id_number", a.profile.caller_id_number)
        profile = replace(a.profile, direction="outbound", caller_id_name=name,
                          caller_id_number=num, destination_number=number,
                          callee_id_name="Outbound Call", callee_id_number=number,
                          transfer_source="", rdnis="", profile_index=1)
        b = Leg(f"sofia/external/{number}", profile, other_type="originator",
                other=replace(a.profile))
        b.variables.update(sofia_profile_name="external")
        return b

    def _voicemail(self, a: Leg) -> tuple[Leg, Leg]:
        """answer; sleep 1000; bridge loopback/app=voicemail:default <domain> <ext>."""
        self._answer(a)
        va = Leg("loopback/voicemail-a",
                 replace(a.profile, direction="outbound", destination_number="voicemail",
                         source="mod_loopback", callee_id_name="Outbound Call",
                         callee_id_number="voicemail", transfer_source="", profile_index=1),
                 other_type="originator", other=replace(a.profile))
        app_arg = f"default {self.domain} {a.profile.destination_number}"
        va.variables.update(loopback_leg="A", loopback_app="voicemail", loopback_app_arg=app_arg)
        vb = Leg("loopback/voicemail-b", replace(va.profile, direction="inbound"))
        vb.variables.update(loopback_leg="B", other_loopback_leg_uuid=va.uuid)
        va.variables["other_loopback_leg_uuid"] = vb.uuid
        self._create(va)
        self._create(vb)
        self._answer(vb)
        self._answer(va, "CS_CONSUME_MEDIA")
        a.other_type, a.other = "originatee", replace(va.profile)
        self._bridge(a, va)
        return va, vb

    def _ring_user(self, a: Leg, b: Leg, outcome: str) -> None:
        """A-leg in Local_Extension bridging to b = the user's phone; plays the outcome."""
        self._create(b)
        self._pause(self.ring_seconds)
        if outcome == "answered":
            self._answer(b, "CS_CONSUME_MEDIA")
            a.other_type, a.other = "originatee", replace(b.profile)
            a.variables.update(originate_disposition="SUCCESS", DIALSTATUS="SUCCESS")
            self._answer(a)
            self._bridge(a, b)
            self._pause(self.talk_seconds)
            self._unbridge(a, b)
            self._hangup(b, "NORMAL_CLEARING", "CS_EXCHANGE_MEDIA")
            self._hangup(a, "NORMAL_CLEARING")  # hangup_after_bridge=true
            self._complete(b)
            self._complete(a)
        elif outcome == "voicemail":
            self._hangup(b, "NO_ANSWER", "CS_CONSUME_MEDIA")  # call_timeout=30 expired
            self._complete(b)
            a.variables.update(originate_disposition="NO_ANSWER", DIALSTATUS="NO_ANSWER")
            va, vb = self._voicemail(a)
            self._pause(self.talk_seconds)
            self._unbridge(a, va)
            self._hangup(a, "NORMAL_CLEARING")
            self._hangup(va, "NORMAL_CLEARING", "CS_EXCHANGE_MEDIA")
            self._hangup(vb, "NORMAL_CLEARING")
            for leg in (a, va, vb):
                self._complete(leg)
        elif outcome == "caller_hangup":
            self._hangup(a, "NORMAL_CLEARING")  # CANCEL from the caller
            self._hangup(b, "ORIGINATOR_CANCEL", "CS_CONSUME_MEDIA")
            self._complete(b)
            self._complete(a)
        else:
            raise ValueError(f"unknown outcome {outcome!r}")

    # ----------------------------------------------------------------- scenarios

    def inbound_did_call(self, caller_num: str, caller_name: str = "", *,
                         did: str = "0441234567", outcome: str = "answered") -> None:
        """Gateway call to the DID: public context, transfer to <extension> XML default."""
        gw = self.gateway_addr
        a = Leg(f"sofia/external/{caller_num}@{gw}",
                Profile("inbound", caller_name or caller_num, caller_num, did, "public",
                        username=caller_num, network_addr=gw, ani=caller_num))
        a.variables.update(sofia_profile_name="external", sip_from_user=caller_num,
                           sip_from_host=gw, sip_to_user=did, sip_req_user=did)
        self._create(a)
        a.variables["domain_name"] = self.domain  # public_did: set domain_name=$${domain}
        self._transfer(a, self.extension)
        a.variables.update(dialed_extension=self.extension, call_timeout="30",
                           hangup_after_bridge="true", continue_on_fail="true")
        b = self._user_leg(a, self.extension, a.profile.caller_id_name, caller_num)
        self._ring_user(a, b, outcome)

    def internal_call(self, caller_ext: str, outcome: str = "answered") -> None:
        """Another registered extension dials <extension> (Local_Extension, default context)."""
        a = Leg(f"sofia/internal/{caller_ext}@{self.domain}",
                Profile("inbound", caller_ext, caller_ext, self.extension, "default",
                        username=caller_ext, network_addr="192.168.0.52", ani=caller_ext),
                presence_id=f"{caller_ext}@{self.domain}")
        a.variables.update(sofia_profile_name="internal", user_name=caller_ext,
                           domain_name=self.domain,
                           effective_caller_id_name=f"Extension {caller_ext}",
                           effective_caller_id_number=caller_ext,
                           outbound_caller_id_name="FreeSWITCH",
                           outbound_caller_id_number="0000000000")
        self._create(a)
        a.variables.update(dialed_extension=self.extension, call_timeout="30",
                           hangup_after_bridge="true", continue_on_fail="true")
        b = self._user_leg(a, self.extension, f"Extension {caller_ext}", caller_ext)
        self._ring_user(a, b, outcome)

    def _bgapi(self, command: str, job: str) -> None:
        name, _, arg = command.partition(" ")
        body = self._api(command) if name != "originate" else self._originate(arg, job)
        if body is not None:
            self._job(job, name, arg, body)

    def _job(self, job: str, name: str, arg: str, body: str) -> None:
        headers = [("Job-UUID", job), ("Job-Command", name)]
        if arg:
            headers.append(("Job-Command-Arg", arg))
        self._emit("BACKGROUND_JOB", headers, body)

    def _originate(self, arg: str, job: str) -> str | None:
        """originate <endpoint> <exten> [XML] [context] (mod_commands originate_function).

        Returns the job body to send, or None when it was already sent.
        """
        argv = arg.split()
        if len(argv) < 2 or len(argv) > 7:
            return "-USAGE: <call url> <exten>|&<application_name>(<app_args>) [<dialplan>] " \
                   "[<context>] [<cid_name>] [<cid_num>] [<timeout_sec>]\n"
        endpoint, number = argv[0], argv[1]
        context = argv[3] if len(argv) > 3 else "default"
        cid_name = argv[4] if len(argv) > 4 and argv[4] != "undef" else ""
        cid_num = argv[5] if len(argv) > 5 and argv[5] != "undef" else "0000000000"
        kind, _, target = endpoint.partition("/")
        target = target.split("@", 1)[0]
        outcome = self.originate_outcome
        first = Profile("outbound", cid_name, cid_num, target, "default", dialplan="",
                        source="src/switch_ivr_originate.c", callee_id_name="Outbound Call",
                        callee_id_number=target)
        tail: list[Leg] = []  # loopback legs still up when the originate leg hangs up
        if kind == "loopback":
            a = Leg(f"loopback/{target}-a", replace(first, source="mod_loopback",
                                                     dialplan="XML"))
            lb = Leg(f"loopback/{target}-b", replace(a.profile, direction="inbound"))
            a.variables.update(loopback_leg="A", other_loopback_leg_uuid=lb.uuid)
            lb.variables.update(loopback_leg="B", other_loopback_leg_uuid=a.uuid,
                                domain_name=self.domain, dialed_extension=target,
                                call_timeout="30")
            self._create(a)
            self._create(lb)
            phone = self._user_leg(lb, target, lb.profile.caller_id_name,
                                   lb.profile.caller_id_number)
            self._create(phone)
            self._pause(self.ring_seconds)
            if outcome == "answer":
                self._answer(phone, "CS_CONSUME_MEDIA")
                lb.other_type, lb.other = "originatee", replace(phone.profile)
                self._answer(lb)
                self._bridge(lb, phone)
                tail = [lb, phone]
            else:  # Local_Extension: bridge failed -> voicemail answers the -b leg
                self._hangup(phone, outcome, "CS_CONSUME_MEDIA")
                self._complete(phone)
                tail = [lb, *self._voicemail(lb)]
            self._answer(a, "CS_CONSUME_MEDIA")
        else:
            a = Leg(f"sofia/internal/sip:{target}@{self.phone_addr}", first,
                    presence_id=f"{target}@{self.domain}")
            a.variables.update(dialed_user=target, dialed_domain=self.domain,
                               sofia_profile_name="internal")
            self._create(a)
            self._pause(self.ring_seconds)
            if outcome != "answer":
                self._hangup(a, outcome, "CS_CONSUME_MEDIA")
                self._job(job, "originate", arg, f"-ERR {outcome}\n")
                self._complete(a)
                return None
            self._answer(a, "CS_CONSUME_MEDIA")
            # user_outgoing_channel copies the directory variables onto the answered leg
            a.variables.update(user_context="default",
                               effective_caller_id_name=f"Extension {target}",
                               effective_caller_id_number=target,
                               outbound_caller_id_name="FreeSWITCH",
                               outbound_caller_id_number="0000000000")
        self._transfer(a, number, context)
        self._job(job, "originate", arg, f"+OK {a.uuid}\n")
        b = self._dialplan_leg(a, number)
        self._create(b)
        self._pause(self.ring_seconds)
        self._answer(b, "CS_CONSUME_MEDIA")
        a.other_type, a.other = "originatee", replace(b.profile)
        self._bridge(a, b)
        self._pause(self.talk_seconds)
        self._unbridge(a, b)
        self._hangup(b, "NORMAL_CLEARING", "CS_EXCHANGE_MEDIA")
        self._hangup(a, "NORMAL_CLEARING")
        self._complete(b)
        self._complete(a)
        for leg in tail:
            self._hangup(leg, "NORMAL_CLEARING")
        for leg in tail:
            self._complete(leg)
        return None
