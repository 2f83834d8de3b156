"""The Chinese doctrine on cases other than Hangzhou: each scenario a case written here, answered as Chinese law answers it.

Each case states its facts in full; what it leaves out takes the doctrine's burden default (SPC CPL
Interpretation art. 91; Copyright Law art. 59(2); SPC Provisions arts. 6 and 8(3)).
"""

from __future__ import annotations

import pytest

from conftest import lexpath
from lexpath.evaluate import evaluate
from lexpath.explain import justification
from lexpath.ground import ground
from lexpath.load import load_case
from lexpath.logic import Value
from scenario import write_case

T, F, U = Value.ESTABLISHED, Value.REFUTED, Value.UNKNOWN

# A platform, a user who published models made of the work, the rights holder who sues the platform.
CAST = {"holder": "RightsHolder", "platform": "GenerativeAIPlatform", "uploader": "User", "work": "Work"}
TIES = [("uploader", "usesServiceOf", "platform"), ("holder", "claimsAgainst", "platform")]
BASE = [
    ("HoldsExclusiveRights", "holder", True), ("IncurredLossOrExpenses", "holder", True),
    ("WorkOriginal", "work", True), ("WorkPublished", "work", True),
    ("UploadedTrainingCopies", "uploader", True), ("TrainedOnWork", "uploader", True),
    ("PublishedContent", "uploader", True), ("OutputsSimilar", "uploader", True),
    ("HostsUserContent", "platform", True), ("WorkAvailableOnService", "platform", True),
    ("UserSuppliedTheItems", "platform", True), ("IdentifiableInfringingItems", "platform", True),
    ("CanIdentifyUses", "platform", True), ("CanIntervene", "platform", True),
]


def decide(tmp_path, facts, cast=CAST, ties=TIES, name="scenario") -> dict[str, Value]:
    case, doctrine = load_case(str(write_case(tmp_path, name, cast, ties, facts)))
    assert doctrine.id == "cn"
    G = ground(doctrine, case)
    return dict(evaluate(G).values)


NOTICE_IGNORED = BASE + [
    ("WorkFamous", "work", False), ("InfringingItemsStillReachable", "platform", True),
    ("NoticeReceived", "platform", True, "2024-03-01"),
    ("ForwardedNotice", "platform", True, "2024-03-02"),
    ("RemovedNotifiedItems", "platform", False),
]


