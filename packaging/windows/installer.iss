; Inno Setup script: wraps the PyInstaller one-folder build (dist\SumbarStudio) into an installer
; that installs per user (no administrator rights needed on office PCs).
#define AppName "Sumbar Studio"
#define AppVersion GetEnv("SUMBAR_VERSION")

[Setup]
AppId={{6C2F1E9A-5B7D-4C1E-9F3A-2D8B7E4A1C55}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Sekretariat DPRD Provinsi Sumatera Barat
DefaultDirName={localappdata}\Programs\SumbarStudio
DefaultGroupName={#AppName}
PrivilegesRequired=lowest
OutputBaseFilename=SumbarStudio-{#AppVersion}-setup
SetupIconFile=sumbar-studio.ico
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "id"; MessagesFile: "compiler:Languages\Indonesian.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "..\..\dist\SumbarStudio\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\SumbarStudio.exe"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\SumbarStudio.exe"; Tasks: desktopicon

[Tasks]
Name: desktopicon; Description: "{cm:CreateDesktopIcon}"

[Run]
Filename: "{app}\SumbarStudio.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
