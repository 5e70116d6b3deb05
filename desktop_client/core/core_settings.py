"""The app's own settings, declared: each one's section, key, default, label and help text.

The phone systems declare theirs in ``phones/<name>/settings.py``; the whole schema is put
together in :mod:`desktop_client.settings`. How settings are read, checked and saved is
:mod:`desktop_client.core.config`'s business.
"""

from __future__ import annotations

from desktop_client.core.config import N_, Schema, Secret, Setting

#: People and organizations with a phone number, in OpenLDAP and Active Directory
#: (otherTelephone and ipPhone are AD's; a server that lacks them ignores them).
DEFAULT_LDAP_FILTER = (
    "(&(|(objectClass=person)(objectClass=organization))"
    "(|(telephoneNumber=*)(mobile=*)(homePhone=*)(otherTelephone=*)(ipPhone=*)"
    "(facsimileTelephoneNumber=*)))"
)

#: Vertec's phone, mobile and fax entries (its German model names; 6.8+ accepts them too).
VERTEC_SYNC_OCL = ("KommMittel->select((typ.internertyp.asstring='T') or "
                   "(typ.internertyp.asstring='M') or (typ.internertyp.asstring='F'))")
#: A caller's entries, by the normalized form Vertec stores (its text form is not documented:
#: an admin checks it against their instance).
VERTEC_LOOKUP_SQLWHERE = "NormalizedZiel = '{e164}'"

_NUMBER_STYLES = (N_("International (+41446681800)"), N_("National (0446681800)"),
                  N_("International with 00 (0041446681800)"))