class TestNotice:
    def test_a_notice_ignored_is_knowledge_and_contributory_with_damages_for_the_enlarged_harm_only(self, tmp_path):
        v = decide(tmp_path, NOTICE_IGNORED)
        assert v["ShouldHaveKnown(platform)"] is F  # nothing but the notice
        assert v["NoticeIgnored(platform)"] is T and v["Fault(platform)"] is T
        assert v["ContributoryInfringement(platform,uploader)"] is T
        assert v["Damages(holder,platform)"] is T
        assert v["DamagesLimitedToEnlargedHarm(holder,platform)"] is T

    def test_knowing_before_the_notice_makes_the_whole_harm_due(self, tmp_path):
        v = decide(tmp_path, NOTICE_IGNORED + [("KnewSpecificInfringement", "platform", True)])
        assert v["Damages(holder,platform)"] is T
        assert v["DamagesLimitedToEnlargedHarm(holder,platform)"] is F

    def test_forwarding_without_removal_is_not_enough(self, tmp_path):
        v = decide(tmp_path, NOTICE_IGNORED)
        assert v["ActedInTimeOnNotice(platform)"] is F

    def test_forwarding_is_the_measure_where_the_service_cannot_reach_the_items(self, tmp_path):
        facts = [f for f in NOTICE_IGNORED if f[0] not in ("CanIntervene", "HostsUserContent")]
        v = decide(tmp_path, facts + [("CannotReachNotifiedItems", "platform", True), ("CanIntervene", "platform", False)])
        assert v["ActedInTimeOnNotice(platform)"] is T and v["Fault(platform)"] is F

    def test_a_platform_that_can_delete_cannot_answer_by_forwarding_alone(self, tmp_path):
        v = decide(tmp_path, NOTICE_IGNORED + [("CannotReachNotifiedItems", "platform", True)])
        assert v["ActedInTimeOnNotice(platform)"] is F

    def test_a_removal_within_a_day_of_the_notice_answers_it(self, tmp_path):
        facts = [f for f in NOTICE_IGNORED if f[0] != "RemovedNotifiedItems"]
        v = decide(tmp_path, facts + [("RemovedNotifiedItems", "platform", True, "2024-03-02")])
        assert v["RemovedWithinADayOfNotice(platform)"] is T
        assert v["NoticeIgnored(platform)"] is F and v["ContributoryInfringement(platform,uploader)"] is F

    def test_a_removal_a_week_later_but_before_the_suit_is_left_to_the_court(self, tmp_path):
        facts = [f for f in NOTICE_IGNORED if f[0] != "RemovedNotifiedItems"]
        v = decide(tmp_path, facts + [("RemovedNotifiedItems", "platform", True, "2024-03-08")])
        assert v["RemovedWithinADayOfNotice(platform)"] is F and v["RemovedBeforeSuit(platform)"] is T
        assert v["ActedInTimeOnNotice(platform)"] is U  # art. 14 weighing: not decided by a rule

    def test_a_removal_after_the_suit_does_not_cure(self, tmp_path):
        facts = [f for f in NOTICE_IGNORED if f[0] != "RemovedNotifiedItems"]
        v = decide(tmp_path, facts + [("RemovedNotifiedItems", "platform", True, "2024-07-01")])
        assert v["RemovedBeforeSuit(platform)"] is F and v["NoticeIgnored(platform)"] is T


DILIGENT = BASE + [
    ("WorkFamous", "work", True), ("IPCategory", "platform", True), ("ManyInfringingItems", "platform", True),
    ("ComplaintChannel", "platform", True), ("ReviewsReleases", "platform", True), ("WarnsUsers", "platform", True),
    ("NoticeReceived", "platform", True, "2024-03-01"), ("RemovedNotifiedItems", "platform", True, "2024-03-02"),
    ("InfringingItemsStillReachable", "platform", False),
]


