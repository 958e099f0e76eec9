// The event coder on sentences written for these tests: other places, other wars, other words.
#include "src/extract/coder.h"

#include <gtest/gtest.h>

#include "tests/unit/test_world.h"

namespace sitrep {
namespace {

const CoderResources& Resources() { return testing::WorldResources(); }

std::vector<Event> Code(const std::string& text, Date date = {2022, 9, 14}) {
  Document doc;
  doc.id = "t";
  doc.date = date;
  doc.text = text;
  return CodeDocument(Resources(), doc);
}

std::vector<Event> OfType(const std::vector<Event>& events, EventType type) {
  std::vector<Event> out;
  for (const Event& e : events) {
    if (e.type == type) out.push_back(e);
  }
  return out;
}

std::string PlaceName(const Event& e) { return e.place ? e.place->name : "(none)"; }

TEST(CoderTest, ActiveCaptureWithRolesDateAndEvidence) {
  std::string text = "Town hall was quiet.\n\nUkrainian troops recaptured Balakliia on Saturday.";
  auto events = OfType(Code(text), EventType::kCapture);
  ASSERT_EQ(events.size(), 1u);
  const Event& e = events[0];
  EXPECT_EQ(PlaceName(e), "Balakliia");
  EXPECT_EQ(e.place->country, "UA");
  EXPECT_EQ(e.actor1, "Ukrainian government forces");
  EXPECT_TRUE(e.actor1_is_state);  // the government regains its own territory
  EXPECT_EQ(e.date, (Date{2022, 9, 10}));
  EXPECT_EQ(e.date_precision, DatePrecision::kDay);
  EXPECT_EQ(text.substr(e.evidence.start, e.evidence.end - e.evidence.start), e.evidence.sentence);
  EXPECT_EQ(e.evidence.sentence, "Ukrainian troops recaptured Balakliia on Saturday.");
  EXPECT_FALSE(e.historical);
}

TEST(CoderTest, PassiveUnaccusativeAndNominalCaptures) {
  auto passive =
      OfType(Code("Kherson was retaken by Ukrainian soldiers on Friday."), EventType::kCapture);
  ASSERT_EQ(passive.size(), 1u);
  EXPECT_EQ(passive[0].actor1, "Ukrainian government forces");
  auto fell =
      OfType(Code("Hama fell to the rebels of Hayat Tahrir al-Sham on Thursday.", {2024, 12, 6}),
             EventType::kCapture);
  ASSERT_EQ(fell.size(), 1u);
  EXPECT_EQ(fell[0].place->matched, "Hama");
  EXPECT_EQ(fell[0].date, (Date{2024, 12, 5}));
  EXPECT_FALSE(fell[0].actor1_is_state);
  auto nominal =
      OfType(Code("The capture of Sake by M23 fighters alarmed residents of Goma.", {2023, 3, 1}),
             EventType::kCapture);
  ASSERT_EQ(nominal.size(), 1u);
  EXPECT_EQ(PlaceName(nominal[0]), "Sake");
  EXPECT_EQ(nominal[0].actor1, "M23");
}

TEST(CoderTest, CoordinatedPlacesEachGetAnEvent) {
  auto events = OfType(
      Code("Separatist rebels seized three more towns: Kidal; Gao; and Timbuktu.", {2012, 4, 2}),
      EventType::kCapture);
  std::vector<std::string> places;
  for (auto& e : events) places.push_back(e.place->matched);
  EXPECT_EQ(places, (std::vector<std::string>{"Kidal", "Gao", "Timbuktu"}));
}

TEST(CoderTest, GerundTakesTheSubjectOfItsSentence) {
  auto events =
      OfType(Code("After capturing Sake, M23 fighters advanced towards Goma.", {2023, 3, 1}),
             EventType::kCapture);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(PlaceName(events[0]), "Sake");
  EXPECT_EQ(events[0].actor1, "M23");
}

TEST(CoderTest, HardNegativesYieldNoCapture) {
  for (const char* text :
       {"Houthi fighters are trying to take Marib from government troops.",
        "The rebels have set their sights on Goma.", "Russian forces did not capture Kharkiv.",
        "Kyiv was never captured by Russian forces.", "Militants besieged Djibo for months.",
        "If Odesa falls, the coast would be cut off.",
        "Jihadists are threatening Timbuktu, Gao and Menaka.",
        "The army inched closer to Wad Madani.",
        "The paramilitaries could seize Port Sudan within days.",
        "The loss of Aleppo would be a blow to the government."}) {
    auto events = OfType(Code(text), EventType::kCapture);
    EXPECT_TRUE(events.empty()) << text << " -> " << (events.empty() ? "" : PlaceName(events[0]));
  }
}

TEST(CoderTest, HistoryIsDatedAndFlagged) {
  auto events = OfType(
      Code("Islamic State took Raqqa in 2014 and declared it their capital.", {2017, 10, 17}),
      EventType::kCapture);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_TRUE(events[0].historical);
  EXPECT_EQ(events[0].date, (Date{2014, 1, 1}));
  EXPECT_EQ(events[0].date_precision, DatePrecision::kYear);
}

TEST(CoderTest, ReferencesResolveToTheLastCompatibleMention) {
  auto events = OfType(
      Code("M23 rebels reached Goma on Sunday. By Monday the insurgents had captured the city.",
           {2025, 1, 28}),
      EventType::kCapture);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(PlaceName(events[0]), "Goma");
  EXPECT_EQ(events[0].actor1, "M23");  // "the insurgents" is the group named before
  // "the city's prison" is not the city: an event at the city with the prison as its part.
  auto prison =
      OfType(Code("Rebels reached Goma. They captured the city's prison."), EventType::kCapture);
  ASSERT_EQ(prison.size(), 1u);
  EXPECT_EQ(PlaceName(prison[0]), "Goma");
  EXPECT_EQ(prison[0].part, "prison");
}

TEST(CoderTest, ControlPhrasesWithIntensifiersAndVerbForms) {
  for (const char* text : {"The RSF took full control of El Obeid on Tuesday.",
                           "RSF fighters have now gained complete control over El Obeid.",
                           "The RSF is now in full control of El Obeid, residents said.",
                           "El Obeid came under RSF control on Tuesday."}) {
    auto events = OfType(Code(text, {2024, 3, 6}), EventType::kCapture);
    ASSERT_EQ(events.size(), 1u) << text;
    EXPECT_EQ(PlaceName(events[0]), "El Obeid") << text;
    EXPECT_EQ(events[0].actor1, "Rapid Support Forces") << text;
  }
}

TEST(CoderTest, PossessiveForcesBelongToTheActorOrCountryBeforeThem) {
  auto events = OfType(
      Code("Moscow said on Friday that its troops had seized the town of Kupiansk.", {2023, 5, 6}),
      EventType::kCapture);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].actor1, "Russian government forces");
  EXPECT_EQ(events[0].actor2, "Ukrainian government forces");
}

