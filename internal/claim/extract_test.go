package claim

import (
	"strings"
	"testing"

	"wirewatch/internal/nlp"
	"wirewatch/internal/nlp/ner"
)

func newTestExtractor(t testing.TB) *Extractor {
	t.Helper()
	e, err := NewExtractor()
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func input(id, headline, text string) Input {
	return Input{ItemID: id, Headline: headline, Text: text, Sentences: nlp.Sentences(text)}
}

// want describes one expected claim; empty fields are not checked.
type want struct {
	frag    string // fragment of the claim's sentence
	speaker string
	actor   string
	typ     string
	country string
	mode    string
	cue     string
	stance  string
}

func findClaim(cs []Claim, w want) *Claim {
	for i := range cs {
		c := &cs[i]
		if strings.Contains(c.Sentence, w.frag) && (w.speaker == "" || c.Speaker == w.speaker) && (w.cue == "" || c.Cue == w.cue) {
			return c
		}
	}
	return nil
}

func checkClaim(t *testing.T, cs []Claim, w want) {
	t.Helper()
	c := findClaim(cs, w)
	if c == nil {
		t.Errorf("no claim with sentence %q and speaker %q; got:\n%s", w.frag, w.speaker, dump(cs))
		return
	}
	if w.actor != "" && c.Actor.Name != w.actor {
		t.Errorf("%q: actor %q, want %q", w.frag, c.Actor.Name, w.actor)
	}
	if w.typ != "" && c.Actor.Type != w.typ {
		t.Errorf("%q: actor type %q, want %q", w.frag, c.Actor.Type, w.typ)
	}
	if w.country != "" && (c.Actor.Country == nil || *c.Actor.Country != w.country) {
		t.Errorf("%q: country %v, want %q", w.frag, c.Actor.Country, w.country)
	}
	if w.mode != "" && c.Mode != w.mode {
		t.Errorf("%q: mode %q, want %q", w.frag, c.Mode, w.mode)
	}
	if w.cue != "" && c.Cue != w.cue {
		t.Errorf("%q: cue %q, want %q", w.frag, c.Cue, w.cue)
	}
	stance := w.stance
	if stance == "" {
		stance = "assert"
	}
	if c.Stance != stance {
		t.Errorf("%q: stance %q, want %q", w.frag, c.Stance, stance)
	}
}

func dump(cs []Claim) string {
	var b strings.Builder
	for _, c := range cs {
		b.WriteString("  " + c.Speaker + " | " + c.Actor.Name + "/" + c.Actor.Type + " | " + c.Mode + " " + c.Cue + " " + c.Stance + " | " + c.Sentence + "\n")
	}
	return b.String()
}

func TestAttributionForms(t *testing.T) {
	e := newTestExtractor(t)
	cases := []struct {
		name, headline, text string
		want                 []want
		n                    int // expected number of claims, -1 = unchecked
	}{
		{"headline", "Israël: Hamas schond het bestand", "Er werd opnieuw gevochten in Rafah.",
			[]want{{frag: "Israël: Hamas", speaker: "Israël", typ: "country", country: "IL", mode: "headline", cue: ":"}}, 1},
		{"headline tegen", "Polen tegen Belarus: stop de migrantenstroom", "De grens blijft dicht.",
			[]want{{frag: "Polen tegen Belarus", speaker: "Polen", country: "PL", mode: "headline"}}, 1},
		{"headline pair", "VS en EU: sancties tegen Iran blijven", "De sancties gelden nog een jaar.",
			[]want{{frag: "VS en EU:", speaker: "VS", country: "US", mode: "headline"}, {frag: "VS en EU:", speaker: "EU", mode: "headline"}}, 2},
		{"headline title", "NAVO-chef: Rusland bereidt nieuwe aanval voor", "De bondgenoten vergaderen in Brussel.",
			[]want{{frag: "NAVO-chef:", speaker: "NAVO-chef", country: "NATO", mode: "headline"}}, 1},
		{"dat meldt", "", "Het Oekraïense leger heeft een dorp bij Charkiv heroverd. Dat meldt de Oekraïense generale staf.",
			[]want{{frag: "heroverd. Dat meldt", speaker: "Oekraïense generale staf", typ: "military", country: "UA", cue: "meldt"}}, 1},
		{"dat heeft gezegd", "", "De brug is weer open. Dat heeft de Russische gouverneur Aleksej Smirnov gezegd op Telegram.",
			[]want{{frag: "open. Dat heeft", speaker: "Aleksej Smirnov", typ: "person", country: "RU", cue: "gezegd"}}, 1},
		{"zegt dat", "", "De Poolse premier Donald Tusk zegt dat de grens met Belarus dichtgaat.",
			[]want{{frag: "zegt dat de grens", speaker: "Donald Tusk", typ: "person", country: "PL", cue: "zegt"}}, 1},
		{"volgens", "", "Volgens de Litouwse regering zijn er twee drones neergestort.",
			[]want{{frag: "twee drones", speaker: "Litouwse regering", typ: "government", country: "LT", cue: "Volgens"}}, 1},
		{"aldus", "", "Er vielen twaalf doden bij de aanval op de markt, aldus de Oekraïense burgemeester.",
			[]want{{frag: "twaalf doden", speaker: "Oekraïense burgemeester", typ: "government", country: "UA", cue: "aldus"}}, 1},
		{"naar eigen zeggen", "", "Het Israëlische leger heeft naar eigen zeggen een tunnel vernietigd.",
			[]want{{frag: "tunnel", speaker: "Israëlische leger", typ: "military", country: "IL", cue: "naar eigen zeggen"}}, 1},
		{"laat weten", "", "De Turkse president liet dinsdag weten dat hij wil bemiddelen.",
			[]want{{frag: "bemiddelen", speaker: "Turkse president", country: "TR", cue: "liet weten"}}, 1},
		{"quote then speaker", "", `"We geven geen meter grond op", zei de Oekraïense president.`,
			[]want{{frag: "geen meter", speaker: "Oekraïense president", mode: "direct", cue: "zei"}}, 1},
		{"quote comma inside", "", `"De oorlog duurt nog lang," verzekerde een Duitse generaal.`,
			[]want{{frag: "duurt nog lang", speaker: "Duitse generaal", mode: "direct", cue: "verzekerde"}}, 1},
		{"colon quote", "", `Zelensky: "Wij zullen deze winter doorstaan."`,
			[]want{{frag: "winter", speaker: "Zelensky", actor: "Volodymyr Zelensky", mode: "direct", cue: ":"}}, 1},
		{"zegt colon quote", "", `Tusk zei: "Europa moet nu handelen."`,
			[]want{{frag: "Europa moet", speaker: "Tusk", mode: "direct", cue: "zei"}}, 1},
		{"dat stelt", "", "Noord-Korea levert granaten aan Rusland, dat stelt de Zuid-Koreaanse inlichtingendienst.",
			[]want{{frag: "granaten", speaker: "Zuid-Koreaanse inlichtingendienst", country: "KR", cue: "stelt"}}, 1},
		{"front adverbial", "", "Op maandag berichtte persbureau Reuters al dat de onderhandelingen waren vastgelopen.",
			[]want{{frag: "vastgelopen", speaker: "Reuters", typ: "media", cue: "berichtte"}}, 1},
		{"media als", "", "De stembureaus sluiten vroeger, melden media als de BBC en Sky News.",
			[]want{{frag: "stembureaus", speaker: "media als de BBC en Sky News", typ: "media", cue: "melden"}}, 1},
		{"two speakers", "", "Volgens ramingen van Polen en de Baltische staat Litouwen zijn er 3000 militairen aan de grens.",
			[]want{{frag: "3000", speaker: "Polen", country: "PL"}, {frag: "3000", speaker: "Litouwen", country: "LT"}}, 2},
		{"apposition pair", "", "De Spaanse en Italiaanse premiers, Pedro Sánchez en Giorgia Meloni, hebben benadrukt dat Europa eensgezind is.",
			[]want{{frag: "eensgezind", speaker: "Pedro Sánchez", country: "ES"}, {frag: "eensgezind", speaker: "Giorgia Meloni", country: "IT"}}, 2},
		{"nominal threat", "", "De haven bleef open, ondanks dreigementen van de Houthi-rebellen om schepen aan te vallen.",
			[]want{{frag: "dreigementen", speaker: "Houthi-rebellen", typ: "group", cue: "dreigementen"}}, 1},
		{"relative second claim", "", "De gesprekken worden hervat. Dat meldde het Witte Huis, dat ook verklaarde dat er geen deadline is.",
			[]want{{frag: "hervat. Dat meldde", speaker: "Witte Huis", typ: "government", country: "US"},
				{frag: "ook verklaarde", speaker: "Witte Huis", cue: "verklaarde"}}, 2},
		{"dat staat in verklaring", "", "Er komt geen staakt-het-vuren. Dat staat in een verklaring van het Israëlische ministerie van Defensie.",
			[]want{{frag: "staakt-het-vuren. Dat staat", speaker: "Israëlische ministerie van Defensie", country: "IL", cue: "staat in"}}, 1},
		{"unknown noun after cue", "", `"Dit verandert alles", zegt de historicus.`,
			[]want{{frag: "verandert alles", speaker: "historicus", mode: "direct", cue: "zegt"}}, 1},
		{"separable with adjunct", "", "Er komen extra patriotsystemen. Dat maakte de Duitse minister van Defensie dinsdag bekend in Berlijn.",
			[]want{{frag: "patriotsystemen. Dat maakte", speaker: "Duitse minister van Defensie", country: "DE", cue: "maakte bekend"}}, 1},
		{"preposition is no particle", "", "De generaal sprak over de aanval tegen de stad.", nil, 0},
		{"narration only", "", "De Russische troepen rukken op bij Pokrovsk. In de stad is de stroom uitgevallen.", nil, 0},
		{"said nothing", "", "De minister sprak met journalisten. Hij zei niet wat de reden was.", nil, 0},
		{"weak cue without dat", "", "Rusland dreigt met nieuwe aanvallen op de energiecentrales.", nil, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cs := e.Extract(input("item-"+tc.name, tc.headline, tc.text))
			for _, w := range tc.want {
				checkClaim(t, cs, w)
			}
			if tc.n >= 0 && len(cs) != tc.n {
				t.Errorf("%d claims, want %d:\n%s", len(cs), tc.n, dump(cs))
			}
		})
	}
}

