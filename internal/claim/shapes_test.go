package claim

import "testing"

// TestMoreAttributionShapes covers attribution shapes found missing on the
// held-out pages (testdata/heldout); each sentence is written for this test.
func TestMoreAttributionShapes(t *testing.T) {
	e := newTestExtractor(t)
	cases := []struct {
		name, text string
		want       []want
		n          int // expected number of claims, -1 = unchecked
	}{
		{"spreekt van", "De vakbond spreekt van een historische staking.",
			[]want{{frag: "historische staking", speaker: "vakbond", cue: "spreekt van"}}, 1},
		{"apposition without a name", "Het Observatorium voor de Mensenrechten, een groep in Londen, spreekt van zware verliezen.",
			[]want{{frag: "zware verliezen", speaker: "Observatorium voor de Mensenrechten", cue: "spreekt van"}}, 1},
		{"bronnen binnen", "Bronnen binnen de Georgische regering melden dat het akkoord klaarligt.",
			[]want{{frag: "akkoord klaarligt", cue: "melden"}}, 1},
		{"subject with a long van-phrase", "Een arts van een van de laatste klinieken in de stad zei dat er geen medicijnen meer zijn.",
			[]want{{frag: "geen medicijnen", speaker: "arts", cue: "zei"}}, 1},
		{"tegenover persbureau", "Tegenover persbureau AFP zei een Franse diplomaat dat de gesprekken vastzitten.",
			[]want{{frag: "gesprekken vastzitten", speaker: "Franse diplomaat", cue: "zei"}}, 1},
		{"possessive subject", "Haar woordvoerder Anna Berg bevestigde dat de reis doorgaat.",
			[]want{{frag: "reis doorgaat", speaker: "Anna Berg", cue: "bevestigde"}}, 1},
		{"door X geleide", "Volgens het door de rebellen geleide bestuur zijn er twintig doden gevallen.",
			[]want{{frag: "twintig doden", cue: "Volgens", typ: "government"}}, 1},
		{"voor in an organisation name", "Volgens de Internationale Organisatie voor Migratie zijn er veertig mensen verdronken.",
			[]want{{frag: "veertig mensen", speaker: "Internationale Organisatie voor Migratie", cue: "Volgens"}}, 1},
		{"Arabic name particle", "Interim-president Khaled al-Mansour zei dat de grens opengaat.",
			[]want{{frag: "grens opengaat", speaker: "Khaled al-Mansour", typ: "person", cue: "zei"}}, 1},
		{"uninflected adjective", "Het Noorse meteorologisch instituut waarschuwde dat er een storm aankomt.",
			[]want{{frag: "storm aankomt", speaker: "Noorse meteorologisch instituut", cue: "waarschuwde"}}, 1},
		{"colon after a cue", `De premier reageerde op X: "Dit is een zwarte dag."`,
			[]want{{frag: "zwarte dag", speaker: "premier", mode: "direct", cue: "reageerde"}}, 1},
		{"counting verb", "De hulporganisatie telde zeker 35 doden in het dorp.",
			[]want{{frag: "35 doden", speaker: "hulporganisatie", cue: "telde"}}, 1},
		{"gereageerd with a quote", `De secretaris-generaal heeft "geschokt" gereageerd op de beelden.`,
			[]want{{frag: "geschokt", cue: "gereageerd"}}, 1},
		{"aangekondigd is narration", "De Duitse regering heeft nieuwe sancties aangekondigd tegen drie bedrijven.", nil, 0},
		{"zelf", "De rebellen zelf wezen de beschuldigingen van de hand.",
			[]want{{frag: "wezen de beschuldigingen", speaker: "rebellen", stance: "deny", cue: "wezen van de hand"}}, 1},
		{"heeft dat bevestigd", "Een raket is neergestort bij de grens. Het Poolse leger heeft dat maandag bevestigd.",
			[]want{{frag: "neergestort", speaker: "Poolse leger", cue: "bevestigd"}}, 1},
		{"betwist", "Het ministerie betwist dat er burgers zijn geraakt.",
			[]want{{frag: "burgers zijn geraakt", speaker: "ministerie", stance: "deny", cue: "betwist"}}, 1},
		{"front clause with a comma", "In een brief die dinsdag uitlekte, schrijft speciaal gezant Tom Berg dat de onderhandelingen stilliggen.",
			[]want{{frag: "onderhandelingen stilliggen", speaker: "Tom Berg", cue: "schrijft"}}, 1},
		{"volgens het rapport", "Volgens het rapport zijn duizenden kinderen ondervoed.",
			[]want{{frag: "kinderen ondervoed", speaker: "rapport", cue: "Volgens"}}, 1},
		{"de schuld geven", "Lokale artsen gaven het leger de schuld.",
			[]want{{frag: "de schuld", speaker: "Lokale artsen", cue: "gaven schuld"}}, 1},
		{"koninklijk paleis", "De koning belde met de premier. Dat meldt het koninklijk paleis.",
			[]want{{frag: "belde", speaker: "koninklijk paleis", typ: "government", cue: "meldt"}}, 1},
		{"wees dat van de hand", "De ombudsman Piet de Wit wees dat van de hand.",
			[]want{{frag: "wees dat", speaker: "Piet de Wit", stance: "deny", cue: "wees van de hand"}}, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cs := e.Extract(input("x", "", tc.text))
			if tc.n >= 0 && len(cs) != tc.n {
				t.Errorf("%d claims, want %d:\n%s", len(cs), tc.n, dump(cs))
			}
			for _, w := range tc.want {
				checkClaim(t, cs, w)
			}
		})
	}
}

