"""Blueprints: thin views that parse the request, call one function and render."""
