<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="de_DE">
  <context>
    <name />
    <message>
      <location filename="../../desktop_client/app/services.py" line="86" />
      <source>No directory servers are chosen above.</source>
      <translation>Oben sind keine Verzeichnisserver gewählt.</translation>
    </message>
    <message>
      <location filename="../../desktop_client/app/services.py" line="97" />
      <source>%1: failed: %2</source>
      <translation>%1: fehlgeschlagen: %2</translation>
    </message>
    <message>
      <location filename="../../desktop_client/app/services.py" line="99" />
      <source>%1: %2 entries</source>
      <translation>%1: %2 Einträge</translation>
    </message>
    <message>
      <location filename="../../desktop_client/app/services.py" line="101" />
      <source>for example %1</source>
      <translation>zum Beispiel %1</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="129" />
      <source>declined here</source>
      <translation>hier abgewiesen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="132" />
      <source>answered here</source>
      <translation>hier angenommen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="134" />
      <source>hung up here</source>
      <translation>hier aufgelegt</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="136" />
      <source>transferred to %1</source>
      <translation>weitergeleitet an %1</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="154" />
      <source>Call to %1</source>
      <translation>Anruf an %1</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="156" />
      <source>Missed call from %1</source>
      <translation>Verpasster Anruf von %1</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="158" />
      <source>Declined call from %1</source>
      <translation>Abgewiesener Anruf von %1</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="160" />
      <source>Call from %1</source>
      <translation>Anruf von %1</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="164" />
      <source>Number: %1</source>
      <translation>Nummer: %1</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="165" />
      <source>Time: %1</source>
      <translation>Zeit: %1</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="166" />
      <source>Direction: %1</source>
      <translation>Richtung: %1</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="166" />
      <source>outgoing</source>
      <translation>ausgehend</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="167" />
      <source>incoming</source>
      <translation>eingehend</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="168" />
      <source>Outcome: %1</source>
      <translation>Ergebnis: %1</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="171" />
      <source>Duration: %1</source>
      <translation>Dauer: %1</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="173" />
      <source>Transferred to: %1</source>
      <translation>Weitergeleitet an: %1</translation>
    </message>
  </context>
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
      <location filename="../../desktop_client/ui/call_flow.py" line="133" />
      <source>a withheld number</source>
      <extracomment>Native notifications (None: none) and whether cards show too ([popup] style). The phone links that can act on their calls, by CallEvent.source. Calls with a request at the phone system not yet answered (one at a time each). Asks the directory servers about an unknown caller (call id, E.164), off the UI thread; the answer comes back through :meth:`enrich`. Calls ended in this event-loop pass, said to be recorded once the journal commits. Calls that started ringing in this event-loop pass, by call id.</extracomment>
      <translation>einer unterdrückten Nummer</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/call_flow.py" line="139" />
      <source>Missed call</source>
      <translation>Verpasster Anruf</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/call_flow.py" line="181" />
      <location filename="../../desktop_client/ui/call_flow.py" line="262" />
      <source>Two calls are on the phone: use its own keys.</source>
      <translation>Zwei Anrufe sind auf dem Telefon: Bedienen Sie es mit seinen eigenen Tasten.</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/call_flow.py" line="212" />
      <location filename="../../desktop_client/ui/call_flow.py" line="236" />
      <source>The phone system refused: %1</source>
      <translation>Die Telefonanlage hat abgelehnt: %1</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/call_flow.py" line="245" />
      <source>Incoming calls</source>
      <translation>Eingehende Anrufe</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/call_flow.py" line="246" />
      <source>The desktop's notifications failed; calls show as cards now.</source>
      <translation>Die Benachrichtigungen des Desktops haben versagt; Anrufe erscheinen jetzt als Karten.</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/call_flow.py" line="269" />
      <source>Transfer</source>
      <translation>Weiterleiten</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/call_flow.py" line="277" />
      <source>Answered</source>
      <translation>Angenommen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/call_flow.py" line="279" />
      <source>Declined</source>
      <translation>Abgewiesen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/call_flow.py" line="281" />
      <source>Hung up</source>
      <translation>Aufgelegt</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/call_flow.py" line="282" />
      <source>Transferred to %1</source>
      <translation>Weitergeleitet an %1</translation>
    </message>
  </context>
  <context>
    <name>CallNotices</name>
    <message>
      <location filename="../../desktop_client/ui/call_notices.py" line="47" />
      <source>Incoming call</source>
      <translation>Eingehender Anruf</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/call_notices.py" line="66" />
      <source>Call in progress</source>
      <translation>Gespräch läuft</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/call_notices.py" line="78" />
      <source>Missed call</source>
      <translation>Verpasster Anruf</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/call_notices.py" line="80" />
      <source>Call back</source>
      <translation>Zurückrufen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/call_notices.py" line="100" />
      <source>Answer</source>
      <translation>Annehmen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/call_notices.py" line="100" />
      <source>Decline</source>
      <translation>Abweisen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/call_notices.py" line="101" />
      <source>Hang up</source>
      <translation>Auflegen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/call_notices.py" line="102" />
      <source>Transfer…</source>
      <translation>Weiterleiten…</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/call_notices.py" line="108" />
      <source>Open in CRM</source>
      <translation>Im CRM öffnen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/call_notices.py" line="115" />
      <source>The caller withheld the number</source>
      <translation>Der Anrufer hat die Nummer unterdrückt</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop_client/ui/call_notices.py" line="120" />
      <source>%n possible contacts</source>
      <translation>
        <numerusform>%n möglicher Kontakt</numerusform>
        <numerusform>%n mögliche Kontakte</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/call_notices.py" line="129" />
      <source>Unknown caller</source>
      <translation>Unbekannter Anrufer</translation>
    </message>
  </context>
  <context>
    <name>CallerCardWidget</name>
    <message>
      <location filename="../../desktop_client/ui/popup.py" line="77" />
      <source>Incoming call</source>
      <extracomment>What the phone link can do with this call; the state decides what shows now.</extracomment>
      <translation>Eingehender Anruf</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/popup.py" line="82" />
      <source>Number withheld</source>
      <translation>Nummer unterdrückt</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/popup.py" line="93" />
      <source>Last calls:</source>
      <translation>Letzte Anrufe:</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/popup.py" line="122" />
      <source>Open in CRM</source>
      <translation>Im CRM öffnen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/popup.py" line="126" />
      <source>Copy number</source>
      <translation>Nummer kopieren</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/popup.py" line="116" />
      <source>Call back</source>
      <translation>Zurückrufen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/popup.py" line="124" />
      <source>Add contact</source>
      <translation>Kontakt hinzufügen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/popup.py" line="128" />
      <source>Dismiss</source>
      <translation>Schliessen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/popup.py" line="99" />
      <source>Answer</source>
      <translation>Annehmen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/popup.py" line="100" />
      <source>Decline</source>
      <translation>Abweisen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/popup.py" line="101" />
      <source>Hang up</source>
      <translation>Auflegen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/popup.py" line="102" />
      <source>Transfer…</source>
      <translation>Weiterleiten…</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/popup.py" line="153" />
      <source>Call in progress</source>
      <translation>Gespräch läuft</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/popup.py" line="165" />
      <source>Asking the phone…</source>
      <translation>Das Telefon wird gefragt…</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/popup.py" line="190" />
      <location filename="../../desktop_client/ui/popup.py" line="195" />
      <source>Unknown caller</source>
      <translation>Unbekannter Anrufer</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/popup.py" line="191" />
      <source>The caller withheld the number</source>
      <translation>Der Anrufer hat die Nummer unterdrückt</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop_client/ui/popup.py" line="202" />
      <source>%n possible contacts</source>
      <translation>
        <numerusform>%n möglicher Kontakt</numerusform>
        <numerusform>%n mögliche Kontakte</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/popup.py" line="203" />
      <source>Pick the right one; it is remembered for this number.</source>
      <translation>Wählen Sie den richtigen; er wird für diese Nummer gemerkt.</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/popup.py" line="228" />
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
        <numerusform>Wählt in %n s</numerusform>
        <numerusform>Wählt in %n s</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>Countries</name>
    <message>
      <source>Ascension Island</source>
      <translation>Ascension</translation>
    </message>
    <message>
      <source>Andorra</source>
      <translation>Andorra</translation>
    </message>
    <message>
      <source>United Arab Emirates</source>
      <translation>Vereinigte Arabische Emirate</translation>
    </message>
    <message>
      <source>Afghanistan</source>
      <translation>Afghanistan</translation>
    </message>
    <message>
      <source>Antigua &amp; Barbuda</source>
      <translation>Antigua und Barbuda</translation>
    </message>
    <message>
      <source>Anguilla</source>
      <translation>Anguilla</translation>
    </message>
    <message>
      <source>Albania</source>
      <translation>Albanien</translation>
    </message>
    <message>
      <source>Armenia</source>
      <translation>Armenien</translation>
    </message>
    <message>
      <source>Angola</source>
      <translation>Angola</translation>
    </message>
    <message>
      <source>Argentina</source>
      <translation>Argentinien</translation>
    </message>
    <message>
      <source>American Samoa</source>
      <translation>Amerikanisch-Samoa</translation>
    </message>
    <message>
      <source>Austria</source>
      <translation>Österreich</translation>
    </message>
    <message>
      <source>Australia</source>
      <translation>Australien</translation>
    </message>
    <message>
      <source>Aruba</source>
      <translation>Aruba</translation>
    </message>
    <message>
      <source>Åland Islands</source>
      <translation>Ålandinseln</translation>
    </message>
    <message>
      <source>Azerbaijan</source>
      <translation>Aserbaidschan</translation>
    </message>
    <message>
      <source>Bosnia &amp; Herzegovina</source>
      <translation>Bosnien und Herzegowina</translation>
    </message>
    <message>
      <source>Barbados</source>
      <translation>Barbados</translation>
    </message>
    <message>
      <source>Bangladesh</source>
      <translation>Bangladesch</translation>
    </message>
    <message>
      <source>Belgium</source>
      <translation>Belgien</translation>
    </message>
    <message>
      <source>Burkina Faso</source>
      <translation>Burkina Faso</translation>
    </message>
    <message>
      <source>Bulgaria</source>
      <translation>Bulgarien</translation>
    </message>
    <message>
      <source>Bahrain</source>
      <translation>Bahrain</translation>
    </message>
    <message>
      <source>Burundi</source>
      <translation>Burundi</translation>
    </message>
    <message>
      <source>Benin</source>
      <translation>Benin</translation>
    </message>
    <message>
      <source>St. Barthélemy</source>
      <translation>St. Barthélemy</translation>
    </message>
    <message>
      <source>Bermuda</source>
      <translation>Bermuda</translation>
    </message>
    <message>
      <source>Brunei</source>
      <translation>Brunei Darussalam</translation>
    </message>
    <message>
      <source>Bolivia</source>
      <translation>Bolivien</translation>
    </message>
    <message>
      <source>Caribbean Netherlands</source>
      <translation>Karibische Niederlande</translation>
    </message>
    <message>
      <source>Brazil</source>
      <translation>Brasilien</translation>
    </message>
    <message>
      <source>Bahamas</source>
      <translation>Bahamas</translation>
    </message>
    <message>
      <source>Bhutan</source>
      <translation>Bhutan</translation>
    </message>
    <message>
      <source>Botswana</source>
      <translation>Botsuana</translation>
    </message>
    <message>
      <source>Belarus</source>
      <translation>Belarus</translation>
    </message>
    <message>
      <source>Belize</source>
      <translation>Belize</translation>
    </message>
    <message>
      <source>Canada</source>
      <translation>Kanada</translation>
    </message>
    <message>
      <source>Cocos (Keeling) Islands</source>
      <translation>Kokosinseln</translation>
    </message>
    <message>
      <source>Congo - Kinshasa</source>
      <translation>Kongo-Kinshasa</translation>
    </message>
    <message>
      <source>Central African Republic</source>
      <translation>Zentralafrikanische Republik</translation>
    </message>
    <message>
      <source>Congo - Brazzaville</source>
      <translation>Kongo-Brazzaville</translation>
    </message>
    <message>
      <source>Switzerland</source>
      <translation>Schweiz</translation>
    </message>
    <message>
      <source>Côte d’Ivoire</source>
      <translation>Côte d’Ivoire</translation>
    </message>
    <message>
      <source>Cook Islands</source>
      <translation>Cookinseln</translation>
    </message>
    <message>
      <source>Chile</source>
      <translation>Chile</translation>
    </message>
    <message>
      <source>Cameroon</source>
      <translation>Kamerun</translation>
    </message>
    <message>
      <source>China</source>
      <translation>China</translation>
    </message>
    <message>
      <source>Colombia</source>
      <translation>Kolumbien</translation>
    </message>
    <message>
      <source>Costa Rica</source>
      <translation>Costa Rica</translation>
    </message>
    <message>
      <source>Cuba</source>
      <translation>Kuba</translation>
    </message>
    <message>
      <source>Cape Verde</source>
      <translation>Cabo Verde</translation>
    </message>
    <message>
      <source>Curaçao</source>
      <translation>Curaçao</translation>
    </message>
    <message>
      <source>Christmas Island</source>
      <translation>Weihnachtsinsel</translation>
    </message>
    <message>
      <source>Cyprus</source>
      <translation>Zypern</translation>
    </message>
    <message>
      <source>Czechia</source>
      <translation>Tschechien</translation>
    </message>
    <message>
      <source>Germany</source>
      <translation>Deutschland</translation>
    </message>
    <message>
      <source>Djibouti</source>
      <translation>Dschibuti</translation>
    </message>
    <message>
      <source>Denmark</source>
      <translation>Dänemark</translation>
    </message>
    <message>
      <source>Dominica</source>
      <translation>Dominica</translation>
    </message>
    <message>
      <source>Dominican Republic</source>
      <translation>Dominikanische Republik</translation>
    </message>
    <message>
      <source>Algeria</source>
      <translation>Algerien</translation>
    </message>
    <message>
      <source>Ecuador</source>
      <translation>Ecuador</translation>
    </message>
    <message>
      <source>Estonia</source>
      <translation>Estland</translation>
    </message>
    <message>
      <source>Egypt</source>
      <translation>Ägypten</translation>
    </message>
    <message>
      <source>Western Sahara</source>
      <translation>Westsahara</translation>
    </message>
    <message>
      <source>Eritrea</source>
      <translation>Eritrea</translation>
    </message>
    <message>
      <source>Spain</source>
      <translation>Spanien</translation>
    </message>
    <message>
      <source>Ethiopia</source>
      <translation>Äthiopien</translation>
    </message>
    <message>
      <source>Finland</source>
      <translation>Finnland</translation>
    </message>
    <message>
      <source>Fiji</source>
      <translation>Fidschi</translation>
    </message>
    <message>
      <source>Falkland Islands</source>
      <translation>Falklandinseln</translation>
    </message>
    <message>
      <source>Micronesia</source>
      <translation>Mikronesien</translation>
    </message>
    <message>
      <source>Faroe Islands</source>
      <translation>Färöer</translation>
    </message>
    <message>
      <source>France</source>
      <translation>Frankreich</translation>
    </message>
    <message>
      <source>Gabon</source>
      <translation>Gabun</translation>
    </message>
    <message>
      <source>United Kingdom</source>
      <translation>Vereinigtes Königreich</translation>
    </message>
    <message>
      <source>Grenada</source>
      <translation>Grenada</translation>
    </message>
    <message>
      <source>Georgia</source>
      <translation>Georgien</translation>
    </message>
    <message>
      <source>French Guiana</source>
      <translation>Französisch-Guayana</translation>
    </message>
    <message>
      <source>Guernsey</source>
      <translation>Guernsey</translation>
    </message>
    <message>
      <source>Ghana</source>
      <translation>Ghana</translation>
    </message>
    <message>
      <source>Gibraltar</source>
      <translation>Gibraltar</translation>
    </message>
    <message>
      <source>Greenland</source>
      <translation>Grönland</translation>
    </message>
    <message>
      <source>Gambia</source>
      <translation>Gambia</translation>
    </message>
    <message>
      <source>Guinea</source>
      <translation>Guinea</translation>
    </message>
    <message>
      <source>Guadeloupe</source>
      <translation>Guadeloupe</translation>
    </message>
    <message>
      <source>Equatorial Guinea</source>
      <translation>Äquatorialguinea</translation>
    </message>
    <message>
      <source>Greece</source>
      <translation>Griechenland</translation>
    </message>
    <message>
      <source>Guatemala</source>
      <translation>Guatemala</translation>
    </message>
    <message>
      <source>Guam</source>
      <translation>Guam</translation>
    </message>
    <message>
      <source>Guinea-Bissau</source>
      <translation>Guinea-Bissau</translation>
    </message>
    <message>
      <source>Guyana</source>
      <translation>Guyana</translation>
    </message>
    <message>
      <source>Hong Kong SAR China</source>
      <translation>Sonderverwaltungsregion Hongkong</translation>
    </message>
    <message>
      <source>Honduras</source>
      <translation>Honduras</translation>
    </message>
    <message>
      <source>Croatia</source>
      <translation>Kroatien</translation>
    </message>
    <message>
      <source>Haiti</source>
      <translation>Haiti</translation>
    </message>
    <message>
      <source>Hungary</source>
      <translation>Ungarn</translation>
    </message>
    <message>
      <source>Indonesia</source>
      <translation>Indonesien</translation>
    </message>
    <message>
      <source>Ireland</source>
      <translation>Irland</translation>
    </message>
    <message>
      <source>Israel</source>
      <translation>Israel</translation>
    </message>
    <message>
      <source>Isle of Man</source>
      <translation>Isle of Man</translation>
    </message>
    <message>
      <source>India</source>
      <translation>Indien</translation>
    </message>
    <message>
      <source>British Indian Ocean Territory</source>
      <translation>Britisches Territorium im Indischen Ozean</translation>
    </message>
    <message>
      <source>Iraq</source>
      <translation>Irak</translation>
    </message>
    <message>
      <source>Iran</source>
      <translation>Iran</translation>
    </message>
    <message>
      <source>Iceland</source>
      <translation>Island</translation>
    </message>
    <message>
      <source>Italy</source>
      <translation>Italien</translation>
    </message>
    <message>
      <source>Jersey</source>
      <translation>Jersey</translation>
    </message>
    <message>
      <source>Jamaica</source>
      <translation>Jamaika</translation>
    </message>
    <message>
      <source>Jordan</source>
      <translation>Jordanien</translation>
    </message>
    <message>
      <source>Japan</source>
      <translation>Japan</translation>
    </message>
    <message>
      <source>Kenya</source>
      <translation>Kenia</translation>
    </message>
    <message>
      <source>Kyrgyzstan</source>
      <translation>Kirgisistan</translation>
    </message>
    <message>
      <source>Cambodia</source>
      <translation>Kambodscha</translation>
    </message>
    <message>
      <source>Kiribati</source>
      <translation>Kiribati</translation>
    </message>
    <message>
      <source>Comoros</source>
      <translation>Komoren</translation>
    </message>
    <message>
      <source>St. Kitts &amp; Nevis</source>
      <translation>St. Kitts und Nevis</translation>
    </message>
    <message>
      <source>North Korea</source>
      <translation>Nordkorea</translation>
    </message>
    <message>
      <source>South Korea</source>
      <translation>Südkorea</translation>
    </message>
    <message>
      <source>Kuwait</source>
      <translation>Kuwait</translation>
    </message>
    <message>
      <source>Cayman Islands</source>
      <translation>Kaimaninseln</translation>
    </message>
    <message>
      <source>Kazakhstan</source>
      <translation>Kasachstan</translation>
    </message>
    <message>
      <source>Laos</source>
      <translation>Laos</translation>
    </message>
    <message>
      <source>Lebanon</source>
      <translation>Libanon</translation>
    </message>
    <message>
      <source>St. Lucia</source>
      <translation>St. Lucia</translation>
    </message>
    <message>
      <source>Liechtenstein</source>
      <translation>Liechtenstein</translation>
    </message>
    <message>
      <source>Sri Lanka</source>
      <translation>Sri Lanka</translation>
    </message>
    <message>
      <source>Liberia</source>
      <translation>Liberia</translation>
    </message>
    <message>
      <source>Lesotho</source>
      <translation>Lesotho</translation>
    </message>
    <message>
      <source>Lithuania</source>
      <translation>Litauen</translation>
    </message>
    <message>
      <source>Luxembourg</source>
      <translation>Luxemburg</translation>
    </message>
    <message>
      <source>Latvia</source>
      <translation>Lettland</translation>
    </message>
    <message>
      <source>Libya</source>
      <translation>Libyen</translation>
    </message>
    <message>
      <source>Morocco</source>
      <translation>Marokko</translation>
    </message>
    <message>
      <source>Monaco</source>
      <translation>Monaco</translation>
    </message>
    <message>
      <source>Moldova</source>
      <translation>Republik Moldau</translation>
    </message>
    <message>
      <source>Montenegro</source>
      <translation>Montenegro</translation>
    </message>
    <message>
      <source>St. Martin</source>
      <translation>St. Martin</translation>
    </message>
    <message>
      <source>Madagascar</source>
      <translation>Madagaskar</translation>
    </message>
    <message>
      <source>Marshall Islands</source>
      <translation>Marshallinseln</translation>
    </message>
    <message>
      <source>North Macedonia</source>
      <translation>Nordmazedonien</translation>
    </message>
    <message>
      <source>Mali</source>
      <translation>Mali</translation>
    </message>
    <message>
      <source>Myanmar (Burma)</source>
      <translation>Myanmar</translation>
    </message>
    <message>
      <source>Mongolia</source>
      <translation>Mongolei</translation>
    </message>
    <message>
      <source>Macao SAR China</source>
      <translation>Sonderverwaltungsregion Macau</translation>
    </message>
    <message>
      <source>Northern Mariana Islands</source>
      <translation>Nördliche Marianen</translation>
    </message>
    <message>
      <source>Martinique</source>
      <translation>Martinique</translation>
    </message>
    <message>
      <source>Mauritania</source>
      <translation>Mauretanien</translation>
    </message>
    <message>
      <source>Montserrat</source>
      <translation>Montserrat</translation>
    </message>
    <message>
      <source>Malta</source>
      <translation>Malta</translation>
    </message>
    <message>
      <source>Mauritius</source>
      <translation>Mauritius</translation>
    </message>
    <message>
      <source>Maldives</source>
      <translation>Malediven</translation>
    </message>
    <message>
      <source>Malawi</source>
      <translation>Malawi</translation>
    </message>
    <message>
      <source>Mexico</source>
      <translation>Mexiko</translation>
    </message>
    <message>
      <source>Malaysia</source>
      <translation>Malaysia</translation>
    </message>
    <message>
      <source>Mozambique</source>
      <translation>Mosambik</translation>
    </message>
    <message>
      <source>Namibia</source>
      <translation>Namibia</translation>
    </message>
    <message>
      <source>New Caledonia</source>
      <translation>Neukaledonien</translation>
    </message>
    <message>
      <source>Niger</source>
      <translation>Niger</translation>
    </message>
    <message>
      <source>Norfolk Island</source>
      <translation>Norfolkinsel</translation>
    </message>
    <message>
      <source>Nigeria</source>
      <translation>Nigeria</translation>
    </message>
    <message>
      <source>Nicaragua</source>
      <translation>Nicaragua</translation>
    </message>
    <message>
      <source>Netherlands</source>
      <translation>Niederlande</translation>
    </message>
    <message>
      <source>Norway</source>
      <translation>Norwegen</translation>
    </message>
    <message>
      <source>Nepal</source>
      <translation>Nepal</translation>
    </message>
    <message>
      <source>Nauru</source>
      <translation>Nauru</translation>
    </message>
    <message>
      <source>Niue</source>
      <translation>Niue</translation>
    </message>
    <message>
      <source>New Zealand</source>
      <translation>Neuseeland</translation>
    </message>
    <message>
      <source>Oman</source>
      <translation>Oman</translation>
    </message>
    <message>
      <source>Panama</source>
      <translation>Panama</translation>
    </message>
    <message>
      <source>Peru</source>
      <translation>Peru</translation>
    </message>
    <message>
      <source>French Polynesia</source>
      <translation>Französisch-Polynesien</translation>
    </message>
    <message>
      <source>Papua New Guinea</source>
      <translation>Papua-Neuguinea</translation>
    </message>
    <message>
      <source>Philippines</source>
      <translation>Philippinen</translation>
    </message>
    <message>
      <source>Pakistan</source>
      <translation>Pakistan</translation>
    </message>
    <message>
      <source>Poland</source>
      <translation>Polen</translation>
    </message>
    <message>
      <source>St. Pierre &amp; Miquelon</source>
      <translation>St. Pierre und Miquelon</translation>
    </message>
    <message>
      <source>Puerto Rico</source>
      <translation>Puerto Rico</translation>
    </message>
    <message>
      <source>Palestinian Territories</source>
      <translation>Palästinensische Autonomiegebiete</translation>
    </message>
    <message>
      <source>Portugal</source>
      <translation>Portugal</translation>
    </message>
    <message>
      <source>Palau</source>
      <translation>Palau</translation>
    </message>
    <message>
      <source>Paraguay</source>
      <translation>Paraguay</translation>
    </message>
    <message>
      <source>Qatar</source>
      <translation>Katar</translation>
    </message>
    <message>
      <source>Réunion</source>
      <translation>Réunion</translation>
    </message>
    <message>
      <source>Romania</source>
      <translation>Rumänien</translation>
    </message>
    <message>
      <source>Serbia</source>
      <translation>Serbien</translation>
    </message>
    <message>
      <source>Russia</source>
      <translation>Russland</translation>
    </message>
    <message>
      <source>Rwanda</source>
      <translation>Ruanda</translation>
    </message>
    <message>
      <source>Saudi Arabia</source>
      <translation>Saudi-Arabien</translation>
    </message>
    <message>
      <source>Solomon Islands</source>
      <translation>Salomonen</translation>
    </message>
    <message>
      <source>Seychelles</source>
      <translation>Seychellen</translation>
    </message>
    <message>
      <source>Sudan</source>
      <translation>Sudan</translation>
    </message>
    <message>
      <source>Sweden</source>
      <translation>Schweden</translation>
    </message>
    <message>
      <source>Singapore</source>
      <translation>Singapur</translation>
    </message>
    <message>
      <source>St. Helena</source>
      <translation>St. Helena</translation>
    </message>
    <message>
      <source>Slovenia</source>
      <translation>Slowenien</translation>
    </message>
    <message>
      <source>Svalbard &amp; Jan Mayen</source>
      <translation>Spitzbergen und Jan Mayen</translation>
    </message>
    <message>
      <source>Slovakia</source>
      <translation>Slowakei</translation>
    </message>
    <message>
      <source>Sierra Leone</source>
      <translation>Sierra Leone</translation>
    </message>
    <message>
      <source>San Marino</source>
      <translation>San Marino</translation>
    </message>
    <message>
      <source>Senegal</source>
      <translation>Senegal</translation>
    </message>
    <message>
      <source>Somalia</source>
      <translation>Somalia</translation>
    </message>
    <message>
      <source>Suriname</source>
      <translation>Suriname</translation>
    </message>
    <message>
      <source>South Sudan</source>
      <translation>Südsudan</translation>
    </message>
    <message>
      <source>São Tomé &amp; Príncipe</source>
      <translation>São Tomé und Príncipe</translation>
    </message>
    <message>
      <source>El Salvador</source>
      <translation>El Salvador</translation>
    </message>
    <message>
      <source>Sint Maarten</source>
      <translation>Sint Maarten</translation>
    </message>
    <message>
      <source>Syria</source>
      <translation>Syrien</translation>
    </message>
    <message>
      <source>Eswatini</source>
      <translation>Eswatini</translation>
    </message>
    <message>
      <source>Tristan da Cunha</source>
      <translation>Tristan da Cunha</translation>
    </message>
    <message>
      <source>Turks &amp; Caicos Islands</source>
      <translation>Turks- und Caicosinseln</translation>
    </message>
    <message>
      <source>Chad</source>
      <translation>Tschad</translation>
    </message>
    <message>
      <source>Togo</source>
      <translation>Togo</translation>
    </message>
    <message>
      <source>Thailand</source>
      <translation>Thailand</translation>
    </message>
    <message>
      <source>Tajikistan</source>
      <translation>Tadschikistan</translation>
    </message>
    <message>
      <source>Tokelau</source>
      <translation>Tokelau</translation>
    </message>
    <message>
      <source>Timor-Leste</source>
      <translation>Timor-Leste</translation>
    </message>
    <message>
      <source>Turkmenistan</source>
      <translation>Turkmenistan</translation>
    </message>
    <message>
      <source>Tunisia</source>
      <translation>Tunesien</translation>
    </message>
    <message>
      <source>Tonga</source>
      <translation>Tonga</translation>
    </message>
    <message>
      <source>Türkiye</source>
      <translation>Türkei</translation>
    </message>
    <message>
      <source>Trinidad &amp; Tobago</source>
      <translation>Trinidad und Tobago</translation>
    </message>
    <message>
      <source>Tuvalu</source>
      <translation>Tuvalu</translation>
    </message>
    <message>
      <source>Taiwan</source>
      <translation>Taiwan</translation>
    </message>
    <message>
      <source>Tanzania</source>
      <translation>Tansania</translation>
    </message>
    <message>
      <source>Ukraine</source>
      <translation>Ukraine</translation>
    </message>
    <message>
      <source>Uganda</source>
      <translation>Uganda</translation>
    </message>
    <message>
      <source>United States</source>
      <translation>Vereinigte Staaten</translation>
    </message>
    <message>
      <source>Uruguay</source>
      <translation>Uruguay</translation>
    </message>
    <message>
      <source>Uzbekistan</source>
      <translation>Usbekistan</translation>
    </message>
    <message>
      <source>Vatican City</source>
      <translation>Vatikanstadt</translation>
    </message>
    <message>
      <source>St. Vincent &amp; Grenadines</source>
      <translation>St. Vincent und die Grenadinen</translation>
    </message>
    <message>
      <source>Venezuela</source>
      <translation>Venezuela</translation>
    </message>
    <message>
      <source>British Virgin Islands</source>
      <translation>Britische Jungferninseln</translation>
    </message>
    <message>
      <source>U.S. Virgin Islands</source>
      <translation>Amerikanische Jungferninseln</translation>
    </message>
    <message>
      <source>Vietnam</source>
      <translation>Vietnam</translation>
    </message>
    <message>
      <source>Vanuatu</source>
      <translation>Vanuatu</translation>
    </message>
    <message>
      <source>Wallis &amp; Futuna</source>
      <translation>Wallis und Futuna</translation>
    </message>
    <message>
      <source>Samoa</source>
      <translation>Samoa</translation>
    </message>
    <message>
      <source>Kosovo</source>
      <translation>Kosovo</translation>
    </message>
    <message>
      <source>Yemen</source>
      <translation>Jemen</translation>
    </message>
    <message>
      <source>Mayotte</source>
      <translation>Mayotte</translation>
    </message>
    <message>
      <source>South Africa</source>
      <translation>Südafrika</translation>
    </message>
    <message>
      <source>Zambia</source>
      <translation>Sambia</translation>
    </message>
    <message>
      <source>Zimbabwe</source>
      <translation>Simbabwe</translation>
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
      <location filename="../../desktop_client/ui/dial_flow.py" line="66" />
      <source>Not dialled: %1</source>
      <translation>Nicht gewählt: %1</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/dial_flow.py" line="80" />
      <source>Call refused</source>
      <translation>Anruf abgelehnt</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/dial_flow.py" line="88" />
      <location filename="../../desktop_client/ui/dial_flow.py" line="118" />
      <source>Call cancelled</source>
      <translation>Anruf abgebrochen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/dial_flow.py" line="103" />
      <source>Calling %1</source>
      <translation>Anruf an %1</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/dial_flow.py" line="137" />
      <location filename="../../desktop_client/ui/dial_flow.py" line="154" />
      <source>Call failed</source>
      <translation>Anruf fehlgeschlagen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/dial_flow.py" line="152" />
      <source>Calling</source>
      <translation>Anruf läuft</translation>
    </message>
  </context>
  <context>
    <name>DirectoryServers</name>
    <message>
      <location filename="../../desktop_client/app/directory.py" line="60" />
      <source>syncing %1: %2 entries</source>
      <translation>Abgleich %1: %2 Einträge</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop_client/app/directory.py" line="108" />
      <source>%n call(s) not yet in Vertec</source>
      <translation>
        <numerusform>%n Anruf noch nicht in Vertec</numerusform>
        <numerusform>%n Anrufe noch nicht in Vertec</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop_client/app/directory.py" line="110" />
      <source>%n call(s) refused by Vertec (see the log)</source>
      <translation>
        <numerusform>%n Anruf von Vertec abgelehnt (siehe Protokoll)</numerusform>
        <numerusform>%n Anrufe von Vertec abgelehnt (siehe Protokoll)</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop_client/app/directory.py" line="118" />
      <source>directory sync failed: %1</source>
      <translation>Verzeichnisabgleich fehlgeschlagen: %1</translation>
    </message>
  </context>
  <context>
    <name>FirstRun</name>
    <message>
      <location filename="../../desktop_client/app/setup.py" line="70" />
      <location filename="../../desktop_client/app/setup.py" line="108" />
      <source>Telephony Client</source>
      <translation>Telefonie-Client</translation>
    </message>
    <message>
      <location filename="../../desktop_client/app/setup.py" line="71" />
      <source>Open tel: and callto: links (for example from your CRM) with the Telephony Client?</source>
      <translation>tel:- und callto:-Links (etwa aus Ihrem CRM) mit dem Telefonie-Client öffnen?</translation>
    </message>
    <message>
      <location filename="../../desktop_client/app/setup.py" line="101" />
      <source>The shortcut could not be set up: %1</source>
      <translation>Das Tastenkürzel konnte nicht eingerichtet werden: %1</translation>
    </message>
    <message>
      <location filename="../../desktop_client/app/setup.py" line="103" />
      <source>%1 now dials the number in the selected text.</source>
      <translation>%1 wählt jetzt die Nummer im markierten Text.</translation>
    </message>
    <message>
      <location filename="../../desktop_client/app/setup.py" line="123" />
      <source>Passwords cannot be stored yet: %1</source>
      <translation>Passwörter können noch nicht gespeichert werden: %1</translation>
    </message>
  </context>
  <context>
    <name>IncomingCalls</name>
    <message>
      <source>syncing %1: %2 entries</source>
      <translation type="vanished">Abgleich %1: %2 Einträge</translation>
    </message>
    <message numerus="yes">
      <source>%n call(s) not yet in Vertec</source>
      <translation type="vanished">
        <numerusform>%n Anruf noch nicht in Vertec</numerusform>
        <numerusform>%n Anrufe noch nicht in Vertec</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n call(s) refused by Vertec (see the log)</source>
      <translation type="vanished">
        <numerusform>%n Anruf von Vertec abgelehnt (siehe Protokoll)</numerusform>
        <numerusform>%n Anrufe von Vertec abgelehnt (siehe Protokoll)</numerusform>
      </translation>
    </message>
    <message>
      <source>directory sync failed: %1</source>
      <translation type="vanished">Verzeichnisabgleich fehlgeschlagen: %1</translation>
    </message>
    <message>
      <location filename="../../desktop_client/app/calls.py" line="90" />
      <source>Calls from %1 are not shown: the app keeps one phone connection, and it is %2's.</source>
      <extracomment>The phone links that can answer, decline, hang up or transfer their calls. What the systems ask the user to set on their phones: (title, text) each.</extracomment>
      <translation>Anrufe von %1 werden nicht angezeigt: Die App hält nur eine Verbindung zur Telefonanlage, und das ist die von %2.</translation>
    </message>
    <message>
      <location filename="../../desktop_client/app/calls.py" line="148" />
      <source>Incoming calls</source>
      <translation>Eingehende Anrufe</translation>
    </message>
  </context>
  <context>
    <name>JournalWindow</name>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="56" />
      <source>Call journal</source>
      <translation>Anrufjournal</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="61" />
      <source>All calls</source>
      <translation>Alle Anrufe</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="61" />
      <source>Incoming</source>
      <translation>Eingehend</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="62" />
      <source>Outgoing</source>
      <translation>Ausgehend</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="65" />
      <source>Any state</source>
      <translation>Jeder Status</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="65" />
      <source>Missed</source>
      <translation>Verpasst</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="66" />
      <source>Answered</source>
      <translation>Angenommen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="66" />
      <source>Dialled</source>
      <translation>Gewählt</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="67" />
      <source>Failed</source>
      <translation>Fehlgeschlagen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="70" />
      <source>Any time</source>
      <translation>Jederzeit</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="70" />
      <source>Today</source>
      <translation>Heute</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="71" />
      <source>Last 7 days</source>
      <translation>Letzte 7 Tage</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="71" />
      <source>Last 30 days</source>
      <translation>Letzte 30 Tage</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="74" />
      <source>Search name or number</source>
      <translation>Name oder Nummer suchen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="77" />
      <source>Time</source>
      <translation>Zeit</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="77" />
      <source>Direction</source>
      <translation>Richtung</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="78" />
      <source>State</source>
      <translation>Status</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="78" />
      <source>Name</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="79" />
      <source>Number</source>
      <translation>Nummer</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="79" />
      <source>Duration</source>
      <translation>Dauer</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="88" />
      <source>Redial</source>
      <translation>Erneut wählen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="90" />
      <source>Open address</source>
      <translation>Adresse öffnen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="92" />
      <source>Mark missed calls as seen</source>
      <translation>Verpasste Anrufe als gesehen markieren</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="94" />
      <source>Export CSV…</source>
      <translation>CSV exportieren…</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="133" />
      <source>in</source>
      <translation>ein</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="133" />
      <source>out</source>
      <translation>aus</translation>
    </message>
    <message>
      <source>missed</source>
      <translation type="vanished">verpasst</translation>
    </message>
    <message>
      <source>answered</source>
      <translation type="vanished">angenommen</translation>
    </message>
    <message>
      <source>dialled</source>
      <translation type="vanished">gewählt</translation>
    </message>
    <message>
      <source>failed</source>
      <translation type="vanished">fehlgeschlagen</translation>
    </message>
    <message>
      <source>rejected</source>
      <translation type="vanished">abgewiesen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/journal_window.py" line="164" />
      <source>Export calls</source>
      <translation>Anrufe exportieren</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../../desktop_client/ui/main_window.py" line="59" />
      <location filename="../../desktop_client/ui/main_window.py" line="66" />
      <source>Telephony Client</source>
      <translation>Telefonie-Client</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/main_window.py" line="82" />
      <source>Recent calls</source>
      <translation>Letzte Anrufe</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop_client/ui/main_window.py" line="120" />
      <source>Call journal (%n missed)…</source>
      <translation>
        <numerusform>Anrufjournal (%n verpasst)…</numerusform>
        <numerusform>Anrufjournal (%n verpasst)…</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/main_window.py" line="131" />
      <source>No calls yet</source>
      <translation>Noch keine Anrufe</translation>
    </message>
  </context>
  <context>
    <name>Messages</name>
    <message>
      <source>contains letters</source>
      <translation>enthält Buchstaben</translation>
    </message>
    <message>
      <source>the input is longer than {count} characters</source>
      <translation>die Eingabe ist länger als {count} Zeichen</translation>
    </message>
    <message>
      <source>no number given</source>
      <translation>keine Nummer angegeben</translation>
    </message>
    <message>
      <source>contains a broken %-escape</source>
      <translation>enthält eine fehlerhafte %-Kodierung</translation>
    </message>
    <message>
      <source>a SIP address with a password is refused</source>
      <translation>eine SIP-Adresse mit Passwort wird abgelehnt</translation>
    </message>
    <message>
      <source>the extension must be 1 to {count} digits</source>
      <translation>die Durchwahl muss 1 bis {count} Ziffern haben</translation>
    </message>
    <message>
      <source>the phone-context is not a domain name</source>
      <translation>der phone-context ist kein Domainname</translation>
    </message>
    <message>
      <source>contains no digits</source>
      <translation>enthält keine Ziffern</translation>
    </message>
    <message>
      <source>has too many digits for a phone number</source>
      <translation>hat zu viele Ziffern für eine Telefonnummer</translation>
    </message>
    <message>
      <source>contains a pause (p, w or ,) followed by more digits; dial the number on its own</source>
      <translation>enthält eine Pause (p, w oder ,) mit weiteren Ziffern danach; wählen Sie die Nummer allein</translation>
    </message>
    <message>
      <source>contains an invisible character such as a line break ({character})</source>
      <translation>enthält ein unsichtbares Zeichen wie einen Zeilenumbruch ({character})</translation>
    </message>
    <message>
      <source>its %-escapes do not decode as text</source>
      <translation>ihre %-Kodierung ergibt keinen Text</translation>
    </message>
    <message>
      <source>contains a malformed URI parameter</source>
      <translation>enthält einen fehlerhaften URI-Parameter</translation>
    </message>
    <message>
      <source>the parameter '{name}' is given twice</source>
      <translation>der Parameter «{name}» ist doppelt angegeben</translation>
    </message>
    <message>
      <source>the phone-context is not a number prefix</source>
      <translation>der phone-context ist keine Vorwahl</translation>
    </message>
    <message>
      <source>has a '+' that is not at the start</source>
      <translation>hat ein «+», das nicht am Anfang steht</translation>
    </message>
    <message>
      <source>contains '{char}', which has no place in a phone number</source>
      <translation>enthält «{char}», das in einer Telefonnummer nichts zu suchen hat</translation>
    </message>
    <message>
      <source>the phone-context names an unknown country code</source>
      <translation>der phone-context nennt eine unbekannte Landesvorwahl</translation>
    </message>
    <message>
      <source>is a * or # service code, not a phone number</source>
      <translation>ist ein *- oder #-Dienstcode, keine Telefonnummer</translation>
    </message>
    <message>
      <source>the extension must be digits</source>
      <translation>die Durchwahl muss aus Ziffern bestehen</translation>
    </message>
    <message>
      <source>unknown country code</source>
      <translation>unbekannte Landesvorwahl</translation>
    </message>
    <message>
      <source>too short after the 00 prefix</source>
      <translation>zu kurz nach der Vorwahl 00</translation>
    </message>
    <message>
      <source>too short for {country}</source>
      <translation>zu kurz für eine Nummer ({country})</translation>
    </message>
    <message>
      <source>too long for a phone number</source>
      <translation>zu lang für eine Telefonnummer</translation>
    </message>
    <message>
      <source>not a phone number</source>
      <translation>keine Telefonnummer</translation>
    </message>
    <message>
      <source>too long for {country}</source>
      <translation>zu lang für eine Nummer ({country})</translation>
    </message>
    <message>
      <source>has the wrong number of digits for {country}</source>
      <translation>hat die falsche Anzahl Ziffern ({country})</translation>
    </message>
    <message>
      <source>is not a valid number in {country}</source>
      <translation>ist keine gültige Nummer ({country})</translation>
    </message>
    <message>
      <source>is a private number with a '+'</source>
      <translation>ist eine interne Nummer mit «+»</translation>
    </message>
    <message>
      <source>a normal number</source>
      <translation>eine normale Nummer</translation>
    </message>
    <message>
      <source>more than {count} dial requests in a minute; dropped</source>
      <translation>mehr als {count} Wählaufträge in einer Minute; verworfen</translation>
    </message>
    <message>
      <source>needs a click: {risks}</source>
      <translation>braucht einen Klick: {risks}</translation>
    </message>
    <message>
      <source>needs a click: a short number</source>
      <translation>braucht einen Klick: eine Kurznummer</translation>
    </message>
    <message>
      <source>this number: {reason}</source>
      <translation>diese Nummer: {reason}</translation>
    </message>
    <message>
      <source>the same number was requested again within {seconds} s; dropped</source>
      <translation>dieselbe Nummer wurde innert {seconds} s nochmals verlangt; verworfen</translation>
    </message>
    <message>
      <source>you asked to confirm every call</source>
      <translation>Sie haben verlangt, jeden Anruf zu bestätigen</translation>
    </message>
    <message>
      <source>you asked to confirm calls requested by other programs</source>
      <translation>Sie haben verlangt, Anrufe aus anderen Programmen zu bestätigen</translation>
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
    <name>NumberPicker</name>
    <message>
      <location filename="../../desktop_client/ui/number_picker.py" line="28" />
      <source>Dial which number?</source>
      <translation>Welche Nummer wählen?</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop_client/ui/number_picker.py" line="31" />
      <source>The selected text holds %n phone numbers.</source>
      <translation>
        <numerusform>Der markierte Text enthält %n Telefonnummer.</numerusform>
        <numerusform>Der markierte Text enthält %n Telefonnummern.</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/number_picker.py" line="47" />
      <source>Dial</source>
      <translation>Wählen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/number_picker.py" line="69" />
      <source>Dial selection</source>
      <translation>Markierten Text wählen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/number_picker.py" line="71" />
      <source>The selected text holds no phone number.</source>
      <translation>Der markierte Text enthält keine Telefonnummer.</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/number_picker.py" line="74" />
      <source>Nothing is selected, and the clipboard is empty.</source>
      <translation>Nichts ist markiert, und die Zwischenablage ist leer.</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/number_picker.py" line="77" />
      <source>Press the app's own shortcut to dial the selected text (Settings → Dialling).</source>
      <translation>Drücken Sie das Tastenkürzel der App, um den markierten Text zu wählen (Einstellungen → Wählen).</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/number_picker.py" line="80" />
      <source>The selected text cannot be read here: install xclip or xsel (X11) or wl-clipboard (Wayland).</source>
      <translation>Der markierte Text kann hier nicht gelesen werden: Installieren Sie xclip oder xsel (X11) oder wl-clipboard (Wayland).</translation>
    </message>
  </context>
  <context>
    <name>PhoneLinks</name>
    <message>
      <location filename="../../desktop_client/app/links.py" line="49" />
      <source>Settings</source>
      <extracomment>The connection and the system it belongs to (None: no system keeps one).</extracomment>
      <translation>Einstellungen</translation>
    </message>
  </context>
  <context>
    <name>Places</name>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="93" />
      <source>%1, %2</source>
      <translation>%1, %2</translation>
    </message>
  </context>
  <context>
    <name>SelectionDialing</name>
    <message>
      <location filename="../../desktop_client/app/selection.py" line="42" />
      <location filename="../../desktop_client/app/selection.py" line="55" />
      <source>Shortcut</source>
      <translation>Tastenkürzel</translation>
    </message>
  </context>
  <context>
    <name>Settings</name>
    <message>
      <location filename="../../desktop_client/ui/settings_dialog.py" line="81" />
      <source>Settings</source>
      <extracomment>Which page the sections of the schema are on, by the first part of their name ([cti.fritzbox] is with [cti]; [backends.*] are the phone pages of "Dialling").</extracomment>
      <translation>Einstellungen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/settings_dialog.py" line="120" />
      <source>Setup assistant…</source>
      <extracomment>Every setting, secret and section title the dialog shows (the config's).</extracomment>
      <translation>Einrichtungsassistent…</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/settings_dialog.py" line="194" />
      <location filename="../../desktop_client/ui/settings_directory.py" line="46" />
      <source>kept in the keyring; empty: unchanged</source>
      <extracomment>Tests the edited settings with the typed secrets (key -&gt; value, "" = the stored one); returns what to show. Runs in a worker thread.</extracomment>
      <translation>im Schlüsselbund; leer: unverändert</translation>
    </message>
    <message>
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
      <location filename="../../desktop_client/ui/settings_dialog.py" line="215" />
      <source>Test phone connection</source>
      <translation>Telefonverbindung testen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/settings_dialog.py" line="282" />
      <source>Asking the system keyring…</source>
      <translation>Der Schlüsselbund des Systems wird gefragt…</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/settings_dialog.py" line="284" />
      <source>Passwords are kept in the system keyring (%1).</source>
      <translation>Passwörter liegen im Schlüsselbund des Systems (%1).</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/settings_dialog.py" line="287" />
      <source>Passwords cannot be stored: %1</source>
      <translation>Passwörter können nicht gespeichert werden: %1</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/settings_dialog.py" line="307" />
      <source>Runs: %1</source>
      <translation>Startet: %1</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/settings_dialog.py" line="310" />
      <source>Runs the program and arguments below.</source>
      <translation>Startet das Programm mit den Argumenten unten.</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/settings_dialog.py" line="391" />
      <location filename="../../desktop_client/ui/settings_directory.py" line="78" />
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
      <translation type="vanished">Woher eingehende Anrufe neben dem Kommandozeilen-Hook gemeldet werden: baresip, action_url, fritzbox (eine pro Zeile).</translation>
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
    <message>
      <source>Directory servers</source>
      <translation>Verzeichnisserver</translation>
    </message>
    <message>
      <source>Sync every (minutes)</source>
      <translation>Abgleichen alle (Minuten)</translation>
    </message>
    <message>
      <source>Live lookup deadline (ms)</source>
      <translation>Frist für die Live-Suche (ms)</translation>
    </message>
    <message>
      <source>LDAP server</source>
      <translation>LDAP-Server</translation>
    </message>
    <message>
      <source>Search base</source>
      <translation>Suchbasis</translation>
    </message>
    <message>
      <source>Bind DN</source>
      <translation>Bind-DN</translation>
    </message>
    <message>
      <source>Search filter</source>
      <translation>Suchfilter</translation>
    </message>
    <message>
      <source>Use StartTLS</source>
      <translation>StartTLS verwenden</translation>
    </message>
    <message>
      <source>Address book URL</source>
      <translation>Adressbuch-URL</translation>
    </message>
    <message>
      <source>User name</source>
      <translation>Benutzername</translation>
    </message>
    <message>
      <source>Lookup URL</source>
      <translation>Such-URL</translation>
    </message>
    <message>
      <source>Number in the URL</source>
      <translation>Nummer in der URL</translation>
    </message>
    <message>
      <source>Path to the results</source>
      <translation>Pfad zu den Ergebnissen</translation>
    </message>
    <message>
      <source>Path to the name</source>
      <translation>Pfad zum Namen</translation>
    </message>
    <message>
      <source>Path to the company</source>
      <translation>Pfad zur Firma</translation>
    </message>
    <message>
      <source>Path to the kind</source>
      <translation>Pfad zur Art</translation>
    </message>
    <message>
      <source>Path to the contact's URL</source>
      <translation>Pfad zur URL des Kontakts</translation>
    </message>
    <message>
      <source>Remote sources asked after the local directory, in this order: ldap, carddav, vertec, http (one per line).</source>
      <translation type="vanished">Entfernte Quellen, die nach dem lokalen Verzeichnis gefragt werden, in dieser Reihenfolge: ldap, carddav, vertec, http (eine pro Zeile).</translation>
    </message>
    <message>
      <source>How often the directory servers are copied into the local directory (0: only on demand).</source>
      <translation>Wie oft die Verzeichnisserver ins lokale Verzeichnis kopiert werden (0: nur auf Verlangen).</translation>
    </message>
    <message>
      <source>How long a caller card waits for a server that is asked live.</source>
      <translation>Wie lange eine Anruferkarte auf einen live gefragten Server wartet.</translation>
    </message>
    <message>
      <source>ldap://host or ldaps://host (an Active Directory domain controller, say).</source>
      <translation>ldap://host oder ldaps://host (zum Beispiel ein Active-Directory-Domänencontroller).</translation>
    </message>
    <message>
      <source>For example ou=people,dc=example,dc=org.</source>
      <translation>Zum Beispiel ou=people,dc=example,dc=org.</translation>
    </message>
    <message>
      <source>The user to log in as (empty: anonymous); its password is in the keyring.</source>
      <translation>Der Benutzer für die Anmeldung (leer: anonym); sein Passwort liegt im Schlüsselbund.</translation>
    </message>
    <message>
      <source>Which entries are contacts; the default finds people and organizations with a phone number.</source>
      <translation>Welche Einträge Kontakte sind; die Vorgabe findet Personen und Organisationen mit Telefonnummer.</translation>
    </message>
    <message>
      <source>Encrypt an ldap:// connection (ldaps:// is always encrypted).</source>
      <translation>Eine ldap://-Verbindung verschlüsseln (ldaps:// ist immer verschlüsselt).</translation>
    </message>
    <message>
      <source>The CardDAV address book collection, e.g. https://cloud.example/remote.php/dav/addressbooks/users/anna/contacts/.</source>
      <translation>Die CardDAV-Adressbuchsammlung, z. B. https://cloud.example/remote.php/dav/addressbooks/users/anna/contacts/.</translation>
    </message>
    <message>
      <source>The CRM's lookup by number; {number} is replaced, e.g. https://crm.example/api/contacts?phone={number}.</source>
      <translation>Die Suche des CRM nach Nummer; {number} wird ersetzt, z. B. https://crm.example/api/contacts?phone={number}.</translation>
    </message>
    <message>
      <source>Where the list of contacts is in the JSON answer, e.g. data.items (empty: the answer itself).</source>
      <translation>Wo die Liste der Kontakte in der JSON-Antwort steht, z. B. data.items (leer: die Antwort selbst).</translation>
    </message>
    <message>
      <source>A field saying person or company (empty: a person when it has a name).</source>
      <translation>Ein Feld, das Person oder Firma angibt (leer: eine Person, wenn ein Name da ist).</translation>
    </message>
    <message>
      <source>Opened by "Open in CRM".</source>
      <translation>Wird von «Im CRM öffnen» geöffnet.</translation>
    </message>
    <message>
      <source>LDAP / Active Directory</source>
      <translation>LDAP / Active Directory</translation>
    </message>
    <message>
      <source>CardDAV address book</source>
      <translation>CardDAV-Adressbuch</translation>
    </message>
    <message>
      <source>CRM over HTTP</source>
      <translation>CRM über HTTP</translation>
    </message>
    <message>
      <source>National (044 668 18 00)</source>
      <translation>National (044 668 18 00)</translation>
    </message>
    <message>
      <source>Digits only (41446681800)</source>
      <translation>Nur Ziffern (41446681800)</translation>
    </message>
    <message>
      <source>Bind password</source>
      <translation>Bind-Passwort</translation>
    </message>
    <message>
      <source>Password</source>
      <translation>Passwort</translation>
    </message>
    <message>
      <source>API token</source>
      <translation>API-Token</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/settings_directory.py" line="51" />
      <source>Test directory servers</source>
      <translation>Verzeichnisserver testen</translation>
    </message>
    <message>
      <source>Servers asked after the local directory, in this order; each is copied into the local directory every few minutes.</source>
      <translation>Server, die nach dem lokalen Verzeichnis gefragt werden, in dieser Reihenfolge; jeder wird alle paar Minuten ins lokale Verzeichnis kopiert.</translation>
    </message>
    <message>
      <source>Vertec address</source>
      <translation>Vertec-Adresse</translation>
    </message>
    <message>
      <source>Log calls as activities</source>
      <translation>Anrufe als Aktivitäten erfassen</translation>
    </message>
    <message>
      <source>Activity type (objid)</source>
      <translation>Aktivitätstyp (objid)</translation>
    </message>
    <message>
      <source>Responsible user (objid)</source>
      <translation>Zuständiger Benutzer (objid)</translation>
    </message>
    <message>
      <source>Open in Vertec (URL)</source>
      <translation>In Vertec öffnen (URL)</translation>
    </message>
    <message>
      <source>Query for the numbers (OCL)</source>
      <translation>Abfrage der Nummern (OCL)</translation>
    </message>
    <message>
      <source>Query for one number (sqlwhere)</source>
      <translation>Abfrage einer Nummer (sqlwhere)</translation>
    </message>
    <message>
      <source>Member with the normalized number</source>
      <translation>Member mit der normalisierten Nummer</translation>
    </message>
    <message>
      <source>The address of your Vertec Web App, e.g. https://firma.vertec-cloud.com; requests go to …/xml. The API token is kept in the keyring.</source>
      <translation>Die Adresse Ihrer Vertec Web App, z. B. https://firma.vertec-cloud.com; Anfragen gehen an …/xml. Das API-Token liegt im Schlüsselbund.</translation>
    </message>
    <message>
      <source>A finished call with a Vertec address becomes a done activity of that address.</source>
      <translation>Ein beendeter Anruf mit einer Vertec-Adresse wird zu einer erledigten Aktivität dieser Adresse.</translation>
    </message>
    <message>
      <source>The objid of the activity type for calls, e.g. of "Telefon" (empty: none).</source>
      <translation>Die objid des Aktivitätstyps für Anrufe, z. B. von «Telefon» (leer: keiner).</translation>
    </message>
    <message>
      <source>Your user's objid in Vertec (empty: none).</source>
      <translation>Die objid Ihres Benutzers in Vertec (leer: keiner).</translation>
    </message>
    <message>
      <source>A link to an address in the Vertec Web App, with {objid} where the address's objid goes.</source>
      <translation>Ein Link auf eine Adresse in der Vertec Web App, mit {objid} an der Stelle der objid der Adresse.</translation>
    </message>
    <message>
      <source>Selects the phone, mobile and fax entries (KommMittel) to copy.</source>
      <translation>Wählt die Telefon-, Mobile- und Faxeinträge (KommMittel), die kopiert werden.</translation>
    </message>
    <message>
      <source>Finds a caller's entries; {e164}, {national} and {digits} are replaced.</source>
      <translation>Findet die Einträge eines Anrufers; {e164}, {national} und {digits} werden ersetzt.</translation>
    </message>
    <message>
      <source>Compared with our own normalization in each sync (empty: not read).</source>
      <translation>Wird bei jedem Abgleich mit unserer eigenen Normalisierung verglichen (leer: nicht gelesen).</translation>
    </message>
    <message>
      <source>Vertec</source>
      <translation>Vertec</translation>
    </message>
    <message>
      <source>Shortcut to dial the selected text (Windows)</source>
      <translation>Tastenkürzel zum Wählen des markierten Texts (Windows)</translation>
    </message>
    <message>
      <source>Select a number in any program and press it; empty: none. Elsewhere, bind "desktop-client dial --selection" in the desktop's keyboard settings.</source>
      <translation>Markieren Sie eine Nummer in einem beliebigen Programm und drücken Sie es; leer: keines. Auf anderen Systemen legen Sie "desktop-client dial --selection" in den Tastatureinstellungen des Desktops auf eine Taste.</translation>
    </message>
    <message>
      <source>Show incoming calls as</source>
      <translation>Eingehende Anrufe zeigen als</translation>
    </message>
    <message>
      <source>Automatic: the desktop's notifications where there is no tray, cards next to the tray icon where there is one.</source>
      <translation>Automatisch: die Benachrichtigungen des Desktops, wo es keinen Infobereich gibt, sonst Karten beim Symbol im Infobereich.</translation>
    </message>
    <message>
      <source>Automatic</source>
      <translation>Automatisch</translation>
    </message>
    <message>
      <source>Cards next to the tray icon</source>
      <translation>Karten beim Symbol im Infobereich</translation>
    </message>
    <message>
      <source>The desktop's notifications</source>
      <translation>Benachrichtigungen des Desktops</translation>
    </message>
    <message>
      <source>Both</source>
      <translation>Beides</translation>
    </message>
    <message>
      <source>Action URL token</source>
      <translation>Token der Action-URLs</translation>
    </message>
    <message>
      <source>Where incoming calls are reported from besides the command-line hook; in config.toml their names, e.g. ["baresip", "action_url"].</source>
      <translation>Woher eingehende Anrufe neben dem Kommandozeilen-Hook gemeldet werden; in der config.toml ihre Namen, z. B. ["baresip", "action_url"].</translation>
    </message>
  </context>
  <context>
    <name>SetupAssistant</name>
    <message>
      <location filename="../../desktop_client/ui/setup_assistant.py" line="51" />
      <source>Set up the Telephony Client</source>
      <translation>Telefonie-Client einrichten</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/setup_assistant.py" line="56" />
      <source>Which phone should dial the numbers you click? Found on this PC:</source>
      <translation>Welches Telefon soll die angeklickten Nummern wählen? Auf diesem PC gefunden:</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/setup_assistant.py" line="58" />
      <source>No softphone or phone system was found on this PC (baresip with ctrl_tcp, linphone, MicroSIP, Zoiper, Twinkle, Jitsi). Desk phones, Asterisk, FreeSWITCH and the FRITZ!Box are set up in Settings.</source>
      <translation>Auf diesem PC wurde kein Softphone und keine Telefonanlage gefunden (baresip mit ctrl_tcp, linphone, MicroSIP, Zoiper, Twinkle, Jitsi). Tischtelefone, Asterisk, FreeSWITCH und die FRITZ!Box werden in den Einstellungen eingerichtet.</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/setup_assistant.py" line="69" />
      <source>Another phone system: open Settings</source>
      <translation>Eine andere Telefonanlage: Einstellungen öffnen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/setup_assistant.py" line="74" />
      <source>Test</source>
      <translation>Testen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/setup_assistant.py" line="83" />
      <source>Open tel: and callto: links (from your CRM or a web page) with this app</source>
      <translation>tel:- und callto:-Links (aus dem CRM oder einer Webseite) mit dieser App öffnen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/setup_assistant.py" line="86" />
      <source>Start at login</source>
      <translation>Bei der Anmeldung starten</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/setup_assistant.py" line="92" />
      <source>Dial the number in the selected text with %1, in any program</source>
      <translation>Die Nummer im markierten Text mit %1 wählen, in jedem Programm</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/setup_assistant.py" line="98" />
      <source>To dial the number in the selected text with a key, bind this command in your desktop's keyboard settings:</source>
      <translation>Um die Nummer im markierten Text per Taste zu wählen, legen Sie diesen Befehl in den Tastatureinstellungen Ihres Desktops auf eine Taste:</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/setup_assistant.py" line="107" />
      <source>Looked for and not found:</source>
      <translation>Gesucht und nicht gefunden:</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/setup_assistant.py" line="119" />
      <source>Done</source>
      <translation>Fertig</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/setup_assistant.py" line="135" />
      <source>Settings has a Test button for every phone system.</source>
      <translation>Die Einstellungen haben für jede Telefonanlage einen Test-Knopf.</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/setup_assistant.py" line="139" />
      <source>Testing…</source>
      <translation>Wird getestet…</translation>
    </message>
  </context>
  <context>
    <name>Texts</name>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="20" />
      <source>premium-rate number</source>
      <translation>Mehrwertnummer</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="21" />
      <source>shared-cost number</source>
      <translation>Nummer mit geteilten Kosten</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="22" />
      <location filename="../../desktop_client/ui/texts.py" line="59" />
      <source>personal number</source>
      <translation>persönliche Nummer</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="23" />
      <location filename="../../desktop_client/ui/texts.py" line="61" />
      <source>universal access number</source>
      <translation>Unternehmens-Sammelnummer</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="24" />
      <source>VoIP number</source>
      <translation>VoIP-Nummer</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="25" />
      <source>EMERGENCY number</source>
      <translation>NOTRUFNUMMER</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="26" />
      <location filename="../../desktop_client/ui/texts.py" line="65" />
      <source>short number</source>
      <translation>Kurznummer</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="27" />
      <source>* or # service code</source>
      <translation>*- oder #-Dienstcode</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="28" />
      <source>number written with letters</source>
      <translation>mit Buchstaben geschriebene Nummer</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="29" />
      <source>number not known to be valid</source>
      <translation>nicht als gültig bekannte Nummer</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="38" />
      <source>%1, extension %2</source>
      <translation>%1, Durchwahl %2</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="45" />
      <source>another program (a tel: link)</source>
      <translation>einem anderen Programm (tel:-Link)</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="46" />
      <source>you</source>
      <translation>Ihnen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="52" />
      <source>fixed line</source>
      <translation>Festnetz</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="53" />
      <source>mobile</source>
      <translation>Mobil</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="54" />
      <source>fixed line or mobile</source>
      <translation>Festnetz oder Mobil</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="55" />
      <source>toll-free</source>
      <translation>gebührenfrei</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="56" />
      <source>premium rate</source>
      <translation>Mehrwertdienst</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="57" />
      <source>shared cost</source>
      <translation>geteilte Kosten</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="58" />
      <source>VoIP</source>
      <translation>VoIP</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="60" />
      <source>pager</source>
      <translation>Pager</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="62" />
      <source>voicemail</source>
      <translation>Sprachbox</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="63" />
      <source>internal extension</source>
      <translation>interne Nebenstelle</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="64" />
      <source>emergency number</source>
      <translation>Notrufnummer</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="67" />
      <source>unknown type</source>
      <translation>unbekannter Typ</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="73" />
      <source>phone</source>
      <translation>Telefon</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="74" />
      <source>mobile phone</source>
      <translation>Mobiltelefon</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="75" />
      <source>fax</source>
      <translation>Fax</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="112" />
      <source>missed</source>
      <translation>verpasst</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="113" />
      <source>answered</source>
      <translation>angenommen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="114" />
      <source>dialled</source>
      <translation>gewählt</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="115" />
      <source>failed</source>
      <translation>fehlgeschlagen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/texts.py" line="116" />
      <source>rejected</source>
      <translation>abgelehnt</translation>
    </message>
  </context>
  <context>
    <name>TransferAsk</name>
    <message>
      <location filename="../../desktop_client/ui/transfer.py" line="49" />
      <source>the caller</source>
      <extracomment>``done(target, error)``: the number as the phone system dials it, or why there is none ("" and "" when the user cancelled).</extracomment>
      <translation>den Anrufer</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/transfer.py" line="50" />
      <source>Transfer %1 to…</source>
      <translation>%1 weiterleiten an…</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/transfer.py" line="51" />
      <location filename="../../desktop_client/ui/transfer.py" line="89" />
      <source>Transfer</source>
      <translation>Weiterleiten</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/transfer.py" line="80" />
      <source>No phone is set up for dialling; open Settings.</source>
      <translation>Kein Telefon zum Wählen eingerichtet; öffnen Sie die Einstellungen.</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/transfer.py" line="88" />
      <source>Transfer to this number?</source>
      <translation>An diese Nummer weiterleiten?</translation>
    </message>
  </context>
  <context>
    <name>TrayApp</name>
    <message>
      <location filename="../../desktop_client/app/root.py" line="167" />
      <location filename="../../desktop_client/app/root.py" line="315" />
      <source>Settings</source>
      <extracomment>How long an instance that finds another one running stays to pass on links macOS delivers after the start (its FileOpen events come with the first event-loop passes). Only macOS hands links over as FileOpen events (Qt's Cocoa plugin). Catching them takes an application-wide event filter: every event of every object passes through Python, which costs time on each and ~4 MB of wrappers in the idle tray; elsewhere none. The one secret store every part of the app reads the keyring through (keyring itself loads on the first read).</extracomment>
      <translation>Einstellungen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/app/root.py" line="351" />
      <source>Not dialled</source>
      <translation>Nicht gewählt</translation>
    </message>
    <message>
      <source>Call refused</source>
      <translation type="vanished">Anruf abgelehnt</translation>
    </message>
    <message>
      <location filename="../../desktop_client/app/root.py" line="352" />
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
      <location filename="../../desktop_client/ui/tray.py" line="77" />
      <source>Dial…</source>
      <translation>Wählen…</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/tray.py" line="79" />
      <location filename="../../desktop_client/ui/tray.py" line="271" />
      <location filename="../../desktop_client/ui/tray.py" line="275" />
      <source>Dial clipboard number</source>
      <translation>Nummer aus Zwischenablage wählen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/tray.py" line="81" />
      <source>Recent calls</source>
      <translation>Letzte Anrufe</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/tray.py" line="82" />
      <source>Call journal…</source>
      <translation>Anrufjournal…</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/tray.py" line="85" />
      <source>Do not disturb</source>
      <translation>Nicht stören</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/tray.py" line="88" />
      <source>Normalize phone numbers…</source>
      <translation>Telefonnummern normalisieren…</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/tray.py" line="90" />
      <source>Settings…</source>
      <translation>Einstellungen…</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/tray.py" line="93" />
      <source>Quit</source>
      <translation>Beenden</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/tray.py" line="140" />
      <location filename="../../desktop_client/ui/tray.py" line="306" />
      <source>Telephony Client</source>
      <extracomment>Where notes go without a tray: the desktop's notification service, once there.</extracomment>
      <translation>Telefonie-Client</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/tray.py" line="301" />
      <source>Ready to dial</source>
      <translation>Bereit zum Wählen</translation>
    </message>
    <message>
      <source>No system tray was found; the client runs in this window.</source>
      <translation type="vanished">Kein Infobereich gefunden; der Client läuft in diesem Fenster.</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/tray.py" line="267" />
      <source>Dial %1 from clipboard</source>
      <translation>%1 aus Zwischenablage wählen</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/tray.py" line="255" />
      <source>No calls yet</source>
      <translation>Noch keine Anrufe</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/tray.py" line="141" />
      <source>Still running: calls arrive as notifications. Start the Telephony Client again to open this window.</source>
      <translation>Läuft weiter: Anrufe erscheinen als Benachrichtigungen. Starten Sie den Telefonie-Client erneut, um dieses Fenster zu öffnen.</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/tray.py" line="296" />
      <location filename="../../desktop_client/ui/tray.py" line="308" />
      <source>phone not reachable</source>
      <translation>Telefon nicht erreichbar</translation>
    </message>
    <message>
      <location filename="../../desktop_client/ui/tray.py" line="299" />
      <location filename="../../desktop_client/ui/tray.py" line="311" />
      <source>do not disturb</source>
      <translation>nicht stören</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop_client/ui/tray.py" line="313" />
      <source>%n missed call(s)</source>
      <translation>
        <numerusform>%n verpasster Anruf</numerusform>
        <numerusform>%n verpasste Anrufe</numerusform>
      </translation>
    </message>
  </context>
</TS>