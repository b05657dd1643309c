@echo off
rem Build tr-journal for Windows: PyInstaller one-folder app, then the Inno Setup installer.
rem Run from the repository root in cmd.exe, with Python 3.11 (x64) from python.org on PATH:
rem   packaging\windows\build.cmd
setlocal
cd /d "%~dp0\..\.."
if not exist build\venv-win\Scripts\python.exe py -3.11 -m venv build\venv-win || exit /b 1
build\venv-win\Scripts\python -m pip install --upgrade pip || exit /b 1
build\venv-win\Scripts\python -m pip install "pyinstaller>=6.10,<7" . || exit /b 1
build\venv-win\Scripts\pyinstaller --noconfirm --clean --distpath dist --workpath build\pyinstaller packaging\pyinstaller\tr-journal.spec || exit /b 1
dist\tr-journal\tr-journal.exe --version || exit /b 1
set ISCC="%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe"
if exist %ISCC% (
  %ISCC% packaging\windows\tr-journal.iss || exit /b 1
) else (
  echo Inno Setup 6 not found: dist\tr-journal\ is built; install Inno Setup to make the installer.
)
