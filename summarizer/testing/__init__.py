"""Test helpers shipped with the package: a scripted fake OpenAI-compatible server."""
