"""The ministries' own executive services: when they act, the cabinet acts."""

from __future__ import annotations

# Independent bodies (RIVM, CPB, ACM, the Raad van State) and other governments are not listed.
SERVICES = (
    r"(?:rijkswaterstaat|het\s+rijksvastgoedbedrijf|defensie|logius|rvo|de\s+rijksdienst\s+voor"
    r"\s+ondernemend\s+nederland|duo|de\s+ind|de\s+belastingdienst|de\s+douane|dienst\s+toeslagen"
    r"|de\s+dienst\s+toeslagen|dji|de\s+dienst\s+justitiële\s+inrichtingen|het\s+cjib"
    # the inspectorates and agencies inside a ministry
    r"|de\s+inspectie\s+(?:van\s+het\s+onderwijs|gezondheidszorg\s+en\s+jeugd|leefomgeving\s+en"
    r"\s+transport|justitie\s+en\s+veiligheid|sociale\s+zaken\s+en\s+werkgelegenheid|szw)"
    r"|de\s+onderwijsinspectie|de\s+igj|de\s+ilt|de\s+nvwa|het\s+knmi|de\s+rijksdienst\s+voor\s+het"
    r"\s+cultureel\s+erfgoed|het\s+nationaal\s+archief|de\s+immigratie-\s+en\s+naturalisatiedienst"
    r"|het\s+agentschap\s+telecom|de\s+rijksinspectie\s+digitale\s+infrastructuur|de\s+rdi)"
)
