"""The ministries' own executive services: when they act, the cabinet acts."""

from __future__ import annotations

# Independent bodies (RIVM, CPB, ACM, the Raad van State) and other governments are not listed.
SERVICES = (
    r"(?:rijkswaterstaat|het\s+rijksvastgoedbedrijf|defensie|logius|rvo|de\s+rijksdienst\s+voor"
    r"\s+ondernemend\s+nederland|duo|de\s+ind|de\s+belastingdienst|de\s+douane|dienst\s+toeslagen"
    r"|de\s+dienst\s+toeslagen|dji|de\s+dienst\s+justitiële\s+inrichtingen|het\s+cjib)"
)
