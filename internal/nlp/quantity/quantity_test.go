package quantity

import (
	"fmt"
	"strings"
	"testing"

	"wirewatch/internal/nlp"
)

func TestParseNumberWord(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"twee", 2, true}, {"elf", 11, true}, {"negentien", 19, true}, {"twintig", 20, true},
		{"tachtig", 80, true}, {"eenentwintig", 21, true}, {"drieënveertig", 43, true},
		{"tweeënnegentig", 92, true}, {"Zevenenzestig", 67, true}, {"honderd", 100, true},
		{"honderdvijftig", 150, true}, {"tweehonderd", 200, true}, {"driehonderdachtenzeventig", 378, true},
		{"duizend", 1000, true}, {"tweeduizend", 2000, true}, {"tienduizend", 10000, true},
		{"honderdduizend", 100000, true}, {"vijfhonderdduizend", 500000, true},
		{"tweeduizenddriehonderdeenenveertig", 2341, true}, {"anderhalf", 1.5, true},
		{"anderhalve", 1.5, true}, {"tweeënhalf", 2.5, true}, {"één", 1, true}, {"nul", 0, true},
		{"honderdentwee", 102, true},
		// Not cardinals.
		{"tweede", 0, false}, {"eerste", 0, false}, {"vijfjarige", 0, false}, {"enkele", 0, false},
		{"tiener", 0, false}, {"tientallen", 0, false}, {"duizenden", 0, false}, {"", 0, false},
		{"entwintig", 0, false}, {"tweeëntien", 0, false}, {"honderdhonderd", 0, false},
		{"duizendduizend", 0, false}, {"tweederde", 0, false}, {"achter", 0, false},
	}
	for _, tt := range tests {
		got, ok := ParseNumberWord(tt.in)
		if ok != tt.ok || ok && got != tt.want {
			t.Errorf("ParseNumberWord(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestParseDigits(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"3700", 3700, true}, {"700.000", 700000, true}, {"1.250.000", 1250000, true},
		{"1,5", 1.5, true}, {"1.250,75", 1250.75, true}, {"3.5", 3.5, true}, {"0,25", 0.25, true},
		{"10.000", 10000, true}, {"1.2.3", 0, false}, {"1,", 0, false}, {"abc", 0, false},
		{"20:30", 0, false}, {"", 0, false}, {"1,5,6", 0, false},
	}
	for _, tt := range tests {
		got, ok := ParseDigits(tt.in)
		if ok != tt.ok || ok && got != tt.want {
			t.Errorf("ParseDigits(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// show renders a quantity compactly for comparison.
func show(q Quantity) string {
	f := func(p *float64) string {
		if p == nil {
			return "-"
		}
		return fmt.Sprint(*p)
	}
	return fmt.Sprintf("%s|v=%s|lo=%s|hi=%s|approx=%v|unit=%s|%s", q.Text, f(q.Value), f(q.Low), f(q.High), q.Approx, q.Unit, q.Category)
}

func TestExtract(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"digits with adjective", "Bij de beschieting zijn 45 Syrische soldaten gedood.",
			[]string{"45 Syrische soldaten|v=45|lo=-|hi=-|approx=false|unit=soldaten|killed"}},
		{"thousands dot", "Volgens de VN zijn 250.000 mensen op de vlucht geslagen en gevlucht.",
			[]string{"250.000 mensen|v=250000|lo=-|hi=-|approx=false|unit=mensen|fled"}},
		{"wounded verb", "Daarnaast raakten nog 37 agenten gewond.",
			[]string{"37 agenten|v=37|lo=-|hi=-|approx=false|unit=agenten|wounded"}},
		{"floor zeker", "Er vielen zeker 1200 doden en gewonden.",
			[]string{"zeker 1200 doden en gewonden|v=1200|lo=1200|hi=-|approx=false|unit=doden en gewonden|killed_or_wounded"}},
		{"floor minstens word", "Bij de overstroming kwamen minstens negentig mensen om het leven.",
			[]string{"minstens negentig mensen|v=90|lo=90|hi=-|approx=false|unit=mensen|killed"}},
		{"floor meer dan", "Het leger nam meer dan 300 strijders gevangen.",
			[]string{"meer dan 300 strijders|v=300|lo=300|hi=-|approx=false|unit=strijders|captured"}},
		{"floor ten minste", "De politie heeft ten minste twaalf betogers gearresteerd.",
			[]string{"ten minste twaalf betogers|v=12|lo=12|hi=-|approx=false|unit=betogers|captured"}},
		{"approx zo'n", "Het land stuurt zo'n 4000 militairen naar de grens.",
			[]string{"zo'n 4000 militairen|v=4000|lo=-|hi=-|approx=true|unit=militairen|soldiers"}},
		{"approx zo’n curly", "Er wonen zo’n drieënveertigduizend inwoners in de stad.",
			[]string{"zo’n drieënveertigduizend inwoners|v=43000|lo=-|hi=-|approx=true|unit=inwoners|population"}},
		{"approx ruim", "De brigade telt ruim 2500 manschappen.",
			[]string{"ruim 2500 manschappen|v=2500|lo=-|hi=-|approx=true|unit=manschappen|soldiers"}},
		{"approx ca.", "Het kamp biedt plaats aan ca. 800 vluchtelingen.",
			[]string{"ca. 800 vluchtelingen|v=800|lo=-|hi=-|approx=true|unit=vluchtelingen|fled"}},
		{"approx bijna, rond de", "Bijna 60 dorpen en rond de 9000 bewoners zijn getroffen.",
			[]string{"Bijna 60 dorpen|v=60|lo=-|hi=-|approx=true|unit=dorpen|count", "rond de 9000 bewoners|v=9000|lo=-|hi=-|approx=true|unit=bewoners|population"}},
		{"million words", "Het conflict dreef zes miljoen burgers op de vlucht, die naar het buurland gevlucht zijn.",
			[]string{"zes miljoen burgers|v=6e+06|lo=-|hi=-|approx=false|unit=burgers|fled"}},
		{"decimal million money", "De gemeente trekt 1,5 miljoen euro uit.",
			[]string{"1,5 miljoen euro|v=1.5e+06|lo=-|hi=-|approx=false|unit=euro|money"}},
		{"billion roubles", "Moskou wil 2,3 miljard roebel besteden.",
			[]string{"2,3 miljard roebel|v=2.3e+09|lo=-|hi=-|approx=false|unit=roebel|money"}},
		{"anderhalf miljoen", "Anderhalf miljoen dollar verdween.",
			[]string{"Anderhalf miljoen dollar|v=1.5e+06|lo=-|hi=-|approx=false|unit=dollar|money"}},
		{"range tussen", "Het gaat om tussen de 200 en 400 mariniers.",
			[]string{"tussen de 200 en 400 mariniers|v=-|lo=200|hi=400|approx=false|unit=mariniers|soldiers"}},
		{"range tot", "Er zijn 300 tot 500 gevangenen vrijgelaten.",
			[]string{"300 tot 500 gevangenen|v=-|lo=300|hi=500|approx=false|unit=gevangenen|captured"}},
		{"range à", "Dagelijks steken 10 à 20 bootjes over.",
			[]string{"10 à 20 bootjes|v=-|lo=10|hi=20|approx=false|unit=bootjes|count"}},
		{"range shared multiplier", "De schade wordt geschat op 5 tot 8 miljard euro.",
			[]string{"5 tot 8 miljard euro|v=-|lo=5e+09|hi=8e+09|approx=false|unit=euro|money"}},
		{"range dash", "Er kwamen 50-60 demonstranten.",
			[]string{"50-60 demonstranten|v=-|lo=50|hi=60|approx=false|unit=demonstranten|count"}},
		{"vague plurals", "Honderden burgers en tienduizenden reservisten zijn gemobiliseerd.",
			[]string{"Honderden burgers|v=-|lo=-|hi=-|approx=true|unit=burgers|recruited", "tienduizenden reservisten|v=-|lo=-|hi=-|approx=true|unit=reservisten|recruited"}},
		{"enkele tientallen", "Enkele tientallen gewonden werden naar het ziekenhuis gebracht.",
			[]string{"Enkele tientallen gewonden|v=-|lo=-|hi=-|approx=true|unit=gewonden|wounded"}},
		{"honderdduizenden fled", "Honderdduizenden inwoners ontvluchtten de regio.",
			[]string{"Honderdduizenden inwoners|v=-|lo=-|hi=-|approx=true|unit=inwoners|fled"}},
		{"distance", "Het front ligt 40 kilometer verderop, 12 km van de stad.",
			[]string{"40 kilometer|v=40|lo=-|hi=-|approx=false|unit=kilometer|distance", "12 km|v=12|lo=-|hi=-|approx=false|unit=km|distance"}},
		{"seats of", "De partij haalde 76 van de 150 zetels.",
			[]string{"76|v=76|lo=-|hi=-|approx=false|unit=zetels|seats", "150 zetels|v=150|lo=-|hi=-|approx=false|unit=zetels|seats"}},
		{"executions anaphora", "Vorig jaar werden 300 executies voltrokken. Het jaar daarvoor waren het er nog 250.",
			[]string{"300 executies|v=300|lo=-|hi=-|approx=false|unit=executies|executions", "250|v=250|lo=-|hi=-|approx=false|unit=executies|executions"}},
		{"een half miljoen", "Ruim een half miljoen inwoners is naar het zuiden getrokken.",
			[]string{"Ruim een half miljoen inwoners|v=500000|lo=-|hi=-|approx=true|unit=inwoners|population"}},
		{"vote tegen", "De senaat stemde met 61 tegen 39 stemmen in.",
			[]string{"61|v=61|lo=-|hi=-|approx=false|unit=stemmen|count", "39 stemmen|v=39|lo=-|hi=-|approx=false|unit=stemmen|count"}},
		{"compound with digits", "Het land krijgt 12 F-35-toestellen en 4 extra fregatten.",
			[]string{"12 F-35-toestellen|v=12|lo=-|hi=-|approx=false|unit=F-35-toestellen|count", "4 extra fregatten|v=4|lo=-|hi=-|approx=false|unit=fregatten|count"}},
		{"lichtgewond", "Vijf agenten raakten lichtgewond bij de rellen.",
			[]string{"Vijf agenten|v=5|lo=-|hi=-|approx=false|unit=agenten|wounded"}},
		{"executed", "Het regime heeft vorig jaar 700 mensen geëxecuteerd.",
			[]string{"700 mensen|v=700|lo=-|hi=-|approx=false|unit=mensen|executions"}},
		{"person noun killed", "Bij het ongeluk kwamen drie chauffeurs om het leven.",
			[]string{"drie chauffeurs|v=3|lo=-|hi=-|approx=false|unit=chauffeurs|killed"}},
		{"suspects arrested", "De politie heeft 12 verdachten opgepakt.",
			[]string{"12 verdachten|v=12|lo=-|hi=-|approx=false|unit=verdachten|captured"}},
		{"op de vlucht no noun", "Het aantal Soedanezen op de vlucht is opgelopen tot 2,4 miljoen.",
			[]string{"2,4 miljoen|v=2.4e+06|lo=-|hi=-|approx=false|unit=|fled"}},
		{"krone money", "Noorwegen geeft 800 miljoen kronen uit aan luchtverdediging.",
			[]string{"800 miljoen kronen|v=8e+08|lo=-|hi=-|approx=false|unit=kronen|money"}},
		{"de dood van", "De rechter houdt hem verantwoordelijk voor de dood van minstens 15 gevangenen.",
			[]string{"minstens 15 gevangenen|v=15|lo=15|hi=-|approx=false|unit=gevangenen|killed"}},
		{"een tiental", "Bij de rellen raakte een tiental agenten gewond.",
			[]string{"een tiental agenten|v=10|lo=-|hi=-|approx=true|unit=agenten|wounded"}},
		{"bodies killed", "Er zijn nog zeker vijf lichamen gevonden.",
			[]string{"zeker vijf lichamen|v=5|lo=5|hi=-|approx=false|unit=lichamen|killed"}},
		{"de twee captured", "Twee journalisten zaten vast. De twee werden vorige week opgepakt.",
			[]string{"Twee journalisten|v=2|lo=-|hi=-|approx=false|unit=journalisten|count", "De twee|v=2|lo=-|hi=-|approx=false|unit=|captured"}},
		{"percentage", "De steun daalde tot 38 procent en later tot 35%.",
			[]string{"38 procent|v=38|lo=-|hi=-|approx=false|unit=procent|other", "35%|v=35|lo=-|hi=-|approx=false|unit=%|other"}},
		{"compound noun", "Het conflict eiste 900 burgerdoden.",
			[]string{"900 burgerdoden|v=900|lo=-|hi=-|approx=false|unit=burgerdoden|killed"}},
		{"recruited", "Het leger heeft 5000 jonge mannen gerekruteerd.",
			[]string{"5000 jonge mannen|v=5000|lo=-|hi=-|approx=false|unit=mannen|recruited"}},
		{"nearest cue wins", "Er werden 12 soldaten gedood en 30 soldaten raakten gewond.",
			[]string{"12 soldaten|v=12|lo=-|hi=-|approx=false|unit=soldaten|killed", "30 soldaten|v=30|lo=-|hi=-|approx=false|unit=soldaten|wounded"}},
		{"participle adjective", "Het ministerie telde 800 gesneuvelde mariniers.",
			[]string{"800 gesneuvelde mariniers|v=800|lo=-|hi=-|approx=false|unit=mariniers|killed"}},
		{"volume", "De centrale levert 12 miljoen kubieke meter gas.",
			[]string{"12 miljoen kubieke meter|v=1.2e+07|lo=-|hi=-|approx=false|unit=meter|other"}},
		{"kwamen om", "Bij de brand kwamen 14 bewoners om.",
			[]string{"14 bewoners|v=14|lo=-|hi=-|approx=false|unit=bewoners|killed"}},
		{"flee the draft", "Duizenden mannen vertrokken om de mobilisatie te ontvluchten.",
			[]string{"Duizenden mannen|v=-|lo=-|hi=-|approx=true|unit=mannen|fled"}},
		{"death toll", "Het dodental is opgelopen tot 45.",
			[]string{"45|v=45|lo=-|hi=-|approx=false|unit=|killed"}},
		{"prisoners killed", "Bij de aanval op het kamp zijn 40 krijgsgevangenen omgekomen.",
			[]string{"40 krijgsgevangenen|v=40|lo=-|hi=-|approx=false|unit=krijgsgevangenen|killed"}},
		{"refugees killed", "Op zee verdronken 60 vluchtelingen.",
			[]string{"60 vluchtelingen|v=60|lo=-|hi=-|approx=false|unit=vluchtelingen|killed"}},
		// Not quantities.
		{"years", "In 2022 begon de oorlog, en sinds 2014 wordt er gevochten. 2023 was zwaar.", nil},
		{"year coordination", "In 1998 en 2005 vielen er zware aardbevingen.", nil},
		{"dates", "Op 3 maart en op 14 februari 2024 werd er onderhandeld.", nil},
		{"clock", "Om 20:30 uur en om 8 uur begon het.", nil},
		{"ages", "Een vijfjarige jongen en een 45-jarige man, en een verbond van 250 jaar.", nil},
		{"durations", "Het offensief duurt al drie dagen, ruim twee maanden en bijna vier jaar.", nil},
		{"relative times", "Dat gebeurde elf dagen geleden en enkele weken later.", nil},
		{"ordinals", "Het is de tweede keer en het eerste land dat dit doet.", nil},
		{"enkele", "Enkele nederzettingen werden ingenomen.", nil},
		{"article een", "Een soldaat en een burger raakten gewond.", nil},
		{"labels", "Volgens artikel 5 en resolutie 2231 en een Boeing 737 is dat zo.", nil},
		{"age in brackets", "Piet Jansen (54) zegt dat het klopt.", nil},
		{"één voor één", "Eén voor één gingen de lampen uit.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			qs := Extract(tt.in, nlp.Sentences(tt.in))
			var got []string
			for _, q := range qs {
				got = append(got, show(q))
				if tt.in[q.Start:q.End] != q.Text {
					t.Errorf("text %q != in[%d:%d] %q", q.Text, q.Start, q.End, tt.in[q.Start:q.End])
				}
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("Extract(%q)\n got:\n  %s\nwant:\n  %s", tt.in, strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}

// TestExtractNilSentences checks that Extract splits the text itself when given no sentences.
func TestExtractNilSentences(t *testing.T) {
	in := "Er zijn 14 gewonden."
	qs := Extract(in, nil)
	if len(qs) != 1 || qs[0].Text != "14 gewonden" || qs[0].Category != Wounded {
		t.Fatalf("Extract(nil sentences) = %+v", qs)
	}
}

func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"zeker 3700 doden en gewonden", "tussen de 5 en 8 miljoen euro", "1,5 miljard", "50-60", "2022-2023",
		"De twee werden opgepakt.", "76 van de 150 zetels", "waren het er nog 250.", "zo’n 1.250,5 km", "€ 5 miljoen",
		"\xff1\xfe2", "tientallen", "een miljoen", "drieënveertig", "1,", "..5", "9999999999999999999999999",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, q := range Extract(text, nlp.Sentences(text)) {
			if q.Start < 0 || q.End > len(text) || q.Start >= q.End || text[q.Start:q.End] != q.Text {
				t.Fatalf("bad span %d-%d %q in %q", q.Start, q.End, q.Text, text)
			}
			if q.Value == nil && q.Low == nil && q.High == nil && !q.Approx {
				t.Fatalf("quantity %q has no value, bounds or approx", q.Text)
			}
			if q.Category == "" {
				t.Fatalf("quantity %q has no category", q.Text)
			}
		}
	})
}

// benchText is a wire-style paragraph written for the benchmark.
const benchText = `DEN HAAG (ANP/RTR) - Bij de aanval zijn zeker 35 burgers gedood en raakten ruim 120 mensen gewond, meldt de gouverneur. Volgens het leger zijn tussen de 400 en 600 militairen naar de regio gestuurd. In 2023 vluchtten honderdduizenden inwoners naar het westen; de schade bedraagt 1,5 miljard euro.
Het front ligt 30 kilometer van de stad, waar zo'n 80.000 inwoners wonen. Sinds 3 maart zijn er drie dagen van rust geweest.
`

func BenchmarkExtract(b *testing.B) {
	text := strings.Repeat(benchText, 20)
	sents := nlp.Sentences(text)
	b.SetBytes(int64(len(text)))
	var n int
	for b.Loop() {
		n += len(Extract(text, sents))
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "quantities/s")
}
