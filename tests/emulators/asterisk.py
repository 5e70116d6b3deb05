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

Call control (Hangup, Redirect; AsteriskAmi.ring() / AmiCall)
  * permissions: manager_register_xml_core() in main/manager.c registers Hangup with
    EVENT_FLAG_SYSTEM | EVENT_FLAG_CALL and Redirect with EVENT_FLAG_CALL (Originate:
    EVENT_FLAG_ORIGINATE); process_message() runs an action iff ``writeperm & authority`` (or
    authority 0), else ``Permission denied``.  writeperm = get_perm(manager.conf ``write``),
    a comma list matched by ast_instring() (all words but the last compared as prefixes).
  * Hangup: action_hangup() -> ast_manager_hangup_helper(): no Channel -> ``No channel
    specified``; Cause by strtol(), outside 0..127 or trailing junk -> 0 (no cause set, the
    hangup still happens).  A plain name: ast_channel_get_by_name() (main/channel.c, and
    main/channelstorage_ao2_legacy.c get_by_name_prefix(): the name by strcasecmp, else the
    uniqueid) -> ``No such channel``, else ``Channel Hungup``.  ``/regex/``:
    ast_regex_string_to_regex_pattern() (main/utils.c; no closing / -> ``Regex format
    invalid, Channel param should be /regex/``), regcomp() failure -> ``Regex compile failed
    on: <Channel>``, else astman_send_listack() ``EventList: start`` / ``Channels hung up
    will follow``, one ``Event: ChannelHungup`` / Channel / ActionID block per match
    (astman_append(), no Privilege) and astman_send_list_complete()
    ``ChannelsHungupListComplete`` with ``EventList: Complete`` and ``ListItems``.
  * the hangup itself is ast_channel_softhangup_withcause_locked() (main/channel.c): sets the
    cause if > 0, then ast_softhangup_nolock(AST_SOFTHANGUP_EXPLICIT), which publishes no
    stasis blob: *no* HangupRequest / SoftHangupRequest for the target (only ast_softhangup()
    and ast_queue_hangup*() publish those; manager_channels.c channel_hangup_request_cb()).
  * what follows (apps/app_dial.c): a ringing callee read as NULL in wait_for_answer() ->
    the caller takes its cause, DialEnd with ast_hangup_cause_to_dial_status() (main/dial.c:
    17 BUSY, 34 CONGESTION, 3/20 CHANUNAVAIL, else NOANSWER), ast_hangup(); Dial() returns
    and the emulated dialplan has no priority 2: __ast_pbx_run() autofallthrough
    (main/pbx.c) -> indicate_busy() / indicate_congestion() (main/pbx_builtins.c: cause 17 /
    34, state Busy; chan_pjsip_indicate() answers 486 / 503, chan_pjsip_session_end() ->
    ast_queue_hangup(): HangupRequest), else the caller is hung up with the callee's cause.
    The ringing caller hung up: "Got hung up" -> DialEnd CANCEL, hanguptree() with the
    caller's cause (or 16).  Once bridged: app_dial set cause 16 on both at answer; the target
    leaves (ast_bridge_channel_kick() / channel_set_cause() keep a cause already set),
    bridge_dissolve() (main/bridge.c, AST_BRIDGE_FLAG_DISSOLVE_HANGUP) kicks the other, which
    keeps 16.  TechCause = chan_pjsip.c hangup_cause2sip(cause) set in chan_pjsip_hangup().
    At answer wait_for_answer() also clears the callee's exten (ast_channel_exten_set(c,
    "")); the snapshot of ast_channel_internal_bridge_set() carries it (Newexten, Exten "").
  * Redirect: action_redirect(): ``Channel not specified``, ``Context not specified``,
    ``Exten not specified``, ``Priority not specified``, sscanf("%30d") else a label
    (ast_findlabel_extension(), none here) < 1 -> ``Priority is invalid``; with ExtraChannel
    and ExtraContext: ``ExtraExten not specified``, ``ExtraPriority not specified``,
    ``ExtraPriority is invalid``; ``Channel does not exist: <name>``, ast_check_hangup_locked()
    (any softhangup flag pending) -> ``Redirect failed, channel not up.``; success ``Redirect
    successful`` / ``Dual Redirect successful``; failures ``Redirect failed`` / ``ExtraChannel
    does not exist: <name>`` / ``Redirect failed, extra channel not up.`` / ``Secondary
    redirect failed``.  An ExtraChannel without ExtraContext goes to the same place.
  * async_goto_with_discard_bridge_after() -> ast_async_goto() (main/pbx.c): a bridged channel
    or one running dialplan gets ast_explicit_goto() + AST_SOFTHANGUP_ASYNCGOTO (priority as
    given; the AUTOLOOP +1/-1 cancel); anything else is taken over by ast_channel_yank() (a
    masquerade) -- not emulated: the ringing callee answers ``Redirect failed`` here.
  * leaving the bridge (main/bridge_channel.c): bridge_channel_internal_pull() runs the
    dissolve check, then publishes BridgeLeave with the *latest published* snapshot (old
    context/exten); the other channel is kicked (BridgeLeave, BridgeDestroy) and hangs up with
    16 (its Dial() returns / bridge_channel_ind_thread() ends).  bridge_channel_internal_join()
    then calls ast_channel_internal_bridge_set(chan, NULL) (main/channel_internal_api.c),
    which publishes a snapshot with the new context/exten/priority while the application is
    still the old one: one Newexten (Dial + the old AppData for the caller, AppDial /
    ``(Outgoing Line)`` for the callee).  features.c ast_bridge_call_with_flags() returns 0 for
    ASYNCGOTO; __ast_pbx_run() clears the flag and runs the new priority; pbx_exec() then
    publishes the new application, but manager_channels.c channel_newexten() drops it
    (stasis_channels.c ast_channel_snapshot_cep_equal()): no second Newexten.  An imparted
    channel runs the new place via ast_bridge_run_after_goto() (main/bridge_after.c).  A
    redirected ringing caller: its Dial() reads NULL -> DialEnd CANCEL, the callee hung up with
    16, then Newexten with the new application.
  * the emulated dialplan for a redirect target (every context, priority 1 only):
    ``exten => NNNN,1,Dial(PJSIP/NNNN,30)`` for 1-4 digits, ``exten =>
    _X.,1,Dial(PJSIP/${EXTEN}@trunk,60)`` for longer numbers; anything else is no extension
    and the channel is hung up with the cause it has (16 once bridged, else 0).

