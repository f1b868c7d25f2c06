# Sourced by .ci/run: a throwaway PostgreSQL server for the tests, gone when the run ends.
#
# start_test_postgres installs PostgreSQL from the Debian packages when it is missing, makes a
# fresh cluster in a temporary folder (owned by the unprivileged `postgres` user when run as
# root: initdb refuses root), starts it listening only on a unix socket in that folder (no
# port to clash with another server) and exports BAZ_TEST_POSTGRES_URL. Durability is switched
# off: the data is thrown away at the end. stop_test_postgres stops it and removes the folder.

_pg_bindir() {
  # The newest installed major version (Debian: /usr/lib/postgresql/<major>/bin).
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

start_test_postgres() {
  local bindir
  bindir=$(_pg_bindir)
  if [ -z "$bindir" ]; then
    echo "CI: PostgreSQL is not installed; installing it from the Debian packages"
    if ! command -v apt-get >/dev/null; then
      echo "CI: no apt-get here to install PostgreSQL with"
      return 1
    fi
    # Only the binaries are used: the package's own cluster (if it starts one) stays untouched.
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; } \
      >/dev/null || return 1
    bindir=$(_pg_bindir)
    [ -n "$bindir" ] || return 1
  fi
  BAZ_PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/baz-postgres.XXXXXX") || return 1
  local as_user=()
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    chown postgres "$BAZ_PG_DIR"
    as_user=(runuser -u postgres --)
  fi
  BAZ_PG_CTL=("${as_user[@]}" "$bindir/pg_ctl")
  # ICU's Dutch collation when this PostgreSQL has it (as a real server in a Dutch
  # municipality sorts), else the plain C.UTF-8 locale.
  "${as_user[@]}" "$bindir/initdb" -D "$BAZ_PG_DIR/data" -U baz -A trust -E UTF8 \
    --locale=C.UTF-8 --locale-provider=icu --icu-locale=nl >"$BAZ_PG_DIR/initdb.log" 2>&1 \
    || "${as_user[@]}" "$bindir/initdb" -D "$BAZ_PG_DIR/data" -U baz -A trust -E UTF8 \
      --locale=C.UTF-8 >"$BAZ_PG_DIR/initdb.log" 2>&1 \
    || { cat "$BAZ_PG_DIR/initdb.log"; return 1; }
  "${as_user[@]}" "$bindir/pg_ctl" -D "$BAZ_PG_DIR/data" -l "$BAZ_PG_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses='' -k $BAZ_PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=60" \
    start >/dev/null || { cat "$BAZ_PG_DIR/server.log"; return 1; }
  export BAZ_TEST_POSTGRES_URL="postgresql+psycopg://baz@/postgres?host=$BAZ_PG_DIR"
}

stop_test_postgres() {
  if [ -n "${BAZ_PG_DIR:-}" ] && [ -d "$BAZ_PG_DIR" ]; then
    if [ -f "$BAZ_PG_DIR/data/postmaster.pid" ]; then
      "${BAZ_PG_CTL[@]}" -D "$BAZ_PG_DIR/data" -m immediate stop >/dev/null 2>&1
    fi
    rm -rf "$BAZ_PG_DIR"
  fi
}
