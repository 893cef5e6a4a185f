# A rollout is imported by its service name; the generation that serves the endpoint is adopted,
# and its configuration is recovered from the labels on its containers.
terraform import immutable_rollout.api api