// TestMoreDenials covers denial shapes and their links.
func TestMoreDenials(t *testing.T) {
	e := newTestExtractor(t)
	t.Run("klopt daar niets van", func(t *testing.T) {
		cs := e.Extract(input("a", "", "De rebellen zeggen de stad te hebben ingenomen. Volgens het leger klopt daar niets van."))
		checkClaim(t, cs, want{frag: "klopt daar niets van", speaker: "leger", stance: "deny"})
	})
	t.Run("report dismissed in a dat-clause", func(t *testing.T) {
		cs := e.Extract(input("b", "", `Een VN-panel concludeerde dat de aanvallen systematisch zijn. Het ministerie laat weten dat het rapport "eenzijdig" is.`))
		checkClaim(t, cs, want{frag: "eenzijdig", speaker: "ministerie", stance: "deny"})
	})
	t.Run("klopt far from niet", func(t *testing.T) {
		cs := e.Extract(input("h", "", "Volgens de woordvoerder klopt het bericht van de krant over een exportstop niet."))
		checkClaim(t, cs, want{frag: "exportstop", speaker: "woordvoerder", stance: "deny"})
	})
	t.Run("volgens with a denial verb", func(t *testing.T) {
		cs := e.Extract(input("c", "", "De politie meldt dat de man een aanslag beraamde. Volgens zijn advocaat ontkent de man alles."))
		checkClaim(t, cs, want{frag: "ontkent de man", stance: "deny"})
	})
	t.Run("another source's negation stays an assertion", func(t *testing.T) {
		cs := e.Extract(input("d", "", `Teheran wees de beschuldigingen van de hand. IAEA-directeur Rafael Grossi: "Wij hebben geen toegang gekregen."`))
		checkClaim(t, cs, want{frag: "geen toegang", speaker: "Rafael Grossi", stance: "assert", mode: "direct"})
	})
	t.Run("wat X ontkent", func(t *testing.T) {
		cs := e.Extract(input("e", "", "Kinshasa beschuldigt Rwanda ervan de rebellen te steunen, wat Rwanda ontkent."))
		if len(cs) != 2 {
			t.Fatalf("%d claims:\n%s", len(cs), dump(cs))
		}
		checkClaim(t, cs, want{frag: "wat Rwanda ontkent", speaker: "Rwanda", stance: "deny", cue: "ontkent"})
		var deny, acc *Claim
		for i := range cs {
			if cs[i].Stance == "deny" {
				deny = &cs[i]
			} else {
				acc = &cs[i]
			}
		}
		if deny == nil || acc == nil || len(deny.Disputes) != 1 || deny.Disputes[0] != acc.ID {
			t.Errorf("denial not linked to the accusation:\n%s", dump(cs))
		}
	})
	t.Run("denial before its target", func(t *testing.T) {
		cs := e.Extract(input("f", "", "Het leger ontkende dat soldaten op burgers schoten. Hulpverleners hadden eerder gemeld dat daarbij vier doden vielen."))
		if len(cs) != 2 || cs[0].Stance != "deny" || len(cs[0].Disputes) != 1 || cs[0].Disputes[0] != cs[1].ID {
			t.Errorf("denial not linked forward:\n%s", dump(cs))
		}
	})
	t.Run("target chosen by shared content words", func(t *testing.T) {
		cs := e.Extract(input("g", "", "De gouverneur meldde dat een ziekenhuis is geraakt. President Petrov zei dat het land standhoudt. Het Russische leger weerspreekt dat er een ziekenhuis is geraakt."))
		if len(cs) != 3 {
			t.Fatalf("%d claims:\n%s", len(cs), dump(cs))
		}
		if cs[2].Stance != "deny" || len(cs[2].Disputes) != 1 || cs[2].Disputes[0] != cs[0].ID {
			t.Errorf("denial should dispute the governor's claim:\n%s\n%v", dump(cs), cs[2].Disputes)
		}
	})
}
