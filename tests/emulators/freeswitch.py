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

Call control (FreeSwitchEsl.ring() / FsCall; api and bgapi alike):

* ``uuid_answer <uuid>``: mod_commands.c uuid_answer_function(): no uuid / not found ->
  ``-ERROR\n``; switch_channel_perform_answer() (switch_channel.c): an outbound leg ->
  SUCCESS without doing anything (it cannot make the phone pick up), a hung-up leg -> FALSE
  (``-ERROR\n``), already answered -> ``+OK\n``, else CHANNEL_ANSWER (mark_answered) and
  ``+OK\n``.  Answering the inbound caller leg while the phone rings answers the caller.
* ``uuid_kill <uuid> [cause]``: kill_function(): no argument -> ``-USAGE: <uuid> [cause]\n``;
  the cause after the first space goes through switch_channel_str2cause() (a leading digit ->
  atoi(), else a case-insensitive CAUSE_CHART name, anything else NORMAL_CLEARING);
  switch_ivr_kill_uuid() (switch_ivr.c): not found -> ``-ERR No such channel!\n``, else
  switch_channel_hangup() (CHANNEL_HANGUP fired inside the api call) and ``+OK\n``.  Hangup-Cause
  is switch_channel_cause2str(): a number not in the chart shows as UNKNOWN.
* what the other leg does (switch_ivr_bridge.c, switch_ivr_originate.c): caller killed while
  ringing -> switch_channel_ready() false -> IDX_CANCEL, the phone leg ORIGINATOR_CANCEL; phone
  leg killed while ringing -> the originate fails, Local_Extension's continue_on_fail=true
  goes on: answer, bridge loopback/app=voicemail; bridged: end of
  switch_ivr_multi_threaded_bridge() fires CHANNEL_UNBRIDGE on the originator and
  (hangup_after_bridge=true) hangs the caller up with the peer's cause;
  audio_bridge_on_exchange_media() hangs an answered peer up NORMAL_CLEARING.
* ``uuid_transfer <uuid> [-bleg|-both] <dest-exten> [<dialplan>] [<context>]``:
  transfer_function(): fewer than 2 words -> ``-USAGE: <TRANSFER_SYNTAX>\n``, not found ->
  ``-ERR No such channel!\n``; -bleg / -both use the bridge_uuid variable (only set while
  bridged; otherwise the given leg itself is transferred); switch_ivr_session_transfer()
  (switch_ivr.c) -> ``+OK\n``, or ``-ERR\n`` when max_forwards is used up (the leg is then
  hung up EXCHANGE_ROUTING_ERROR).  It clones the caller profile (switch_caller.c: no
  originatee copied), empty dialplan/context -> the profile's own (then XML / default), empty
  extension -> "service", rdnis = old destination, transfer_source ``<epoch>:<new profile
  uuid>:bl_xfer:<ext>/<context>/<dialplan>``, sets CF_TRANSFER and CS_ROUTING.  The bridge
  ends (CHANNEL_UNBRIDGE with the new profile), the leg left behind hangs up
  NORMAL_CLEARING; a ringing phone leg is cancelled (ORIGINATOR_CANCEL; a transferred phone
  leg instead leaves the caller to voicemail).  Routing (switch_core_state_machine.c
  switch_core_standard_on_routing): Local_Extension runs ``bridge user/<ext>@<domain>``
  (CHANNEL_EXECUTE from switch_core_session.c switch_core_session_exec(): channel data, then
  Application, Application-Data, Application-UUID); no extension -> "No Route, Aborting",
  NO_ROUTE_DESTINATION.  Only Local_Extension is emulated as a destination.
* refusals: mod_event_socket.c parse_command() ``userauth user@domain:pass`` with the
  directory's esl-password / esl-allowed-api; the reply is the ``~`` form (Reply-Text +OK
  accepted, Allowed-Events, Allowed-API, Allowed-LOG); auth_api_command() (also the command a
  bgapi/eval/expand/... wraps) -> ``-ERR permission denied`` as a command/reply.
