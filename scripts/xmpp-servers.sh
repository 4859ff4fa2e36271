#!/usr/bin/env bash
# Real XMPP servers for the XMPP provider's integration tests and benchmark: Debian's Prosody and
# ejabberd on 127.0.0.1 with throwaway test configurations.
#
#   bash scripts/xmpp-servers.sh start [prosody|ejabberd|all]   install if missing, start, wait until ready
#   bash scripts/xmpp-servers.sh stop  [prosody|ejabberd|all]   stop what was started, each by its recorded PID
#   bash scripts/xmpp-servers.sh status
#
# Both servers serve the same layout (docs/providers/xmpp.md): vhost `localhost` with the moderator
# account mod@localhost / modpass (and a plain participant alice@localhost / alicepass), vhost `guest.localhost` with anonymous login, and the MUC service
# `conference.localhost`. Prosody listens on 15222 (TCP) and 15280 (/xmpp-websocket), ejabberd on
# 25222 and 25280, so neither clashes with a system server. `start` is idempotent: a server that is
# already running is left alone. State lives in $HOSTDECK_XMPP_DIR (default /tmp/hostdeck-xmpp), which
# the ejabberd user can reach whatever the checkout's permissions.
#
# Prosody also serves a Jitsi-like deployment for the tests of Jitsi's extensions: vhost
# `meet.localhost` (account mod@meet.localhost / modpass) whose disco#info advertises Jitsi's components the way Jitsi's
# Prosody plugins do (scripts/prosody-plugins/), the conference service `conference.meet.localhost`,
# the lobby service `lobby.meet.localhost`, and the external component (XEP-0114) `jitsi.meet.localhost`
# on 127.0.0.1:15347, which the tests' fake Jitsi (electron/providers/xmpp/testing/fakeJitsi.ts) connects
# as. Nothing answers there until a test starts the fake.
set -euo pipefail

STATE=${HOSTDECK_XMPP_DIR:-/tmp/hostdeck-xmpp}
PROSODY_C2S=${PROSODY_C2S_PORT:-15222}
PROSODY_HTTP=${PROSODY_HTTP_PORT:-15280}
PROSODY_COMPONENT=${PROSODY_COMPONENT_PORT:-15347}
# Test-only secret of the fake Jitsi component (loopback only); the tests use the same value.
FAKE_JITSI_SECRET=${HOSTDECK_FAKE_JITSI_SECRET:-hostdeck-fake-jitsi}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
EJABBERD_C2S=${EJABBERD_C2S_PORT:-25222}
EJABBERD_HTTP=${EJABBERD_HTTP_PORT:-25280}
# ejabberd's own epmd on its own port, so stopping it never touches another Erlang node's epmd.
EJABBERD_EPMD=${EJABBERD_EPMD_PORT:-24369}
MOD_USER=mod
MOD_PASS=modpass
# A registered participant who is not the room's owner (tests of rights and of address bans).
MEMBER_USER=alice
MEMBER_PASS=alicepass

