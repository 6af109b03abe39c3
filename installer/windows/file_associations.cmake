# SPDX-License-Identifier: MIT
# hs_nsis_file_associations(PROG_ID id DESCRIPTION text EXECUTABLE name.exe EXTENSIONS .ext...)
# Fills CPACK_NSIS_EXTRA_INSTALL_COMMANDS / CPACK_NSIS_EXTRA_UNINSTALL_COMMANDS with the registry
# entries that make Explorer offer the GUI for the evidence files:
#   - one ProgID (<PROG_ID>) whose open command is "<bin>\<EXECUTABLE>" "%1", with the program's icon;
#   - every extension lists the ProgID under OpenWithProgids, so "Open with" shows HttpSleuth without
#     taking .log away from Notepad or .pcap away from Wireshark;
#   - an extension that no program claims yet (.har and .saz on most machines) is made to open with
#     HttpSleuth, and given back on uninstall only if it still points at our ProgID;
#   - Applications\<EXECUTABLE> names the program and its SupportedTypes for the "Open with" list.
# SHCTX is HKLM for the all-users (administrator) install the CPack template performs, HKCU otherwise,
# the same root the uninstaller reads. The shell is told to refresh its associations afterwards.
function(hs_nsis_file_associations)
  cmake_parse_arguments(A "" "PROG_ID;DESCRIPTION;EXECUTABLE" "EXTENSIONS" ${ARGN})
  set(classes "Software\\Classes")
  set(prog "${classes}\\${A_PROG_ID}")
  set(app "${classes}\\Applications\\${A_EXECUTABLE}")
  set(exe "$INSTDIR\\bin\\${A_EXECUTABLE}")
  # SHCNE_ASSOCCHANGED with SHCNF_IDLIST: Explorer re-reads the associations without a logoff.
  set(notify "System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'\n")

  set(install "")
  string(APPEND install
    "WriteRegStr SHCTX '${prog}' '' '${A_DESCRIPTION}'\n"
    "WriteRegStr SHCTX '${prog}\\DefaultIcon' '' '\"${exe}\",0'\n"
    "WriteRegStr SHCTX '${prog}\\shell\\open\\command' '' '\"${exe}\" \"%1\"'\n"
    "WriteRegStr SHCTX '${app}' 'FriendlyAppName' 'HttpSleuth'\n"
    "WriteRegStr SHCTX '${app}\\DefaultIcon' '' '\"${exe}\",0'\n"
    "WriteRegStr SHCTX '${app}\\shell\\open\\command' '' '\"${exe}\" \"%1\"'\n")
  set(uninstall "")
  foreach(ext IN LISTS A_EXTENSIONS)
    string(MAKE_C_IDENTIFIER "${ext}" label)
    string(APPEND install
      "WriteRegStr SHCTX '${classes}\\${ext}\\OpenWithProgids' '${A_PROG_ID}' ''\n"
      "WriteRegStr SHCTX '${app}\\SupportedTypes' '${ext}' ''\n"
      "ReadRegStr $0 SHCTX '${classes}\\${ext}' ''\n"
      "StrCmp $0 '' 0 hs_assoc_claimed${label}\n"
      "  WriteRegStr SHCTX '${classes}\\${ext}' '' '${A_PROG_ID}'\n"
      "hs_assoc_claimed${label}:\n")
    # Only our values go: DeleteRegKey /ifempty looks at subkeys, not values, so it could delete other
    # programs' OpenWithProgids entries or the extension's own settings. Empty keys are harmless.
    string(APPEND uninstall
      "DeleteRegValue SHCTX '${classes}\\${ext}\\OpenWithProgids' '${A_PROG_ID}'\n"
      "ReadRegStr $0 SHCTX '${classes}\\${ext}' ''\n"
      "StrCmp $0 '${A_PROG_ID}' 0 hs_assoc_kept${label}\n"
      "  DeleteRegValue SHCTX '${classes}\\${ext}' ''\n"
      "hs_assoc_kept${label}:\n")
  endforeach()
  string(APPEND install "${notify}")
  string(APPEND uninstall
    "DeleteRegKey SHCTX '${prog}'\n"
    "DeleteRegKey SHCTX '${app}'\n"
    "${notify}")

  set(CPACK_NSIS_EXTRA_INSTALL_COMMANDS "${install}" PARENT_SCOPE)
  set(CPACK_NSIS_EXTRA_UNINSTALL_COMMANDS "${uninstall}" PARENT_SCOPE)
endfunction()
