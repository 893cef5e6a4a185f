resource "immutable_image" "app" {
  name       = "127.0.0.1:5000/shop/api"  # repository; the provider adds a content tag
  context    = "${path.module}/../../app" # the build context directory
  dockerfile = "Dockerfile" # relative to context

  build_args = { VERSION = "1.2.3" }
  labels     = { team = "shop" }
  push       = true

  timeouts = { create = "20m" } # changing timeouts never rebuilds
}

# Consume the image by digest, never by tag:
output "image" {
  value = immutable_image.app.reference # e.g. 127.0.0.1:5000/shop/api@sha256:...
}
