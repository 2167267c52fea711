"""Reports: what the user reads, rendered for a medium (terminal, Markdown, HTML, JSON)."""
