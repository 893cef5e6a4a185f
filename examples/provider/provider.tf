terraform {
  required_providers {
    immutable = {
      source = "immutable-infra/immutable"
    }
  }
}

provider "immutable" {
  # Docker Engine API address; defaults to DOCKER_HOST, else the local socket.
  host = "unix:///var/run/docker.sock"

  # Credentials for registries the provider pushes to (in addition to ~/.docker/config.json).
  # registry_auth = [{
  #   address  = "registry.example.com"
  #   username = "ci"
  #   password = var.registry_password
  # }]
}
