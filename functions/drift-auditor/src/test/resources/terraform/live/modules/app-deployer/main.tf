# One deployer role per application, with inline and attached policies (count).
variable "app" {
  type = string
}

variable "policy_arns" {
  type = list(string)
}

resource "aws_iam_role" "this" {
  name = "${var.app}-deployer"
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

resource "aws_iam_role_policy" "this" {
  name = "${var.app}-functions"
  role = aws_iam_role.this.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "Functions"
      Effect   = "Allow"
      Action   = ["lambda:GetFunction", "lambda:UpdateFunctionCode"]
      Resource = "arn:aws:lambda:us-east-1:123456789012:function:${var.app}-*"
    }]
  })
}

resource "aws_iam_role_policy_attachment" "this" {
  count      = length(var.policy_arns)
  role       = aws_iam_role.this.name
  policy_arn = var.policy_arns[count.index]
}
