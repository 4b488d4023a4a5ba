/**
 * Lambda handlers. Each one parses its event, calls {@link io.iamdrift.lambda.LiveAudit} once and returns the
 * response of contract section 7; everything else lives in the core and the AWS adapters.
 */
package io.iamdrift.lambda;
