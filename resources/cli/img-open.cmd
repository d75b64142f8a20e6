@echo off
rem The `img-open` command of the installed Img Open Workbench (Windows). The installer adds this
rem folder to the PATH. It starts the app's own binary in its command-line mode (main/launch.ts):
rem no window, the app's own native modules and compiled CLI; the RunAsNode fuse stays off.
setlocal
set "ELECTRON_RUN_AS_NODE="
"%~dp0..\..\Img Open Workbench.exe" --img-open-cli -- %*
exit /b %ERRORLEVEL%
