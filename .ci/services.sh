#!/usr/bin/env bash
# Sourced by .ci/run (and by hand: `source .ci/services.sh`). Installs, starts on loopback and prepares a
# throwaway PostgreSQL 15 cluster and a MariaDB server for the integration tests, then exports:
#   GATEWAY_TEST_POSTGRES / GATEWAY_TEST_POSTGRES_RO   owner / read-only login on database gateway_demo
#   GATEWAY_TEST_MYSQL    / GATEWAY_TEST_MYSQL_RO      the same on MariaDB
# Idempotent: rerunning finds the servers already up and only re-applies the (idempotent) grants.
# Being sourced, it never calls `exit`; failures return non-zero from the function.

gateway_services_main() {
  local root=${GATEWAY_SERVICES_DIR:-/tmp/gateway-ci-services}
  local pg_port=${GATEWAY_PG_PORT:-55432} my_port=${GATEWAY_MY_PORT:-53306}
  local pg_bin=/usr/lib/postgresql/15/bin
  local owner_pw=gateway_owner_pw ro_pw=gateway_ro_pw

  local need=()
  [ -x "$pg_bin/initdb" ] || need+=(postgresql-15)
  command -v mariadbd >/dev/null 2>&1 || need+=(mariadb-server)
  if [ ${#need[@]} -gt 0 ]; then
    # The packages' own init scripts may fail without systemd (policy-rc.d); our servers are started below.
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null 2>&1 ||
      { echo "services: apt-get install ${need[*]} failed" >&2; return 1; }
  fi

  gateway_services_postgres "$root/pg" "$pg_port" "$pg_bin" "$owner_pw" "$ro_pw" || return 1
  gateway_services_mariadb "$root/my" "$my_port" "$owner_pw" "$ro_pw" || return 1

  export GATEWAY_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Database=gateway_demo;Username=gateway_owner;Password=$owner_pw"
  export GATEWAY_TEST_POSTGRES_RO="Host=127.0.0.1;Port=$pg_port;Database=gateway_demo;Username=gateway_ro;Password=$ro_pw"
  export GATEWAY_TEST_MYSQL="Server=127.0.0.1;Port=$my_port;Database=gateway_demo;User ID=gateway_owner;Password=$owner_pw"
  export GATEWAY_TEST_MYSQL_RO="Server=127.0.0.1;Port=$my_port;Database=gateway_demo;User ID=gateway_ro;Password=$ro_pw"
  echo "services: postgres on 127.0.0.1:$pg_port, mariadb on 127.0.0.1:$my_port (database gateway_demo)"
}

gateway_services_postgres() {
  local dir=$1 port=$2 bin=$3 owner_pw=$4 ro_pw=$5
  local data=$dir/data
  mkdir -p "$dir" && chown postgres:postgres "$dir" && chmod 755 "$dir" || return 1
  if [ ! -s "$data/PG_VERSION" ]; then
    runuser -u postgres -- "$bin/initdb" -D "$data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
      -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; return 1; }
  fi
  if ! runuser -u postgres -- "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    # fsync off: a throwaway cluster, so durability buys nothing and costs seconds.
    runuser -u postgres -- "$bin/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 start \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      >/dev/null || { tail -n 20 "$dir/server.log" >&2; return 1; }
  fi
  local psql=(runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres)
  "${psql[@]}" -d postgres >/dev/null <<SQL || return 1
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gateway_owner') THEN CREATE ROLE gateway_owner LOGIN; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gateway_ro') THEN CREATE ROLE gateway_ro LOGIN; END IF;
END \$\$;
ALTER ROLE gateway_owner PASSWORD '$owner_pw';
ALTER ROLE gateway_ro PASSWORD '$ro_pw';
SELECT 'CREATE DATABASE gateway_demo OWNER gateway_owner' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'gateway_demo') \gexec
SQL
  "${psql[@]}" -d gateway_demo >/dev/null <<SQL || return 1
GRANT CONNECT ON DATABASE gateway_demo TO gateway_ro;
GRANT USAGE ON SCHEMA public TO gateway_ro;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO gateway_ro;
ALTER DEFAULT PRIVILEGES FOR ROLE gateway_owner IN SCHEMA public GRANT SELECT ON TABLES TO gateway_ro;
SQL
}

gateway_services_mariadb() {
  local dir=$1 port=$2 owner_pw=$3 ro_pw=$4
  local data=$dir/data sock=$dir/mysqld.sock
  mkdir -p "$dir" || return 1
  if [ ! -d "$data/mysql" ]; then
    mariadb-install-db --user=root --datadir="$data" --auth-root-authentication-method=socket --skip-test-db \
      >"$dir/install.log" 2>&1 || { cat "$dir/install.log" >&2; return 1; }
  fi
  if ! mariadb-admin --socket="$sock" -uroot ping >/dev/null 2>&1; then
    # setsid: the server outlives the sourcing shell; innodb flush settings trade durability for speed.
    setsid mariadbd --no-defaults --user=root --datadir="$data" --port="$port" --bind-address=127.0.0.1 \
      --socket="$sock" --pid-file="$dir/mariadbd.pid" --log-error="$dir/error.log" --skip-name-resolve \
      --innodb-flush-log-at-trx-commit=0 --innodb-doublewrite=0 --character-set-server=utf8mb4 \
      --collation-server=utf8mb4_bin </dev/null >/dev/null 2>&1 &
    local i
    for i in $(seq 1 120); do
      mariadb-admin --socket="$sock" -uroot ping >/dev/null 2>&1 && break
      sleep 0.25
    done
    mariadb-admin --socket="$sock" -uroot ping >/dev/null 2>&1 || { tail -n 20 "$dir/error.log" >&2; return 1; }
  fi
  mariadb --socket="$sock" -uroot <<SQL || return 1
CREATE DATABASE IF NOT EXISTS gateway_demo CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE USER IF NOT EXISTS 'gateway_owner'@'%' IDENTIFIED BY '$owner_pw';
CREATE USER IF NOT EXISTS 'gateway_ro'@'%' IDENTIFIED BY '$ro_pw';
GRANT ALL PRIVILEGES ON gateway_demo.* TO 'gateway_owner'@'%';
GRANT SELECT, SHOW VIEW ON gateway_demo.* TO 'gateway_ro'@'%';
SQL
}

gateway_services_main
