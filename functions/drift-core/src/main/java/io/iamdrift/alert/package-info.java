/**
 * Which findings to alert on, and the alert state that makes alerts once-only: a finding is alerted when
 * first seen, when its evidence changes, and again after the re-alert period while still open (contract 8).
 */
package io.iamdrift.alert;
