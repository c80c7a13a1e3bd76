; Inno Setup script: a per-user Windows installer of the onedir bundle (no administrator needed).
; Built by .github/workflows/release.yml on windows-latest, after packaging/crawl-journal.spec:
;   iscc /DAppVersion=0.1.0 /DBundleDir=..\..\build\pyinstaller\dist\crawl-journal packaging\windows\crawl-journal.iss
; Not built or run on the Linux development machine: nothing here has been tried by hand.
;
; It installs into %LOCALAPPDATA%\Programs\Crawl Journal, adds a Start menu entry (and, if asked,
; a desktop shortcut) and an uninstaller (Settings > Apps, or the Start menu). The journal is not
; in the program folder: it lives in %LOCALAPPDATA%\Crawl Journal (platformdirs' user data folder),
; which the uninstaller never touches.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef BundleDir
  #define BundleDir "..\..\build\pyinstaller\dist\crawl-journal"
#endif

[Setup]
AppId={{6F1D7C52-3B8E-4E0C-9A61-5C2B7E4D9A13}
AppName=Crawl Journal
AppVersion={#AppVersion}
AppVerName=Crawl Journal {#AppVersion}
AppPublisher=Crawl Journal developers
; Per user: no UAC prompt; {autopf} is then %LOCALAPPDATA%\Programs.
PrivilegesRequired=lowest
DefaultDirName={autopf}\Crawl Journal
DisableProgramGroupPage=yes
DefaultGroupName=Crawl Journal
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
WizardStyle=modern
Compression=lzma2
SolidCompression=yes
OutputDir=..\..\dist
OutputBaseFilename=crawl-journal-{#AppVersion}-windows-x64-setup
SetupIconFile=crawl-journal.ico
UninstallDisplayIcon={app}\crawl-journal.exe
UninstallDisplayName=Crawl Journal

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Crawl Journal"; Filename: "{app}\crawl-journal.exe"; Comment: "Keep a journal of your baby's crawling"
Name: "{autodesktop}\Crawl Journal"; Filename: "{app}\crawl-journal.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\crawl-journal.exe"; Description: "{cm:LaunchProgram,Crawl Journal}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: removing the program removes only what the installer put in {app}.
