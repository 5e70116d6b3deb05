<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="de_DE">
  <context>
    <name>AddContactDialog</name>
    <message>
      <location filename="../../desktop_client/ui/add_contact.py" line="27" />
      <source>Add contact</source>
      <extracomment>save(kind, first name, last name, company, number) -&gt; "" or the reason it failed</extracomment>
      <translation>Kontakt hinzufügen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/add_contact.py" line="31" />
      <source>Person</source>
      <translation>Person</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/add_contact.py" line="32" />
      <location filename="../../desktop_client/ui/add_contact.py" line="46" />
      <source>Company</source>
      <translation>Firma</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/add_contact.py" line="42" />
      <source>Number</source>
      <translation>Nummer</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/add_contact.py" line="43" />
      <source>Kind</source>
      <translation>Art</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/add_contact.py" line="44" />
      <source>First name</source>
      <translation>Vorname</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/add_contact.py" line="45" />
      <source>Last name</source>
      <translation>Nachname</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/add_contact.py" line="58" />
      <source>Enter a name or a company.</source>
      <translation>Geben Sie einen Namen oder eine Firma ein.</translation>
    </message>
  </context>
  <context>
    <name>CallFlow</name>
    <message>
      <location filename="../../desktop_client/ui/call_flow.py" line="72" />
      <source>a withheld number</source>
      <translation>einer unterdrückten Nummer</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/call_flow.py" line="74" />
      <source>Missed call</source>
      <translation>Verpasster Anruf</translation>
    </message>
  </context>
  <context>
    <name>CallerCardWidget</name>
    <message>
      <location filename="../../desktop_client/ui/popup.py" line="65" />
      <source>Incoming call</source>
      <translation>Eingehender Anruf</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/popup.py" line="68" />
      <source>Number withheld</source>
      <translation>Nummer unterdrückt</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/popup.py" line="78" />
      <source>Last calls:</source>
      <translation>Letzte Anrufe:</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/popup.py" line="89" />
      <source>Open in CRM</source>
      <translation>Im CRM öffnen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/popup.py" line="93" />
      <source>Copy number</source>
      <translation>Nummer kopieren</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/popup.py" line="83" />
      <source>Call back</source>
      <translation>Zurückrufen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/popup.py" line="91" />
      <source>Add contact</source>
      <translation>Kontakt hinzufügen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/popup.py" line="95" />
      <source>Dismiss</source>
      <translation>Schliessen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/popup.py" line="118" />
      <location filename="../../desktop_client/ui/popup.py" line="123" />
      <source>Unknown caller</source>
      <translation>Unbekannter Anrufer</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/popup.py" line="119" />
      <source>The caller withheld the number</source>
      <translation>Der Anrufer hat die Nummer unterdrückt</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop_client/ui/popup.py" line="129" />
      <source>%n possible contacts</source>
      <translation>
        <numerusform>%n möglicher Kontakt</numerusform>
        <numerusform>%n mögliche Kontakte</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/popup.py" line="130" />
      <source>Pick the right one; it is remembered for this number.</source>
      <translation>Wählen Sie den richtigen; er wird für diese Nummer gemerkt.</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/popup.py" line="155" />
      <source>probably, by the company's number</source>
      <translation>vermutlich, nach der Firmennummer</translation>
    </message>
  </context>
  <context>
    <name>ConfirmDialog</name>
    <message>
      <location filename="../../desktop_client/ui/confirm.py" line="22" />
      <source>Emergency call?</source>
      <translation>Notruf wählen?</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/confirm.py" line="23" />
      <source>Dial this number?</source>
      <translation>Diese Nummer wählen?</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/confirm.py" line="24" />
      <source>number</source>
      <translation>Nummer</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/confirm.py" line="29" />
      <source>What kind of number: %1</source>
      <translation>Art der Nummer: %1</translation>
    </message>
    <message>
      <source>This is a %1.</source>
      <translation type="vanished">Dies ist eine %1.</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/confirm.py" line="32" />
      <source>Requested by %1.</source>
      <translation>Angefordert von: %1.</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/confirm.py" line="36" />
      <source>Call emergency number</source>
      <translation>Notrufnummer anrufen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/confirm.py" line="36" />
      <source>Dial</source>
      <translation>Wählen</translation>
    </message>
  </context>
  <context>
    <name>CountdownToast</name>
    <message>
      <location filename="../../desktop_client/ui/toast.py" line="35" />
      <source>Cancel</source>
      <translation>Abbrechen</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop_client/ui/toast.py" line="66" />
      <source>Dialling in %n s</source>
      <translation>
        <numerusform>Wahl in %n s</numerusform>
        <numerusform>Wahl in %n s</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>DialDialog</name>
    <message>
      <location filename="../../desktop_client/ui/dial_dialog.py" line="50" />
      <location filename="../../desktop_client/ui/dial_dialog.py" line="67" />
      <source>Dial</source>
      <translation>Wählen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/dial_dialog.py" line="55" />
      <source>Number, tel: link or name</source>
      <translation>Nummer, tel:-Link oder Name</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/dial_dialog.py" line="126" />
      <source>No contact found</source>
      <translation>Kein Kontakt gefunden</translation>
    </message>
  </context>
  <context>
    <name>DialFlow</name>
    <message>
      <location filename="../../desktop_client/ui/dial_flow.py" line="60" />
      <source>Another call request is waiting for you; this one was dropped.</source>
      <translation>Eine andere Anrufanfrage wartet auf Sie; diese wurde verworfen.</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/dial_flow.py" line="65" />
      <source>Not dialled: %1</source>
      <translation>Nicht gewählt: %1</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/dial_flow.py" line="80" />
      <source>Call refused</source>
      <translation>Anruf abgelehnt</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/dial_flow.py" line="87" />
      <location filename="../../desktop_client/ui/dial_flow.py" line="115" />
      <source>Call cancelled</source>
      <translation>Anruf abgebrochen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/dial_flow.py" line="101" />
      <source>Calling %1</source>
      <translation>Anruf an %1</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/dial_flow.py" line="134" />
      <location filename="../../desktop_client/ui/dial_flow.py" line="151" />
      <source>Call failed</source>
      <translation>Anruf fehlgeschlagen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/dial_flow.py" line="149" />
      <source>Calling</source>
      <translation>Anruf läuft</translation>
    </message>
  </context>
  <context>
    <name>FirstRun</name>
    <message>
      <location filename="../../desktop_client/app_setup.py" line="67" />
      <location filename="../../desktop_client/app_setup.py" line="88" />
      <source>Telephony Client</source>
      <translation>Telefonie-Client</translation>
    </message>
    <message>
      <location filename="../../desktop_client/app_setup.py" line="68" />
      <source>Open tel: and callto: links (for example from your CRM) with the Telephony Client?</source>
      <translation>tel:- und callto:-Links (etwa aus Ihrem CRM) mit dem Telefonie-Client öffnen?</translation>
    </message>
    <message>
      <location filename="../../desktop_client/app_setup.py" line="104" />
      <source>Passwords cannot be stored yet: %1</source>
      <translation>Passwörter können noch nicht gespeichert werden: %1</translation>
    </message>
  </context>
  <context>
    <name>IncomingCalls</name>
    <message>
      <location filename="../../desktop_client/app_calls.py" line="136" />
      <location filename="../../desktop_client/app_calls.py" line="155" />
      <location filename="../../desktop_client/app_calls.py" line="174" />
      <location filename="../../desktop_client/app_calls.py" line="181" />
      <source>Incoming calls</source>
      <translation>Eingehende Anrufe</translation>
    </message>
  </context>
  <context>
    <name>JournalWindow</name>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="55" />
      <source>Call journal</source>
      <translation>Anrufjournal</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="60" />
      <source>All calls</source>
      <translation>Alle Anrufe</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="60" />
      <source>Incoming</source>
      <translation>Eingehend</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="61" />
      <source>Outgoing</source>
      <translation>Ausgehend</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="64" />
      <source>Any state</source>
      <translation>Jeder Status</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="64" />
      <source>Missed</source>
      <translation>Verpasst</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="65" />
      <source>Answered</source>
      <translation>Angenommen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="65" />
      <source>Dialled</source>
      <translation>Gewählt</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="66" />
      <source>Failed</source>
      <translation>Fehlgeschlagen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="69" />
      <source>Any time</source>
      <translation>Jederzeit</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="69" />
      <source>Today</source>
      <translation>Heute</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="70" />
      <source>Last 7 days</source>
      <translation>Letzte 7 Tage</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="70" />
      <source>Last 30 days</source>
      <translation>Letzte 30 Tage</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="73" />
      <source>Search name or number</source>
      <translation>Name oder Nummer suchen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="76" />
      <source>Time</source>
      <translation>Zeit</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="76" />
      <source>Direction</source>
      <translation>Richtung</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="77" />
      <source>State</source>
      <translation>Status</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="77" />
      <source>Name</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="78" />
      <source>Number</source>
      <translation>Nummer</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="78" />
      <source>Duration</source>
      <translation>Dauer</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="87" />
      <source>Redial</source>
      <translation>Erneut wählen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="89" />
      <source>Open address</source>
      <translation>Adresse öffnen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="91" />
      <source>Mark missed calls as seen</source>
      <translation>Verpasste Anrufe als gesehen markieren</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="93" />
      <source>Export CSV…</source>
      <translation>CSV exportieren…</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="132" />
      <source>in</source>
      <translation>ein</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="132" />
      <source>out</source>
      <translation>aus</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="144" />
      <source>missed</source>
      <translation>verpasst</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="144" />
      <source>answered</source>
      <translation>angenommen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="145" />
      <source>dialled</source>
      <translation>gewählt</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="145" />
      <source>failed</source>
      <translation>fehlgeschlagen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="146" />
      <source>rejected</source>
      <translation>abgewiesen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="169" />
      <source>Export calls</source>
      <translation>Anrufe exportieren</translation>
    </message>
  </context>
  <context>
    <name>NormalizeProgress</name>
    <message>
      <location filename="../../desktop_client/ui/normalize_dialog.py" line="50" />
      <source>Normalizing phone numbers…</source>
      <translation>Telefonnummern werden normalisiert…</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/normalize_dialog.py" line="24" />
      <location filename="../../desktop_client/ui/normalize_dialog.py" line="51" />
      <location filename="../../desktop_client/ui/normalize_dialog.py" line="89" />
      <source>Normalize phone numbers</source>
      <extracomment>run(progress) -&gt; (checked, normalized, changed, failed, log file)</extracomment>
      <translation>Telefonnummern normalisieren</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/normalize_dialog.py" line="27" />
      <source>Read all %1 phone, mobile and fax entries of %2 addresses again and split them into country code, region code and number, with %3 as your country?</source>
      <translation>Alle %1 Telefon-, Mobil- und Faxeinträge von %2 Adressen neu lesen und in Landesvorwahl, Ortsvorwahl und Nummer aufteilen, mit %3 als Ihrem Land?</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/normalize_dialog.py" line="32" />
      <source>Entries that cannot be split keep what was typed, get no normalized form and a warning in the log file. Nothing else changes.</source>
      <translation>Einträge, die sich nicht aufteilen lassen, behalten das Eingetippte, erhalten keine normalisierte Form und eine Warnung in der Logdatei. Sonst ändert sich nichts.</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/normalize_dialog.py" line="79" />
      <source>The run failed: %1</source>
      <translation>Der Lauf ist fehlgeschlagen: %1</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/normalize_dialog.py" line="83" />
      <source>%1 entries checked, %2 normalized, %3 changed, %4 could not be normalized.</source>
      <translation>%1 Einträge geprüft, %2 normalisiert, %3 geändert, %4 konnten nicht normalisiert werden.</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/normalize_dialog.py" line="87" />
      <source>Each problem entry is listed in the log file %1.</source>
      <translation>Jeder Problemeintrag steht in der Logdatei %1.</translation>
    </message>
  </context>
  <context>
    <name>PhoneLinks</name>
    <message>
      <location filename="../../desktop_client/app_links.py" line="74" />
      <source>Settings</source>
      <translation>Einstellungen</translation>
    </message>
  </context>
  <context>
    <name>Settings</name>
    <message>
      <location filename="../../desktop_client/ui/settings_dialog.py" line="84" />
      <source>Settings</source>
      <extracomment>Which page each section of the schema is on. The secret each phone system's page asks for (kept in the keyring).</extracomment>
      <translation>Einstellungen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/settings_dialog.py" line="121" />
      <source>Setup assistant…</source>
      <translation>Einrichtungsassistent…</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/settings_dialog.py" line="190" />
      <source>kept in the keyring; empty: unchanged</source>
      <translation>im Schlüsselbund; leer: unverändert</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/settings_dialog.py" line="231" />
      <source>Action URLs to paste into the desk phone:</source>
      <translation>Action-URLs zum Einfügen im Tischtelefon:</translation>
    </message>
    <message>
      <source>Desk phone password (kept in the keyring; empty: unchanged)</source>
      <translation type="vanished">Passwort des Tischtelefons (im Schlüsselbund; leer: unverändert)</translation>
    </message>
    <message>
      <source>FRITZ!Box password (kept in the keyring; empty: unchanged)</source>
      <translation type="vanished">FRITZ!Box-Passwort (im Schlüsselbund; leer: unverändert)</translation>
    </message>
    <message>
      <source>FreeSWITCH event socket password (kept in the keyring; empty: unchanged)</source>
      <translation type="vanished">Passwort des FreeSWITCH-Event-Sockets (im Schlüsselbund; leer: unverändert)</translation>
    </message>
    <message>
      <source>Asterisk manager secret (kept in the keyring; empty: unchanged)</source>
      <translation type="vanished">Asterisk-Manager-Passwort (im Schlüsselbund; leer: unverändert)</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/settings_dialog.py" line="212" />
      <source>Test phone connection</source>
      <translation>Telefonverbindung testen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/settings_dialog.py" line="272" />
      <source>Passwords are kept in the system keyring (%1).</source>
      <translation>Passwörter liegen im Schlüsselbund des Systems (%1).</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/settings_dialog.py" line="275" />
      <source>Passwords cannot be stored: %1</source>
      <translation>Passwörter können nicht gespeichert werden: %1</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/settings_dialog.py" line="295" />
      <source>Runs: %1</source>
      <translation>Startet: %1</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/settings_dialog.py" line="298" />
      <source>Runs the program and arguments below.</source>
      <translation>Startet das Programm mit den Argumenten unten.</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/settings_dialog.py" line="378" />
      <source>Testing…</source>
      <translation>Teste…</translation>
    </message>
    <message>
      <source>Country</source>
      <translation>Land</translation>
    </message>
    <message>
      <source>Area code</source>
      <translation>Vorwahl</translation>
    </message>
    <message>
      <source>Outside-line prefix</source>
      <translation>Amtsholung</translation>
    </message>
    <message>
      <source>Digits of internal extensions</source>
      <translation>Stellen interner Nummern</translation>
    </message>
    <message>
      <source>Company block digits</source>
      <translation>Stellen des Firmenblocks</translation>
    </message>
    <message>
      <source>Dial with</source>
      <translation>Wählen mit</translation>
    </message>
    <message>
      <source>Ask before dialling</source>
      <translation>Vor dem Wählen fragen</translation>
    </message>
    <message>
      <source>Countdown before dialling (seconds)</source>
      <translation>Countdown vor dem Wählen (Sekunden)</translation>
    </message>
    <message>
      <source>Number format sent to the phone</source>
      <translation>Nummernformat für das Telefon</translation>
    </message>
    <message>
      <source>Outside-line prefix for dialling</source>
      <translation>Amtsholung beim Wählen</translation>
    </message>
    <message>
      <source>Softphone</source>
      <translation>Softphone</translation>
    </message>
    <message>
      <source>Program and arguments</source>
      <translation>Programm und Argumente</translation>
    </message>
    <message>
      <source>baresip ctrl_tcp address</source>
      <translation>baresip-ctrl_tcp-Adresse</translation>
    </message>
    <message>
      <source>Hand calls over as</source>
      <translation>Anrufe übergeben als</translation>
    </message>
    <message>
      <source>Language</source>
      <translation>Sprache</translation>
    </message>
    <message>
      <source>Start at login</source>
      <translation>Bei der Anmeldung starten</translation>
    </message>
    <message>
      <source>Asked to become the tel: handler</source>
      <translation>Nach tel:-Zuständigkeit gefragt</translation>
    </message>
    <message>
      <source>ISO code of your country (CH, DE, AT …): numbers without +… belong here.</source>
      <translation>ISO-Code Ihres Landes (CH, DE, AT …): Nummern ohne +… gehören hierher.</translation>
    </message>
    <message>
      <source>Completes local numbers dialled without their area code (e.g. 44).</source>
      <translation>Ergänzt Ortsnummern ohne Vorwahl (z. B. 44).</translation>
    </message>
    <message>
      <source>The digit(s) your PBX puts before external numbers, e.g. 0.</source>
      <translation>Die Ziffer(n), die Ihre Telefonanlage vor externe Nummern setzt, z. B. 0.</translation>
    </message>
    <message>
      <source>Numbers up to this length are internal extensions (0: none).</source>
      <translation>Nummern bis zu dieser Länge sind interne Nebenstellen (0: keine).</translation>
    </message>
    <message>
      <source>An unknown caller whose number differs from a company's main number only in this many last digits is shown as probably that company.</source>
      <translation>Ein unbekannter Anrufer, dessen Nummer sich nur in so vielen Endziffern von der Hauptnummer einer Firma unterscheidet, wird als vermutlich diese Firma angezeigt.</translation>
    </message>
    <message>
      <source>Digits the PBX needs before external numbers (not used with E.164).</source>
      <translation>Ziffern, die die Telefonanlage vor externen Nummern braucht (nicht bei E.164).</translation>
    </message>
    <message>
      <source>A known softphone, or empty to use the program line below.</source>
      <translation>Ein bekanntes Softphone, oder leer für die Programmzeile unten.</translation>
    </message>
    <message>
      <source>One item per argument; {number} is replaced by the number.</source>
      <translation>Ein Eintrag pro Argument; {number} wird durch die Nummer ersetzt.</translation>
    </message>
    <message>
      <source>Location</source>
      <translation>Standort</translation>
    </message>
    <message>
      <source>Directory</source>
      <translation>Adressverzeichnis</translation>
    </message>
    <message>
      <source>Dialling</source>
      <translation>Wählen</translation>
    </message>
    <message>
      <source>Softphone program</source>
      <translation>Softphone-Programm</translation>
    </message>
    <message>
      <source>baresip</source>
      <translation>baresip</translation>
    </message>
    <message>
      <source>Hand-over</source>
      <translation>Übergabe</translation>
    </message>
    <message>
      <source>Appearance</source>
      <translation>Darstellung</translation>
    </message>
    <message>
      <source>Start</source>
      <translation>Start</translation>
    </message>
    <message>
      <source>Most calls per minute</source>
      <translation>Höchstens Anrufe pro Minute</translation>
    </message>
    <message>
      <source>Requests beyond this many a minute are refused (a flood from a web page).</source>
      <translation>Anfragen über diese Zahl pro Minute hinaus werden abgelehnt (Flut von einer Webseite).</translation>
    </message>
    <message>
      <source>Call sources</source>
      <translation>Anrufquellen</translation>
    </message>
    <message>
      <source>Action URL address</source>
      <translation>Action-URL-Adresse</translation>
    </message>
    <message>
      <source>Action URL port</source>
      <translation>Action-URL-Port</translation>
    </message>
    <message>
      <source>Open in CRM (URL)</source>
      <translation>Im CRM öffnen (URL)</translation>
    </message>
    <message>
      <source>Keep calls (days)</source>
      <translation>Anrufe aufbewahren (Tage)</translation>
    </message>
    <message>
      <source>Where incoming calls are reported from besides the command-line hook: baresip, action_url (one per line).</source>
      <translation type="vanished">Woher eingehende Anrufe neben dem Kommandozeilen-Hook gemeldet werden: baresip, action_url (eine pro Zeile).</translation>
    </message>
    <message>
      <source>127.0.0.1 for this PC only; 0.0.0.0 to let desk phones in the LAN reach it.</source>
      <translation>127.0.0.1 nur für diesen PC; 0.0.0.0, damit Tischtelefone im LAN ihn erreichen.</translation>
    </message>
    <message>
      <source>For example https://crm.example/adr?id={external_id}; also {e164}, {contact_id}.</source>
      <translation>Zum Beispiel https://crm.example/adr?id={external_id}; auch {e164}, {contact_id}.</translation>
    </message>
    <message>
      <source>Incoming calls</source>
      <translation>Eingehende Anrufe</translation>
    </message>
    <message>
      <source>Desk-phone action URLs</source>
      <translation>Action-URLs der Tischtelefone</translation>
    </message>
    <message>
      <source>Caller pop-up</source>
      <translation>Anrufer-Popup</translation>
    </message>
    <message>
      <source>Call journal</source>
      <translation>Anrufjournal</translation>
    </message>
    <message>
      <source>FRITZ!Box call monitor</source>
      <translation>FRITZ!Box-Anrufmonitor</translation>
    </message>
    <message>
      <source>Where incoming calls are reported from besides the command-line hook: baresip, action_url, fritzbox (one per line).</source>
      <translation>Woher eingehende Anrufe neben dem Kommandozeilen-Hook gemeldet werden: baresip, action_url, fritzbox (eine pro Zeile).</translation>
    </message>
    <message>
      <source>host:port of the call monitor; switch it on by dialling #96*5* on a phone of the box.</source>
      <translation>host:port des Anrufmonitors; einschalten durch Wählen von #96*5* an einem Telefon der Box.</translation>
    </message>
    <message>
      <source>FRITZ!Box</source>
      <translation>FRITZ!Box</translation>
    </message>
    <message>
      <source>Desk phone</source>
      <translation>Tischtelefon</translation>
    </message>
    <message>
      <source>Phone address</source>
      <translation>Adresse des Telefons</translation>
    </message>
    <message>
      <source>Phone user name</source>
      <translation>Benutzername am Telefon</translation>
    </message>
    <message>
      <source>Custom dial URL</source>
      <translation>Eigene Wähl-URL</translation>
    </message>
    <message>
      <source>Check the phone's certificate</source>
      <translation>Zertifikat des Telefons prüfen</translation>
    </message>
    <message>
      <source>http(s)://host of the phone; its password is kept in the keyring.</source>
      <translation>http(s)://Host des Telefons; sein Passwort liegt im Schlüsselbund.</translation>
    </message>
    <message>
      <source>For vendor custom: {base}/…{number}…</source>
      <translation>Für Hersteller custom: {base}/…{number}…</translation>
    </message>
    <message>
      <source>Asterisk manager address</source>
      <translation>Adresse des Asterisk-Managers</translation>
    </message>
    <message>
      <source>Asterisk manager user</source>
      <translation>Benutzer des Asterisk-Managers</translation>
    </message>
    <message>
      <source>Your phone's channel</source>
      <translation>Kanal Ihres Telefons</translation>
    </message>
    <message>
      <source>Dial plan context</source>
      <translation>Wählplan-Kontext</translation>
    </message>
    <message>
      <source>Caller ID for your calls</source>
      <translation>Absenderkennung Ihrer Anrufe</translation>
    </message>
    <message>
      <source>The device Asterisk rings first when you dial, e.g. PJSIP/101.</source>
      <translation>Das Gerät, das Asterisk beim Wählen zuerst klingeln lässt, z. B. PJSIP/101.</translation>
    </message>
    <message>
      <source>Asterisk (AMI)</source>
      <translation>Asterisk (AMI)</translation>
    </message>
    <message>
      <source>FRITZ!Box address</source>
      <translation>Adresse der FRITZ!Box</translation>
    </message>
    <message>
      <source>FRITZ!Box user</source>
      <translation>FRITZ!Box-Benutzer</translation>
    </message>
    <message>
      <source>Check the box's certificate</source>
      <translation>Zertifikat der Box prüfen</translation>
    </message>
    <message>
      <source>TR-064: https://fritz.box:49443 or http://fritz.box:49000; switch on the dialling aid in the box.</source>
      <translation>TR-064: https://fritz.box:49443 oder http://fritz.box:49000; die Wählhilfe in der Box einschalten.</translation>
    </message>
    <message>
      <source>The box's own certificate is self-signed; switch on if you installed one.</source>
      <translation>Das eigene Zertifikat der Box ist selbst signiert; einschalten, wenn Sie eines installiert haben.</translation>
    </message>
    <message>
      <source>FRITZ!Box dialling</source>
      <translation>Wählen über die FRITZ!Box</translation>
    </message>
    <message>
      <source>FreeSWITCH event socket address</source>
      <translation>Adresse des FreeSWITCH-Event-Sockets</translation>
    </message>
    <message>
      <source>Your endpoint</source>
      <translation>Ihr Endpunkt</translation>
    </message>
    <message>
      <source>Your extension</source>
      <translation>Ihre Nebenstelle</translation>
    </message>
    <message>
      <source>FreeSWITCH dial plan context</source>
      <translation>FreeSWITCH-Wählplan-Kontext</translation>
    </message>
    <message>
      <source>Rung first when you dial, e.g. user/1001.</source>
      <translation>Klingelt beim Wählen zuerst, z. B. user/1001.</translation>
    </message>
    <message>
      <source>Incoming calls to this number open the caller card.</source>
      <translation>Eingehende Anrufe an diese Nummer öffnen die Anruferkarte.</translation>
    </message>
    <message>
      <source>FreeSWITCH</source>
      <translation>FreeSWITCH</translation>
    </message>
    <message>
      <source>linphone-daemon socket</source>
      <translation>Socket des linphone-daemon</translation>
    </message>
    <message>
      <source>SIP domain for calls</source>
      <translation>SIP-Domain für Anrufe</translation>
    </message>
    <message>
      <source>Start the daemon with --pipe linphone for /tmp/linphone.</source>
      <translation>Den Daemon mit --pipe linphone starten für /tmp/linphone.</translation>
    </message>
    <message>
      <source>Numbers are dialled as sip:&lt;number&gt;@&lt;this&gt;.</source>
      <translation>Nummern werden als sip:&lt;Nummer&gt;@&lt;dies&gt; gewählt.</translation>
    </message>
    <message>
      <source>Wait for the program to fail (seconds)</source>
      <translation>Auf Fehler des Programms warten (Sekunden)</translation>
    </message>
    <message>
      <source>A program that exits with an error within this time has not placed the call.</source>
      <translation>Ein Programm, das sich in dieser Zeit mit einem Fehler beendet, hat den Anruf nicht aufgebaut.</translation>
    </message>
    <message>
      <source>Calls older than this are forgotten (0: keep all).</source>
      <translation>Ältere Anrufe werden vergessen (0: alle behalten).</translation>
    </message>
    <message>
      <source>General</source>
      <translation>Allgemein</translation>
    </message>
    <message>
      <source>linphone</source>
      <translation>linphone</translation>
    </message>
    <message>
      <source>A softphone program</source>
      <translation>Ein Softphone-Programm</translation>
    </message>
    <message>
      <source>baresip (ctrl_tcp)</source>
      <translation>baresip (ctrl_tcp)</translation>
    </message>
    <message>
      <source>The system's sip: or callto: handler</source>
      <translation>Das Programm des Systems für sip:- oder callto:-Links</translation>
    </message>
    <message>
      <source>Desk phone (Snom, Yealink, Grandstream)</source>
      <translation>Tischtelefon (Snom, Yealink, Grandstream)</translation>
    </message>
    <message>
      <source>linphone (linphone-daemon)</source>
      <translation>linphone (linphone-daemon)</translation>
    </message>
    <message>
      <source>Only for risky numbers</source>
      <translation>Nur bei riskanten Nummern</translation>
    </message>
    <message>
      <source>For every request from another program</source>
      <translation>Bei jeder Anfrage eines anderen Programms</translation>
    </message>
    <message>
      <source>Always</source>
      <translation>Immer</translation>
    </message>
    <message>
      <source>International (+41446681800)</source>
      <translation>International (+41446681800)</translation>
    </message>
    <message>
      <source>National (0446681800)</source>
      <translation>National (0446681800)</translation>
    </message>
    <message>
      <source>International with 00 (0041446681800)</source>
      <translation>International mit 00 (0041446681800)</translation>
    </message>
    <message>
      <source>Another program (below)</source>
      <translation>Ein anderes Programm (unten)</translation>
    </message>
    <message>
      <source>MicroSIP</source>
      <translation>MicroSIP</translation>
    </message>
    <message>
      <source>Zoiper</source>
      <translation>Zoiper</translation>
    </message>
    <message>
      <source>Linphone (linphonecsh)</source>
      <translation>Linphone (linphonecsh)</translation>
    </message>
    <message>
      <source>Twinkle</source>
      <translation>Twinkle</translation>
    </message>
    <message>
      <source>Jitsi</source>
      <translation>Jitsi</translation>
    </message>
    <message>
      <source>as sip: links</source>
      <translation>als sip:-Links</translation>
    </message>
    <message>
      <source>as callto: links</source>
      <translation>als callto:-Links</translation>
    </message>
    <message>
      <source>Snom</source>
      <translation>Snom</translation>
    </message>
    <message>
      <source>Yealink</source>
      <translation>Yealink</translation>
    </message>
    <message>
      <source>Grandstream</source>
      <translation>Grandstream</translation>
    </message>
    <message>
      <source>Another phone (URL template)</source>
      <translation>Ein anderes Telefon (URL-Vorlage)</translation>
    </message>
    <message>
      <source>As the system</source>
      <translation>Wie das System</translation>
    </message>
    <message>
      <source>Deutsch</source>
      <translation>Deutsch</translation>
    </message>
    <message>
      <source>English</source>
      <translation>English</translation>
    </message>
    <message>
      <source>Desk phone password</source>
      <translation>Passwort des Tischtelefons</translation>
    </message>
    <message>
      <source>FRITZ!Box password</source>
      <translation>FRITZ!Box-Passwort</translation>
    </message>
    <message>
      <source>Event socket password</source>
      <translation>Passwort des Event Socket</translation>
    </message>
    <message>
      <source>Manager secret</source>
      <translation>Manager-Passwort</translation>
    </message>
    <message>
      <source>no keyring service was found (install and unlock GNOME Keyring, KWallet or KeePassXC's Secret Service)</source>
      <translation>kein Schlüsselbund-Dienst gefunden (GNOME Keyring, KWallet oder den Secret Service von KeePassXC installieren und entsperren)</translation>
    </message>
    <message>
      <source>the keyring is switched off (null backend): secrets would be thrown away</source>
      <translation>der Schlüsselbund ist ausgeschaltet (Null-Backend): Passwörter gingen verloren</translation>
    </message>
    <message>
      <source>the keyring backend stores secrets in a plain text file; choose a secure keyring</source>
      <translation>dieser Schlüsselbund speichert Passwörter als Klartext in einer Datei; bitte einen sicheren wählen</translation>
    </message>
    <message>
      <source>the keyring backend asks for a password on the terminal, which a tray app does not have</source>
      <translation>dieser Schlüsselbund fragt im Terminal nach einem Passwort, das eine Tray-App nicht hat</translation>
    </message>
    <message>
      <source>no keyring service was found</source>
      <translation>kein Schlüsselbund-Dienst gefunden</translation>
    </message>
    <message>
      <source>First-run assistant done</source>
      <translation>Einrichtungsassistent abgeschlossen</translation>
    </message>
  </context>
  <context>
    <name>SetupAssistant</name>
    <message>
      <location filename="../../desktop_client/ui/setup_assistant.py" line="49" />
      <source>Set up the Telephony Client</source>
      <translation>Telefonie-Client einrichten</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/setup_assistant.py" line="54" />
      <source>Which phone should dial the numbers you click? Found on this PC:</source>
      <translation>Welches Telefon soll die angeklickten Nummern wählen? Auf diesem PC gefunden:</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/setup_assistant.py" line="56" />
      <source>No softphone or phone system was found on this PC (baresip with ctrl_tcp, linphone, MicroSIP, Zoiper, Twinkle, Jitsi). Desk phones, Asterisk, FreeSWITCH and the FRITZ!Box are set up in Settings.</source>
      <translation>Auf diesem PC wurde kein Softphone und keine Telefonanlage gefunden (baresip mit ctrl_tcp, linphone, MicroSIP, Zoiper, Twinkle, Jitsi). Tischtelefone, Asterisk, FreeSWITCH und die FRITZ!Box werden in den Einstellungen eingerichtet.</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/setup_assistant.py" line="67" />
      <source>Another phone system: open Settings</source>
      <translation>Eine andere Telefonanlage: Einstellungen öffnen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/setup_assistant.py" line="72" />
      <source>Test</source>
      <translation>Testen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/setup_assistant.py" line="81" />
      <source>Open tel: and callto: links (from your CRM or a web page) with this app</source>
      <translation>tel:- und callto:-Links (aus dem CRM oder einer Webseite) mit dieser App öffnen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/setup_assistant.py" line="84" />
      <source>Start at login</source>
      <translation>Bei der Anmeldung starten</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/setup_assistant.py" line="89" />
      <source>Looked for and not found:</source>
      <translation>Gesucht und nicht gefunden:</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/setup_assistant.py" line="101" />
      <source>Done</source>
      <translation>Fertig</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/setup_assistant.py" line="117" />
      <source>Settings has a Test button for every phone system.</source>
      <translation>Die Einstellungen haben für jede Telefonanlage einen Test-Knopf.</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/setup_assistant.py" line="121" />
      <source>Testing…</source>
      <translation>Wird getestet…</translation>
    </message>
  </context>
  <context>
    <name>Texts</name>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="14" />
      <source>premium-rate number</source>
      <translation>Mehrwertnummer</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="15" />
      <source>shared-cost number</source>
      <translation>Nummer mit geteilten Kosten</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="16" />
      <location filename="../../desktop_client/ui/texts.py" line="53" />
      <source>personal number</source>
      <translation>persönliche Nummer</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="17" />
      <location filename="../../desktop_client/ui/texts.py" line="55" />
      <source>universal access number</source>
      <translation>Unternehmens-Sammelnummer</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="18" />
      <source>VoIP number</source>
      <translation>VoIP-Nummer</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="19" />
      <source>EMERGENCY number</source>
      <translation>NOTRUFNUMMER</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="20" />
      <location filename="../../desktop_client/ui/texts.py" line="59" />
      <source>short number</source>
      <translation>Kurznummer</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="21" />
      <source>* or # service code</source>
      <translation>*- oder #-Dienstcode</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="22" />
      <source>number written with letters</source>
      <translation>mit Buchstaben geschriebene Nummer</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="23" />
      <source>number not known to be valid</source>
      <translation>nicht als gültig bekannte Nummer</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="32" />
      <source>%1, extension %2</source>
      <translation>%1, Durchwahl %2</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="39" />
      <source>another program (a tel: link)</source>
      <translation>einem anderen Programm (tel:-Link)</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="40" />
      <source>you</source>
      <translation>Ihnen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="46" />
      <source>fixed line</source>
      <translation>Festnetz</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="47" />
      <source>mobile</source>
      <translation>Mobil</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="48" />
      <source>fixed line or mobile</source>
      <translation>Festnetz oder Mobil</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="49" />
      <source>toll-free</source>
      <translation>gebührenfrei</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="50" />
      <source>premium rate</source>
      <translation>Mehrwertdienst</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="51" />
      <source>shared cost</source>
      <translation>geteilte Kosten</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="52" />
      <source>VoIP</source>
      <translation>VoIP</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="54" />
      <source>pager</source>
      <translation>Pager</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="56" />
      <source>voicemail</source>
      <translation>Sprachbox</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="57" />
      <source>internal extension</source>
      <translation>interne Nebenstelle</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="58" />
      <source>emergency number</source>
      <translation>Notrufnummer</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="61" />
      <source>unknown type</source>
      <translation>unbekannter Typ</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="67" />
      <source>phone</source>
      <translation>Telefon</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="68" />
      <source>mobile phone</source>
      <translation>Mobiltelefon</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="69" />
      <source>fax</source>
      <translation>Fax</translation>
    </message>
  </context>
  <context>
    <name>TrayApp</name>
    <message>
      <location filename="../../desktop_client/app.py" line="141" />
      <location filename="../../desktop_client/app.py" line="257" />
      <source>Settings</source>
      <translation>Einstellungen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/app.py" line="293" />
      <source>Call refused</source>
      <translation>Anruf abgelehnt</translation>
    </message>
    <message>
      <location filename="../../desktop_client/app.py" line="294" />
      <source>No phone is set up; open Settings.</source>
      <translation>Kein Telefon eingerichtet; öffnen Sie die Einstellungen.</translation>
    </message>
    <message>
      <source>Telephony Client</source>
      <translation type="vanished">Telefonie-Client</translation>
    </message>
    <message>
      <source>Open tel: and callto: links (for example from your CRM) with the Telephony Client?</source>
      <translation type="vanished">tel:- und callto:-Links (etwa aus Ihrem CRM) mit dem Telefonie-Client öffnen?</translation>
    </message>
  </context>
  <context>
    <name>TrayUi</name>
    <message>
      <location filename="../../desktop_client/ui/tray.py" line="53" />
      <source>Dial…</source>
      <translation>Wählen…</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/tray.py" line="55" />
      <location filename="../../desktop_client/ui/tray.py" line="214" />
      <source>Dial clipboard number</source>
      <translation>Nummer aus Zwischenablage wählen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/tray.py" line="57" />
      <location filename="../../desktop_client/ui/tray.py" line="113" />
      <source>Recent calls</source>
      <translation>Letzte Anrufe</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/tray.py" line="58" />
      <source>Call journal…</source>
      <translation>Anrufjournal…</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/tray.py" line="61" />
      <source>Do not disturb</source>
      <translation>Nicht stören</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/tray.py" line="64" />
      <source>Normalize phone numbers…</source>
      <translation>Telefonnummern normalisieren…</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/tray.py" line="66" />
      <source>Settings…</source>
      <translation>Einstellungen…</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/tray.py" line="69" />
      <source>Quit</source>
      <translation>Beenden</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/tray.py" line="102" />
      <location filename="../../desktop_client/ui/tray.py" line="244" />
      <source>Telephony Client</source>
      <translation>Telefonie-Client</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/tray.py" line="104" />
      <source>No system tray was found; the client runs in this window.</source>
      <translation>Kein Infobereich gefunden; der Client läuft in diesem Fenster.</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/tray.py" line="210" />
      <source>Dial %1 from clipboard</source>
      <translation>%1 aus Zwischenablage wählen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/tray.py" line="225" />
      <source>No calls yet</source>
      <translation>Noch keine Anrufe</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/tray.py" line="246" />
      <source>phone not reachable</source>
      <translation>Telefon nicht erreichbar</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/tray.py" line="249" />
      <source>do not disturb</source>
      <translation>nicht stören</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop_client/ui/tray.py" line="251" />
      <source>%n missed call(s)</source>
      <translation>
        <numerusform>%n verpasster Anruf</numerusform>
        <numerusform>%n verpasste Anrufe</numerusform>
      </translation>
    </message>
  </context>
</TS>