TEST(CoderTest, TheLoserAfterFromAndWithdrawalsEndingAnOccupation) {
  auto retaken =
      OfType(Code("Ukrainian troops recaptured Lyman from the Russian army."), EventType::kCapture);
  ASSERT_EQ(retaken.size(), 1u);
  EXPECT_EQ(retaken[0].actor1, "Ukrainian government forces");
  EXPECT_EQ(retaken[0].actor2, "Russian government forces");
  // Leaving a whole town hands it to the other side; leaving positions near it does not.
  auto left = Code("Russian forces withdrew from Kherson on Friday.", {2022, 11, 12});
  ASSERT_EQ(OfType(left, EventType::kRetreat).size(), 1u);
  auto taken = OfType(left, EventType::kCapture);
  ASSERT_EQ(taken.size(), 1u);
  EXPECT_EQ(taken[0].actor1, "Ukrainian government forces");
  EXPECT_TRUE(
      OfType(Code("Russian forces withdrew from positions near Kherson."), EventType::kCapture)
          .empty());
}

TEST(CoderTest, UnknownNamesInACaptureListBecomeUnresolvedPlaces) {
  auto events = OfType(Code("The Taliban seized Qarabagh, Zindajan and Kohsan districts in Herat "
                            "province on Sunday.",
                            {2021, 7, 5}),
                       EventType::kCapture);
  ASSERT_GE(events.size(), 2u);
  for (const Event& e : events) {
    ASSERT_TRUE(e.place);
    EXPECT_EQ(e.place->country, "AF");
    EXPECT_NE(PlaceName(e), "Herāt");  // the province only locates them
    if (!e.place->resolved) {
      EXPECT_EQ(e.place->precision, "admin1");
      EXPECT_FALSE(e.place->container.empty());
    }
  }
  // A capitalised word with nothing that marks it as a place is not one.
  EXPECT_TRUE(OfType(Code("The Taliban seized Kalashnikov rifles on Sunday.", {2021, 7, 5}),
                     EventType::kCapture)
                  .empty());
}

