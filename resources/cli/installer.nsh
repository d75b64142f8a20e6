; NSIS additions for the Windows installer (electron-builder.yml nsis.include): the folder of the
; `img-open` command (resources\cli\img-open.cmd) goes on the user's PATH, and off it again on
; uninstall. Consoles opened after the install see it.
!include "WordFunc.nsh"

!macro customInstall
  ClearErrors
  ReadRegStr $0 HKCU "Environment" "Path"
  ; A missing value, or one longer than NSIS can hold: never write a PATH we could not read whole.
  IfErrors imgOpenPathLeft
  ${WordFind} "$0" "$INSTDIR\resources\cli" "E+1{" $1
  IfErrors 0 imgOpenPathDone
  StrLen $2 $0
  IntCmp $2 ${NSIS_MAX_STRLEN} imgOpenPathLeft 0 imgOpenPathLeft
  StrCmp $0 "" 0 +3
    WriteRegExpandStr HKCU "Environment" "Path" "$INSTDIR\resources\cli"
    Goto imgOpenPathSet
  WriteRegExpandStr HKCU "Environment" "Path" "$0;$INSTDIR\resources\cli"
  imgOpenPathSet:
  SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
  Goto imgOpenPathDone
  imgOpenPathLeft:
  DetailPrint "img-open: add $INSTDIR\resources\cli to your PATH to use the command."
  imgOpenPathDone:
!macroend

!macro customUnInstall
  ClearErrors
  ReadRegStr $0 HKCU "Environment" "Path"
  IfErrors imgOpenUnpathDone
  ${un.WordReplace} "$0" ";$INSTDIR\resources\cli" "" "+" $1
  ${un.WordReplace} "$1" "$INSTDIR\resources\cli" "" "+" $1
  StrCmp $1 $0 imgOpenUnpathDone
  WriteRegExpandStr HKCU "Environment" "Path" "$1"
  SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
  imgOpenUnpathDone:
!macroend