func TestSpeakerResolution(t *testing.T) {
	e := newTestExtractor(t)
	cases := []struct {
		name, text string
		want       []want
	}{
		{"pronoun hij", "De Russische minister van Buitenlandse Zaken Sergej Lavrov zegt dat Moskou openstaat voor gesprekken. Hij zei ook dat het Westen de oorlog rekt.",
			[]want{{frag: "Hij zei ook", speaker: "Sergej Lavrov", actor: "Sergej Lavrov", country: "RU", cue: "zei"}}},
		{"surname", "De Finse president Alexander Stubb zegt dat de grens gesloten blijft. Stubb stelt dat de dreiging toeneemt.",
			[]want{{frag: "Stubb stelt", speaker: "Stubb", actor: "Alexander Stubb", country: "FI"}}},
		{"title alone", "De Estse defensieminister Hanno Pevkur zegt dat er meer munitie nodig is. Volgens de minister is de voorraad bijna op.",
			[]want{{frag: "voorraad", speaker: "minister", actor: "Hanno Pevkur", typ: "person", country: "EE"}}},
		{"title before name", "Dat meldt de Georgische premier. Premier Irakli Kobachidze sprak later met de pers.",
			nil},
		{"demonstrative die", "De Duitse kanselier sprak met president Emmanuel Macron. Die heeft gewaarschuwd dat Europa moet opschieten.",
			[]want{{frag: "Die heeft", speaker: "Emmanuel Macron", actor: "Emmanuel Macron"}}},
		{"volgens hem", "De Roemeense president Nicusor Dan zegt dat er een drone is neergestort. Volgens hem ging het om een Russische drone.",
			[]want{{frag: "Volgens hem", speaker: "Nicusor Dan", cue: "Volgens"}}},
		{"ze writes", `De Deense premier Mette Frederiksen zegt dat Groenland niet te koop is. "Dat is heel duidelijk", schrijft ze op Instagram.`,
			[]want{{frag: "heel duidelijk", speaker: "Mette Frederiksen", mode: "direct", cue: "schrijft"}}},
		{"quote continuation", `"Dit is een zware dag", zei Tusk. "We rouwen om alle slachtoffers."`,
			[]want{{frag: "We rouwen", speaker: "Tusk", actor: "Tusk", mode: "direct"}}},
		{"zou continuation", "Het Britse ministerie van Defensie stelt dat Rusland nieuwe troepen verzamelt. Die zouden bij Pokrovsk worden ingezet.",
			[]want{{frag: "Die zouden", speaker: "Britse ministerie van Defensie", cue: "zouden", mode: "indirect"}}},
		{"multi-sentence quote", `De Letse premier sprak in Riga met de pers. "We zijn voorbereid. Niemand hoeft bang te zijn", zei premier Evika Silina.`,
			[]want{{frag: "We zijn voorbereid.", speaker: "Evika Silina", mode: "direct"}, {frag: "Niemand hoeft", speaker: "Evika Silina", mode: "direct", cue: "zei"}}},
		{"plural pronoun", "Het Litouwse leger meldt dat er een drone is neergestort. Volgens hen kwam het toestel uit Belarus. De Litouwse president Gitanas Nauseda sprak van een provocatie.",
			[]want{{frag: "Volgens hen", speaker: "Litouwse leger", typ: "military"}}},
		{"demonym to ministry", "Het Britse ministerie van Defensie zegt dat Rusland tanks verliest. Volgens de Britten gaat het om honderden tanks.",
			[]want{{frag: "honderden", speaker: "Britten", actor: "Britse ministerie van Defensie"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cs := e.Extract(input("item-"+tc.name, "", tc.text))
			for _, w := range tc.want {
				checkClaim(t, cs, w)
			}
		})
	}
}

func TestStanceAndDisputes(t *testing.T) {
	e := newTestExtractor(t)
	t.Run("ontkent", func(t *testing.T) {
		cs := e.Extract(input("a", "", "Het Kremlin ontkent dat Russische troepen burgers hebben beschoten."))
		checkClaim(t, cs, want{frag: "ontkent", speaker: "Kremlin", stance: "deny", cue: "ontkent"})
	})
	t.Run("dismissal links to earlier claim", func(t *testing.T) {
		cs := e.Extract(input("b", "", "De Oekraïense luchtmacht meldt dat er veertig drones zijn neergeschoten. Moskou noemde die cijfers propaganda."))
		if len(cs) != 2 {
			t.Fatalf("%d claims:\n%s", len(cs), dump(cs))
		}
		if cs[1].Stance != "deny" || len(cs[1].Disputes) != 1 || cs[1].Disputes[0] != cs[0].ID {
			t.Fatalf("denial not linked: %+v", cs[1])
		}
		if cs[1].Target != "Oekraïense luchtmacht" {
			t.Errorf("target %q", cs[1].Target)
		}
	})
	t.Run("report and its denial in one sentence", func(t *testing.T) {
		cs := e.Extract(input("c", "", `Het Witte Huis sprak berichten in Amerikaanse media tegen dat er een akkoord is. "Daar is geen sprake van", aldus een woordvoerder.`))
		var report, deny, follow *Claim
		for i := range cs {
			switch {
			case cs[i].Speaker == "Amerikaanse media":
				report = &cs[i]
			case cs[i].Speaker == "Witte Huis":
				deny = &cs[i]
			case cs[i].Speaker == "woordvoerder":
				follow = &cs[i]
			}
		}
		if report == nil || deny == nil || follow == nil {
			t.Fatalf("missing claims:\n%s", dump(cs))
		}
		if report.Stance != "assert" || report.Cue != "berichten" || report.Actor.Type != "media" {
			t.Errorf("report: %+v", *report)
		}
		if deny.Stance != "deny" || len(deny.Disputes) != 1 || deny.Disputes[0] != report.ID || deny.Target != "Amerikaanse media" {
			t.Errorf("denial: %+v", *deny)
		}
		if follow.Stance != "deny" || len(follow.Disputes) != 1 || follow.Disputes[0] != report.ID {
			t.Errorf("follow-up denial: %+v", *follow)
		}
		if follow.Actor.Country == nil || *follow.Actor.Country != "US" {
			t.Errorf("spokesman country %v, want US from the White House", follow.Actor.Country)
		}
	})
	t.Run("explicit target", func(t *testing.T) {
		cs := e.Extract(input("d", "", "De Russische generaal Igor Petrov zegt dat Avdiivka is gevallen. Petrov stelt dat duizend militairen zijn gevangen. Kyiv bestempelde de beweringen van Petrov als leugens."))
		d := findClaim(cs, want{frag: "bestempelde"})
		if d == nil || d.Stance != "deny" || len(d.Disputes) != 2 || d.Target != "Igor Petrov" {
			t.Fatalf("denial: %+v\n%s", d, dump(cs))
		}
	})
	t.Run("noemde leugens with target", func(t *testing.T) {
		cs := e.Extract(input("g", "", `Israël zegt dat Hamas wapens in ziekenhuizen verbergt. Hamas noemde de beschuldigingen van Israël "pure leugens".`))
		d := findClaim(cs, want{frag: "pure leugens"})
		if d == nil || d.Stance != "deny" || d.Target != "Israël" || len(d.Disputes) != 1 || d.Disputes[0] != cs[0].ID {
			t.Fatalf("denial: %+v\n%s", d, dump(cs))
		}
	})
	t.Run("van de hand", func(t *testing.T) {
		cs := e.Extract(input("h", "", "De Chinese ambassade wijst de beschuldigingen van spionage van de hand."))
		checkClaim(t, cs, want{frag: "spionage", speaker: "Chinese ambassade", country: "CN", stance: "deny", cue: "wijst van de hand"})
	})
	t.Run("neutral noemde", func(t *testing.T) {
		cs := e.Extract(input("e", "", "Amnesty International noemde de aanval een oorlogsmisdaad."))
		checkClaim(t, cs, want{frag: "oorlogsmisdaad", speaker: "Amnesty International", typ: "organization", stance: "assert"})
	})
	t.Run("spreading disinformation is not a denial", func(t *testing.T) {
		cs := e.Extract(input("f", "", "Volgens de NAVO verspreidt Rusland desinformatie over de oorlog."))
		checkClaim(t, cs, want{frag: "verspreidt", speaker: "NAVO", stance: "assert", typ: "organization"})
	})
}

func TestLinkDisputesAcrossItems(t *testing.T) {
	e := newTestExtractor(t)
	a := e.Extract(input("a", "", "De Israëlische premier Benjamin Netanyahu zegt dat Hamas het bestand schond."))
	b := e.Extract(input("b", "", "Hamas verwerpt de uitspraken van Netanyahu."))
	if len(a) != 1 || len(b) != 1 {
		t.Fatalf("claims:\n%s%s", dump(a), dump(b))
	}
	if b[0].Stance != "deny" || b[0].Target != "Benjamin Netanyahu" {
		t.Fatalf("denial %+v", b[0])
	}
	if len(b[0].Disputes) != 0 {
		t.Fatalf("no local target expected, got %v", b[0].Disputes)
	}
	items := [][]Claim{a, b}
	e.LinkDisputes(items)
	if len(items[1][0].Disputes) != 1 || items[1][0].Disputes[0] != a[0].ID {
		t.Fatalf("not linked across items: %+v", items[1][0])
	}
}

func TestActorNormalisation(t *testing.T) {
	e := newTestExtractor(t)
	cases := []struct{ np, name, typ, country string }{
		{"het Pentagon", "Pentagon", "government", "US"},
		{"de NAVO", "NAVO", "organization", "NATO"},
		{"persbureau Reuters", "Reuters", "media", ""},
		{"Amerikaanse media", "Amerikaanse media", "media", "US"},
		{"de Iraanse strijdkrachten", "Iraanse strijdkrachten", "military", "IR"},
		{"Kyiv", "Kyiv", "government", "UA"},
		{"Moskou", "Moskou", "government", "RU"},
		{"de Britten", "Britten", "country", "GB"},
		{"Hamas", "Hamas", "group", "PS"},
		{"Peter Hegseth", "Pete Hegseth", "person", "US"},
		{"de krant De Volkskrant", "De Volkskrant", "media", ""},
		{"woordvoerder Anna Berg", "Anna Berg", "person", ""},
		{"de Franse minister van Buitenlandse Zaken", "Franse minister van Buitenlandse Zaken", "government", "FR"},
		{"het Chinese ministerie van Defensie", "Chinese ministerie van Defensie", "government", "CN"},
		{"de hoogste rechter van Brazilië", "hoogste rechter van Brazilië", "government", "BR"},
	}
	for _, tc := range cases {
		ts, _ := tokenize(tc.np, 0, len(tc.np), false, nil)
		p, ok := e.parseNP(ts, 0, 0)
		if !ok || p.j != len(ts) {
			t.Errorf("%q: not parsed as one phrase (ok=%v, end %d of %d)", tc.np, ok, p.j, len(ts))
			continue
		}
		a := e.actorOfNP(nil, ts, p)
		cc := ""
		if a.Country != nil {
			cc = *a.Country
		}
		if a.Name != tc.name || a.Type != tc.typ || cc != tc.country {
			t.Errorf("%q: got %q/%s/%q, want %q/%s/%q", tc.np, a.Name, a.Type, cc, tc.name, tc.typ, tc.country)
		}
	}
}

func TestUserActorFile(t *testing.T) {
	e, err := NewExtractorWithActors(strings.NewReader("actor\tJan de Vries|De Vries\tperson\tNL\tburgemeester\n"))
	if err != nil {
		t.Fatal(err)
	}
	cs := e.Extract(input("u", "", "De Vries zegt dat de dijk het houdt."))
	checkClaim(t, cs, want{frag: "dijk", speaker: "De Vries", actor: "Jan de Vries", typ: "person", country: "NL"})
	if _, err := NewExtractorWithActors(strings.NewReader("actor\tX\tmartian\t-\n")); err == nil {
		t.Fatal("unknown actor type accepted")
	}
	if _, err := NewExtractorWithActors(strings.NewReader("planet\tMars\n")); err == nil {
		t.Fatal("unknown row kind accepted")
	}
}

func TestClaimFields(t *testing.T) {
	e := newTestExtractor(t)
	text := "Rusland zegt dat het Koersk heeft heroverd.\nVolgens Kyiv gaat het om een leugen."
	in := input("item-x", "Moskou: Koersk weer in Russische handen", text)
	a := e.Extract(in)
	b := e.Extract(in)
	if len(a) != 3 {
		t.Fatalf("%d claims:\n%s", len(a), dump(a))
	}
	for i := range a {
		if a[i].ID != b[i].ID || a[i].ID == "" {
			t.Fatalf("ids not stable: %q vs %q", a[i].ID, b[i].ID)
		}
		if a[i].Start >= 0 && text[a[i].Start:a[i].End] != a[i].Sentence {
			t.Errorf("offsets %d-%d do not give the sentence", a[i].Start, a[i].End)
		}
	}
	if a[0].Start != -1 || a[0].End != -1 || a[0].Sentence != in.Headline {
		t.Errorf("headline claim %+v", a[0])
	}
	if len(a[0].Places) != 1 || a[0].Places[0] != "Koersk" {
		t.Errorf("headline places %v, want [Koersk]", a[0].Places)
	}
	other := e.Extract(input("item-y", in.Headline, text))
	if other[1].ID == a[1].ID {
		t.Error("same id in different items")
	}
	if len(a[1].Places) != 1 || a[1].Places[0] != "Koersk" {
		t.Errorf("places %v, want [Koersk]", a[1].Places)
	}
	if a[2].Stance != "deny" || a[2].Target == "" {
		t.Errorf("denial %+v", a[2])
	}
}

func TestEntitiesHelp(t *testing.T) {
	e := newTestExtractor(t)
	text := "Volgens Kovalenko is de brug bij Zatoka vernietigd. Hij zei dat er geen slachtoffers zijn."
	in := input("ner", "", text)
	without := e.Extract(in)
	if len(without) != 2 || without[0].Actor.Type != "unknown" {
		t.Fatalf("without entities:\n%s", dump(without))
	}
	k := strings.Index(text, "Kovalenko")
	z := strings.Index(text, "Zatoka")
	in.Entities = []ner.Entity{{Text: "Kovalenko", Type: "PER", Start: k, End: k + len("Kovalenko")},
		{Text: "Zatoka", Type: "LOC", Start: z, End: z + len("Zatoka")}}
	with := e.Extract(in)
	if len(with) != 2 {
		t.Fatalf("with entities:\n%s", dump(with))
	}
	if with[0].Actor.Type != "person" || with[1].Speaker != "Kovalenko" {
		t.Errorf("entities not used:\n%s", dump(with))
	}
	if len(with[0].Places) != 1 || with[0].Places[0] != "Zatoka" {
		t.Errorf("places %v, want [Zatoka]", with[0].Places)
	}
}
