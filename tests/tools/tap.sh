# TAP helpers for the shell test layers: source it, then call these.
# Each prints one `ok N - …` / `not ok N - …` line; tap_done prints the plan and
# returns non-zero when anything failed.
TAP_N=0
TAP_FAILED=0
tap_ok() {  # tap_ok CONDITION-EXIT-STATUS DESCRIPTION; returns non-zero on failure
  TAP_N=$((TAP_N + 1))
  if [ "$1" = 0 ]; then echo "ok $TAP_N - $2"; else echo "not ok $TAP_N - $2"; TAP_FAILED=$((TAP_FAILED + 1)); return 1; fi
}
tap_is() {  # tap_is GOT WANT DESCRIPTION
  TAP_N=$((TAP_N + 1))
  if [ "$1" = "$2" ]; then echo "ok $TAP_N - $3"
  else
    echo "not ok $TAP_N - $3"; TAP_FAILED=$((TAP_FAILED + 1))
    printf '#   got:  %s\n#   want: %s\n' "$1" "$2" | head -20
  fi
}
tap_like() {  # tap_like TEXT EXTENDED-REGEX DESCRIPTION
  TAP_N=$((TAP_N + 1))
  if printf '%s' "$1" | grep -Eq -- "$2"; then echo "ok $TAP_N - $3"
  else
    echo "not ok $TAP_N - $3"; TAP_FAILED=$((TAP_FAILED + 1))
    printf '#   text: %s\n#   wanted to match: %s\n' "$(printf '%s' "$1" | head -c 600)" "$2"
  fi
}
tap_done() {
  echo "1..$TAP_N"
  [ "$TAP_FAILED" = 0 ]
}
