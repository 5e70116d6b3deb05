"""The wire formats of the phone systems that both dial and report calls on one connection
(Asterisk's AMI, FreeSWITCH's event socket, linphone-daemon): codecs, safe request builders
and event mappers, Qt-free. Outgoing (dialing/) and incoming (cti/) code both use them; neither
depends on the other."""
