"""Telephony desktop client: tel: handler, click-to-dial, caller pop-up and call journal."""
