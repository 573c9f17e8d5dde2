package nlp

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func texts(toks []Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Text
	}
	return out
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		name, in string
		want     string // tokens joined by "|"
	}{
		{"abbreviations", "Volgens o.a. dhr. Visser en mr. drs. De Wit", "Volgens|o.a.|dhr.|Visser|en|mr.|drs.|De|Wit"},
		{"more abbreviations", "zie blz. 12, nr. 3 e.d. en bijv. m.n. de prof. dr. ca. 40 enz. etc.", "zie|blz.|12|,|nr.|3|e.d.|en|bijv.|m.n.|de|prof.|dr.|ca.|40|enz.|etc."},
		{"months", "op 3 jan. j.l. begon het", "op|3|jan.|j.l.|begon|het"},
		{"name Jan is no month", "Dat zei Jan.", "Dat|zei|Jan|."},
		{"thousands", "1.250 mensen en 10.000 euro", "1.250|mensen|en|10.000|euro"},
		{"decimal", "3,5 procent", "3,5|procent"},
		{"decimal million", "1,5 miljoen dollar", "1,5|miljoen|dollar"},
		{"clock", "om 20:30 uur", "om|20:30|uur"},
		{"percent", "ruim 5% meer", "ruim|5%|meer"},
		{"zo'n straight", "zo'n twintig", "zo'n|twintig"},
		{"zo’n curly", "zo’n twintig", "zo’n|twintig"},
		{"plural apostrophe", "twee auto's", "twee|auto's"},
		{"'s-Hertogenbosch", "in 's-Hertogenbosch gebeurd", "in|'s-Hertogenbosch|gebeurd"},
		{"'s avonds", "'s avonds laat", "'s|avonds|laat"},
		{"’s morgens", "’s morgens vroeg", "’s|morgens|vroeg"},
		{"'t", "Da's 't beste", "Da's|'t|beste"},
		{"decade", "in de jaren '80 al", "in|de|jaren|'80|al"},
		{"compounds", "NAVO-landen en Noord-Koreaanse troepen", "NAVO-landen|en|Noord-Koreaanse|troepen"},
		{"truncated compound", "land- en tuinbouw", "land-|en|tuinbouw"},
		{"straight quotes", `hij zei "nee" tegen hen`, `hij|zei|"|nee|"|tegen|hen`},
		{"curly quotes", "hij zei “nee” en ‘ja’", "hij|zei|“|nee|”|en|‘|ja|’"},
		{"low-9 quote", "„Nooit”, zei ze", "„|Nooit|”|,|zei|ze"},
		{"old-style quotes", ",,Nooit meer.'' zei ze", ",,|Nooit|meer|.|''|zei|ze"},
		{"initials", "J.F. Kennedy en A. Smit", "J.F.|Kennedy|en|A.|Smit"},
		{"url", "zie https://www.voorbeeld.nl/nieuws?id=3. Dan", "zie|https://www.voorbeeld.nl/nieuws?id=3|.|Dan"},
		{"www", "op www.voorbeeld.nl, toen", "op|www.voorbeeld.nl|,|toen"},
		{"email", "mail tips@voorbeeld.nl!", "mail|tips@voorbeeld.nl|!"},
		{"ellipsis", "en toen... niets", "en|toen|...|niets"},
		{"unicode ellipsis", "en toen… niets", "en|toen|…|niets"},
		{"dateline", "KYIV (ANP/RTR) - Het leger", "KYIV|(|ANP/RTR|)|-|Het|leger"},
		{"question exclamation", "Echt?! Ja!", "Echt|?!|Ja|!"},
		{"brackets", "(zie kader)", "(|zie|kader|)"},
		{"diacritics", "drieënveertig Oekraïense coördinatoren", "drieënveertig|Oekraïense|coördinatoren"},
		{"nbsp", "10\u00a0000 man", "10|000|man"},
		{"and-sign", "CD&V en en/of", "CD&V|en|en/of"},
		{"sentence period", "Het leger won.", "Het|leger|won|."},
		{"period run-on", "won.Daarna", "won|.|Daarna"},
		{"clitic ie", "dan krijgt -ie een boete", "dan|krijgt|-ie|een|boete"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := Tokenize(tt.in)
			got := strings.Join(texts(toks), "|")
			if got != tt.want {
				t.Errorf("Tokenize(%q)\n got %s\nwant %s", tt.in, got, tt.want)
			}
			checkOffsets(t, tt.in, toks)
		})
	}
}

