# Filters the output of the test command (scripts/test.sh) for the console; the whole output stays in the log file.
# Leaves out libFuzzer's progress lines (#<n> INITED/NEW/REDUCE/pulse/RELOAD, INFO: ...), which number thousands
# per fuzzing run, and Jazzer's notices that it cannot instrument a JDK class (with their stack traces), which JDK 25
# causes for every class it tries. Keeps everything else, "Done <n> runs in <s> second(s)" included, and ends with
# how many lines it left out. Usage: ... | awk -v logfile=target/test-output.log -f scripts/test-output-filter.awk
/^#[0-9]+[ \t]+(INITED|NEW|REDUCE|pulse|RELOAD|DONE)/ { progress++; next }
/^INFO: / { progress++; next }
/Failed to instrument/ { notices++; in_trace = 1; next }
in_trace && (/^[ \t]+at / || /^Caused by: / || /^[ \t]*\.\.\. [0-9]+ more/ || /Unsupported class file major version/) { notices++; next }
{ in_trace = 0; print; fflush() }
END {
  if (progress + notices > 0) {
    printf "(left out: %d lines of fuzzer progress, %d lines of Jazzer instrumentation notices; all in %s)\n", progress, notices, (logfile == "" ? "the log" : logfile)
  }
}