* order: api replies first, then the events (the listener thread is busy with the api call);
  bgapi: what the api call fires itself (CHANNEL_HANGUP / CHANNEL_ANSWER) comes before
  BACKGROUND_JOB, a transfer's events after it (the sessions' threads; a race in real
  FreeSWITCH, here fixed).

Left out on purpose: CHANNEL_STATE/CALLSTATE/PROGRESS*/DESTROY, CHANNEL_EXECUTE except the
bridge of a transferred leg (the set/export/hash/bind_meta_app before it too), HEARTBEAT,
RE_SCHEDULE and codec headers. With ``event plain ALL`` a real server sends these too. The
relative order of BACKGROUND_JOB and the failed leg's CHANNEL_HANGUP_COMPLETE is a thread race
in real FreeSWITCH; here BACKGROUND_JOB comes first.
"""

from __future__ import annotations

import contextlib
import re
import socket
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from email.utils import formatdate
from urllib.parse import quote

from tests.emulators.loopback import LoopbackServer

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
    "CHANNEL_EXECUTE": ("switch_core_session.c", "switch_core_session_exec", 2949),
}
_GOODBYE = "Disconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n"


# switch_channel.c CAUSE_CHART (switch_channel_str2cause / switch_channel_cause2str)
CAUSES = {
    "NONE": 0, "UNALLOCATED_NUMBER": 1, "NO_ROUTE_TRANSIT_NET": 2, "NO_ROUTE_DESTINATION": 3,
    "CHANNEL_UNACCEPTABLE": 6, "CALL_AWARDED_DELIVERED": 7, "NORMAL_CLEARING": 16,
    "USER_BUSY": 17, "NO_USER_RESPONSE": 18, "NO_ANSWER": 19, "SUBSCRIBER_ABSENT": 20,
    "CALL_REJECTED": 21, "NUMBER_CHANGED": 22, "REDIRECTION_TO_NEW_DESTINATION": 23,
    "EXCHANGE_ROUTING_ERROR": 25, "DESTINATION_OUT_OF_ORDER": 27, "INVALID_NUMBER_FORMAT": 28,
    "FACILITY_REJECTED": 29, "RESPONSE_TO_STATUS_ENQUIRY": 30, "NORMAL_UNSPECIFIED": 31,
    "NORMAL_CIRCUIT_CONGESTION": 34, "NETWORK_OUT_OF_ORDER": 38,
    "NORMAL_TEMPORARY_FAILURE": 41, "SWITCH_CONGESTION": 42, "ACCESS_INFO_DISCARDED": 43,
    "REQUESTED_CHAN_UNAVAIL": 44, "PRE_EMPTED": 45, "FACILITY_NOT_SUBSCRIBED": 50,
    "OUTGOING_CALL_BARRED": 52, "INCOMING_CALL_BARRED": 54, "BEARERCAPABILITY_NOTAUTH": 57,
    "BEARERCAPABILITY_NOTAVAIL": 58, "SERVICE_UNAVAILABLE": 63, "BEARERCAPABILITY_NOTIMPL": 65,
    "CHAN_NOT_IMPLEMENTED": 66, "FACILITY_NOT_IMPLEMENTED": 69, "SERVICE_NOT_IMPLEMENTED": 79,
    "INVALID_CALL_REFERENCE": 81, "INCOMPATIBLE_DESTINATION": 88, "INVALID_MSG_UNSPECIFIED": 95,
    "MANDATORY_IE_MISSING": 96, "MESSAGE_TYPE_NONEXIST": 97, "WRONG_MESSAGE": 98,
    "IE_NONEXIST": 99, "INVALID_IE_CONTENTS": 100, "WRONG_CALL_STATE": 101,
    "RECOVERY_ON_TIMER_EXPIRE": 102, "MANDATORY_IE_LENGTH_ERROR": 103, "PROTOCOL_ERROR": 111,
    "INTERWORKING": 127, "SUCCESS": 142, "ORIGINATOR_CANCEL": 487, "CRASH": 700,
    "SYSTEM_SHUTDOWN": 701, "LOSE_RACE": 702, "MANAGER_REQUEST": 703, "BLIND_TRANSFER": 800,
    "ATTENDED_TRANSFER": 801, "ALLOTTED_TIMEOUT": 802, "USER_CHALLENGE": 803,
    "MEDIA_TIMEOUT": 804, "PICKED_OFF": 805, "USER_NOT_REGISTERED": 806, "PROGRESS_TIMEOUT": 807,
    "INVALID_GATEWAY": 808, "GATEWAY_DOWN": 809, "INVALID_URL": 810, "INVALID_PROFILE": 811,
    "NO_PICKUP": 812, "SRTP_READ_ERROR": 813, "BOWOUT": 814, "BUSY_EVERYWHERE": 815,
    "DECLINE": 816, "DOES_NOT_EXIST_ANYWHERE": 817, "NOT_ACCEPTABLE": 818, "UNWANTED": 819,
    "NO_IDENTITY": 820, "BAD_IDENTITY_INFO": 821, "UNSUPPORTED_CERTIFICATE": 822,
    "INVALID_IDENTITY": 823, "STALE_DATE": 824, "REJECT_ALL": 825}
_CAUSE_NAMES = {number: name for name, number in CAUSES.items()}
KILL_SYNTAX = "<uuid> [cause]"
TRANSFER_SYNTAX = "<uuid> [-bleg|-both] <dest-exten> [<dialplan>] [<context>]"
_SNEAKY = ("bgapi", "sched_api", "eval", "expand", "xml_wrap")  # auth_api_command()
_Thunk = Callable[[], None]


def cause_name(text: str) -> str:
    """switch_channel_str2cause() then switch_channel_cause2str(): what Hangup-Cause shows."""
    cause = CAUSES["NORMAL_CLEARING"]
    if (digits := re.match(r"[0-9]+", text)) is not None:
        cause = int(digits.group())  # atoi()
    elif text:
        cause = next((n for name, n in CAUSES.items() if name.lower() == text.lower()), cause)
    return _CAUSE_NAMES.get(cause, "UNKNOWN")


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
    allowed_api: set[str] | None = None  # userauth with esl-allowed-api

    def send(self, data: str) -> None:
        with self.lock:
            self.sock.sendall(data.encode())


class FsCall:
    """One bridge attempt: ``a`` runs the dialplan (bridge app), ``b`` is the leg it originated.

    For FreeSwitchEsl.ring() ``a`` is the inbound gateway leg (the outside caller) and ``b``
    the outbound ``user/<extension>`` leg ringing the desk phone.  A handle for tests: read
    caller_uuid / callee_uuid (and the channel names), make the phone answer, make either
    side hang up, or make the call vanish.

    state: "ringing" (b alerting), "up" (a bridged to b), "voicemail" (b failed and
    Local_Extension's continue_on_fail bridged a to loopback/app=voicemail), "gone".
    transferred_to: the FsCall a uuid_transfer of one of its legs started, else None.
    """

    def __init__(self, esl: FreeSwitchEsl, a: Leg, b: Leg) -> None:
        self._esl = esl
        self.lock = threading.RLock()
        self.a = a
        self.b = b
        self.state = "ringing"
        self.voicemail: tuple[Leg, Leg] | None = None
        self.transferred_to: FsCall | None = None
        self.lingering = False

    @property
    def caller_uuid(self) -> str:
        return self.a.uuid

    @property
    def callee_uuid(self) -> str:
        return self.b.uuid

    @property
    def caller_name(self) -> str:
        return self.a.name

    @property
    def callee_name(self) -> str:
        return self.b.name

    def legs(self) -> list[Leg]:
        """The legs that still exist (b is gone once it hung up or was transferred away)."""
        if self.state == "gone":
            return []
        return [self.a] if self.state == "voicemail" else [self.a, self.b]

    def answer(self) -> None:
        """The phone picks up: b answered, a answered (unless already), a bridged to b."""
        esl = self._esl
        with self.lock:
            if self.state != "ringing":
                return
            esl._answer(self.b, "CS_CONSUME_MEDIA")
            self.a.other_type, self.a.other = "originatee", replace(self.b.profile)
            self.a.variables.update(originate_disposition="SUCCESS", DIALSTATUS="SUCCESS")
            if not self.a.answered:
                esl._answer(self.a)
            esl._bridge(self.a, self.b)
            self.state = "up"

    def caller_hangs_up(self) -> None:
        """The outside party hangs up (CANCEL while ringing, BYE afterwards)."""
        with self.lock:
            self._esl._kill(self, self.a, "NORMAL_CLEARING")

    def callee_hangs_up(self) -> None:
        """The phone hangs up once up; while ringing it declines with 486 (USER_BUSY)."""
        with self.lock:
            if self.state in ("ringing", "up"):
                self._esl._kill(self, self.b, "USER_BUSY" if self.state == "ringing"
                                else "NORMAL_CLEARING")

    def vanish(self, *, announce: bool = True, linger: bool = False) -> None:
        """The call ends before the client acts on what it last saw.

        linger=True: the sessions still exist, hung up (switch_core_session_locate() still
        finds them until they are destroyed): uuid_kill answers +OK and does nothing,
        uuid_answer -ERROR, uuid_transfer +OK and does nothing.  No event is sent; call
        vanish() again to finish.  Otherwise the legs are gone at once (-ERR No such
        channel!); announce=False also drops the events the caller's hangup would send.
        """
        with self.lock:
            if self.state == "gone":
                return
            if linger:
                self.lingering = True
                return
            self.lingering = False
            if announce:
                self.caller_hangs_up()
            self.state = "gone"


class FreeSwitchEsl(LoopbackServer):
    """Inbound event socket on 127.0.0.1:<port> that plays vanilla-config call flows.

    Calls: ring() starts a DID call that rings the user's phone until answer(); ``calls``
    holds every FsCall (the handle a test gets).  Record: ``commands`` is every command
    block received, as sent (first line plus headers).

    Knobs (attributes): silent, drop_before_job, originate_outcome, ring_seconds,
    talk_seconds (see below), and
      transfer_answers  the phone a uuid_transfer reaches answers after ring_seconds (else
                        it rings until the test calls answer() on transferred_to)
      refuse            {api command: reply body}: answer ``api``/``bgapi`` of that command
                        with this body and do nothing, e.g. {"uuid_transfer": "-ERR\n"}
      esl_users         {"user@domain": (esl-password, esl-allowed-api)} for ``userauth``;
                        a non-empty allowed list makes other api commands "-ERR permission
                        denied" (directory params of mod_event_socket's userauth)
    """

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
        self.transfer_answers = True
        self.refuse: dict[str, str] = {}
        self.esl_users: dict[str, tuple[str, str]] = {}
        self.calls: list[FsCall] = []
        self._threads: list[threading.Thread] = []
        self._seq = 0
        self._lock = threading.Lock()
        self._conns: list[_Conn] = []
        self._started = time.monotonic()
        super().__init__()

    # ----------------------------------------------------------------- socket side

    def close(self) -> None:
        super().close()
        self.hang_up_all()
        with self._lock:
            conns, self._conns = list(self._conns), []
        for conn in conns:
            with contextlib.suppress(OSError):
                conn.sock.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                conn.sock.close()

    def talk(self, sock: socket.socket) -> None:
        """One event-socket connection."""
        conn = _Conn(sock)
        with self._lock:
            self._conns.append(conn)
        self._connection(conn)

    def _connection(self, conn: _Conn) -> None:
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
            if lower.startswith("userauth "):
                return self._userauth(conn, line[9:])
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
            command = line[4:].strip()
            if not self._api_allowed(conn, command):
                self._reply(conn, "-ERR permission denied")
                return True
            body, now, later = self._api_effects(command)
            conn.send(f"Content-Type: api/response\nContent-Length: {len(body.encode())}\n\n"
                      f"{body}")
            if now is not None:  # fired inside the api function, queued behind the reply
                now()
            if later is not None:  # the sessions' own threads
                self._spawn(later)
            return True
        if lower.startswith("bgapi "):
            if not self._api_allowed(conn, line[6:].strip()):
                self._reply(conn, "-ERR permission denied")
                return True
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

    def _userauth(self, conn: _Conn, text: str) -> bool:
        """parse_command() "userauth <user>@<domain>:<pass>" (directory esl-* params)."""
        user, _, domain = text.partition("@")
        domain, _, password = domain.partition(":")
        if ":" in user:
            user, _, password = user.partition(":")
        entry = self.esl_users.get(f"{user}@{domain}") if user and domain else None
        if entry is None or not entry[0] or password != entry[0]:
            self._reply(conn, "-ERR invalid")
            return self._bye(conn)
        conn.authed = True
        allowed = entry[1]
        if allowed:
            conn.allowed_api = set(allowed.split(" " if " " in allowed else ","))
        conn.send("Content-Type: command/reply\nReply-Text: +OK accepted\n"
                  "Allowed-Events: all\n"
                  f"Allowed-API: {allowed or 'all'}\nAllowed-LOG: true\n\n")
        return True

    @staticmethod
    def _api_allowed(conn: _Conn, command: str) -> bool:
        """auth_api_command(): the command, and for bgapi/eval/... the one it wraps."""
        if conn.allowed_api is None:
            return True
        words = command.split()
        while words:
            if words[0] not in conn.allowed_api:
                return False
            if words[0].lower() not in _SNEAKY:
                return True
            words = words[1:]
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
                 extra: list[tuple[str, str]] | None = None,
                 tail: list[tuple[str, str]] | None = None) -> None:
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
        self._emit(event, headers + list(tail or []))

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
        if not a.answered:  # switch_channel_perform_answer(): already answered -> nothing
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
        a, b = self._from_gateway(caller_num, caller_name, did)
        self._ring_user(a, b, outcome)

    def _from_gateway(self, caller_num: str, caller_name: str, did: str) -> tuple[Leg, Leg]:
        """The inbound gateway leg to the DID (created, transferred to <extension> XML
        default, as the public dialplan does) and the user's leg it will bridge to."""
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
        return a, b

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
        if name == "originate" and name not in self.refuse:
            body = self._originate(arg, job)
            if body is not None:
                self._job(job, name, arg, body)
            return
        text, now, later = self._api_effects(command)
        if now is not None:
            now()
        self._job(job, name, arg, text)
        if later is not None:
            later()

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

    # ----------------------------------------------------------------- call control

    def ring(self, caller_num: str, caller_name: str = "", *,
             did: str = "0441234567") -> FsCall:
        """A gateway call to the DID that rings the user's phone and keeps ringing.

        Returns once the phone leg's CHANNEL_ORIGINATE is sent: call.caller_uuid is the
        inbound ``sofia/external/...`` leg, call.callee_uuid the ``sofia/internal/sip:<ext>@...``
        leg; then call.answer(), call.caller_hangs_up(), call.callee_hangs_up(), vanish().
        """
        a, b = self._from_gateway(caller_num, caller_name, did)
        self._create(b)
        call = FsCall(self, a, b)
        with self._lock:
            self.calls.append(call)
        return call

    def join(self, timeout: float = 5.0) -> None:
        """Wait until what api commands set off in the background has sent its last event."""
        deadline = time.monotonic() + timeout
        while (alive := [t for t in list(self._threads) if t.is_alive()]) and (
                time.monotonic() < deadline):
            alive[0].join(max(0.0, deadline - time.monotonic()))

    def _spawn(self, target: Callable[[], object]) -> None:
        thread = threading.Thread(target=target, daemon=True)
        self._threads.append(thread)
        thread.start()

    def _locate(self, uuid_str: str) -> tuple[FsCall, Leg] | None:
        """switch_core_session_locate(): the exact uuid of a session that still exists."""
        with self._lock:
            calls = list(self.calls)
        for call in calls:
            with call.lock:
                for leg in call.legs():
                    if leg.uuid == uuid_str:
                        return call, leg
        return None

    def _api_effects(self, command: str) -> tuple[str, _Thunk | None, _Thunk | None]:
        """An api command: its output, what it fires itself, what follows in other threads."""
        name, _, arg = command.partition(" ")
        if name in self.refuse:
            return self.refuse[name], None, None
        if name == "uuid_answer":
            return self._uuid_answer(arg)
        if name == "uuid_kill":
            return self._uuid_kill(arg)
        if name == "uuid_transfer":
            return self._uuid_transfer(arg)
        return self._api(command), None, None

    def _uuid_answer(self, arg: str) -> tuple[str, _Thunk | None, _Thunk | None]:
        """mod_commands.c uuid_answer_function() -> switch_channel_perform_answer()."""
        found = self._locate(arg) if arg else None
        if found is None:
            return "-ERROR\n", None, None
        call, leg = found
        with call.lock:
            if leg.profile.direction == "outbound":  # answering an outbound leg: a no-op
                return "+OK\n", None, None
            if call.lingering or leg.hangup_cause:
                return "-ERROR\n", None, None
            if leg.answered:
                return "+OK\n", None, None
            leg.answered = True

        def answer() -> None:
            with call.lock:  # switch_channel_perform_mark_answered() -> CHANNEL_ANSWER
                self._channel("CHANNEL_ANSWER", leg, "CS_EXECUTE", "RINGING")
        return "+OK\n", answer, None

    def _uuid_kill(self, arg: str) -> tuple[str, _Thunk | None, _Thunk | None]:
        """mod_commands.c kill_function() -> switch_ivr_kill_uuid() -> switch_channel_hangup."""
        if not arg:
            return f"-USAGE: {KILL_SYNTAX}\n", None, None
        target, _, kcause = arg.partition(" ")
        found = self._locate(target)
        if found is None:
            return "-ERR No such channel!\n", None, None
        call, leg = found
        cause = cause_name(kcause)
        return "+OK\n", lambda: self._kill(call, leg, cause), None

    def _kill(self, call: FsCall, leg: Leg, cause: str) -> None:
        """switch_channel_hangup(leg, cause) and what the bridge does with the other leg."""
        with call.lock:
            if call.state == "gone" or call.lingering or leg.hangup_cause:
                return
            a, b = call.a, call.b
            if call.state == "ringing" and leg is b:
                # the originate fails with b's cause; Local_Extension continue_on_fail=true:
                # answer, sleep 1000, bridge loopback/app=voicemail
                self._hangup(b, cause, "CS_CONSUME_MEDIA")
                self._complete(b)
                a.variables.update(originate_disposition=cause, DIALSTATUS=cause)
                call.voicemail = self._voicemail(a)
                call.state = "voicemail"
                return
            was, call.state = call.state, "gone"
            if was == "ringing":
                # the caller is gone: switch_ivr_originate() cancels b (IDX_CANCEL)
                self._hangup(a, cause)
                self._hangup(b, "ORIGINATOR_CANCEL", "CS_CONSUME_MEDIA")
                self._complete(b)
                self._complete(a)
            elif call.voicemail is not None:
                va, vb = call.voicemail
                self._hangup(a, cause)
                self._unbridge(a, va)
                self._hangup(va, "NORMAL_CLEARING", "CS_EXCHANGE_MEDIA")
                self._hangup(vb, "NORMAL_CLEARING")
                for other in (a, va, vb):
                    self._complete(other)
            elif leg is a:
                # audio_bridge_on_exchange_media(): the answered peer hangs up NORMAL_CLEARING
                self._hangup(a, cause)
                self._unbridge(a, b)
                self._hangup(b, "NORMAL_CLEARING", "CS_EXCHANGE_MEDIA")
                self._complete(b)
                self._complete(a)
            else:
                # switch_ivr_multi_threaded_bridge(): hangup_after_bridge=true hangs the
                # caller up with the peer's cause
                self._hangup(b, cause, "CS_EXCHANGE_MEDIA")
                self._unbridge(a, b)
                self._hangup(a, cause)
                self._complete(b)
                self._complete(a)

    def _uuid_transfer(self, arg: str) -> tuple[str, _Thunk | None, _Thunk | None]:
        """mod_commands.c transfer_function() -> switch_ivr_session_transfer()."""
        argv = arg.split(maxsplit=4)  # switch_separate_string(mycmd, ' ', argv, 5)
        if len(argv) < 2:
            return f"-USAGE: {TRANSFER_SYNTAX}\n", None, None
        found = self._locate(argv[0])
        if found is None:
            return "-ERR No such channel!\n", None, None
        call, leg = found
        flag = ""
        dest, rest = argv[1], argv[2:]
        if dest.startswith("-"):
            flag, dest, rest = dest[1:].lower(), (argv[2] if len(argv) > 2 else ""), argv[3:]
        dialplan = rest[0] if rest else ""
        context = rest[1] if len(rest) > 1 else ""
        with call.lock:
            if call.lingering:  # a hung-up session still takes the new profile: +OK
                return "+OK\n", None, None
            # SWITCH_BRIDGE_VARIABLE (bridge_uuid) names the other leg only while bridged
            other = (call.b if leg is call.a else call.a) if call.state == "up" else None
            if flag == "bleg" and other is not None:
                targets = [other]
            elif flag == "both" and other is not None:
                targets = [other, leg]
            else:
                targets = [leg]
            # the new caller profile is set here, in the api call; the rest happens in the
            # sessions' threads once they see CF_TRANSFER / CS_ROUTING
            failed = [t for t in targets if not self._session_transfer(t, dest, dialplan,
                                                                       context)]
        moved = [t for t in targets if t not in failed]

        def now() -> None:
            for t in failed:  # max_forwards used up: hung up EXCHANGE_ROUTING_ERROR
                self._kill(call, t, "EXCHANGE_ROUTING_ERROR")
        reply = "-ERR\n" if targets[-1] in failed else "+OK\n"
        return (reply, now if failed else None,
                (lambda: self._do_transfer(call, moved)) if moved else None)

    def _do_transfer(self, call: FsCall, targets: list[Leg]) -> None:
        with call.lock:
            if call.state == "gone":
                return
            a, b = call.a, call.b
            if call.state == "up":
                # CF_TRANSFER ends the bridge; CHANNEL_UNBRIDGE fires on the originator a;
                # a leg left behind hangs up NORMAL_CLEARING (audio_bridge_on_exchange_media /
                # hangup_after_bridge with the peer's cause NONE -> NORMAL_CLEARING)
                self._unbridge(a, b)
                for leg, state in ((b, "CS_EXCHANGE_MEDIA"), (a, "CS_EXECUTE")):
                    if leg not in targets:
                        self._hangup(leg, "NORMAL_CLEARING", state)
                        self._complete(leg)
                call.state = "gone"
            elif call.state == "ringing" and b not in targets:
                # switch_channel_ready(a) is false with CF_TRANSFER: the originate cancels b
                self._hangup(b, "ORIGINATOR_CANCEL", "CS_CONSUME_MEDIA")
                self._complete(b)
                call.state = "gone"
            elif call.state == "ringing":
                # a transferred b is no longer eligible: a's originate fails, and a (unless
                # transferred too) goes on in Local_Extension to voicemail
                if a in targets:
                    call.state = "gone"
                else:
                    call.voicemail = self._voicemail(a)
                    call.state = "voicemail"
            elif call.voicemail is not None:
                va, vb = call.voicemail
                self._unbridge(a, va)
                self._hangup(va, "NORMAL_CLEARING", "CS_EXCHANGE_MEDIA")
                self._hangup(vb, "NORMAL_CLEARING")
                self._complete(va)
                self._complete(vb)
                call.state = "gone"
        for i, leg in enumerate(targets):
            new = self._route(leg)
            if new is not None and i == len(targets) - 1:
                call.transferred_to = new
            if new is not None and self.transfer_answers:
                self._pause(self.ring_seconds)
                new.answer()

    def _session_transfer(self, leg: Leg, dest: str, dialplan: str, context: str) -> bool:
        """switch_ivr.c switch_ivr_session_transfer(): a new caller profile, CF_TRANSFER."""
        forward = leg.variables.get("max_forwards", "")
        forwardval = 70
        if forward:  # atoi(forwardvar) - 1
            digits = re.match(r"\s*[+-]?[0-9]+", forward)
            forwardval = (int(digits.group()) if digits else 0) - 1
        if forwardval <= 0:
            return False
        leg.variables["max_forwards"] = str(forwardval)
        old = leg.profile
        use_dialplan = dialplan or (old.dialplan if old.dialplan.lower() != "inline" else "")
        use_dialplan = use_dialplan or "XML"
        use_context = context or old.context or "default"
        extension = dest or "service"
        source = (f"{int(time.time())}:{uuid.uuid4()}:bl_xfer:"
                  f"{extension}/{use_context}/{use_dialplan}")
        leg.profile = replace(old, destination_number=extension, context=use_context,
                              dialplan=use_dialplan, rdnis=old.destination_number,
                              profile_index=old.profile_index + 1, transfer_source=source)
        leg.variables["transfer_source"] = source
        leg.other_type, leg.other = "", None  # the cloned profile has no originatee
        return True

    def _route(self, leg: Leg) -> FsCall | None:
        """CS_ROUTING of a transferred leg in the vanilla XML dialplan.

        Only Local_Extension (default context, ^(10[01][0-9])$) is emulated: its bridge
        application gives CHANNEL_EXECUTE and a new user/<ext> leg that rings.  Any other
        destination: switch_core_standard_on_routing() "No Route, Aborting" ->
        NO_ROUTE_DESTINATION (the vanilla conferences, IVR, echo tests... are left out).
        """
        p = leg.profile
        if not (p.dialplan == "XML" and p.context == "default"
                and _LOCAL_EXTENSION.match(p.destination_number)):
            self._hangup(leg, "NO_ROUTE_DESTINATION", "CS_ROUTING")
            self._complete(leg)
            return None
        dest = p.destination_number
        leg.variables.update(dialed_extension=dest, call_timeout="30",
                             hangup_after_bridge="true", continue_on_fail="true")
        data = f"user/{dest}@{leg.variables.get('domain_name', self.domain)}"
        # switch_core_session_exec(): CHANNEL_EXECUTE (the set/export/hash/bind_meta_app
        # executes before the bridge are left out)
        self._channel("CHANNEL_EXECUTE", leg, "CS_EXECUTE",
                      "ACTIVE" if leg.answered else "RINGING",
                      tail=[("Application", "bridge"), ("Application-Data", data),
                            ("Application-UUID", str(uuid.uuid4()))])
        b = self._dialplan_leg(leg, dest)
        self._create(b)
        call = FsCall(self, leg, b)
        with self._lock:
            self.calls.append(call)
        return call
