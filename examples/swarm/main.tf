# Docker Swarm: the same rollout on a Swarm. Each generation is a service NAME-gN; a stable endpoint
# service publishes the port. The provider's host must be a Swarm manager, and the image must be in a
# registry every node can pull from (here: pushed by immutable_image and pinned by digest).
# Try:  while true; do curl -s http://127.0.0.1:8002; done   in another terminal, then
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

variable "registry" {
  description = "A registry every node of the swarm can pull from."
  type        = string
  default     = "127.0.0.1:5000"
}

variable "host_port" {
  description = "The port the endpoint publishes."
  type        = number
  default     = 8002
}

variable "publish_mode" {
  description = "\"ingress\" (the routing mesh: every node answers) or \"host\" (only the node running the endpoint)."
  type        = string
  default     = "ingress"
}

variable "backend_mode" {
  description = "\"vip\" (each generation's virtual IP) or \"dnsrr\" (DNS round-robin over its tasks)."
  type        = string
  default     = "vip"
}

resource "immutable_image" "app" {
  name       = "${var.registry}/immutable-example/swarm-app"
  context    = "${path.module}/../app"
  build_args = { VERSION = var.version_label, BASE = var.base_image }
  push       = true
}

resource "immutable_rollout" "web" {
  name     = "swarm-example"
  runtime  = "swarm"
  image    = immutable_image.app.reference
  replicas = 2
  port     = 8080
  endpoint = { host_port = var.host_port, publish_mode = var.publish_mode, backend_mode = var.backend_mode }
  strategy = { type = "blue_green" }

  health_check  = { http_path = "/healthz", interval = "1s", timeout = "1s" }
  deadline      = "2m"
  drain_timeout = "5s"

  lifecycle {
    create_before_destroy = true
  }
}

output "url" {
  value = immutable_rollout.web.endpoint_url
}
