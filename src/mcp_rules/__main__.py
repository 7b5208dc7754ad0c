"""``python -m mcp_rules`` : la même ligne de commande que ``mcp-rules``."""

from mcp_rules.interfaces.cli import executer

if __name__ == "__main__":
    executer()
