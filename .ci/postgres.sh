# PostgreSQL for the tests marked `postgres`: a throw-away cluster of our own, sourced by
# .ci/run (and usable by hand: `source .ci/postgres.sh && start_postgres`).
#
# start_postgres installs PostgreSQL when missing (apt-get, as root), starts a cluster in a
# temporary folder on a free port of 127.0.0.1 as the `postgres` user (initdb refuses root),
# creates a database and exports CRAMPCOACH_TEST_DATABASE_URL; stop_postgres stops it and
# removes the folder. Without PostgreSQL and without root, it says so and the tests skip.

postgres_bin() {
    # The folder of initdb and pg_ctl: on PATH, else Debian's versioned folder.
    local initdb
    if initdb=$(command -v initdb) && command -v pg_ctl >/dev/null; then
        dirname "$(readlink -f "$initdb")"
        return
    fi
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
    local bin
    bin=$(postgres_bin)
    if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
        if [ "$(id -u)" != 0 ]; then
            echo "PostgreSQL missing and not root: the tests marked postgres will be skipped"
            return 0
        fi
        echo "Installing PostgreSQL (apt-get) for the tests marked postgres"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
        bin=$(postgres_bin)
    fi
    PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/crampcoach-pg.XXXXXX")
    export PG_DIR PG_BIN="$bin"
    if [ "$(id -u)" = 0 ]; then chown postgres: "$PG_DIR"; fi
    local port
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_postgres "$bin/initdb" -D "$PG_DIR/data" -U crampcoach -A trust -E UTF8 --no-sync \
        >"$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log"; return 1; }
    # A test cluster: nothing in it must survive a crash, so nothing is synced to disk.
    as_postgres "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -s \
        -o "-p $port -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        start || { cat "$PG_DIR/server.log"; return 1; }
    "$bin/createdb" -h 127.0.0.1 -p "$port" -U crampcoach crampcoach_test
    export CRAMPCOACH_TEST_DATABASE_URL="postgresql+psycopg://crampcoach@127.0.0.1:$port/crampcoach_test"
    echo "PostgreSQL $("$bin/pg_ctl" --version | awk '{print $3}') on port $port for the tests marked postgres"
}

stop_postgres() {
    if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR" ]; then
        as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w -s stop || true
        rm -rf "$PG_DIR"
    fi
}
