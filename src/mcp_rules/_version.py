"""Version du paquet (lue par hatchling)."""

__version__ = "0.1.0.dev0"
