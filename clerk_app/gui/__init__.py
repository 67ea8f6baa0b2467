"""The Qt application: thin views over the services."""
