"""Le fuzzing de mcp_rules : les cibles (``cibles``), le lanceur atheris (``lancer``) et le
corpus de départ (``semer``). Voir ``fuzz/README.md``."""
