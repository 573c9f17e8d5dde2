package page

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"wirewatch/examples"
)

// benchTextPage builds a text page of about size bytes in the seeds' shape: a lead
// article and a sidebar of briefs with glued ages.
func benchTextPage(size int) []byte {
	var b bytes.Buffer
	b.WriteString("Oekraïne: zeker 40 doden bij aanval op Charkiv\n")
	b.WriteString("KYIV (ANP/RTR/AFP) - De Oekraïense generale staf zegt dat bij de aanval zeker 40 doden zijn gevallen. Moskou ontkent dat.\n")
	for i := 0; b.Len() < size/2; i++ {
		b.WriteString("Volgens de gouverneur raakten ruim 120 mensen gewond. \"Dit waren gezinnen\", aldus de gouverneur. Het Kremlin noemde de berichten leugens.\n")
	}
	b.WriteString("Meer uit Buitenland\n")
	b.WriteString("BEIROET (ANP/RTR) - Bij luchtaanvallen in Zuid-Libanon zijn volgens het ministerie zeven mensen om het leven gekomen.\n")
	for i := 0; b.Len() < size; i++ {
		b.WriteString("26 minuten geledenGAZA-STAD/TEL AVIV (ANP/AFP/DPA) - Het leger zegt dat tussen de 300 en 500 strijders zijn opgepakt. Hamas ontkent dat.\n")
	}
	b.WriteString("1 uur geleden\n")
	return b.Bytes()
}

func benchParse(b *testing.B, raw []byte) {
	at := time.Date(2026, 3, 4, 12, 0, 0, 0, time.UTC)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuSeconds()
	for b.Loop() {
		if _, _, err := Parse("bench", raw, &at); err != nil {
			b.Fatal(err)
		}
	}
	cpu := cpuSeconds() - cpu0
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
	// On a shared machine wall time says more about the neighbours than about
	// the parser: also report throughput per second of CPU this process used
	// (GC included), i.e. what one free core does.
	if cpu > 0 {
		b.ReportMetric(float64(b.N)*float64(len(raw))/1e6/cpu, "MB/cpu-s")
	}
}

// BenchmarkParse reports MB/s, MB per CPU second and pages/s for text pages of
// the seeds' size and of 1 MB, for HTML pages (trafilatura included) and RSS.
func BenchmarkParse(b *testing.B) {
	html, err := examples.Read("pages/06_sudan_sidebar.html")
	if err != nil {
		b.Fatal(err)
	}
	// A bigger HTML page: the same article with many more paragraphs.
	bigHTML := bytes.Replace(html, []byte("<h2>Honger</h2>"),
		[]byte("<h2>Honger</h2>"+strings.Repeat("<p>Volgens het leger zijn zeker 40 strijders gedood; de RSF ontkent dat en noemt de berichten leugens.</p>\n", 500)), 1)
	rss, err := examples.Read("pages/07_feed_rss.xml")
	if err != nil {
		b.Fatal(err)
	}
	cases := []struct {
		name string
		raw  []byte
	}{
		{"text-4KB", benchTextPage(4 << 10)},
		{"text-1MB", benchTextPage(1 << 20)},
		{"html-4KB", html},
		{"html-50KB", bigHTML},
		{"rss", rss},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) { benchParse(b, c.raw) })
	}
}
