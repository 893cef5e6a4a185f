# Canary: the new generation gets 10 %, then 50 % of the requests, 30 s each, while its health
# checks keep passing (3 failures in a row abort and roll back); then all of them.
# Watch both versions answer:  while true; do curl -s http://127.0.0.1:8002; done
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
  name     = "canary"
  image    = immutable_image.app.reference
  replicas = 2
  port     = 8080
  endpoint = { host_port = 8002 }

  strategy = {
    type  = "canary"
    steps = [
      { weight = 10, pause = "30s" },
      { weight = 50, pause = "30s" },
    ]
  }

  health_check = { http_path = "/healthz", interval = "2s", retries = 3 }

  lifecycle {
    create_before_destroy = true
  }
}

output "url" {
  value = immutable_rollout.web.endpoint_url
}