func checkOffsets(t *testing.T, text string, toks []Token) {
	t.Helper()
	prev := 0
	for _, tk := range toks {
		if tk.Start < prev || tk.End <= tk.Start || tk.End > len(text) {
			t.Fatalf("bad span %d-%d after %d (len %d)", tk.Start, tk.End, prev, len(text))
		}
		if text[tk.Start:tk.End] != tk.Text {
			t.Fatalf("token %q != text[%d:%d] %q", tk.Text, tk.Start, tk.End, text[tk.Start:tk.End])
		}
		prev = tk.End
	}
}

func sentTexts(text string, ss []Sentence) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = text[s.Start:s.End]
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"plain", "Het regent. De zon schijnt.", []string{"Het regent.", "De zon schijnt."}},
		{"question and exclamation", "Komt hij? Nee! Jammer.", []string{"Komt hij?", "Nee!", "Jammer."}},
		{"quote then verb", `"We gaan door." zei hij. Daarna ging hij.`, []string{`"We gaan door." zei hij.`, "Daarna ging hij."}},
		{"question in quote then verb", `"Waarom nu?" vroeg ze. Niemand wist het.`, []string{`"Waarom nu?" vroeg ze.`, "Niemand wist het."}},
		{"quote ends sentence", `Hij zei: "Dit is het einde." Toen viel het doek.`, []string{`Hij zei: "Dit is het einde."`, "Toen viel het doek."}},
		{"curly quote ends sentence", "Ze zei: “Klaar.” Daarna niets.", []string{"Ze zei: “Klaar.”", "Daarna niets."}},
		{"spaced closing quote", `Hij zei: " Het is klaar. " Toen ging hij.`, []string{`Hij zei: " Het is klaar. "`, "Toen ging hij."}},
		{"old-style quotes", ",,Het is mooi geweest. '' Zo sprak de trainer.", []string{",,Het is mooi geweest. ''", "Zo sprak de trainer."}},
		{"ellipsis in quote", `"Misschien..." zei hij. Ja.`, []string{`"Misschien..." zei hij.`, "Ja."}},
		{"abbreviations inside", "Dhr. Smit sprak o.a. met mr. De Vries en prof. dr. Bakker. Daarna vertrok hij.", []string{"Dhr. Smit sprak o.a. met mr. De Vries en prof. dr. Bakker.", "Daarna vertrok hij."}},
		{"initials", "Volgens J.F. Kennedy was het zo. Ja.", []string{"Volgens J.F. Kennedy was het zo.", "Ja."}},
		{"abbreviation ends sentence", "Ze kochten brood, kaas enz. Toen gingen ze.", []string{"Ze kochten brood, kaas enz.", "Toen gingen ze."}},
		{"ca before number", "Er waren ca. 300 mensen. Genoeg.", []string{"Er waren ca. 300 mensen.", "Genoeg."}},
		{"lowercase after period", "Het kostte 3 mln. euro per jaar.", []string{"Het kostte 3 mln. euro per jaar."}},
		{"newline ends sentence", "Kop zonder punt\nHet leger rukt op. Verder niets\nNieuwe alinea", []string{"Kop zonder punt", "Het leger rukt op.", "Verder niets", "Nieuwe alinea"}},
		{"dateline", "KYIV (ANP/RTR) - Het leger meldt verliezen. Het is onduidelijk.", []string{"KYIV (ANP/RTR) - Het leger meldt verliezen.", "Het is onduidelijk."}},
		{"number starts sentence", "Het was druk. 300 mensen kwamen.", []string{"Het was druk.", "300 mensen kwamen."}},
		{"bracket closes", "Het gebeurde (zegt hij.) Daarna ging hij.", []string{"Het gebeurde (zegt hij.)", "Daarna ging hij."}},
		{"blank lines", "\n\nEen.\n\n\nTwee.\n", []string{"Een.", "Twee."}},
		{"empty", "", []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ss := Sentences(tt.in)
			if diff := cmp.Diff(tt.want, sentTexts(tt.in, ss)); diff != "" {
				t.Errorf("Sentences(%q) (-want +got):\n%s", tt.in, diff)
			}
			for _, s := range ss {
				checkOffsets(t, tt.in, s.Tokens)
				if s.Start != s.Tokens[0].Start || s.End != s.Tokens[len(s.Tokens)-1].End {
					t.Errorf("sentence span %d-%d does not cover its tokens", s.Start, s.End)
				}
			}
		})
	}
}

