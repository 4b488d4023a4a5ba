/**
 * Terraform and OpenTofu state as the source of baselines: {@link io.iamdrift.terraform.StateReader} reads
 * state files (format version 4), {@link io.iamdrift.terraform.IamStateBaseline} turns their IAM resources into
 * a baseline document, and {@link io.iamdrift.terraform.TerraformBaselines} merges it with hand-written
 * baselines for what state cannot say (required and forbidden actions, credentials, exceptions, discovery).
 */
package io.iamdrift.terraform;