TEST(CoderTest, PartsOfPlacesAndClaims) {
  auto airport =
      OfType(Code("Islamic State fighters captured the airport in Mosul."), EventType::kCapture);
  ASSERT_EQ(airport.size(), 1u);
  EXPECT_EQ(PlaceName(airport[0]), "Mosul");
  EXPECT_EQ(airport[0].part, "airport");
  auto side = OfType(Code("Iraqi troops retook eastern Mosul."), EventType::kCapture);
  ASSERT_EQ(side.size(), 1u);
  EXPECT_EQ(side[0].part, "eastern");
  auto claimed = OfType(Code("The RSF claimed control of El Obeid on Monday. The army denied "
                             "it.",
                             {2024, 3, 6}),
                        EventType::kCapture);
  ASSERT_EQ(claimed.size(), 1u);
  EXPECT_TRUE(claimed[0].claim);
  EXPECT_TRUE(claimed[0].denied);
}

TEST(CoderTest, ReportedSpeechGivesAStatementAndAWeakerClaim) {
  auto events = Code("\"We have captured Bakhmut,\" said Yevgeny Prigozhin.", {2023, 5, 21});
  auto caps = OfType(events, EventType::kCapture);
  auto statements = OfType(events, EventType::kStatement);
  ASSERT_EQ(caps.size(), 1u);
  ASSERT_EQ(statements.size(), 1u);
  EXPECT_EQ(statements[0].actor1, "Yevgeny Prigozhin");
  auto plain =
      OfType(Code("Wagner fighters captured Bakhmut.", {2023, 5, 21}), EventType::kCapture);
  ASSERT_EQ(plain.size(), 1u);
  EXPECT_LT(caps[0].confidence, plain[0].confidence);
}

TEST(CoderTest, ViolenceTypesAndTheirRoles) {
  auto clash =
      OfType(Code("Fighting broke out in El Fasher between the army and the RSF on Sunday.",
                  {2023, 4, 18}),
             EventType::kClash);
  ASSERT_EQ(clash.size(), 1u);
  EXPECT_EQ(PlaceName(clash[0]), "El Fasher");
  EXPECT_EQ(clash[0].actor1, "Sudanese government forces");
  EXPECT_EQ(clash[0].actor2, "Rapid Support Forces");
  auto air = OfType(Code("Russian warplanes struck Idlib on Sunday.", {2024, 12, 2}),
                    EventType::kAirstrike);
  ASSERT_EQ(air.size(), 1u);
  EXPECT_EQ(PlaceName(air[0]), "Idlib");
  EXPECT_TRUE(
      OfType(Code("A falling tree struck the school in Idlib."), EventType::kAirstrike).empty());
  auto civ =
      OfType(Code("Gunmen killed civilians in a village near Djibo on Friday.", {2024, 6, 10}),
             EventType::kAttackOnCivilians);
  ASSERT_EQ(civ.size(), 1u);
  EXPECT_EQ(civ[0].actor2, "Civilians");
  auto retreat = OfType(Code("Russian forces withdrew from Kherson on Wednesday.", {2022, 11, 10}),
                        EventType::kRetreat);
  ASSERT_EQ(retreat.size(), 1u);
  EXPECT_EQ(retreat[0].actor1, "Russian government forces");
}

