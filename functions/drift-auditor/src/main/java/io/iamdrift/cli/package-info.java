/** The command line (picocli): audit, simulate, diff, lint, capture, invoke. One jar, {@code drift-auditor.jar}. */
package io.iamdrift.cli;