Not emulated: VarSet, Cdr/Cel, DeviceStateChange, ExtensionStatus, SoftHangupRequest (sent by
ast_softhangup(), e.g. the CLI's "channel request hangup", not by AMI Hangup), RTCP, DTMF
events, Timestamp/SystemName headers (timestampevents off, no systemname), channel variables
in OriginateResponse, the callee's exten cleared at answer in the Originate flow, and
ast_channel_yank() (Redirect of a channel neither bridged nor running dialplan).
"""

from __future__ import annotations

import contextlib
import itertools
import re
import socket
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace

from tests.emulators.loopback import LoopbackServer

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
DOWN, RING, RINGING, UP, BUSY = 0, 4, 5, 6, 7
# main/channel.c causes[] (ast_cause2str(); "Unknown" for anything else)
CAUSE_TXT = {
    1: "Unallocated (unassigned) number", 2: "No route to specified transmit network",
    3: "No route to destination", 5: "Misdialed trunk prefix", 6: "Channel unacceptable",
    7: "Call awarded and being delivered in an established channel", 8: "Pre-empted",
    14: "Number ported elsewhere", 16: "Normal Clearing", 17: "User busy",
    18: "No user responding", 19: "User alerting, no answer", 20: "Subscriber absent",
    21: "Call Rejected", 22: "Number changed", 23: "Redirected to new destination",
    26: "Answered elsewhere", 27: "Destination out of order", 28: "Invalid number format",
    29: "Facility rejected", 30: "Response to STATus ENQuiry", 31: "Normal, unspecified",
    34: "Circuit/channel congestion", 38: "Network out of order", 41: "Temporary failure",
    42: "Switching equipment congestion", 43: "Access information discarded",
    44: "Requested channel not available", 50: "Facility not subscribed",
    52: "Outgoing call barred", 54: "Incoming call barred",
    57: "Bearer capability not authorized", 58: "Bearer capability not available",
    65: "Bearer capability not implemented", 66: "Channel not implemented",
    69: "Facility not implemented", 81: "Invalid call reference value",
    88: "Incompatible destination", 95: "Invalid message unspecified",
    96: "Mandatory information element is missing", 97: "Message type nonexist.",
    98: "Wrong message", 99: "Info. element nonexist or not implemented",
    100: "Invalid information element contents",
    101: "Message not compatible with call state", 102: "Recover on timer expiry",
    103: "Mandatory IE length error", 111: "Protocol error, unspecified",
    127: "Interworking, unspecified"}
# channels/chan_pjsip.c hangup_cause2sip(); 0 = no TechCause
_CAUSE2SIP = {23: 302, 1: 404, 2: 404, 3: 404, 34: 503, 42: 503, 18: 408, 19: 480, 20: 480,
              21: 403, 22: 410, 31: 480, 28: 484, 17: 486, 38: 500, 29: 501, 66: 503, 27: 502,
              58: 488, 127: 500}
# manager_register_xml_core() in main/manager.c: the write permission each action needs
_AUTHORITY = {"login": 0, "logoff": 0, "ping": 0, "events": 0,
              "hangup": EVENT_FLAG_SYSTEM | EVENT_FLAG_CALL, "redirect": EVENT_FLAG_CALL,
              "originate": EVENT_FLAG_ORIGINATE}


def cause2sip(cause: int) -> int:
    """channels/chan_pjsip.c hangup_cause2sip(): the SIP code chan_pjsip sends for a cause."""
    return _CAUSE2SIP.get(cause, 0)


def dial_status(cause: int) -> str:
    """main/dial.c ast_hangup_cause_to_dial_status()."""
    return {17: "BUSY", 34: "CONGESTION", 3: "CHANUNAVAIL", 20: "CHANUNAVAIL"}.get(
        cause, "NOANSWER")


def get_perm(text: str) -> int:
    """main/manager.c get_perm() with ast_instring(): manager.conf ``read =`` / ``write =``."""
    mask = 0
    words = text.split(",")
    for num, label in _PERMS:
        for i, word in enumerate(words):
            last = i == len(words) - 1
            # strncmp(val, label, len(val)) for all but the last word, strcmp for the last
            if (label == word) if last else label[:len(word)] == word:
                mask |= num
                break
    return mask


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
_Later = tuple[Callable[..., object], tuple[object, ...]]


def parse_callerid(text: str) -> tuple[str, str]:
    """'Anna <101>' -> ('Anna', '101'); '101' -> ('', '101') (ast_callerid_parse, roughly)."""
    text = text.strip()
    if "<" in text and text.endswith(">"):
        name, num = text[:-1].split("<", 1)
        return name.strip().strip('"'), num.strip()
    if text.replace("+", "").isdigit():
        return "", text
    return text, ""


def _scan_priority(text: str) -> int:
    """sscanf(priority, "%30d") in action_redirect(); no labels here (ast_findlabel_extension)."""
    match = re.match(r"\s*([+-]?\d{1,30})", text)
    return int(match.group(1)) if match else -1


def _bridge_fields(bridge: str, count: int) -> Fields:
    """main/manager_bridges.c ast_manager_build_bridge_state_string_prefix() for a basic bridge."""
    return [("BridgeUniqueid", bridge), ("BridgeType", "basic"),
            ("BridgeTechnology", "simple_bridge"), ("BridgeCreator", "<unknown>"),
            ("BridgeName", "<unknown>"), ("BridgeNumChannels", str(count)),
            ("BridgeVideoSourceMode", "none")]


class AmiCall:
    """One Dial(): ``caller`` runs the dialplan (Dial), ``callee`` is the channel it dialled.

    For AsteriskAmi.ring() the caller is the trunk channel (the outside party) and the callee
    the device channel (the desk phone).  A handle for tests: read the channel names and
    unique ids, make the callee answer, make either side hang up, or make the call vanish.

    state: "ringing" (callee alerting), "up" (both in a basic bridge), "gone".
    transferred_to: the AmiCall a Redirect of one of its channels started (its caller is the
    redirected channel, its callee the new destination), else None.
    """

    def __init__(self, ami: AsteriskAmi, caller: Chan, callee: Chan, appl: tuple[str, str],
                 *, callee_cid: bool) -> None:
        self._ami = ami
        self.lock = threading.RLock()
        self.caller = caller
        self.callee = callee
        self.appl = appl                    # the caller's application: ("Dial", "PJSIP/101,30")
        self.callee_cid = callee_cid        # the callee has a caller id of its own
        self.state = "ringing"
        self.bridge = ""
        self.transferred_to: AmiCall | None = None
        self.pending: set[str] = set()      # uniqueids with a soft hangup / async goto pending
        self.lingering = False

    @property
    def caller_channel(self) -> str:
        return self.caller.name

    @property
    def callee_channel(self) -> str:
        return self.callee.name

    @property
    def caller_uniqueid(self) -> str:
        return self.caller.uniqueid

    @property
    def callee_uniqueid(self) -> str:
        return self.callee.uniqueid

    @property
    def linkedid(self) -> str:
        return self.caller.linkedid

    def answer(self) -> None:
        """The callee picks up (a desk phone's 200 OK): DialEnd ANSWER, caller answered, bridge."""
        ami = self._ami
        with self.lock:
            if self.state != "ringing":
                return
            self.callee = ami._set(self.callee, state=UP)
            if self.callee_cid:  # update_connected_line_from_peer() unless DIAL_CALLERID_ABSENT
                self.caller = ami._set(self.caller, conn_num=self.callee.cid_num,
                                       conn_name=self.callee.cid_name)
            ami._dial("DialEnd", self.caller, self.callee, [("DialStatus", "ANSWER")])
            self.caller = ami._set(self.caller, state=UP)  # features.c pre_bridge_setup()
            # ast_bridge_call(): the callee is imparted first, then the caller joins
            self.bridge = str(uuid.uuid4())
            ami._emit("BridgeCreate", EVENT_FLAG_CALL, _bridge_fields(self.bridge, 0))
            # wait_for_answer() cleared the callee's exten (ast_channel_exten_set(c, "")); the
            # snapshot ast_channel_internal_bridge_set() publishes carries it: a Newexten
            self.callee = ami._set_appl(self.callee, "AppDial", "(Outgoing Line)", exten="")
            ami._emit("BridgeEnter", EVENT_FLAG_CALL,
                      _bridge_fields(self.bridge, 1) + self.callee.fields())
            ami._emit("BridgeEnter", EVENT_FLAG_CALL,
                      _bridge_fields(self.bridge, 2) + self.caller.fields())
            self.state = "up"

    def caller_hangs_up(self) -> None:
        """The outside party ends the call: SIP CANCEL while ringing, BYE once up."""
        with self.lock:
            self._remote_hangup(self.caller, cancel_cause=127, cancel_tech=487)

    def callee_hangs_up(self) -> None:
        """The callee (desk phone) hangs up once up; while ringing it rejects with 486 Busy."""
        with self.lock:
            if self.state == "ringing":
                # chan_pjsip_incoming_response_update_cause(): 486 -> cause 17 (User busy)
                self._ami._remote_reject(self, 17, 486)
            else:
                self._remote_hangup(self.callee, cancel_cause=0, cancel_tech=0)

    def vanish(self, *, announce: bool = True, linger: bool = False) -> None:
        """The call ends on the PBX before the client acts on what it last saw.

        linger=True: the channels still exist with a soft hangup pending (the window between
        ast_softhangup() and ast_hangup()): Hangup answers "Channel Hungup" and does
        nothing, Redirect answers "Redirect failed, channel not up.".  No event is sent;
        call vanish() again to finish.  Otherwise the channels are gone at once (actions get
        "No such channel" / "Channel does not exist: ..."); announce=False also drops the
        events the caller's hangup would send, as if the client had not read them yet.
        """
        with self.lock:
            if self.state == "gone":
                return
            if linger:
                self.lingering = True
                self.pending.update((self.caller.uniqueid, self.callee.uniqueid))
                return
            if not announce:
                self.state = "gone"
                return
            self.lingering = False
            self.pending.clear()
            self.caller_hangs_up()

    def _remote_hangup(self, leg: Chan, *, cancel_cause: int, cancel_tech: int) -> None:
        ami = self._ami
        if self.state == "ringing":
            # chan_pjsip_session_end(): inv cause 487 -> cause 127, tech cause 487
            ami._hangup_request(self.caller, cancel_cause, cancel_tech)
            ami._dial("DialEnd", self.caller, self.callee, [("DialStatus", "CANCEL")])
            self.state = "gone"
            # hanguptree() with the caller's cause; chan_pjsip_hangup(): cause2sip(127) = 500
            ami._hangup(self.callee, cancel_cause, cause2sip(cancel_cause))
            ami._hangup(self.caller, cancel_cause, cancel_tech)
        elif self.state == "up":
            # a BYE: chan_pjsip_session_end() -> ast_queue_hangup() -> HangupRequest; the
            # leg leaves first and the basic bridge dissolves (AST_BRIDGE_FLAG_DISSOLVE_HANGUP)
            other = self.callee if leg is self.caller else self.caller
            ami._hangup_request(leg)
            self._leave(leg, other)
            self.state = "gone"
            ami._hangup(self.callee, 16)
            ami._hangup(self.caller, 16)

    def _leave(self, first: Chan, second: Chan) -> None:
        """bridge_channel_internal_pull() for both channels, then the bridge is destroyed."""
        ami = self._ami
        ami._emit("BridgeLeave", EVENT_FLAG_CALL, _bridge_fields(self.bridge, 1) + first.fields())
        ami._emit("BridgeLeave", EVENT_FLAG_CALL,
                  _bridge_fields(self.bridge, 0) + second.fields())
        ami._emit("BridgeDestroy", EVENT_FLAG_CALL, _bridge_fields(self.bridge, 0))


class _Session:
    def __init__(self, conn: socket.socket) -> None:
        self.conn = conn
        self.lock = threading.Lock()
        self.authenticated = False
        self.send_events = 0

    def send(self, data: bytes) -> None:
        with self.lock, contextlib.suppress(OSError):
            self.conn.sendall(data)


class AsteriskAmi(LoopbackServer):
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
      transfer_answers  a destination a Redirect dials answers after ring_seconds (else
                        it keeps ringing until the test calls answer() on transferred_to)
      invalid_extens    extensions that do not exist in any context (a Redirect there
                        succeeds, then the channel finds no extension and hangs up)
      refuse            {action name in lower case: Message}: answer that action with
                        ``Response: Error`` and this message and do nothing (after the
                        permission check), e.g. {"redirect": "Redirect failed"}

    ``write`` is the account's manager.conf ``write =`` (get_perm()): Hangup needs system or
    call, Redirect needs call, Originate needs originate; without it: "Permission denied".

    Record: ``actions`` is every action block received, a dict of its headers as sent.
    Calls: ring() starts an incoming call that rings at the device until answer(); ``calls``
    holds every AmiCall (see AmiCall for the handle a test gets).
    """

    def __init__(self, *, username: str = "desk", secret: str = "pw",
                 device: str = "PJSIP/101", write: str = "all") -> None:
        self.username = username
        self.secret = secret
        self.device = device
        self.writeperm = get_perm(write)
        self.transfer_answers = True
        self.invalid_extens: set[str] = set()
        self.refuse: dict[str, str] = {}
        self.calls: list[AmiCall] = []
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
        super().__init__()

    # -- plumbing ------------------------------------------------------------------------

    def close(self) -> None:
        self._closed = True
        super().close()
        self.hang_up_all()
        for session in list(self._sessions):
            with contextlib.suppress(OSError):
                session.conn.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                session.conn.close()
        self.join(2.0)

    def join(self, timeout: float = 5.0) -> None:
        """Wait until every call scenario running in the background has sent its last event."""
        deadline = time.monotonic() + timeout
        while (alive := [t for t in list(self._threads) if t.is_alive()]) and (
                time.monotonic() < deadline):
            alive[0].join(max(0.0, deadline - time.monotonic()))

    def talk(self, conn: socket.socket) -> None:
        """One manager session."""
        session = _Session(conn)
        with self._lock:
            self._sessions.append(session)
        self._session(session)

    def _session(self, session: _Session) -> None:
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
        authority = _AUTHORITY.get(kind)
        if authority is None:
            message = (f"Invalid/unknown command: {name}. "
                       "Use Action: ListCommands to show available commands.")
            session.send(self._response("Error", aid, message))
            return True
        if authority and not (self.writeperm & authority):  # process_message()
            session.send(self._response("Error", aid, "Permission denied"))
            return True
        if kind in self.refuse:
            session.send(self._response("Error", aid, self.refuse[kind]))
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
        if kind == "hangup":
            self._action_hangup(session, headers, aid)
            return True
        if kind == "redirect":
            self._action_redirect(session, headers, aid)
            return True
        self._originate(session, headers, aid)
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

    def _set_appl(self, chan: Chan, appl: str, data: str, **changes: object) -> Chan:
        """A snapshot change of a channel running ``appl`` (Newexten if its CEP changed)."""
        new = replace(chan, **changes)  # type: ignore[arg-type]
        self._snapshot_events(chan, new, appl, data)
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
        answered=True: the phone answers after ring_seconds, the caller hangs up (BYE) after
        talk_seconds.  background=True runs it in a thread (see join()); otherwise this
        returns at the end.  A client may act on the call meanwhile (Hangup, Redirect).
        """
        if background:
            self._spawn(self._incoming, caller_num, caller_name, answered, trunk, did)
        else:
            self._incoming(caller_num, caller_name, answered, trunk, did)

    def ring(self, caller_num: str, caller_name: str = "", *, trunk: str = "PJSIP/trunk",
             did: str = "0441234567") -> AmiCall:
        """An outside call that rings at the device and keeps ringing; returns its handle.

        Returns once DialState RINGING is sent.  call.caller_channel is the trunk channel
        ("PJSIP/trunk-0000001f"), call.callee_channel the device channel; then
        call.answer(), call.caller_hangs_up(), call.callee_hangs_up(), call.vanish().
        """
        # chan_pjsip_incoming_request -> chan_pjsip_new(session, AST_STATE_RING, exten)
        t = self._new_channel(self._endpoint(trunk), RING, cid=(caller_name, caller_num),
                              context=self.trunk_context, exten=did)
        self._snapshot_events(None, t)
        appl = ("Dial", f"{self.device},30")
        self._snapshot_events(t, t, *appl, appl_changed=True)
        dev_name, dev_num = parse_callerid(self.device_callerid)
        # app_dial: ast_request(..., requestor=chan) -> Linkedid of the trunk channel
        d0 = self._new_channel(self._endpoint(self.device), DOWN, cid=(dev_name, dev_num),
                               context=self.device_context, exten="s", linkedid=t.linkedid)
        self._snapshot_events(None, d0)
        d = replace(d0, exten=did, cid_num=dev_num or did, cid_name=dev_name,
                    conn_num=t.cid_num, conn_name=t.cid_name)
        self._snapshot_events(d0, d, "AppDial", "(Outgoing Line)", appl_changed=True)
        self._dial("DialBegin", t, d, [("DialString", self._endpoint(self.device))])
        d = self._set(d, state=RINGING)
        self._dial("DialState", t, d, [("DialStatus", "RINGING")])
        call = AmiCall(self, t, d, appl, callee_cid=bool(dev_num))
        with self._lock:
            self.calls.append(call)
        return call

    def channel_names(self) -> list[str]:
        """The channels that exist now (hung-up channels are gone, lingering ones are not)."""
        with self._lock:
            calls = list(self.calls)
        return [c.name for call in calls if call.state != "gone"
                for c in (call.caller, call.callee)]

    def _spawn(self, target: Callable[..., object], *args: object) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)
        self._threads.append(thread)
        thread.start()

    def _incoming(self, caller_num: str, caller_name: str, answered: bool, trunk: str,
                  did: str) -> None:
        call = self.ring(caller_num, caller_name, trunk=trunk, did=did)
        time.sleep(self.ring_seconds)
        if answered:
            call.answer()
            time.sleep(self.talk_seconds)
        call.caller_hangs_up()  # a no-op if the call has already ended

    # -- call control: Hangup, Redirect ---------------------------------------------------

    def _find(self, name: str) -> tuple[AmiCall, Chan] | None:
        """ast_channel_get_by_name(): the name (strcasecmp), else the uniqueid."""
        with self._lock:
            calls = [c for c in self.calls if c.state != "gone"]
        for key in ("name", "uniqueid"):
            for call in calls:
                for chan in (call.caller, call.callee):
                    if getattr(chan, key).lower() == name.lower():
                        return call, chan
        return None

    def _action_hangup(self, session: _Session, headers: dict[str, str], aid: str) -> None:
        """main/manager.c ast_manager_hangup_helper(), hangup_handler =
        ast_channel_softhangup_withcause_locked()."""
        name = headers.get("channel", "")
        if not name:
            session.send(self._response("Error", aid, "No channel specified"))
            return
        cause = 0
        text = headers.get("cause", "")
        if text:  # strtol(); out of 0..127 or trailing junk -> 0 ("keep going")
            match = re.fullmatch(r"\s*([+-]?\d+)", text)
            cause = int(match.group(1)) if match else 0
            if not 0 <= cause <= 127:
                cause = 0
        if not name.startswith("/"):
            found = self._find(name)
            if found is None:
                session.send(self._response("Error", aid, "No such channel"))
                return
            session.send(self._response("Success", aid, "Channel Hungup"))
            self._start(self._request_hangup(*found, cause))
            return
        if len(name) < 2 or not name.endswith("/"):  # ast_regex_string_to_regex_pattern()
            session.send(self._response(
                "Error", aid, "Regex format invalid, Channel param should be /regex/"))
            return
        try:
            pattern = re.compile(name[1:-1])
        except re.error:
            session.send(self._response("Error", aid, f"Regex compile failed on: {name}"))
            return
        session.send(self._block([("Response", "Success"), *self._aid(aid),
                                  ("EventList", "start"),
                                  ("Message", "Channels hung up will follow")]))
        with self._lock:
            calls = [c for c in self.calls if c.state != "gone"]
        matched = 0
        todo: list[_Later] = []
        for call in calls:
            for chan in (call.caller, call.callee):
                if pattern.search(chan.name):  # regexec(): unanchored
                    todo += self._request_hangup(call, chan, cause)
                    matched += 1
                    session.send(self._block([("Event", "ChannelHungup"),
                                              ("Channel", chan.name), *self._aid(aid)]))
        session.send(self._block([("Event", "ChannelsHungupListComplete"), *self._aid(aid),
                                  ("EventList", "Complete"), ("ListItems", str(matched))]))
        self._start(todo)

    def _start(self, later: list[_Later]) -> None:
        """What other Asterisk threads do after the action's reply has been written."""
        for target, args in later:
            self._spawn(target, *args)

    def _request_hangup(self, call: AmiCall, chan: Chan, cause: int) -> list[_Later]:
        """ast_softhangup_nolock(AST_SOFTHANGUP_EXPLICIT): no (Soft)HangupRequest event."""
        with call.lock:
            if call.lingering or chan.uniqueid in call.pending:
                return []
            call.pending.add(chan.uniqueid)
        return [(self._do_hangup, (call, chan.uniqueid, cause))]

    def _do_hangup(self, call: AmiCall, uid: str, cause: int) -> None:
        with call.lock:
            if call.state == "gone" or call.lingering:
                return
            leg = call.caller if call.caller.uniqueid == uid else call.callee
            if call.state == "ringing" and leg is call.callee:
                # app_dial wait_for_answer(): ast_read(c) gives NULL -> the caller takes the
                # callee's cause, DialEnd with ast_hangup_cause_to_dial_status(), ast_hangup(c)
                self._callee_failed(call, cause, cause2sip(cause), request=False)
            elif call.state == "ringing":
                # the caller's read gives NULL: "Got hung up" -> DialEnd CANCEL, then
                # hanguptree() with the caller's cause (or 16), then the caller is hung up
                self._dial("DialEnd", call.caller, call.callee, [("DialStatus", "CANCEL")])
                call.state = "gone"
                tree = cause or 16
                self._hangup(call.callee, tree, cause2sip(tree))
                self._hangup(call.caller, cause, cause2sip(cause))
            else:
                # the leg leaves, bridge_dissolve() kicks the other; app_dial had set cause 16
                # on both at answer, so only an explicit Cause changes the hung-up leg's cause
                other = call.callee if leg is call.caller else call.caller
                call._leave(leg, other)
                call.state = "gone"
                own = cause or 16
                self._hangup(leg, own, cause2sip(own))
                self._hangup(other, 16)

    def _remote_reject(self, call: AmiCall, cause: int, tech: int) -> None:
        self._callee_failed(call, cause, tech, request=True)

    def _callee_failed(self, call: AmiCall, cause: int, tech: int, *, request: bool) -> None:
        """The dialled channel went away unanswered; Dial() returns, nothing follows it."""
        status = dial_status(cause)
        if request:
            self._hangup_request(call.callee, cause, tech)
        self._dial("DialEnd", call.caller, call.callee, [("DialStatus", status)])
        call.state = "gone"
        self._hangup(call.callee, cause, tech)
        caller = call.caller
        if status in ("BUSY", "CONGESTION", "CHANUNAVAIL"):
            # pbx.c autofallthrough: indicate_busy() / indicate_congestion() set the cause and
            # state Busy; chan_pjsip answers 486 / 503 and the session end queues the hangup
            own = 17 if status == "BUSY" else 34
            caller = self._set(caller, state=BUSY)
            self._hangup_request(caller, own, cause2sip(own))
            self._hangup(caller, own, cause2sip(own))
        else:
            self._hangup(caller, cause, cause2sip(cause))

    def _action_redirect(self, session: _Session, headers: dict[str, str], aid: str) -> None:
        """main/manager.c action_redirect() -> async_goto_with_discard_bridge_after()."""
        def error(message: str) -> None:
            session.send(self._response("Error", aid, message))

        name, name2 = headers.get("channel", ""), headers.get("extrachannel", "")
        exten, exten2 = headers.get("exten", ""), headers.get("extraexten", "")
        context, context2 = headers.get("context", ""), headers.get("extracontext", "")
        priority, priority2 = headers.get("priority", ""), headers.get("extrapriority", "")
        for value, missing in ((name, "Channel"), (context, "Context"), (exten, "Exten"),
                               (priority, "Priority")):
            if not value:
                return error(f"{missing} not specified")
        pi = _scan_priority(priority)
        if pi < 1:
            return error("Priority is invalid")
        pi2 = 0
        if name2 and context2:
            if not exten2:
                return error("ExtraExten not specified")
            if not priority2:
                return error("ExtraPriority not specified")
            pi2 = _scan_priority(priority2)
            if pi2 < 1:
                return error("ExtraPriority is invalid")
        found = self._find(name)
        if found is None:
            return error(f"Channel does not exist: {name}")
        if self._hangup_pending(*found):
            return error("Redirect failed, channel not up.")
        later: list[_Later] = []
        if not name2:
            if not self._goto(later, *found, context, exten, pi):
                return error("Redirect failed")
            session.send(self._response("Success", aid, "Redirect successful"))
            return self._start(later)
        found2 = self._find(name2)
        if found2 is None:
            return error(f"ExtraChannel does not exist: {name2}")
        if self._hangup_pending(*found2):
            return error("Redirect failed, extra channel not up.")
        dest2 = (context2, exten2, pi2) if context2 else (context, exten, pi)
        if found[0] is found2[0] and found[0].state == "up" and found[1] is not found2[1]:
            # both legs of one bridge: AST_FLAG_BRIDGE_DUAL_REDIRECT_WAIT, both leave it
            call = found[0]
            with call.lock:
                call.pending.update((found[1].uniqueid, found2[1].uniqueid))
            session.send(self._response("Success", aid, "Dual Redirect successful"))
            return self._spawn(self._do_dual, call, found[1].uniqueid, (context, exten, pi),
                               dest2)
        if not self._goto(later, *found, context, exten, pi):
            return error("Redirect failed")
        if not self._goto(later, found2[0], found2[1], dest2[0], dest2[1], dest2[2]):
            error("Secondary redirect failed")
        else:
            session.send(self._response("Success", aid, "Dual Redirect successful"))
        return self._start(later)

    @staticmethod
    def _hangup_pending(call: AmiCall, chan: Chan) -> bool:
        """ast_check_hangup_locked(): any softhangup flag, ASYNCGOTO included."""
        with call.lock:
            return call.lingering or chan.uniqueid in call.pending

    def _goto(self, later: list[_Later], call: AmiCall, chan: Chan, context: str, exten: str,
              pi: int) -> bool:
        """pbx.c ast_async_goto(): a bridged channel or one running dialplan goes at once.

        The ringing callee is neither: Asterisk takes it over with ast_channel_yank() (a
        masquerade onto a Surrogate/ channel), which is not emulated: "Redirect failed".
        """
        with call.lock:
            if call.state == "ringing" and chan is call.callee:
                return False
            call.pending.add(chan.uniqueid)
        later.append((self._do_redirect, (call, chan.uniqueid, (context, exten, pi))))
        return True

    def _do_redirect(self, call: AmiCall, uid: str, dest: tuple[str, str, int]) -> None:
        context, exten, pi = dest
        with call.lock:
            if call.state == "gone" or call.lingering:
                return
            leg = call.caller if call.caller.uniqueid == uid else call.callee
            moved = replace(leg, context=context, exten=exten, priority=pi)
            if call.state == "up":
                # the leg leaves (ASYNCGOTO), bridge_dissolve() kicks the other, which hangs
                # up (its Dial() returns / its imparted thread ends) with the cause 16
                other = call.callee if leg is call.caller else call.caller
                call._leave(leg, other)
                call.state = "gone"
                # ast_channel_internal_bridge_set(chan, NULL) publishes a snapshot with the new
                # context/exten/priority while the application is still the old one
                self._snapshot_events(leg, moved, *self._appl_of(call, leg))
                self._hangup(other, 16)
                prev, cause = moved, 16
            else:
                # the caller's Dial(): "Got hung up" -> DialEnd CANCEL, hanguptree(..., 16)
                self._dial("DialEnd", call.caller, call.callee, [("DialStatus", "CANCEL")])
                call.state = "gone"
                self._hangup(call.callee, 16)
                prev, cause = leg, 0
        self._run_exten(prev, moved, cause, call)

    def _do_dual(self, call: AmiCall, uid: str, dest: tuple[str, str, int],
                 dest2: tuple[str, str, int]) -> None:
        with call.lock:
            if call.state != "up" or call.lingering:
                return
            first = call.caller if call.caller.uniqueid == uid else call.callee
            second = call.callee if first is call.caller else call.caller
            call._leave(first, second)
            call.state = "gone"
            moves = []
            for leg, (context, exten, pi) in ((first, dest), (second, dest2)):
                moved = replace(leg, context=context, exten=exten, priority=pi)
                self._snapshot_events(leg, moved, *self._appl_of(call, leg))
                moves.append(moved)
        for i, moved in enumerate(moves):
            self._spawn(self._run_exten, moved, moved, 16, None if i else call)

    @staticmethod
    def _appl_of(call: AmiCall, leg: Chan) -> tuple[str, str]:
        return call.appl if leg is call.caller else ("AppDial", "(Outgoing Line)")

    def _run_exten(self, prev: Chan, chan: Chan, cause: int,
                   origin: AmiCall | None) -> AmiCall | None:
        """The emulated dialplan, the same in every context, only priority 1:

        exten => NNNN,1,Dial(PJSIP/NNNN,30)      1 to 4 digits: a phone endpoint
        exten => _X.,1,Dial(PJSIP/${EXTEN}@trunk,60)   longer numbers: out on the trunk
        anything else (and invalid_extens, other priorities): no extension -> __ast_pbx_run()
        gives up and the channel is hung up with the cause it has.
        """
        exten = chan.exten
        number = exten.lstrip("+")
        if chan.priority != 1 or not number.isdigit() or exten in self.invalid_extens:
            self._hangup(chan, cause, cause2sip(cause))
            return None
        local = exten.isdigit() and len(exten) <= 4
        dialstring = exten if local else f"{exten}@trunk"
        data = f"PJSIP/{dialstring},30" if local else f"PJSIP/{dialstring},60"
        self._snapshot_events(prev, chan, "Dial", data)  # Newexten only if CEP changed
        t0 = self._new_channel(exten if local else "trunk", DOWN, cid=("", ""),
                               context=self.device_context if local else self.trunk_context,
                               exten="s", linkedid=chan.linkedid)
        self._snapshot_events(None, t0)
        # dial_exec_full(): no caller id from the driver -> stored_clid = caller's exten
        t = replace(t0, exten=exten, cid_num=exten, cid_name="",
                    conn_num=chan.cid_num, conn_name=chan.cid_name)
        self._snapshot_events(t0, t, "AppDial", "(Outgoing Line)", appl_changed=True)
        self._dial("DialBegin", chan, t, [("DialString", dialstring)])
        t = self._set(t, state=RINGING)
        self._dial("DialState", chan, t, [("DialStatus", "RINGING")])
        new = AmiCall(self, chan, t, ("Dial", data), callee_cid=False)
        with self._lock:
            self.calls.append(new)
        if origin is not None:
            origin.transferred_to = new
        if self.transfer_answers:
            time.sleep(self.ring_seconds)
            new.answer()
        return new

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