TEST(CoderTest, UndatedEventsGetTheWeekBeforeTheReport) {
  auto events = OfType(Code("Ukrainian troops recaptured Kupiansk."), EventType::kCapture);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].date, (Date{2022, 9, 8}));
  EXPECT_EQ(events[0].date_end, (Date{2022, 9, 14}));
  EXPECT_EQ(events[0].date_precision, DatePrecision::kRange);
}

TEST(CoderTest, VisitsAndMeetingsNamePeople) {
  auto visit = OfType(Code("Volodymyr Zelenskiy visited Izium on Wednesday."), EventType::kVisit);
  ASSERT_EQ(visit.size(), 1u);
  EXPECT_EQ(visit[0].actor1, "Volodymyr Zelenskiy");
  EXPECT_EQ(visit[0].date, (Date{2022, 9, 14}));
  auto meeting = OfType(Code("Abdel Fattah al-Burhan arrived in Port Sudan. The army chief met "
                             "Mohamed Hamdan Dagalo's envoys."),
                        EventType::kMeeting);
  ASSERT_EQ(meeting.size(), 1u);
  EXPECT_EQ(meeting[0].actor1, "Abdel Fattah al-Burhan");
}

TEST(CoderTest, AWonBackPlaceWithNoAgentGoesToItsGovernment) {
  auto events =
      OfType(Code("The president visited the newly liberated town of Kupiansk.", {2022, 9, 20}),
             EventType::kCapture);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].actor1, "Ukrainian government forces");
}

TEST(CoderTest, ActorsGluedToHeldOrBackedAreModifiers) {
  auto events = OfType(Code("Iraqi troops in the Islamic State-held west of Tal Afar seized the "
                            "city's airport on Monday.",
                            {2017, 8, 22}),
                       EventType::kCapture);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].actor1, "Iraqi government forces");
}

TEST(CoderTest, OurForcesAreTheSpeakers) {
  auto plain = OfType(Code("Our forces have captured Kadugli, the RSF said.", {2025, 1, 11}),
                      EventType::kCapture);
  ASSERT_EQ(plain.size(), 1u);
  EXPECT_EQ(plain[0].actor1, "Rapid Support Forces");
  auto events = OfType(
      Code("\"Our forces have liberated Babanusa town,\" the Rapid Support Forces said on Friday.",
           {2025, 1, 11}),
      EventType::kCapture);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].actor1, "Rapid Support Forces");
}

TEST(CoderTest, AnAppositionAfterATargetIsNoSecondTarget) {
  auto events = OfType(Code("Al-Shabaab seized Bula Hawo, a town near Somalia's Gedo region, on "
                            "Tuesday.",
                            {2024, 5, 8}),
                       EventType::kCapture);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(PlaceName(events[0]).substr(0, 4), "Bula");
}

TEST(CoderTest, AnOperationToRetakeIsNoCapture) {
  EXPECT_TRUE(
      OfType(Code("The army launched a counteroffensive to retake Wad Madani.", {2024, 9, 26}),
             EventType::kCapture)
          .empty());
  // ... while a nominal capture with its province gives one event, not two.
  auto fall = OfType(
      Code("The fall of Kupiansk in Kharkiv province was a heavy blow to Moscow.", {2022, 9, 12}),
      EventType::kCapture);
  ASSERT_EQ(fall.size(), 1u);
  EXPECT_EQ(PlaceName(fall[0]), "Kupiansk");
}

