; Inno Setup script: per-user install of the PyInstaller folder dist\desktop-client.
; The registry entries match what "desktop-client register" writes (platform/windows.py).

#define AppName "Telephony Client"
#define AppVersion "0.1.0"
#define AppExe "desktop-client.exe"

[Setup]
AppId={{6E0C1D52-7A1B-4C2E-9B54-3C1F2D8E7A10}
AppName={#AppName}
AppVersion={#AppVersion}
DefaultDirName={localappdata}\Programs\TelephonyClient
PrivilegesRequired=lowest
OutputBaseFilename=TelephonyClient-Setup-{#AppVersion}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "de"; MessagesFile: "compiler:Languages\German.isl"

[Files]
Source: "..\..\dist\desktop-client\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{userprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Parameters: "run"

[Registry]
; Every entry here is one that "desktop-client register" and the start at login write, and each
; goes at uninstall (tests/unit/test_windows_installer.py holds the two together).
Root: HKCU; Subkey: "Software\DesktopClient"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\DesktopClient.Url"; ValueType: string; ValueName: ""; ValueData: "{#AppName} link"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\DesktopClient.Url"; ValueType: string; ValueName: "URL Protocol"; ValueData: ""
Root: HKCU; Subkey: "Software\Classes\DesktopClient.Url\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" --uri ""%1"""
Root: HKCU; Subkey: "Software\DesktopClient\Capabilities"; ValueType: string; ValueName: "ApplicationName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\DesktopClient\Capabilities"; ValueType: string; ValueName: "ApplicationDescription"; ValueData: "Dials tel: links with your softphone or phone system"
Root: HKCU; Subkey: "Software\DesktopClient\Capabilities\URLAssociations"; ValueType: string; ValueName: "tel"; ValueData: "DesktopClient.Url"
Root: HKCU; Subkey: "Software\DesktopClient\Capabilities\URLAssociations"; ValueType: string; ValueName: "callto"; ValueData: "DesktopClient.Url"
Root: HKCU; Subkey: "Software\RegisteredApplications"; ValueType: string; ValueName: "{#AppName}"; ValueData: "Software\DesktopClient\Capabilities"; Flags: uninsdeletevalue
; Written by the app when "Start at login" is on; nothing is written here at setup.
Root: HKCU; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: none; ValueName: "{#AppName}"; Flags: uninsdeletevalue

[Run]
Filename: "{app}\{#AppExe}"; Parameters: "run"; Description: "Start {#AppName}"; Flags: nowait postinstall skipifsilent
; Windows lets only the user choose the default app: open our page of Default apps (Windows 11
; with the 2023-04 update and later; older systems show the Default apps list).
Filename: "ms-settings:defaultapps?registeredAppUser=Telephony%20Client"; Description: "Choose {#AppName} for TEL links"; Flags: shellexec postinstall skipifsilent
