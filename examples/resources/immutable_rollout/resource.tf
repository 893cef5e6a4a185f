resource "immutable_rollout" "api" {
  name     = "api"                           # the stable service name
  image    = immutable_image.app.reference   # pinned by digest
  replicas = 3
  port     = 8080                            # the application's port inside its containers

  endpoint = { host_port = 8000 }            # clients keep using http://127.0.0.1:8000
  strategy = { type = "blue_green" }         # or canary / recreate

  health_check = { http_path = "/healthz", interval = "2s", timeout = "1s", retries = 3 }
  deadline      = "2m"                       # not healthy by then: rolled back
  drain_timeout = "30s"                      # in-flight requests finish before old containers stop
  max_age       = "24h"                      # phoenix: replaced once older than this

  env       = { MODE = "prod" }
  memory_mb = 256
  cpus      = 0.5

  # The new generation is created, health-gated and given the traffic before the old one is
  # drained and removed. Without this, Terraform removes the old generation (and the endpoint)
  # first, and clients see downtime.
  lifecycle {
    create_before_destroy = true
  }
}

output "url" {
  value = immutable_rollout.api.endpoint_url
}
