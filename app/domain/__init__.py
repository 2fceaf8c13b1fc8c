"""The domain, without Flask requests: models, reference data, the figure rule, database
questions shared by pages, API and exports, and the clock."""
