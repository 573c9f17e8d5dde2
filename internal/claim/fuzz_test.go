package claim

import (
	"testing"

	"wirewatch/internal/nlp"
)

func FuzzExtract(f *testing.F) {
	f.Add("Rusland: aanval afgeslagen", "De Russische minister zegt dat de aanval is afgeslagen. \"We houden stand\", zei hij.")
	f.Add("", "Dat meldt Reuters.\nVolgens hem, aldus , zegt \"\" : dat")
	f.Add("X:", "\"\"\", zei . Dat")
	f.Add("", "Het Kremlin sprak berichten in Russische media tegen dat. Volgens schattingen van en")
	f.Fuzz(func(t *testing.T, headline, text string) {
		e, err := NewExtractor()
		if err != nil {
			t.Fatal(err)
		}
		in := Input{ItemID: "fuzz", Headline: headline, Text: text, Sentences: nlp.Sentences(text)}
		cs := e.Extract(in)
		for _, c := range cs {
			if c.Start == -1 {
				if c.End != -1 || c.Sentence != headline {
					t.Fatalf("headline claim with bad span: %+v", c)
				}
				continue
			}
			if c.Start < 0 || c.End > len(text) || c.Start > c.End {
				t.Fatalf("offsets %d-%d outside text of %d bytes", c.Start, c.End, len(text))
			}
			if text[c.Start:c.End] != c.Sentence {
				t.Fatalf("sentence %q is not text[%d:%d]", c.Sentence, c.Start, c.End)
			}
			if c.ID == "" || c.Disputes == nil || c.Places == nil || c.Quantities == nil {
				t.Fatalf("unset fields: %+v", c)
			}
			if c.Mode != "direct" && c.Mode != "indirect" && c.Mode != "headline" {
				t.Fatalf("mode %q", c.Mode)
			}
		}
		e.LinkDisputes([][]Claim{cs, cs})
		// Garbage sentence spans must not panic either.
		in.Sentences = append(in.Sentences, nlp.Sentence{Start: len(text) / 2, End: len(text) + 3})
		_ = e.Extract(in)
	})
}

// benchText is a seed-sized page body written for the benchmark.
const benchText = `De Oekraïense president Volodymyr Zelensky zegt dat het leger een belangrijke aanval bij Pokrovsk heeft afgeslagen. Volgens hem verloor Rusland daarbij ruim 300 militairen.
"We houden stand, hoe zwaar het ook is", zei Zelensky in zijn avondtoespraak. Hij riep de bondgenoten op meer luchtafweer te sturen.
Het Russische ministerie van Defensie stelt dat de eigen troepen juist terrein winnen. Die zouden twee dorpen hebben ingenomen. Kyiv noemde dat propaganda.
Het Britse ministerie van Defensie schrijft in een dagelijkse update dat de strijd om de stad nog weken kan duren, aldus de Britten.
De NAVO veroordeelt de aanvallen op de energie-infrastructuur, zegt een woordvoerder van het bondgenootschap.`

func BenchmarkExtract(b *testing.B) {
	e, err := NewExtractor()
	if err != nil {
		b.Fatal(err)
	}
	in := Input{ItemID: "bench", Headline: "Zelensky: aanval bij Pokrovsk afgeslagen", Text: benchText, Sentences: nlp.Sentences(benchText)}
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for i := 0; i < b.N; i++ {
		n += len(e.Extract(in))
	}
	b.StopTimer()
	if n == 0 {
		b.Fatal("no claims")
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "items/s")
	b.ReportMetric(float64(len(benchText)*b.N)/b.Elapsed().Seconds()/1e6, "MB/s")
}