class TestShouldHaveKnown:
    def test_a_diligent_platform_with_a_themed_section_of_a_famous_work_is_not_at_fault(self, tmp_path):
        v = decide(tmp_path, DILIGENT)
        assert v["DiligentProvider(platform)"] is T
        assert v["ShouldHaveKnown(platform)"] is F and v["Fault(platform)"] is F
        assert v["CopyrightLiability(platform)"] is F and v["Damages(holder,platform)"] is F

    def test_a_famous_work_on_the_home_page_is_reason_to_know_on_that_alone(self, tmp_path):
        v = decide(tmp_path, DILIGENT + [("FeaturedProminently", "platform", True)])
        assert v["HomePagePlacement(platform)"] is T and v["ShouldHaveKnown(platform)"] is T

    def test_many_visibly_infringing_items_the_platform_featured_are_reason_to_know_famous_or_not(self, tmp_path):
        facts = [f for f in DILIGENT if f[0] != "WorkFamous"] + [("WorkFamous", "work", False), ("FeaturedProminently", "platform", True),
                                                                 ("InfringingContentVisible", "platform", True)]
        v = decide(tmp_path, facts)
        assert v["HomePagePlacement(platform)"] is F and v["ShouldHaveKnown(platform)"] is T

    def test_a_famous_work_the_platform_itself_recommended_is_reason_to_know(self, tmp_path):
        v = decide(tmp_path, DILIGENT + [("CuratedItemsOfWork", "platform", True)])
        assert v["ShouldHaveKnown(platform)"] is T

    # Few items, so not obvious (art. 9(2)); a direct benefit and a recommending category weigh for
    # reason to know under the higher duty of art. 11.
    UNDETECTED = BASE + [
        ("WorkFamous", "work", True), ("InfringingContentVisible", "platform", True), ("ManyInfringingItems", "platform", False),
        ("IPCategory", "platform", True), ("ChargesPerItem", "platform", True),
    ]

    def test_undetectability_claimed_without_proof_is_no_excuse(self, tmp_path):
        v = decide(tmp_path, self.UNDETECTED)
        assert v["InfringementUndetectable(platform)"] is F  # the provider's to prove: unproved
        assert v["ShouldHaveKnown(platform)"] is T

    def test_undetectability_proved_excuses_a_failure_to_detect(self, tmp_path):
        v = decide(tmp_path, self.UNDETECTED + [("InfringementUndetectable", "platform", True)])
        assert v["ShouldHaveKnown(platform)"] is F

    def test_undetectability_never_answers_obvious_infringement_of_a_famous_work(self, tmp_path):
        facts = [f for f in self.UNDETECTED if f[0] != "ManyInfringingItems"]
        v = decide(tmp_path, facts + [("ManyInfringingItems", "platform", True), ("InfringementUndetectable", "platform", True)])
        assert v["ObviousInfringement(platform)"] is T and v["ShouldHaveKnown(platform)"] is T

    def test_undetectability_never_answers_a_famous_work_on_the_home_page(self, tmp_path):
        v = decide(tmp_path, self.UNDETECTED + [("InfringementUndetectable", "platform", True),
                                                ("FeaturedProminently", "platform", True)])
        assert v["ShouldHaveKnown(platform)"] is T

    def test_the_explanation_names_the_default_and_its_bearer(self, tmp_path):
        path = write_case(tmp_path, "undetected", CAST, TIES, self.UNDETECTED)
        r = lexpath("explain", str(path), "--actor", "platform")
        assert r.returncode == 0, r.stderr
        line = next(x for x in r.stdout.splitlines() if "could not detect the users' infringement" in x)
        assert "not stated: refuted by default, the burden being on the defendant" in line and "SPC Provisions art. 8" in line


class TestOwnOutput:
    FACTS = [
        ("HoldsExclusiveRights", "holder", True), ("IncurredLossOrExpenses", "holder", True),
        ("WorkOriginal", "work", True), ("WorkPublished", "work", True), ("WorkFamous", "work", True),
        ("OffersGeneration", "platform", True), ("OwnModelGeneratesSimilar", "platform", True),
        ("OrdinaryPromptsYieldWork", "platform", True), ("InfringingItemsStillReachable", "platform", True),
        ("GeneratedOutputs", "platform", False),  # users typed the prompts
    ]

    def test_a_platform_whose_model_outputs_the_work_on_ordinary_prompts_infringes_and_is_at_fault(self, tmp_path):
        v = decide(tmp_path, self.FACTS)
        assert v["OutputReproduction(platform)"] is T and v["DirectInfringement(platform)"] is T
        assert v["OutputFault(platform)"] is T
        assert v["Damages(holder,platform)"] is T
        assert v["TechnicalMeasuresOrder(holder,platform)"] is T

    def test_an_effective_filter_and_the_interim_measures_duties_met_clear_its_fault(self, tmp_path):
        facts = [f for f in self.FACTS if f[0] != "OrdinaryPromptsYieldWork"]  # only prompts naming the work yield it
        v = decide(tmp_path, facts + [("EffectiveOutputFilter", "platform", True), ("FiltersKnownWorks", "platform", True),
                                           ("ComplaintChannel", "platform", True), ("WarnsUsers", "platform", True),
                                           ("LabelsGeneratedContent", "platform", True)])
        assert v["OutputFault(platform)"] is F
        assert v["DirectInfringement(platform)"] is T  # infringing still, and to be stopped
        assert v["Damages(holder,platform)"] is F and v["StopInfringement(holder,platform)"] is T
        assert v["TechnicalMeasuresOrder(holder,platform)"] is F  # its filter already does what an order would

    def test_an_order_against_generating_the_work_needs_no_stored_items(self, tmp_path):
        facts = [f for f in self.FACTS if f[0] != "InfringingItemsStillReachable"]
        v = decide(tmp_path, facts + [("InfringingItemsStillReachable", "platform", False)])
        assert v["StopInfringement(holder,platform)"] is F and v["TechnicalMeasuresOrder(holder,platform)"] is T


