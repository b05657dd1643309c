; Inno Setup 6 script for tr-journal on Windows 10/11 (x64).
; Build the app first (build.cmd, PyInstaller), then compile this script:
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" packaging\windows\tr-journal.iss
; Output: dist\tr-journal-<version>-setup.exe. Installs for the current user (no admin rights),
; adds a Start-menu entry that opens the app without a console window, and an optional
; desktop icon. Uninstalling removes the program only: the user's vault is never touched.

#define AppName "tr-journal"
#define AppVersion "0.1.0"
#define AppUserModelId "org.trjournal.TrJournal"

[Setup]
; A fixed id (uuid5 of the app id): keep it, or upgrades install side by side.
AppId={{57FCBDF3-7667-5676-86A5-7D6DA8CD4D35}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=The tr-journal contributors
DefaultDirName={autopf}\{#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename={#AppName}-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\org.trjournal.TrJournal.ico
UninstallDisplayIcon={app}\tr-journal-gui.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Signing (see README.md): uncomment and define the "signtool" tool in the Inno Setup IDE.
; SignTool=signtool
; SignedUninstaller=yes

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "fr"; MessagesFile: "compiler:Languages\French.isl"
Name: "tr"; MessagesFile: "compiler:Languages\Turkish.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\tr-journal\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\tr-journal-gui.exe"; AppUserModelID: "{#AppUserModelId}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\tr-journal-gui.exe"; AppUserModelID: "{#AppUserModelId}"; Tasks: desktopicon

[Run]
Filename: "{app}\tr-journal-gui.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