port_open() { (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

wait_ports() { # name timeout_tenths port...
  local name=$1 tenths=$2
  shift 2
  for _ in $(seq 1 "$tenths"); do
    local ok=1
    for p in "$@"; do port_open "$p" || ok=0; done
    [ $ok = 1 ] && return 0
    sleep 0.1
  done
  echo "$name did not open ports $* in time" >&2
  return 1
}

install_missing() {
  local need=()
  command -v prosody >/dev/null || need+=(prosody)
  command -v ejabberdctl >/dev/null || need+=(ejabberd)
  [ ${#need[@]} -eq 0 ] && return 0
  export DEBIAN_FRONTEND=noninteractive
  # Debian's maintainer scripts would start the system services; a policy layer says no.
  local policy=/usr/sbin/policy-rc.d created_policy=0
  if [ ! -e $policy ]; then
    printf '#!/bin/sh\nexit 101\n' >$policy && chmod +x $policy && created_policy=1
  fi
  apt-get update -qq
  apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
  [ $created_policy = 1 ] && rm -f $policy
  return 0
}

start_prosody() {
  local dir=$STATE/prosody-$PROSODY_C2S cfg
  cfg=$dir/prosody.cfg.lua
  if alive "$dir/server.pid"; then echo "prosody already running: pid $(cat "$dir/server.pid")"; return 0; fi
  if port_open "$PROSODY_C2S"; then echo "port $PROSODY_C2S is taken by another process" >&2; return 1; fi
  rm -rf "$dir" && mkdir -p "$dir/data" "$dir/certs" "$dir/plugins"
  cp "$ROOT"/scripts/prosody-plugins/*.lua "$dir/plugins/"
  cat >"$cfg" <<EOF
pidfile = "$dir/prosody.pid"
data_path = "$dir/data"
certificates = "$dir/certs"
run_as_root = true -- CI runs as root
log = { { levels = { min = "info" }, to = "file", filename = "$dir/prosody.log" } }
interfaces = { "127.0.0.1" }
c2s_ports = { $PROSODY_C2S }
s2s_ports = { }
http_ports = { $PROSODY_HTTP }
http_interfaces = { "127.0.0.1" }
https_ports = { }
component_ports = { $PROSODY_COMPONENT }
component_interfaces = { "127.0.0.1" }
plugin_paths = { "$dir/plugins" }
modules_enabled = { "roster"; "saslauth"; "disco"; "ping"; "bosh"; "websocket" }
modules_disabled = { "s2s"; "tls"; "offline"; "c2s_limits" }
c2s_require_encryption = false
allow_unencrypted_plain_auth = true -- loopback only: PLAIN keeps logins fast
consider_websocket_secure = true
consider_bosh_secure = true
VirtualHost "localhost"
  authentication = "internal_hashed"
  default_iteration_count = 4096
VirtualHost "guest.localhost"
  authentication = "anonymous"
Component "conference.localhost" "muc"
  restrict_room_creation = false
-- The Jitsi-like deployment (see the top of this script).
VirtualHost "meet.localhost"
  authentication = "internal_hashed"
  default_iteration_count = 4096
  modules_enabled = { "hostdeck_jitsi_identity" }
  hostdeck_jitsi_identities = {
    lobbyrooms = "lobby.meet.localhost";
    av_moderation = "jitsi.meet.localhost";
    end_conference = "jitsi.meet.localhost";
  }
Component "conference.meet.localhost" "muc"
  restrict_room_creation = false
  -- Like jicofo's account in a Jitsi deployment, the focus is an owner of every room.
  admins = { "focus@jitsi.meet.localhost" }
Component "lobby.meet.localhost" "muc"
  -- As in Jitsi: only the lobby's keeper creates lobby rooms.
  restrict_room_creation = "admin"
  admins = { "focus@jitsi.meet.localhost" }
  muc_room_locking = false
  muc_room_default_public_jids = true
Component "jitsi.meet.localhost"
  component_secret = "$FAKE_JITSI_SECRET"
EOF
  # prosodyctl's advice about optional Lua libraries goes to the setup log; shown only on failure.
  if ! { prosodyctl --config "$cfg" check config && prosodyctl --config "$cfg" register "$MOD_USER" localhost "$MOD_PASS" &&
    prosodyctl --config "$cfg" register "$MEMBER_USER" localhost "$MEMBER_PASS" &&
    prosodyctl --config "$cfg" register "$MOD_USER" meet.localhost "$MOD_PASS"; } >"$dir/setup.log" 2>&1; then
    cat "$dir/setup.log" >&2
    return 1
  fi
  prosody --config "$cfg" -F >"$dir/console.log" 2>&1 &
  echo $! >"$dir/server.pid"
  if ! wait_ports prosody 100 "$PROSODY_C2S" "$PROSODY_HTTP" "$PROSODY_COMPONENT"; then cat "$dir/console.log" >&2; stop_prosody; return 1; fi
  echo "prosody up: pid $(cat "$dir/server.pid") xmpp://127.0.0.1:$PROSODY_C2S ws://127.0.0.1:$PROSODY_HTTP/xmpp-websocket"
}

stop_prosody() {
  local dir=$STATE/prosody-$PROSODY_C2S
  stop_pid prosody "$dir/server.pid"
}

stop_pid() { # name pidfile
  local name=$1 file=$2 pid
  [ -f "$file" ] || return 0
  pid=$(cat "$file")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
    echo "$name stopped (pid $pid)"
  fi
  rm -f "$file"
}

ejabberd_env() {
  local dir=$1
  export HOME=$dir ERL_EPMD_ADDRESS=127.0.0.1 ERL_EPMD_PORT=$EJABBERD_EPMD
}

ejabberdctl_as() { # dir args... ; runs ejabberdctl as the ejabberd user (no su: the PIDs stay ours)
  local dir=$1
  shift
  (
    ejabberd_env "$dir"
    cd "$dir"
    setpriv --reuid=ejabberd --regid=ejabberd --init-groups -- \
      ejabberdctl --config-dir "$dir" --config "$dir/ejabberd.yml" --ctl-config "$dir/ejabberdctl.cfg" \
      --spool "$dir/spool" --logs "$dir/logs" "$@"
  )
}

start_ejabberd() {
  local dir=$STATE/ejabberd-$EJABBERD_C2S
  if alive "$dir/server.pid"; then echo "ejabberd already running: pid $(cat "$dir/server.pid")"; return 0; fi
  if port_open "$EJABBERD_C2S"; then echo "port $EJABBERD_C2S is taken by another process" >&2; return 1; fi
  rm -rf "$dir" && mkdir -p "$dir/spool" "$dir/logs"
  write_ejabberd_config "$dir"
  chown -R ejabberd:ejabberd "$dir"
  chmod 755 "$STATE"
  # epmd first, in the foreground of its own background job, so its PID is known and ours alone.
  (ejabberd_env "$dir" && exec setpriv --reuid=ejabberd --regid=ejabberd --init-groups -- epmd -address 127.0.0.1 -port "$EJABBERD_EPMD") \
    >"$dir/epmd.log" 2>&1 &
  echo $! >"$dir/epmd.pid"
  wait_ports epmd 50 "$EJABBERD_EPMD"
  ejabberdctl_as "$dir" foreground >"$dir/console.log" 2>&1 &
  echo $! >"$dir/ctl.pid"
  if ! wait_ports ejabberd 300 "$EJABBERD_C2S" "$EJABBERD_HTTP"; then cat "$dir/console.log" >&2; stop_ejabberd; return 1; fi
  # ejabberd writes the Erlang VM's own PID (EJABBERD_PID_PATH): that is the process to stop.
  for _ in $(seq 1 50); do [ -s "$dir/ejabberd.pid" ] && break; sleep 0.1; done
  cp "$dir/ejabberd.pid" "$dir/server.pid"
  ejabberdctl_as "$dir" register "$MOD_USER" localhost "$MOD_PASS" >/dev/null
  ejabberdctl_as "$dir" register "$MEMBER_USER" localhost "$MEMBER_PASS" >/dev/null
  echo "ejabberd up: pid $(cat "$dir/server.pid") (epmd $(cat "$dir/epmd.pid")) xmpp://127.0.0.1:$EJABBERD_C2S ws://127.0.0.1:$EJABBERD_HTTP/xmpp-websocket"
}

write_ejabberd_config() {
  local dir=$1
  echo '{lookup, [file, native]}.' >"$dir/inetrc" # Erlang's resolver settings; it asks for this file
  cat >"$dir/ejabberdctl.cfg" <<EOF
ERLANG_NODE=hostdeck$EJABBERD_C2S@localhost
INET_DIST_INTERFACE=127.0.0.1
ERL_EPMD_ADDRESS=127.0.0.1
EJABBERD_PID_PATH=$dir/ejabberd.pid
EOF
  cat >"$dir/ejabberd.yml" <<EOF
hosts:
  - localhost
  - guest.localhost
loglevel: info
certfiles: []
define_macro: {}
listen:
  - port: $EJABBERD_C2S
    ip: "127.0.0.1"
    module: ejabberd_c2s
    starttls: false
  - port: $EJABBERD_HTTP
    ip: "127.0.0.1"
    module: ejabberd_http
    request_handlers:
      /xmpp-websocket: ejabberd_http_ws
      /http-bind: mod_bosh
auth_method: internal
auth_password_format: plain
host_config:
  guest.localhost:
    auth_method: anonymous
    anonymous_protocol: sasl_anon
    allow_multiple_connections: true
acl:
  local:
    user_regexp: ""
access_rules:
  local:
    allow: local
  muc_create:
    allow: all
  register:
    deny: all
shaper_rules:
  max_user_sessions: 10000
  c2s_shaper: none
s2s_access: none
modules:
  mod_disco: {}
  mod_ping: {}
  mod_roster: {}
  mod_bosh: {}
  mod_muc:
    host: "conference.localhost"
    access: all
    access_create: muc_create
    access_persistent: muc_create
    access_admin: none
    max_users: 1000
    max_user_conferences: 1000
    min_message_interval: 0
    min_presence_interval: 0
    default_room_options:
      persistent: false
      mam: false
EOF
}

stop_ejabberd() {
  local dir=$STATE/ejabberd-$EJABBERD_C2S
  stop_pid ejabberd "$dir/server.pid"
  # The ejabberdctl wrapper exits with the VM; stop it too in case the VM never came up.
  stop_pid ejabberdctl "$dir/ctl.pid"
  stop_pid epmd "$dir/epmd.pid"
}

status() {
  for pair in "prosody $STATE/prosody-$PROSODY_C2S" "ejabberd $STATE/ejabberd-$EJABBERD_C2S"; do
    set -- $pair
    if alive "$2/server.pid"; then echo "$1: running (pid $(cat "$2/server.pid"))"; else echo "$1: stopped"; fi
  done
}

command=${1:-start}
which=${2:-all}
mkdir -p "$STATE"
case "$command" in
start)
  install_missing
  [ "$which" = ejabberd ] || start_prosody
  [ "$which" = prosody ] || start_ejabberd
  ;;
stop)
  [ "$which" = ejabberd ] || stop_prosody
  [ "$which" = prosody ] || stop_ejabberd
  ;;
status) status ;;
*)
  echo "usage: $0 start|stop|status [prosody|ejabberd|all]" >&2
  exit 2
  ;;
esac
