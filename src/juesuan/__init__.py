"""juesuan（决算）: build, check, parse and compare Chinese government final-accounts disclosures."""

__version__ = "0.1.0"
