package io.iamdrift.cli;

import java.util.Locale;

/**
 * Logging of the command line: SLF4J through slf4j-simple, plain lines on stderr (settings in
 * {@code simplelogger.properties}: time, level, logger, message; the AWS SDK at WARN), the level from
 * {@code POWERTOOLS_LOG_LEVEL} (default INFO) as in Lambda. log4j2 with Powertools' JSON layout stays the
 * provider in Lambda and wherever {@code AWS_LAMBDA_FUNCTION_NAME} is set ({@code log4j2.xml}); its start-up
 * (plugin registry, configuration, lookups) cost a one-user audit about a fifth of its time for lines an offline
 * command never writes. An explicit {@code -Dslf4j.provider} wins.
 */
final class CliLogging {

    private static final String PROVIDER = "slf4j.provider";

    private CliLogging() {}

    /** Chooses the provider; to be called before the first logger is asked for. */
    static void configure() {
        if (System.getenv("AWS_LAMBDA_FUNCTION_NAME") != null || System.getProperty(PROVIDER) != null) {
            return;
        }
        System.setProperty(PROVIDER, "org.slf4j.simple.SimpleServiceProvider");
        // SLF4J announces an explicitly chosen provider on stderr at INFO: its own warnings and errors only
        System.setProperty("slf4j.internal.verbosity", "WARN");
        String level = System.getenv("POWERTOOLS_LOG_LEVEL");
        if (level != null && System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", simpleLevel(level));
        }
    }

    /** A log4j level name as slf4j-simple spells it (it has no FATAL or ALL). */
    static String simpleLevel(String log4jLevel) {
        String level = log4jLevel.trim().toLowerCase(Locale.ROOT);
        return switch (level) {
            case "fatal" -> "error";
            case "all" -> "trace";
            case "trace", "debug", "info", "warn", "error", "off" -> level;
            default -> "info";
        };
    }
}
