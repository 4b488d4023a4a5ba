/**
 * Baselines: what the deployer principals of an account are expected to have (contract section 2.2), their
 * loading and JSON-schema validation ({@link io.iamdrift.baseline.BaselineLoader}), and the table from
 * Terraform resource types to the IAM actions that manage them ({@link io.iamdrift.baseline.TerraformActions}).
 */
package io.iamdrift.baseline;
