# Blue-green: the new generation starts next to the old one, must pass its health checks,
# then takes all traffic at once; the old one is drained and removed afterwards.
# Try:  while true; do curl -s http://127.0.0.1:8001; done   in another terminal, then
#       terraform apply -var version_label=2
terraform {
  required_providers {
    immutable = { source = "immutable-infra/immutable" }
  }
}

provider "immutable" {}

variable "version_label" {
  description = "Change it (terraform apply -var version_label=2) to roll out a new generation."
  type        = string
  default     = "1"
}

variable "base_image" {
  description = "Base image of the example app (any image with busybox httpd)."
  type        = string
  default     = "busybox:1.36.1"
}

# Content-addressed image: a changed file or build argument is a new image, never a rebuilt tag.
resource "immutable_image" "app" {
  name       = "immutable-example/app"
  context    = "${path.module}/../app"
  build_args = { VERSION = var.version_label, BASE = var.base_image }
}

resource "immutable_rollout" "web" {
  name     = "blue-green"
  image    = immutable_image.app.reference
  replicas = 3
  port     = 8080
  endpoint = { host_port = 8001 }
  strategy = { type = "blue_green" }

  health_check  = { http_path = "/healthz", interval = "1s", timeout = "1s" }
  deadline      = "1m"
  drain_timeout = "10s"

  lifecycle {
    create_before_destroy = true
  }
}

output "url" {
  value = immutable_rollout.web.endpoint_url
}
