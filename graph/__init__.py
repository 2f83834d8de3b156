"""lexpath: liability in generative-AI cases as a legal knowledge graph.

Load a doctrine and a case, ground the doctrine's rules on the case's actors, evaluate them in
three-valued logic and explain each conclusion as the path from the facts that carries it.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
