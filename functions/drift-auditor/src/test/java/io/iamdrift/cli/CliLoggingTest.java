package io.iamdrift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CliLoggingTest {

    @Test
    void log4jLevelNamesMapToTheLevelsSlf4jSimpleKnows() {
        assertThat(CliLogging.simpleLevel("DEBUG")).isEqualTo("debug");
        assertThat(CliLogging.simpleLevel(" warn ")).isEqualTo("warn");
        assertThat(CliLogging.simpleLevel("FATAL")).isEqualTo("error");
        assertThat(CliLogging.simpleLevel("ALL")).isEqualTo("trace");
        assertThat(CliLogging.simpleLevel("OFF")).isEqualTo("off");
    }

    @Test
    void anUnknownLevelNameLogsAtInfo() {
        assertThat(CliLogging.simpleLevel("VERBOSE")).isEqualTo("info");
    }
}