class TestUser:
    def test_private_training_by_a_user_is_not_infringement(self, tmp_path):
        cast = {"holder": "RightsHolder", "trainer": "User", "work": "Work"}
        facts = [("HoldsExclusiveRights", "holder", True), ("WorkOriginal", "work", True), ("WorkPublished", "work", True),
                 ("UploadedTrainingCopies", "trainer", True), ("TrainedOnWork", "trainer", True),
                 ("PrivateUseOnly", "trainer", True), ("PublishedContent", "trainer", False),
                 ("UseHarmsNormalMarket", "trainer", False)]
        v = decide(tmp_path, facts, cast, [("holder", "claimsAgainst", "trainer")])
        assert v["PrivateUse(trainer)"] is T
        assert v["DirectInfringement(trainer)"] is F and v["CopyrightLiability(trainer)"] is F

    def test_a_user_silent_on_private_use_bears_its_burden(self, tmp_path):
        cast = {"holder": "RightsHolder", "trainer": "User", "work": "Work"}
        facts = [("HoldsExclusiveRights", "holder", True), ("WorkOriginal", "work", True),
                 ("UploadedTrainingCopies", "trainer", True), ("PublishedContent", "trainer", False)]
        v = decide(tmp_path, facts, cast, [("holder", "claimsAgainst", "trainer")])
        assert v["PrivateUse(trainer)"] is F and v["TrainingFairUse(trainer)"] is F
        assert v["DirectInfringement(trainer)"] is T


class TestHarbour:
    FACTS = BASE + [
        ("WorkFamous", "work", False), ("LabelledAsStorage", "platform", True), ("ContentUnaltered", "platform", True),
        ("InfringingItemsStillReachable", "platform", True),
    ]

    def test_a_harbour_that_holds_bars_damages_but_deletion_is_still_ordered(self, tmp_path):
        v = decide(tmp_path, self.FACTS)
        assert v["SafeHarbour(platform,uploader)"] is T
        assert v["Damages(holder,platform)"] is F
        assert v["StopInfringement(holder,platform)"] is T and v["TargetedDeletion(holder,platform)"] is T

    def test_a_platform_that_abetted_is_not_harboured_from_damages(self, tmp_path):
        v = decide(tmp_path, self.FACTS + [("PromotedInfringingUse", "platform", True)])
        assert v["Abetting(platform,uploader)"] is T
        assert v["Damages(holder,platform)"] is T

    def test_nothing_to_delete_once_the_items_are_gone(self, tmp_path):
        facts = [f for f in self.FACTS if f[0] != "InfringingItemsStillReachable"]
        v = decide(tmp_path, facts + [("InfringingItemsStillReachable", "platform", False)])
        assert v["StopInfringement(holder,platform)"] is F and v["TargetedDeletion(holder,platform)"] is F


