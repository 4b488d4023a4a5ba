# A real deployer configuration, applied by TerraformStateIT against moto_server.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "5.100.0"
    }
  }
}

variable "endpoint" {
  type = string
}

provider "aws" {
  region                      = "us-east-1"
  access_key                  = "testing"
  secret_key                  = "testing"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  s3_use_path_style           = true
  endpoints {
    iam = var.endpoint
    sts = var.endpoint
    s3  = var.endpoint
  }
}

resource "aws_iam_policy" "boundary" {
  name = "deployer-boundary"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "Boundary"
      Effect   = "Allow"
      Action   = ["lambda:*", "s3:GetObject", "s3:PutObject", "sts:GetCallerIdentity"]
      Resource = "*"
    }]
  })
}

resource "aws_iam_policy" "deploy" {
  name = "shop-deploy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "Functions"
      Effect   = "Allow"
      Action   = ["lambda:GetFunction", "lambda:UpdateFunctionCode"]
      Resource = "arn:aws:lambda:us-east-1:123456789012:function:shop-*"
    }]
  })
}

resource "aws_iam_user" "ci" {
  name = "shop-ci-deployer"
}

resource "aws_iam_user_policy" "ci_state" {
  name = "state"
  user = aws_iam_user.ci.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "State"
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:PutObject"]
      Resource = "arn:aws:s3:::tf-state/shop/*"
    }]
  })
}

resource "aws_iam_user_policy_attachment" "ci_deploy" {
  user       = aws_iam_user.ci.name
  policy_arn = aws_iam_policy.deploy.arn
}

resource "aws_iam_group" "deployers" {
  name = "deployers"
}

resource "aws_iam_group_policy" "deployers_identity" {
  name  = "identity"
  group = aws_iam_group.deployers.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "Identity", Effect = "Allow", Action = "sts:GetCallerIdentity", Resource = "*" }]
  })
}

resource "aws_iam_group_policy_attachment" "deployers_deploy" {
  group      = aws_iam_group.deployers.name
  policy_arn = aws_iam_policy.deploy.arn
}

resource "aws_iam_user_group_membership" "ci" {
  user   = aws_iam_user.ci.name
  groups = [aws_iam_group.deployers.name]
}

resource "aws_iam_role" "release" {
  name                 = "shop-release-deployer"
  permissions_boundary = aws_iam_policy.boundary.arn
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Ci"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::123456789012:root" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy" "release_artifacts" {
  name = "artifacts"
  role = aws_iam_role.release.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "Artifacts"
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:PutObject"]
      Resource = "arn:aws:s3:::shop-artifacts/*"
    }]
  })
}

resource "aws_iam_role_policy_attachment" "release_deploy" {
  role       = aws_iam_role.release.name
  policy_arn = aws_iam_policy.deploy.arn
}

module "apps" {
  source      = "./modules/app-deployer"
  for_each    = toset(["billing", "search"])
  app         = each.key
  policy_arns = [aws_iam_policy.deploy.arn]
}
