"""macOS: the default tel:/callto: handler through Launch Services, start at login.

The app bundle declares its URL schemes (CFBundleURLTypes in packaging/macos/Info.plist);
which app opens them is the user's choice, asked for with NSWorkspace's
``setDefaultApplicationAtURL:toOpenURLsWithScheme:completionHandler:`` (macOS 12 and later)
and read with ``URLForApplicationToOpenURL:``. Start at login is a per-user LaunchAgent.
Everything goes through the small :class:`LaunchServices` interface, so the logic is tested on
any system with a fake; :class:`AppKitLaunchServices` is the ctypes implementation.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import plistlib
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from desktop_client.platform import SCHEMES, HandlerReport

BUNDLE_ID = "ch.desktopclient.TelephonyClient"
CALLS_SETTING = "FaceTime > Settings > Default for calls"


class LaunchServices(Protocol):
    """The part of NSWorkspace and NSBundle we use."""

    def default_app(self, scheme: str) -> str | None:
        """The path of the app macOS opens ``scheme:`` URLs with, or None."""
        ...

    def bundle_id(self, app_path: str) -> str | None:
        """The CFBundleIdentifier of the app at ``app_path``."""
        ...

    def set_default_app(self, app_path: str, scheme: str) -> None:
        """Ask macOS to open ``scheme:`` URLs with the app at ``app_path``."""
        ...


def app_bundle(executable: str) -> str | None:
    """The ``….app`` folder a program runs from (``….app/Contents/MacOS/program``)."""
    path = Path(executable).resolve()
    if path.parent.name == "MacOS" and path.parent.parent.name == "Contents" and \
            path.parents[2].suffix == ".app":
        return str(path.parents[2])
    return None


def handler_is_us(services: LaunchServices, scheme: str, executable: str) -> bool:
    """True if macOS opens ``scheme:`` links with this app (any copy of it)."""
    app = services.default_app(scheme)
    if app is None:
        return False
    ours = app_bundle(executable)
    return (ours is not None and Path(app).resolve() == Path(ours)) or \
        services.bundle_id(app) == BUNDLE_ID


def register(services: LaunchServices, executable: str,
             schemes: Sequence[str] = SCHEMES) -> str:
    """Ask macOS to open the schemes with this app bundle; say what was done."""
    bundle = app_bundle(executable)
    if bundle is None:
        raise RuntimeError("on macOS only the app bundle can handle links: install "
                           "'Telephony Client.app' and run 'register' from it (it declares "
                           "tel: and callto:)")
    failed = []
    for scheme in schemes:
        try:
            services.set_default_app(bundle, scheme)
        except OSError as error:
            failed.append(f"{scheme}: ({error})")
    if failed:
        raise RuntimeError(f"macOS did not accept {bundle} for " + ", ".join(failed)
                           + f"; choose it in {CALLS_SETTING}")
    return (f"asked macOS to open {', '.join(s + ':' for s in schemes)} with {bundle} (macOS "
            "may ask you to confirm)")


def unregister(services: LaunchServices, executable: str,
               schemes: Sequence[str] = (*SCHEMES, "sip")) -> str:
    """What can be undone: macOS keeps the schemes an installed bundle declares."""
    ours = [s for s in schemes if handler_is_us(services, s, executable)]
    if not ours:
        return "nothing to undo: macOS opens none of these links with this app"
    return (f"macOS opens {', '.join(s + ':' for s in ours)} with this app as long as it is "
            f"installed; choose another app in {CALLS_SETTING}, or move this one to the Trash")


def doctor(services: LaunchServices, executable: str,
           schemes: Sequence[str] = (*SCHEMES, "sip")) -> list[HandlerReport]:
    """Which app macOS opens each scheme with, and whether it is us."""
    reports = []
    for scheme in schemes:
        app = services.default_app(scheme)
        is_us = handler_is_us(services, scheme, executable)
        detail = "" if is_us else f"not the default; run 'desktop-client register' or use " \
                                  f"{CALLS_SETTING}"
        reports.append(HandlerReport(scheme, app or "(none)", is_us, detail))
    return reports


def launch_agent_path(home: Path | None = None) -> Path:
    """The per-user LaunchAgent that starts the app at login."""
    return (home or Path.home()) / "Library" / "LaunchAgents" / f"{BUNDLE_ID}.plist"


def set_autostart(command: Sequence[str], enabled: bool, home: Path | None = None) -> None:
    """Start the tray app at login (or not), with a LaunchAgent loaded at the next login."""
    path = launch_agent_path(home)
    if not enabled:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    agent = {
        "Label": BUNDLE_ID,
        "ProgramArguments": [*command, "run"],
        "RunAtLoad": True,
        "ProcessType": "Interactive",
        "LimitLoadToSessionType": "Aqua",  # the user's graphical session, not ssh
    }
    temporary = path.with_suffix(".tmp")
    temporary.write_bytes(plistlib.dumps(agent))
    os.replace(temporary, path)


class AppKitLaunchServices:  # pragma: no cover - needs macOS
    """:class:`LaunchServices` through the Objective-C runtime (ctypes, no PyObjC)."""

    def __init__(self) -> None:
        objc_path = ctypes.util.find_library("objc")
        appkit_path = ctypes.util.find_library("AppKit")
        if not objc_path or not appkit_path:
            raise OSError("the Objective-C runtime and AppKit exist only on macOS")
        self._appkit = ctypes.CDLL(appkit_path)  # registers NSWorkspace with the runtime
        self._objc: Any = ctypes.CDLL(objc_path)
        self._objc.objc_getClass.restype = ctypes.c_void_p
        self._objc.objc_getClass.argtypes = [ctypes.c_char_p]
        self._objc.sel_registerName.restype = ctypes.c_void_p
        self._objc.sel_registerName.argtypes = [ctypes.c_char_p]

    def _send(self, receiver: int | None, selector: str, *args: Any,
              argtypes: Sequence[Any] = (), restype: Any = ctypes.c_void_p) -> Any:
        # objc_msgSend is called with the real signature (not variadic: arm64 needs that).
        function = ctypes.CFUNCTYPE(restype, ctypes.c_void_p, ctypes.c_void_p, *argtypes)(
            ("objc_msgSend", self._objc))
        return function(receiver, self._objc.sel_registerName(selector.encode()), *args)

    def _class(self, name: str) -> int:
        return int(self._objc.objc_getClass(name.encode()))

    def _string(self, text: str) -> int:
        return int(self._send(self._class("NSString"), "stringWithUTF8String:",
                              text.encode(), argtypes=[ctypes.c_char_p]))

    def _text(self, string: int | None) -> str | None:
        if not string:
            return None
        raw = self._send(string, "UTF8String", restype=ctypes.c_char_p)
        return raw.decode() if raw else None

    def _workspace(self) -> int:
        return int(self._send(self._class("NSWorkspace"), "sharedWorkspace"))

    def default_app(self, scheme: str) -> str | None:
        """NSWorkspace URLForApplicationToOpenURL:."""
        url = self._send(self._class("NSURL"), "URLWithString:", self._string(f"{scheme}:1"),
                         argtypes=[ctypes.c_void_p])
        app = self._send(self._workspace(), "URLForApplicationToOpenURL:", url,
                         argtypes=[ctypes.c_void_p])
        return self._text(self._send(app, "path")) if app else None

    def bundle_id(self, app_path: str) -> str | None:
        """NSBundle bundleWithPath: … bundleIdentifier."""
        bundle = self._send(self._class("NSBundle"), "bundleWithPath:",
                            self._string(app_path), argtypes=[ctypes.c_void_p])
        return self._text(self._send(bundle, "bundleIdentifier")) if bundle else None

    def set_default_app(self, app_path: str, scheme: str) -> None:
        """NSWorkspace setDefaultApplicationAtURL:toOpenURLsWithScheme:completionHandler:.

        The call returns at once; macOS may first ask the user, then calls the completion
        block (on a queue of its own) with an NSError or nil. We wait for it, so that a
        refusal is reported instead of lost.
        """
        workspace = self._workspace()
        selector = "setDefaultApplicationAtURL:toOpenURLsWithScheme:completionHandler:"
        if not self._send(workspace, "respondsToSelector:",
                          self._objc.sel_registerName(selector.encode()),
                          argtypes=[ctypes.c_void_p], restype=ctypes.c_bool):
            raise OSError(f"this macOS cannot set the default app; use {CALLS_SETTING}")
        url = self._send(self._class("NSURL"), "fileURLWithPath:", self._string(app_path),
                         argtypes=[ctypes.c_void_p])
        done = threading.Event()
        outcome: list[str | None] = []

        def completed(_block: int | None, error: int | None) -> None:
            outcome.append(self._text(self._send(error, "localizedDescription"))
                           if error else None)
            done.set()

        block = _CompletionBlock(completed)
        self._send(workspace, selector, url, self._string(scheme), block.pointer(),
                   argtypes=[ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p],
                   restype=None)
        if not done.wait(COMPLETION_TIMEOUT_S):
            # The block stays referenced: macOS may still call it.
            _PENDING_BLOCKS.append(block)
            raise OSError(f"macOS did not answer within {COMPLETION_TIMEOUT_S:g} s")
        if outcome and outcome[0] is not None:
            raise OSError(outcome[0])


COMPLETION_TIMEOUT_S = 60.0  # the user may be reading macOS's question
_PENDING_BLOCKS: list[_CompletionBlock] = []
_BLOCK_IS_GLOBAL = 1 << 28
_BLOCK_HAS_SIGNATURE = 1 << 30
_COMPLETION = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_void_p)


class _BlockDescriptor(ctypes.Structure):
    _fields_ = [("reserved", ctypes.c_ulong), ("size", ctypes.c_ulong),
                ("signature", ctypes.c_char_p)]


class _BlockLiteral(ctypes.Structure):
    _fields_ = [("isa", ctypes.c_void_p), ("flags", ctypes.c_int32),
                ("reserved", ctypes.c_int32), ("invoke", ctypes.c_void_p),
                ("descriptor", ctypes.POINTER(_BlockDescriptor))]


class _CompletionBlock:  # pragma: no cover - needs macOS
    """A ``void (^)(NSError *)`` block (clang's Block ABI) calling a Python function.

    Global, so Block_copy keeps it as it is; the Python objects live as long as this does.
    """

    def __init__(self, function: Any) -> None:
        system = ctypes.CDLL(ctypes.util.find_library("System"))
        self._invoke = _COMPLETION(function)
        self._descriptor = _BlockDescriptor(0, ctypes.sizeof(_BlockLiteral), b"v16@?0@8")
        self._literal = _BlockLiteral(
            ctypes.addressof(ctypes.c_void_p.in_dll(system, "_NSConcreteGlobalBlock")),
            _BLOCK_IS_GLOBAL | _BLOCK_HAS_SIGNATURE, 0,
            ctypes.cast(self._invoke, ctypes.c_void_p),
            ctypes.pointer(self._descriptor))

    def pointer(self) -> int:
        """The block, as objc_msgSend takes it."""
        return ctypes.addressof(self._literal)