// TestSentencesKeepAllTokens checks that splitting loses and duplicates no token.
func TestSentencesKeepAllTokens(t *testing.T) {
	text := "Dhr. Smit zei: \"Nee.\" Toen... niets\nKop\n's Avonds kwamen er 1,5 miljoen mensen. Klaar!"
	var got []Token
	for _, s := range Sentences(text) {
		got = append(got, s.Tokens...)
	}
	if diff := cmp.Diff(Tokenize(text), got); diff != "" {
		t.Errorf("tokens of sentences differ from Tokenize (-want +got):\n%s", diff)
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{
		"Dhr. Smit zei: \"Nee.\" Toen... niets", "zo’n 1,5 miljoen", "'s-Hertogenbosch", "'", "’s", "-ie", "www.", "https://x.nl.",
		"a.b.c.", "1.2.3,4:5%", "\xff\xfe", "land- en", ",,x''", "J.F.", "\u2028x\u2029", "a@b.c", "'30'",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		toks := Tokenize(text)
		checkOffsets(t, text, toks)
		for _, tk := range toks {
			r, _ := utf8.DecodeRuneInString(tk.Text)
			if isSpace(r) {
				t.Fatalf("token %q starts with space", tk.Text)
			}
		}
		var n int
		prevEnd := 0
		for _, s := range Sentences(text) {
			if len(s.Tokens) == 0 || s.Start < prevEnd || s.End > len(text) || s.Start > s.End {
				t.Fatalf("bad sentence %d-%d", s.Start, s.End)
			}
			prevEnd = s.End
			n += len(s.Tokens)
		}
		if n != len(toks) {
			t.Fatalf("sentences hold %d tokens, Tokenize gives %d", n, len(toks))
		}
	})
}

// benchText is a paragraph in the style of a wire item (written for the benchmark).
const benchText = `DEN HAAG (ANP/RTR) - Het kabinet trekt zo'n 1,5 miljoen euro uit voor o.a. de opvang van 700 vluchtelingen in 's-Hertogenbosch, zegt minister J. de Vries. "We doen wat we kunnen." zei hij dinsdag om 20:30 uur. Volgens dhr. Bakker is dat te weinig: "Er zijn er ten minste 10.000 nodig!"
Kritiek uit de Tweede Kamer
Oppositiepartijen, bijv. GroenLinks-PvdA en de SP, willen meer geld... De stemming is op 3 jan. j.l. uitgesteld.
`

func BenchmarkTokenize(b *testing.B) {
	text := strings.Repeat(benchText, 50)
	b.SetBytes(int64(len(text)))
	var n int
	for b.Loop() {
		n += len(Tokenize(text))
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "tokens/s")
}

func BenchmarkSentences(b *testing.B) {
	text := strings.Repeat(benchText, 50)
	b.SetBytes(int64(len(text)))
	var n int
	for b.Loop() {
		n += len(Sentences(text))
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "sentences/s")
}