std::vector<std::string> CapturedPlaces(const std::string& text, Date date) {
  std::vector<std::string> names;
  for (const Event& e : OfType(Code(text, date), EventType::kCapture))
    names.push_back(e.place ? e.place->matched : "");
  return names;
}

TEST(CoderTest, SubjectListsPastAsidesContainersAndBearings) {
  EXPECT_EQ(CapturedPlaces("Kassala, Gedaref and Sennar states, all in the east, have since "
                           "fallen to the RSF.",
                           {2024, 7, 1}),
            (std::vector<std::string>{"Kassala", "Gedaref", "Sennar"}));
  EXPECT_EQ(CapturedPlaces("Reports say the town of Bakhmut in the east of Ukraine, which was "
                           "home to 70,000 people, fell to Russian forces on Saturday.",
                           {2023, 5, 21}),
            (std::vector<std::string>{"Bakhmut"}));
}

TEST(CoderTest, ListsSpeltOutAfterACountOrACopula) {
  EXPECT_EQ(CapturedPlaces("The RSF took several towns, but three of them have since fallen back "
                           "to the army, Sinja in Sennar, Dinder in Sennar and Suki in Sennar.",
                           {2024, 11, 30})
                .size(),
            3u);
  EXPECT_EQ(CapturedPlaces("The Arakan Army has seized three towns — Paletwa, Kyauktaw and "
                           "Mrauk-U.",
                           {2024, 2, 10})
                .size(),
            3u);
  EXPECT_EQ(CapturedPlaces("The captured towns are Kyauktaw, Mrauk-U and Minbya, the Arakan Army "
                           "said.",
                           {2024, 2, 10})
                .size(),
            3u);
}

TEST(CoderTest, AProvincesCapitalResolvesToItsSeat) {
  auto events =
      OfType(Code("The Taliban captured the capital of Helmand province on Friday.", {2021, 8, 14}),
             EventType::kCapture);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].place->feature, "PPLA");
  EXPECT_EQ(events[0].place->admin1, "Helmand");
}

TEST(CoderTest, ACaptureWithNoCaptorTakesTheOneTheReportNamesElsewhere) {
  auto events = OfType(Code("The loss of Kherson was a blow to Moscow. Ukrainian troops entered "
                            "Kherson on Friday after Russian forces abandoned Kherson.",
                            {2022, 11, 12}),
                       EventType::kCapture);
  ASSERT_FALSE(events.empty());
  for (const Event& e : events) EXPECT_EQ(e.actor1, "Ukrainian government forces");
}

TEST(CoderTest, AGroupNamingAnOffensiveIsNotTheSubject) {
  auto events = OfType(Code("The army pushed back a Houthi offensive on Marib and retook Sirwah "
                            "district.",
                            {2021, 3, 1}),
                       EventType::kCapture);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].actor1, "Yemeni government forces");
}

TEST(CoderTest, APronounSubjectIsThePreviousSentencesGroup) {
  // The last group named is the Arakan Army; the sentence was about the KIA.
  auto events = OfType(Code("The Kachin Independence Army, an ally of the Arakan Army, launched an "
                            "offensive in the north. It has since seized Bhamo.",
                            {2024, 12, 20}),
                       EventType::kCapture);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].actor1, "Kachin Independence Army");
}

TEST(CoderTest, TimelineEntriesTakeTheirHeadingsDate) {
  auto events = OfType(Code("Key dates in the war for Sudan\n\nNovember 4\n\nThe RSF seized "
                            "Ardamata town near El Geneina.\n\nDecember 18 \u2013 Wad Madani\n\n"
                            "RSF fighters took control of Wad Madani after the army withdrew.",
                            {2023, 12, 20}),
                       EventType::kCapture);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].date, (Date{2023, 11, 4}));
  EXPECT_EQ(events[0].date_precision, DatePrecision::kDay);
  EXPECT_EQ(events[1].date, (Date{2023, 12, 18}));
  // A sentence's own time expression still wins over its heading's.
  auto own = OfType(Code("October 2\n\nThe army retook Bara on Sunday.", {2023, 10, 10}),
                    EventType::kCapture);
  ASSERT_EQ(own.size(), 1u);
  EXPECT_EQ(own[0].date, (Date{2023, 10, 8}));
}