class TestUnfairCompetition:
    CAST = {"rival": "Competitor", "toolmaker": "ServiceProvider", "store": "DistributionSite"}
    TIES = [("rival", "claimsAgainst", "toolmaker"), ("rival", "claimsAgainst", "store"), ("toolmaker", "usesServiceOf", "store")]
    FACTS = [
        ("ConductGovernedByCopyright", "toolmaker", False),  # the copyright claim failed: no work
        ("TargetsCompetitorContent", "toolmaker", True), ("DesignInducesMisuse", "toolmaker", True),
        ("DivertsUsers", "toolmaker", True), ("DefeatsUserChoice", "toolmaker", True),
        ("ClaimantLostBusiness", "rival", True),
    ]

    def test_a_tool_aimed_at_a_competitor_with_an_inducing_design_competes_unfairly(self, tmp_path):
        v = decide(tmp_path, self.FACTS, self.CAST, self.TIES)
        assert v["UnfairCompetition(rival,toolmaker)"] is T
        assert v["StopUnfairCompetition(rival,toolmaker)"] is T and v["UnfairCompetitionDamages(rival,toolmaker)"] is T

    def test_a_distributor_without_knowledge_is_not_liable(self, tmp_path):
        v = decide(tmp_path, self.FACTS, self.CAST, self.TIES)
        assert v["UnfairCompetitionLiability(rival,store)"] is F and v["UnfairCompetitionDamages(rival,store)"] is F

    def test_a_distributor_with_reason_to_know_is_liable_even_when_sued_alone(self, tmp_path):
        ties = [("rival", "claimsAgainst", "store"), ("toolmaker", "usesServiceOf", "store")]
        v = decide(tmp_path, self.FACTS + [("ReasonToKnowOfUnfairConduct", "store", True)], self.CAST, ties)
        assert v["AssistingUnfairCompetition(rival,store)"] is T and v["UnfairCompetitionDamages(rival,store)"] is T

    def test_copying_that_copyright_law_governs_is_not_evaluated_twice(self, tmp_path):
        facts = [("ConductGovernedByCopyright", "toolmaker", True), ("BreachesIndustryNorm", "toolmaker", True),
                 ("DivertsUsers", "toolmaker", True), ("ClaimantLostBusiness", "rival", True)]
        path = write_case(tmp_path, "copying", self.CAST, self.TIES, facts)
        case, doctrine = load_case(str(path))
        G = ground(doctrine, case)
        tree = justification(G, evaluate(G), "UnfairCompetition(rival,toolmaker)", doctrine)
        assert tree["value"] == "refuted" and tree["decided_by"] == {"condition": 2, "decides": "refuted"}  # row 1: chapter 2 heads, none here

    def test_a_distributor_that_delisted_the_tool_once_told_is_not_liable(self, tmp_path):
        ties = [("rival", "claimsAgainst", "store"), ("toolmaker", "usesServiceOf", "store")]
        facts = self.FACTS + [("ReasonToKnowOfUnfairConduct", "store", True), ("StoppedServingAfterKnowledge", "store", True)]
        assert decide(tmp_path, facts, self.CAST, ties)["AssistingUnfairCompetition(rival,store)"] is F


@pytest.mark.parametrize("lang, needle", [("en", "our translation (en)"), ("zh", "正式文本 (zh)：网络服务提供者知道或者应当知道")])
def test_explain_full_quotes_the_articles_it_cites(lang, needle):
    r = lexpath("explain", "hangzhou-ultraman-lora", "--actor", "platform", "--full", "--lang", lang)
    assert r.returncode == 0, r.stderr
    tail = r.stdout.split("Legal sources quoted" if lang == "en" else "所引法律依据原文", 1)
    assert len(tail) == 2 and "[CivilCode-1197]" in tail[1] and needle in tail[1]


def test_the_brief_quotes_on_request_only():
    plain = lexpath("brief", "hangzhou-ultraman-lora", "--actor", "platform")
    full = lexpath("brief", "hangzhou-ultraman-lora", "--actor", "platform", "--full")
    assert plain.returncode == full.returncode == 0
    assert "## Legal sources quoted" not in plain.stdout and "## Legal sources quoted" in full.stdout
    assert "网络服务提供者知道或者应当知道网络用户利用其网络服务侵害他人民事权益" in full.stdout


