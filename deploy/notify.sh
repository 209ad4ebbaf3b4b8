#!/usr/bin/env bash
# Starts fcavtal-notify beside the registry that deploy/main.sh started, with
# the reference case-management receiver and, when Debian's python3-aiosmtpd
# is installed, a local SMTP server that keeps every message in var/mail;
# then shows the sample's coming deadlines with their safe days and the
# reminders that went out. Called by deploy/main.sh; the services keep
# running and deploy/stop.sh stops them.
set -euo pipefail
cd "$(dirname "$0")/.."
. deploy/start-service.sh

cmake --build build -j"$(nproc)" --target fcavtal-notify fcavtal-case-receiver >/dev/null
NOTIFY=build/services/notify/fcavtal-notify
RECEIVER=build/services/notify/receiver/fcavtal-case-receiver
CLI=build/services/cli/fcavtal
mkdir -p var/run var/case-feed

start_service case-receiver "$RECEIVER" --dir var/case-feed --bind tcp://127.0.0.1:7203

smtp=()
if /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null; then
  mkdir -p var/mail/tmp var/mail/new var/mail/cur   # a Maildir
  /usr/bin/python3 -m aiosmtpd -n -l 127.0.0.1:2525 -c aiosmtpd.handlers.Mailbox var/mail \
    >>var/run/smtp-sink.log 2>&1 &
  echo $! > var/run/smtp-sink.pid
  smtp=(--smtp-url smtp://127.0.0.1:2525 --smtp-from tidsfrister@fcavtal.localhost)
  sleep 0.5
fi

start_service notify "$NOTIFY" --data var/notify \
  --registry-request tcp://127.0.0.1:7101 --registry-publish tcp://127.0.0.1:7102 \
  --case-feed tcp://127.0.0.1:7203 "${smtp[@]}"
say_up notify

# Caught up with the registry and today's reminders delivered.
for _ in $(seq 1 100); do
  s=$("$CLI" --json notifications --summary 2>/dev/null || true)
  if echo "$s" | /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); sys.exit(0 if d.get("live") and d.get("pending",0)==0 and d.get("sent",0)==0 else 1)' 2>/dev/null; then
    break
  fi
  sleep 0.1
done

today=$(date +%F)
until=$(date -d "$today + 3 years" +%F)
echo; echo "== the sample's deadlines from $today to $until (safe day: the last working day on or before it)"
"$CLI" deadlines --from "$today" --to "$until"
echo; echo "== reminders notify sent (case feed to var/case-feed${smtp:+, e-mail to var/mail})"
"$CLI" notifications
echo; "$CLI" notifications --summary
echo
echo "notify keeps running on tcp://127.0.0.1:7201 (events on :7202); it sends every reminder"
echo "when its day comes. Try: $CLI deadlines --help, $CLI calendar --org 1 -o org1.ics"