std::vector<std::string> Speakers(const std::string& text, Date date = {2024, 5, 2}) {
  std::vector<std::string> out;
  for (const Event& e : OfType(Code(text, date), EventType::kStatement)) out.push_back(e.actor1);
  return out;
}

TEST(CoderTest, SpeakersPastTimesAdverbsTitlesAndParticles) {
  EXPECT_EQ(Speakers("Army spokesman Nabil Abdallah on Wednesday said the town was calm."),
            std::vector<std::string>{"Nabil Abdallah"});
  EXPECT_EQ(Speakers("The mayor, Ahmed bin Salem, later said the roads were closed."),
            std::vector<std::string>{"Ahmed bin Salem"});
  EXPECT_EQ(Speakers("Local official Omar al-Hassan told reporters the shelling had stopped."),
            std::vector<std::string>{"Omar al-Hassan"});
  EXPECT_EQ(Speakers("The UN envoy Hanna Tetteh urged both sides to hold their fire."),
            std::vector<std::string>{"Hanna Tetteh"});
}

TEST(CoderTest, ForcesDrivenOutRetreatAndCountedPlacesAreParts) {
  auto driven = Code(
      "The fall of Izium was Moscow's worst loss since its soldiers were driven out "
      "of Kherson.",
      {2022, 11, 20});
  auto retreats = OfType(driven, EventType::kRetreat);
  ASSERT_EQ(retreats.size(), 1u);
  EXPECT_EQ(PlaceName(retreats[0]), "Kherson");
  EXPECT_EQ(retreats[0].actor1, "Russian government forces");
  for (const Event& e : OfType(driven, EventType::kCapture)) EXPECT_NE(PlaceName(e), "Moscow");
  auto counted = OfType(Code("The army has retaken more than a dozen villages held by the rebels "
                             "in Gedaref state.",
                             {2024, 10, 5}),
                        EventType::kCapture);
  ASSERT_EQ(counted.size(), 1u);
  EXPECT_EQ(counted[0].part, "more than a dozen villages");
}

TEST(CoderTest, DatesCountedFromAnEarlierEvent) {
  auto events = OfType(Code("Houthi fighters captured Al Hazm on Sunday. A day later, they seized "
                            "Marib. Three days after the fall of Al Hazm, Harib fell to the "
                            "rebels. The next day the militants took Sirwah.",
                            {2020, 3, 13}),
                       EventType::kCapture);
  std::vector<std::pair<std::string, Date>> got;
  for (const Event& e : events) got.push_back({e.place ? e.place->matched : "", e.date});
  std::vector<std::pair<std::string, Date>> want = {{"Al Hazm", {2020, 3, 8}},
                                                    {"Marib", {2020, 3, 9}},
                                                    {"Harib", {2020, 3, 11}},
                                                    {"Sirwah", {2020, 3, 12}}};
  EXPECT_EQ(got, want);
}

TEST(CoderTest, StatesOfControlFlagsAndHandovers) {
  auto under = OfType(
      Code("The Houthis fought for weeks. Al Hazm is now under Houthi control.", {2020, 3, 2}),
      EventType::kCapture);
  ASSERT_EQ(under.size(), 1u);
  EXPECT_EQ(under[0].actor1, "Houthis");
  auto flag = OfType(
      Code("RSF fighters raised their flag over the army headquarters in Nyala.", {2023, 10, 27}),
      EventType::kCapture);
  ASSERT_EQ(flag.size(), 1u);
  EXPECT_EQ(PlaceName(flag[0]), "Nyala");
  EXPECT_FALSE(flag[0].part.empty());
  auto handed =
      OfType(Code("Kismayo was handed over to the Somali army by the militia.", {2019, 5, 2}),
             EventType::kHandover);
  ASSERT_EQ(handed.size(), 1u);
  EXPECT_EQ(handed[0].actor2, "Somali government forces");  // who gains it
}

