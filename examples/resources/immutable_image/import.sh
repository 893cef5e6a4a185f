#!/bin/sh
# Only images built by this provider can be imported: their org.immutable-infra.recipe label holds the
# configuration, so the first plan after an import shows no changes when the configuration matches.
# A pushed image, by its registry digest:
terraform import immutable_image.app '127.0.0.1:5000/shop/api@sha256:8aec2204f2f42278a2ffb0870b43a37eb4d2e19920862b7307f42a03bce9bb2b'
# A local-only image, by its image id:
# terraform import immutable_image.app 'sha256:9dfba862485b1ce909af5eae68fc16035de253d6a68e1678e38afe7e06cc0fc1'
