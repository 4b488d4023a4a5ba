/** The audit report (the source of truth, contract section 4) and its renderings: JSON, text, Markdown, SARIF, email. */
package io.iamdrift.report;