TEST(CoderTest, ADescriptionsBearingRestrictsItsReferent) {
  // Recency alone would give Kandahar; "the northern city" must lie in the north.
  auto events = OfType(Code("Fighting raged in Kunduz and Kandahar. The Taliban captured the "
                            "northern city on Friday.",
                            {2021, 8, 13}),
                       EventType::kCapture);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(PlaceName(events[0]), "Kunduz");
}

TEST(CoderTest, StatementsAreMadeWhereTheDatelineSaysUnlessTheSentenceSaysOtherwise) {
  auto said = OfType(Code("KHARTOUM, Oct 26 (Reuters) - The RSF took Bara on Sunday, army "
                          "spokesman Nabil Abdallah said.\n\nLater Nabil Abdallah said in Port "
                          "Sudan that the army would return.",
                          {2025, 10, 26}),
                     EventType::kStatement);
  ASSERT_EQ(said.size(), 2u);
  EXPECT_EQ(PlaceName(said[0]), "Khartoum");
  EXPECT_EQ(PlaceName(said[1]), "Port Sudan");
}

TEST(CoderTest, NoCaptureInACityTheSentenceDoesNotName) {
  // "a town" is no town the report has named: no event in the last city mentioned.
  EXPECT_TRUE(OfType(Code("Officials met in Abuja. Boko Haram has seized a town in the north.",
                          {2015, 1, 4}),
                     EventType::kCapture)
                  .empty());
  // "the Red Sea port of Hodeida" is Hodeida.
  auto port = OfType(Code("The Houthis seized the Red Sea port of Hodeida.", {2014, 10, 15}),
                     EventType::kCapture);
  ASSERT_EQ(port.size(), 1u);
  EXPECT_EQ(port[0].place->matched, "Hodeida");
  // "the headquarters of the army in the besieged city of El Fasher": El Fasher, not the dateline.
  auto hq = OfType(Code("Khartoum: The RSF said they had captured the headquarters of the army in "
                        "the besieged city of El Fasher.",
                        {2025, 10, 26}),
                   EventType::kCapture);
  ASSERT_EQ(hq.size(), 1u);
  EXPECT_EQ(PlaceName(hq[0]), "El Fasher");
  EXPECT_EQ(hq[0].part, "headquarters");
  // Containers after a comma or behind a describing word only locate the target.
  EXPECT_EQ(
      CapturedPlaces("The RSF captured El Fasher, North Darfur State, on Sunday.", {2025, 10, 27}),
      std::vector<std::string>{"El Fasher"});
  EXPECT_EQ(CapturedPlaces("The Arakan Army took Paletwa town in neighbouring Chin State.",
                           {2024, 1, 15}),
            std::vector<std::string>{"Paletwa"});
}

TEST(CoderTest, AFrontedParticipleClauseTakesTheMainClausesSubject) {
  // Before the comma is the participle's object (the side that lost the place), after it the
  // side that took it.
  auto caps = OfType(Code("After ousting Islamic State fighters from Manbij, the Syrian Democratic "
                          "Forces moved north.",
                          {2016, 8, 13}),
                     EventType::kCapture);
  ASSERT_EQ(caps.size(), 1u);
  EXPECT_EQ(PlaceName(caps[0]), "Manbij");
  EXPECT_EQ(caps[0].actor1, "Syrian Democratic Forces");
  EXPECT_EQ(caps[0].actor2, "Islamic State");
}