class TestMeasuresOnceFeatured:
    FACTS = BASE + [("WorkFamous", "work", True), ("FeaturedProminently", "platform", True),
                    ("ItemsFeaturedOrReported", "platform", True, "2024-03-01"), ("InfringingItemsStillReachable", "platform", False)]

    def test_deleting_within_a_day_of_the_featuring_takes_the_necessary_measures(self, tmp_path):
        v = decide(tmp_path, self.FACTS + [("TookMeasures", "platform", True, "2024-03-02")])
        assert v["NoNecessaryMeasures(platform)"] is F and v["ContributoryInfringement(platform,uploader)"] is F

    def test_deleting_days_later_but_before_the_suit_is_left_to_the_court(self, tmp_path):
        v = decide(tmp_path, self.FACTS + [("TookMeasures", "platform", True, "2024-03-04")])
        assert v["NoNecessaryMeasures(platform)"] is U  # art. 14 weighing: the rule's one day is a safe line, not a deadline

    def test_deleting_after_the_suit_does_not_cure(self, tmp_path):
        v = decide(tmp_path, self.FACTS + [("TookMeasures", "platform", True, "2024-07-01")])
        assert v["NoNecessaryMeasures(platform)"] is T and v["Damages(holder,platform)"] is T


class TestPunitive:
    FACTS = [("HoldsExclusiveRights", "holder", True), ("IncurredLossOrExpenses", "holder", True), ("WorkOriginal", "work", True),
             ("PublishedContent", "seller", True), ("OutputsSimilar", "seller", True), ("ActualLossCalculable", "holder", True),
             ("ContinuedAfterWarning", "seller", True), ("LargeGainsOrLoss", "seller", True)]
    CAST = {"holder": "RightsHolder", "seller": "User", "work": "Work"}
    TIES = [("holder", "claimsAgainst", "seller")]

    def test_punitive_damages_need_a_claim_intent_and_serious_circumstances(self, tmp_path):
        v = decide(tmp_path, self.FACTS + [("PunitiveClaimed", "holder", True)], self.CAST, self.TIES)
        assert v["Intent(seller)"] is T and v["SeriousCircumstances(seller)"] is T
        assert v["PunitiveDamages(holder,seller)"] is T

    def test_no_punitive_damages_unclaimed(self, tmp_path):
        assert decide(tmp_path, self.FACTS, self.CAST, self.TIES)["PunitiveDamages(holder,seller)"] is F


class TestChapterTwoHeads:
    CAST = {"rival": "Competitor", "tool": "ServiceProvider"}
    TIES = [("rival", "claimsAgainst", "tool")]

    def test_interfering_with_a_rivals_network_service_is_article_12_not_the_general_clause(self, tmp_path):
        facts = [("InterferesWithCompetitorService", "tool", True), ("ProvidesNetworkService", "rival", True),
                 ("TargetsCompetitorContent", "tool", True), ("DesignInducesMisuse", "tool", True), ("DivertsUsers", "tool", True),
                 ("DefeatsUserChoice", "tool", True), ("ClaimantLostBusiness", "rival", True)]
        v = decide(tmp_path, facts, self.CAST, self.TIES)
        assert v["InternetInterference(rival,tool)"] is T
        assert v["UnfairCompetition(rival,tool)"] is F  # the general clause yields to chapter 2 (SPC AUCL Interpretation art. 1)
        assert v["UnfairCompetitionLiability(rival,tool)"] is T and v["UnfairCompetitionDamages(rival,tool)"] is T

    def test_a_similar_sign_that_confuses_is_article_6(self, tmp_path):
        facts = [("SignWithInfluence", "rival", True), ("UsedSimilarSign", "tool", True), ("LikelyConfusion", "tool", True)]
        v = decide(tmp_path, facts, self.CAST, self.TIES)
        assert v["Confusion(rival,tool)"] is T and v["StopUnfairCompetition(rival,tool)"] is T
