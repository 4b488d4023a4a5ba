#!/usr/bin/env bash
# Sourced by the project's scripts and by bin/drift-auditor: points JAVA_HOME at a Java of version 21 or newer
# and puts its bin/ first on PATH. Looks at, in order: JAVA_HOME, the `java` on PATH, then the usual JVM folders
# (newest first). JAVA_ENV_NEEDS=jdk (the default: builds need javac) or jre (running the jar needs java alone).
# JAVA_SEARCH_DIRS replaces the list of folders searched (a space-separated list of globs).
# The major version: from the JDK's `release` file when it has one (no JVM started: the launcher stays fast), else
# from `java -version` (bash and awk only: the launcher may run with a minimal PATH).
java_major() {
  local v=""
  [ -r "$1/release" ] && v=$(awk -F'"' '/^JAVA_VERSION=/ {print $2; exit}' "$1/release")
  [ -n "$v" ] || v=$("$1/bin/java" -version 2>&1 | awk -F'"' '/version/ {print $2; exit}')
  [ "${v%%.*}" = 1 ] && v=${v#1.}
  echo "${v%%[!0-9]*}"
}
java_fits() {
  [ -n "$1" ] && [ -x "$1/bin/java" ] || return 1
  [ "${JAVA_ENV_NEEDS:-jdk}" = jre ] || [ -x "$1/bin/javac" ] || return 1
  local major
  major=$(java_major "$1")
  [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null
}
JAVA_HOME_WAS=${JAVA_HOME:-}
if ! java_fits "${JAVA_HOME:-}"; then
  JAVA_HOME=""
  on_path=$(command -v java 2>/dev/null || true)
  on_path=${on_path:+$(dirname "$(dirname "$(readlink -f "$on_path")")")}
  search=${JAVA_SEARCH_DIRS:-/usr/lib/jvm/* /usr/local/lib/jvm/* /opt/java/* /opt/jdk* $HOME/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home}
  # shellcheck disable=SC2086 # the globs are meant to expand
  for candidate in "$on_path" $(ls -d $search 2>/dev/null | sort -rV); do
    if java_fits "$candidate"; then JAVA_HOME="$candidate"; break; fi
  done
  if [ -z "$JAVA_HOME" ]; then
    {
      echo "error: no Java 21 or newer found ($([ "${JAVA_ENV_NEEDS:-jdk}" = jre ] && echo "a JRE is enough" || echo "a JDK, with javac"))."
      echo "  Looked at JAVA_HOME (${JAVA_HOME_WAS:-unset}), the java on PATH (${on_path:-none}) and: $search"
      echo "  Get one: Debian/Ubuntu 'sudo apt-get install openjdk-21-jdk-headless', Fedora 'sudo dnf install java-21-openjdk-devel',"
      echo "  macOS 'brew install openjdk@21', any OS 'sdk install java 21-tem' (SDKMAN) or https://adoptium.net/;"
      echo "  then run this again, or set JAVA_HOME to its folder."
    } >&2
    exit 1
  fi
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