#: The app's own settings. The phone systems add theirs (phones/<name>/settings.py); the
#: whole schema is put together in desktop_client/settings.py.
CORE = Schema((
    Setting("location", "country", "CH", N_("Country"),
            N_("ISO code of your country (CH, DE, AT …): numbers without +… belong here.")),
    Setting("location", "area_code", "", N_("Area code"),
            N_("Completes local numbers dialled without their area code (e.g. 44).")),
    Setting("location", "outside_line", "", N_("Outside-line prefix"),
            N_("The digit(s) your PBX puts before external numbers, e.g. 0.")),
    Setting("location", "internal_digits", 0, N_("Digits of internal extensions"),
            N_("Numbers up to this length are internal extensions (0: none)."), maximum=8),
    Setting("directory", "company_block_digits", 2, N_("Company block digits"),
            N_("An unknown caller whose number differs from a company's main number only in "
               "this many last digits is shown as probably that company."), maximum=4),
    Setting("directory", "sources", (), N_("Directory servers"),
            N_("Servers asked after the local directory, in this order; each is copied into "
               "the local directory every few minutes."),
            choices=("vertec", "ldap", "carddav", "http"),
            choice_labels=(N_("Vertec"), N_("LDAP / Active Directory"),
                           N_("CardDAV address book"), N_("CRM over HTTP"))),
    Setting("directory", "sync_minutes", 60, N_("Sync every (minutes)"),
            N_("How often the directory servers are copied into the local directory "
               "(0: only on demand)."), maximum=10080),
    Setting("directory", "live_deadline_ms", 1500, N_("Live lookup deadline (ms)"),
            N_("How long a caller card waits for a server that is asked live."),
            minimum=100, maximum=10000),
    Setting("directory.vertec", "url", "", N_("Vertec address"),
            N_("The address of your Vertec Web App, e.g. https://firma.vertec-cloud.com; "
               "requests go to …/xml. The API token is kept in the keyring.")),
    Setting("directory.vertec", "log_calls", False, N_("Log calls as activities"),
            N_("A finished call with a Vertec address becomes a done activity of that "
               "address.")),
    Setting("directory.vertec", "activity_type", "", N_("Activity type (objid)"),
            N_("The objid of the activity type for calls, e.g. of \"Telefon\" (empty: "
               "none).")),
    Setting("directory.vertec", "responsible", "", N_("Responsible user (objid)"),
            N_("Your user's objid in Vertec (empty: none).")),
    Setting("directory.vertec", "open_url", "", N_("Open in Vertec (URL)"),
            N_("A link to an address in the Vertec Web App, with {objid} where the "
               "address's objid goes.")),
    Setting("directory.vertec", "sync_ocl", VERTEC_SYNC_OCL, N_("Query for the numbers (OCL)"),
            N_("Selects the phone, mobile and fax entries (KommMittel) to copy.")),
    Setting("directory.vertec", "lookup_sqlwhere", VERTEC_LOOKUP_SQLWHERE,
            N_("Query for one number (sqlwhere)"),
            N_("Finds a caller's entries; {e164}, {national} and {digits} are replaced.")),
    Setting("directory.vertec", "normalized_member", "NormalizedZiel",
            N_("Member with the normalized number"),
            N_("Compared with our own normalization in each sync (empty: not read).")),
    Setting("directory.ldap", "url", "", N_("LDAP server"),
            N_("ldap://host or ldaps://host (an Active Directory domain controller, say).")),
    Setting("directory.ldap", "base_dn", "", N_("Search base"),
            N_("For example ou=people,dc=example,dc=org.")),
    Setting("directory.ldap", "bind_dn", "", N_("Bind DN"),
            N_("The user to log in as (empty: anonymous); its password is in the keyring.")),
    Setting("directory.ldap", "filter", DEFAULT_LDAP_FILTER, N_("Search filter"),
            N_("Which entries are contacts; the default finds people and organizations "
               "with a phone number.")),
    Setting("directory.ldap", "start_tls", False, N_("Use StartTLS"),
            N_("Encrypt an ldap:// connection (ldaps:// is always encrypted).")),
    Setting("directory.carddav", "url", "", N_("Address book URL"),
            N_("The CardDAV address book collection, e.g. "
               "https://cloud.example/remote.php/dav/addressbooks/users/anna/contacts/.")),
    Setting("directory.carddav", "username", "", N_("User name")),
    Setting("directory.http", "url", "", N_("Lookup URL"),
            N_("The CRM's lookup by number; {number} is replaced, e.g. "
               "https://crm.example/api/contacts?phone={number}.")),
    Setting("directory.http", "number_format", "e164", N_("Number in the URL"),
            choices=("e164", "national", "digits"),
            choice_labels=(N_("International (+41446681800)"), N_("National (044 668 18 00)"),
                           N_("Digits only (41446681800)"))),
    Setting("directory.http", "results_path", "", N_("Path to the results"),
            N_("Where the list of contacts is in the JSON answer, e.g. data.items "
               "(empty: the answer itself).")),
    Setting("directory.http", "name_path", "name", N_("Path to the name")),
    Setting("directory.http", "company_path", "company", N_("Path to the company")),
    Setting("directory.http", "kind_path", "", N_("Path to the kind"),
            N_("A field saying person or company (empty: a person when it has a name).")),
    Setting("directory.http", "url_path", "url", N_("Path to the contact's URL"),
            N_("Opened by \"Open in CRM\".")),
    Setting("dial", "backend", "command", N_("Dial with")),  # choices: the phone systems
    Setting("dial", "confirm", "risky", N_("Ask before dialling"),
            choices=("risky", "external", "always"),
            choice_labels=(N_("Only for risky numbers"),
                           N_("For every request from another program"), N_("Always"))),
    Setting("dial", "countdown_s", 2, N_("Countdown before dialling (seconds)"),
            maximum=30),
    Setting("dial", "per_minute", 10, N_("Most calls per minute"),
            N_("Requests beyond this many a minute are refused (a flood from a web page)."),
            minimum=1, maximum=120),
    Setting("dial", "number_format", "e164", N_("Number format sent to the phone"),
            choices=("e164", "national", "international_00"), choice_labels=_NUMBER_STYLES),
    Setting("dial", "outside_line", "", N_("Outside-line prefix for dialling"),
            N_("Digits the PBX needs before external numbers (not used with E.164).")),
    Setting("dial", "hotkey", "Ctrl+Alt+D", N_("Shortcut to dial the selected text (Windows)"),
            N_("Select a number in any program and press it; empty: none. Elsewhere, bind "
               "\"desktop-client dial --selection\" in the desktop's keyboard settings.")),
    Setting("cti", "sources", (), N_("Call sources"),  # choices: the phone systems' sources
            N_("Where incoming calls are reported from besides the command-line hook; in "
               "config.toml their names, e.g. [\"baresip\", \"action_url\"].")),
    Setting("popup", "style", "auto", N_("Show incoming calls as"),
            N_("Automatic: the desktop's notifications where there is no tray, cards next "
               "to the tray icon where there is one."),
            choices=("auto", "cards", "native", "both"),
            choice_labels=(N_("Automatic"), N_("Cards next to the tray icon"),
                           N_("The desktop's notifications"), N_("Both"))),
    Setting("popup", "open_url", "", N_("Open in CRM (URL)"),
            N_("For example https://crm.example/adr?id={external_id}; also {e164}, "
               "{contact_id}.")),
    Setting("journal", "retention_days", 365, N_("Keep calls (days)"),
            N_("Calls older than this are forgotten (0: keep all)."), maximum=36500),
    Setting("ui", "language", "auto", N_("Language"), choices=("auto", "de", "en"),
            choice_labels=(N_("As the system"), "Deutsch", "English")),
    Setting("app", "autostart", False, N_("Start at login")),
    Setting("app", "register_asked", False, N_("Asked to become the tel: handler")),
    Setting("app", "setup_done", False, N_("First-run assistant done")),
), (
    Secret("directory.ldap", "password", N_("Bind password")),
    Secret("directory.carddav", "password", N_("Password")),
    Secret("directory.vertec", "token", N_("API token")),
    Secret("directory.http", "token", N_("API token")),
), {
    "location": N_("Location"), "directory": N_("Directory"), "dial": N_("Dialling"),
    "cti": N_("Incoming calls"), "popup": N_("Caller pop-up"), "journal": N_("Call journal"),
    "ui": N_("Appearance"), "app": N_("Start"), "directory.ldap": N_("LDAP / Active Directory"),
    "directory.carddav": N_("CardDAV address book"), "directory.http": N_("CRM over HTTP"),
    "directory.vertec": N_("Vertec"),
})
