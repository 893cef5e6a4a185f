terraform {
  required_providers {
    immutable = {
      source = "immutable-infra/immutable"
    }
  }
}

# With no settings the provider reaches the engine the way `docker` does: DOCKER_HOST, else the
# Docker context (DOCKER_CONTEXT, else `docker context use`), else the local socket; registry
# credentials come from your credential helpers and `docker login`.
provider "immutable" {
  # A remote engine over TLS (certificates as for DOCKER_CERT_PATH):
  # host      = "tcp://build.example.com:2376"
  # cert_path = pathexpand("~/.docker/build")

  # ... or over ssh, with your ssh config and agent:
  # host     = "ssh://deploy@build.example.com"
  # ssh_opts = ["-o", "StrictHostKeyChecking=yes"]

  # ... or a Docker context made with `docker context create`:
  # context = "build"
}
