/**
 * Auditing a whole AWS Organization, the pure part: which accounts a run audits, the per-account results the
 * member audits record, when a run is complete and which accounts are missing, the organization summary, the
 * one organization alert, and the cost model of a fan-out. The AWS side (Organizations, SQS, STS, S3) lives in
 * the drift-auditor adapters.
 */
package io.iamdrift.organization;
