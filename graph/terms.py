"""The closed lex: namespace of core.ttl: a typo in a term fails at import, not at run time."""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

__all__ = ["LEX"]


class LEX(DefinedNamespace):
    """Terms of ontology/core.ttl (a test holds the two equal)."""

    _NS = Namespace("https://w3id.org/lexpath/ns#")
    _fail = True
    _extras = ["not"]  # a Python keyword: LEX["not"]

    Act: URIRef
    Actor: URIRef
    AdaptationRight: URIRef
    ApplicationServiceProvider: URIRef
    Artefact: URIRef
    BaseModel: URIRef
    Case: URIRef
    China: URIRef
    Claimant: URIRef
    Conclusion: URIRef
    Defendant: URIRef
    Derivation: URIRef
    DisseminationRight: URIRef
    Doctrine: URIRef
    Duty: URIRef
    Element: URIRef
    Expectation: URIRef
    Fact: URIRef
    Factor: URIRef
    GeneratedImage: URIRef
    Generating: URIRef
    Holding: URIRef
    InputStage: URIRef
    Issue: URIRef
    Jurisdiction: URIRef
    LegalSource: URIRef
    LoRAModel: URIRef
    NecessaryMeasures: URIRef
    OpenSourceModelProvider: URIRef
    OutputPrevention: URIRef
    OutputStage: URIRef
    Party: URIRef
    Premise: URIRef
    PriorReview: URIRef
    Proposition: URIRef
    Publishing: URIRef
    ReasonableCare: URIRef
    Recommending: URIRef
    Remedy: URIRef
    ReproductionRight: URIRef
    Right: URIRef
    RightsHolder: URIRef
    RoleVariable: URIRef
    ServiceProvider: URIRef
    Sharing: URIRef
    Stage: URIRef
    Statement: URIRef
    Tag: URIRef
    TeachingVariant: URIRef
    TrainingImage: URIRef
    TrainingModel: URIRef
    UnitedStates: URIRef
    UploadingTrainingMaterial: URIRef
    User: URIRef
    Value: URIRef
    Work: URIRef
    about: URIRef
    accept: URIRef
    acceptIf: URIRef
    agrees: URIRef
    allOf: URIRef
    among: URIRef
    anyOf: URIRef
    assumes: URIRef
    atLeast: URIRef
    bearer: URIRef
    binding: URIRef
    burden: URIRef
    caseNumber: URIRef
    changes: URIRef
    claimsAgainst: URIRef
    concerns: URIRef
    concernsDuty: URIRef
    concernsRight: URIRef
    conditions: URIRef
    court: URIRef
    decided: URIRef
    default: URIRef
    definedIn: URIRef
    denial: URIRef
    dependsOn: URIRef
    deploysModelOf: URIRef
    established: URIRef
    filed: URIRef
    found: URIRef
    holding: URIRef
    holds: URIRef
    holdsRightsIn: URIRef
    ifEstablished: URIRef
    ifRefuted: URIRef
    inferred: URIRef
    jurisdiction: URIRef
    legalBasis: URIRef
    locator: URIRef
    node: URIRef
    object: URIRef
    of: URIRef
    on: URIRef
    openToChange: URIRef
    performedBy: URIRef
    proposition: URIRef
    question: URIRef
    refuted: URIRef
    reject: URIRef
    relation: URIRef
    reliesOn: URIRef
    reported: URIRef
    role: URIRef
    roles: URIRef
    stage: URIRef
    states: URIRef
    subject: URIRef
    tag: URIRef
    underDoctrine: URIRef
    unknown: URIRef
    unless: URIRef
    usesServiceOf: URIRef
    value: URIRef
    variantOf: URIRef
    vocabulary: URIRef
    whenUnstated: URIRef
