"""A bilingual (en-CA / fr-CA) headless content service for a mental-health clinic."""