TEST(CoderTest, APlaceThatOwnsTheNextNameOnlyLocatesIt) {
  auto caps =
      OfType(Code("Russian troops seized Donetsk region's Marinka on Monday.", {2024, 2, 19}),
             EventType::kCapture);
  ASSERT_EQ(caps.size(), 1u);
  EXPECT_EQ(caps[0].place->feature, "PPL");
  EXPECT_EQ(caps[0].place->country, "UA");
}

TEST(CoderTest, TheArmyOfACountryTheSentenceNamesIsThatCountrys) {
  // A report about Burkina Faso turns to its neighbour: "the army" there is Mali's.
  auto caps =
      OfType(Code("Jihadists attacked an army post near Djibo in northern Burkina Faso on "
                  "Sunday.\n\nIn neighbouring Mali, the army said it had retaken Kidal from "
                  "separatist rebels on Monday.",
                  {2023, 11, 15}),
             EventType::kCapture);
  ASSERT_EQ(caps.size(), 1u);
  EXPECT_EQ(PlaceName(caps[0]), "Kidal");
  EXPECT_EQ(caps[0].actor1, "Malian government forces");
}

TEST(CoderTest, ACoalitionNotItsLastListedMemberIsTheGroupReferredTo) {
  auto caps = OfType(Code("JNIM, made up of Ansar Dine and the Macina Liberation Front, said on "
                          "Monday that it controlled the road to Gao in Mali.\n\nThe statement "
                          "could not be verified.\n\nIt has seized Bamba, officials said.",
                          {2023, 10, 3}),
                     EventType::kCapture);
  ASSERT_EQ(caps.size(), 1u);
  EXPECT_EQ(PlaceName(caps[0]), "Bamba");
  EXPECT_EQ(caps[0].actor1, "JNIM");
}

TEST(CoderTest, ASponsorAfterBackedByIsNotTheCaptor) {
  auto caps = OfType(Code("Syrian rebels backed by the Turkish military recaptured Saraqeb on "
                          "Thursday.",
                          {2020, 2, 28}),
                     EventType::kCapture);
  ASSERT_EQ(caps.size(), 1u);
  EXPECT_EQ(caps[0].actor1, "Syrian rebels");
}

TEST(CoderTest, AQuoteOpeningAtTheVerbKeepsItsSubject) {
  // A headline's scare quotes: "Rebels 'retake Brega'".
  auto caps = OfType(Code("Libyan rebels 'recapture Brega'\n\nFighting went on.", {2011, 3, 14}),
                     EventType::kCapture);
  ASSERT_EQ(caps.size(), 1u);
  EXPECT_EQ(caps[0].actor1, "Libyan rebels");
}

TEST(CoderTest, AnUnknownTownAfterControlOfKeepsItsContainer) {
  auto caps = OfType(Code("Fighting continued across Myanmar.\n\nResistance forces took control of "
                          "Kawlin town in Sagaing Region on Monday.",
                          {2024, 12, 10}),
                     EventType::kCapture);
  ASSERT_EQ(caps.size(), 1u);
  ASSERT_TRUE(caps[0].place.has_value());
  EXPECT_FALSE(caps[0].place->resolved);
  EXPECT_EQ(caps[0].place->name, "Kawlin");
  EXPECT_EQ(caps[0].place->container, "Sagaing Region");
  EXPECT_EQ(caps[0].place->precision, "admin1");
}

TEST(CoderTest, AWeaponsCountryAdjectiveNamesTheAttacker) {
  auto events =
      Code("Russian missiles struck Kharkiv overnight, killing three people.", {2024, 2, 12});
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events[0].actor1, "Russian government forces");
  EXPECT_EQ(PlaceName(events[0]), "Kharkiv");
}

TEST(CoderTest, TheKilledVillagersAreAttackedNotAttackers) {
  auto events = OfType(
      Code("Jihadists killed 20 villagers in an attack on Solhan on Friday night.", {2021, 6, 7}),
      EventType::kAttackOnCivilians);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].actor1, "Jihadists");
  EXPECT_EQ(events[0].actor2, "Civilians");
}

}  // namespace
}  // namespace sitrep
