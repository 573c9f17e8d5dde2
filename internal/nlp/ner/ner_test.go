package ner

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/google/go-cmp/cmp"

	"wirewatch/internal/nlp"
)

// sharedDir is $WIREWATCH_SHARED or ../shared next to the repository root.
func sharedDir(t testing.TB) string {
	t.Helper()
	d := os.Getenv("WIREWATCH_SHARED")
	if d == "" {
		d = filepath.Join("..", "..", "..", "..", "shared")
	}
	if _, err := os.Stat(filepath.Join(d, "data", "conll2002-ned", "ned.testb")); err != nil {
		t.Skipf("shared data not found (%v); set WIREWATCH_SHARED to run this test", err)
	}
	return d
}

func readConllFile(t testing.TB, path string) []Sentence {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := ReadCoNLL(f)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestWordShape(t *testing.T) {
	for _, tc := range []struct{ in, shape, short string }{
		{"Charkiv", "Xxxxxx", "Xx"},
		{"NAVO", "XXXX", "X"},
		{"F-16", "X-dd", "X-d"},
		{"2024", "dddd", "d"},
		{"iPhone", "xXxxxx", "xXx"},
		{"Oekraïne", "Xxxxxx", "Xx"},
		{".", ".", "."},
	} {
		shape, short := wordShape(tc.in)
		if shape != tc.shape || short != tc.short {
			t.Errorf("wordShape(%q) = %q, %q; want %q, %q", tc.in, shape, short, tc.shape, tc.short)
		}
	}
}

func TestFeatures(t *testing.T) {
	g := newGazetteer()
	g.add("Verenigde Staten", gazLOC)
	g.add("Bachmoet", gazLOC)
	res := resources{gaz: g, clusters: map[string]uint32{"Bachmoet": 3<<16 | 17}, caps: map[string]uint8{"de": 1}}
	words := []string{"De", "strijd", "om", "Bachmoet", "en", "de", "Verenigde", "Staten", "."}
	infos := res.info(words)
	for _, tc := range []struct {
		name   string
		i      int
		want   []uint32
		absent []uint32
	}{
		{"first token says it is first", 0,
			[]uint32{feat1(fWord, "De"), feat1(fLower, "de"), featN(fFirst, 1), feat1(fLowerM1, "<s>")},
			nil},
		{"not first, no first feature", 1,
			[]uint32{feat1(fLowerM1, "de"), feat1(fLowerP1, "om"), feat1(fLowerP2, "bachmoet")},
			[]uint32{featN(fFirst, 0)}},
		{"affixes, cluster, gazetteer", 3,
			[]uint32{
				feat1(fPrefix, "b"), feat1(fPrefix+3, "bach"), feat1(fSuffix, "t"), feat1(fSuffix+3, "moet"),
				feat1(fShape, "Xxxxxx"), feat1(fShortShape, "Xx"),
				featN(fClusterCoarse, 3), featN(fClusterFine, (17-1)/leafSplit+1), featN(fClusterLeaf, 17),
				featN(fGaz, 0), // LOC begin
				feat2(fBigramM1, "om", "bachmoet"),
			},
			[]uint32{featN(fGaz, 1)}},
		{"inside a multi-word gazetteer name", 7,
			[]uint32{featN(fGaz, 1), featN(fGazM1, 0), feat1(fLowerP1, "."), feat1(fLowerP2, "</s>")},
			[]uint32{featN(fGaz, 0)}},
		{"lower-case word is no gazetteer match", 5,
			[]uint32{featN(fClusterFine, 0)},
			[]uint32{featN(fGaz, 0)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := features(nil, &res, infos, tc.i)
			for _, w := range tc.want {
				if !slices.Contains(got, w) {
					t.Errorf("token %d (%s): missing feature %#x", tc.i, words[tc.i], w)
				}
			}
			for _, a := range tc.absent {
				if slices.Contains(got, a) {
					t.Errorf("token %d (%s): unexpected feature %#x", tc.i, words[tc.i], a)
				}
			}
		})
	}
}

func TestFeatureHashSeparatesParts(t *testing.T) {
	if feat2(fBigramM1, "ab", "c") == feat2(fBigramM1, "a", "bc") {
		t.Error("feature hash does not separate its parts")
	}
	if feat1(fLowerM1, "x") == feat1(fLowerP1, "x") {
		t.Error("feature hash ignores the template")
	}
}

func TestGazetteerMark(t *testing.T) {
	g := newGazetteer()
	g.add("Den Haag", gazLOC)
	g.add("Hamas", gazORG)
	g.add("Goes", gazLOC)
	for _, tc := range []struct {
		words []string
		want  []uint8
	}{
		{[]string{"In", "Den", "Haag"}, []uint8{0, gazLocB, gazLocI}},
		{[]string{"Hamas", "zegt"}, []uint8{gazOrgB, 0}},
		{[]string{"het", "goes", "goed"}, []uint8{0, 0, 0}},
		{[]string{"Den", "Bosch"}, []uint8{0, 0}},
	} {
		infos := (&resources{gaz: g}).info(tc.words)
		var got []uint8
		for _, in := range infos {
			got = append(got, in.gaz)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%v: gaz bits %v, want %v", tc.words, got, tc.want)
		}
	}
}

func TestChunks(t *testing.T) {
	for _, tc := range []struct {
		tags []string
		want []Chunk
	}{
		{[]string{"O", "B-PER", "I-PER", "O"}, []Chunk{{"PER", 1, 3}}},
		{[]string{"B-LOC", "B-LOC"}, []Chunk{{"LOC", 0, 1}, {"LOC", 1, 2}}},
		{[]string{"O", "I-ORG", "I-ORG"}, []Chunk{{"ORG", 1, 3}}},           // IOB1-style start
		{[]string{"B-PER", "I-LOC"}, []Chunk{{"PER", 0, 1}, {"LOC", 1, 2}}}, // type change starts a chunk
		{[]string{"O", "O"}, nil},
	} {
		if got := Chunks(tc.tags); !cmp.Equal(got, tc.want) {
			t.Errorf("Chunks(%v) = %v, want %v", tc.tags, got, tc.want)
		}
	}
}

func TestReadCoNLL(t *testing.T) {
	in := "-DOCSTART- -DOCSTART- O\nDe Art O\nNAVO N B-ORG\n\n\nZij Pron O\n"
	got, err := ReadCoNLL(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []Sentence{{Words: []string{"De", "NAVO"}, Tags: []string{"O", "B-ORG"}}, {Words: []string{"Zij"}, Tags: []string{"O"}}}
	if !cmp.Equal(got, want) {
		t.Errorf("ReadCoNLL = %v, want %v", got, want)
	}
	if _, err := ReadCoNLL(strings.NewReader("alleen\n")); err == nil {
		t.Error("a line without a tag was accepted")
	}
}

func trainTiny(t *testing.T) *Model {
	t.Helper()
	sents := readConllFile(t, filepath.Join("testdata", "tiny.conll"))
	res, err := BuildResources(context.Background(), "", "", DefaultTrainConfig())
	if err != nil {
		t.Fatal(err)
	}
	cfg := DefaultTrainConfig()
	cfg.Epochs = 10
	m, hist, err := Train(context.Background(), sents, nil, res, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) != 10 {
		t.Errorf("got %d epoch scores, want 10", len(hist))
	}
	return m
}

func TestTrainTiny(t *testing.T) {
	m := trainTiny(t)
	for _, tc := range []struct {
		words []string
		want  []string
	}{
		// seen in training
		{[]string{"Hendriks", "woont", "al", "jaren", "in", "Zwolle", "."}, []string{"B-PER", "O", "O", "O", "O", "B-LOC", "."}},
		// new combination of known names and contexts
		{[]string{"Minister", "Pieterse", "woont", "in", "Deventer", "."}, []string{"O", "B-PER", "O", "O", "B-LOC", "O"}},
		{[]string{"De", "Stichting", "Waterbeheer", "juichte", "."}, []string{"O", "B-ORG", "I-ORG", "O", "O"}},
	} {
		got := m.Tag(tc.words)
		want := slices.Clone(tc.want)
		for i := range want {
			if want[i] == "." {
				want[i] = "O"
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("Tag(%v) = %v, want %v", tc.words, got, want)
		}
	}
}

func TestEncodeRoundTrip(t *testing.T) {
	m := trainTiny(t)
	if m.stage1 == nil {
		t.Fatal("default config trained no first stage")
	}
	var a bytes.Buffer
	if err := m.Encode(&a); err != nil {
		t.Fatal(err)
	}
	m2, err := Load(bytes.NewReader(a.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := m2.Encode(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("encode(load(encode(m))) differs from encode(m)")
	}
	words := []string{"Volgens", "Hendriks", "is", "Zwolle", "mooi", "."}
	if got, want := m2.Tag(words), m.Tag(words); !slices.Equal(got, want) {
		t.Errorf("loaded model tags %v, trained model %v", got, want)
	}
	if m2.stage1 == nil || len(m2.stage1.index) == 0 {
		t.Error("first stage lost in the round trip")
	}
	if !cmp.Equal(m2.res.gaz.names, m.res.gaz.names) {
		t.Error("gazetteer changed in the round trip")
	}
}

func TestLoadErrors(t *testing.T) {
	m := trainTiny(t)
	var good bytes.Buffer
	if err := m.Encode(&good); err != nil {
		t.Fatal(err)
	}
	gz := func(b []byte) []byte {
		var buf bytes.Buffer
		w := gzip.NewWriter(&buf)
		w.Write(b)
		w.Close()
		return buf.Bytes()
	}
	raw, err := gzip.NewReader(bytes.NewReader(good.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	var plain bytes.Buffer
	plain.ReadFrom(raw)
	flipped := slices.Clone(good.Bytes())
	flipped[len(flipped)/2] ^= 0x55
	wrongVersion := slices.Clone(plain.Bytes())
	wrongVersion[len(modelMagic)] = featureVersion + 1
	for _, tc := range []struct {
		name string
		data []byte
		msg  string
	}{
		{"empty", nil, "gzip header"},
		{"not gzip", []byte("dit is geen model"), "gzip header"},
		{"flipped byte", flipped, ""},
		{"truncated gzip", good.Bytes()[:good.Len()/2], "gzip data"},
		{"bad magic", gz([]byte("wirewatch-xyz\x00rest")), "bad magic"},
		{"truncated model", gz(plain.Bytes()[:plain.Len()-7]), "truncated"},
		{"trailing bytes", gz(append(slices.Clone(plain.Bytes()), 1, 2, 3)), "trailing"},
		{"other feature version", gz(wrongVersion), "feature version"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(bytes.NewReader(tc.data))
			if err == nil {
				t.Fatal("Load accepted a corrupt model")
			}
			if !errors.Is(err, ErrBadModel) {
				t.Errorf("error %v does not wrap ErrBadModel", err)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %q does not mention %q", err, tc.msg)
			}
		})
	}
}

func TestDefaultEntities(t *testing.T) {
	tg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	text := "KYIV (ANP) - De Russische president Vladimir Poetin heeft woensdag in Moskou gezegd dat de NAVO de oorlog in Oekraïne verlengt."
	toks := simpleTokenSpans(text)
	ents := tg.Entities(text, []nlp.Sentence{{Start: 0, End: len(text), Tokens: toks}})
	found := map[string]string{}
	for _, e := range ents {
		if text[e.Start:e.End] != e.Text {
			t.Errorf("entity %+v: offsets give %q", e, text[e.Start:e.End])
		}
		found[e.Text] = e.Type
	}
	for name, typ := range map[string]string{"Vladimir Poetin": "PER", "Moskou": "LOC", "Oekraïne": "LOC", "NAVO": "ORG"} {
		if found[name] != typ {
			t.Errorf("%s: got type %q, want %s (all: %v)", name, found[name], typ, ents)
		}
	}
	if got := tg.Entities("", nil); got == nil || len(got) != 0 {
		t.Errorf("no sentences: got %#v, want an empty non-nil slice", got)
	}
}

// simpleTokenSpans tokenises like simpleTokens but keeps byte offsets.
func simpleTokenSpans(text string) []nlp.Token {
	var out []nlp.Token
	pos := 0
	for _, w := range simpleTokens(text) {
		i := strings.Index(text[pos:], w)
		out = append(out, nlp.Token{Text: w, Start: pos + i, End: pos + i + len(w)})
		pos += i + len(w)
	}
	return out
}

func TestDefaultModelTestb(t *testing.T) {
	d := sharedDir(t)
	m, err := DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	ev := m.Evaluate(readConllFile(t, filepath.Join(d, "data", "conll2002-ned", "ned.testb")))
	t.Logf("ned.testb entity F1 %.2f (P %.2f R %.2f)", 100*ev.F1(), 100*ev.All.Precision(), 100*ev.All.Recall())
	if ev.F1() < 0.80 {
		t.Errorf("ned.testb entity F1 %.4f < 0.80", ev.F1())
	}
}

func BenchmarkNER(b *testing.B) {
	m, err := DefaultModel()
	if err != nil {
		b.Fatal(err)
	}
	var sents [][]string
	d := os.Getenv("WIREWATCH_SHARED")
	if d == "" {
		d = filepath.Join("..", "..", "..", "..", "shared")
	}
	if f, err := os.Open(filepath.Join(d, "data", "conll2002-ned", "ned.testb")); err == nil {
		ss, err := ReadCoNLL(f)
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
		for _, s := range ss {
			sents = append(sents, s.Words)
		}
	} else {
		sents = [][]string{simpleTokens("De Oekraïense strijdkrachten melden dat bij Bachmoet zeker twintig Russische militairen zijn gedood , zegt woordvoerder Petrenko tegen persbureau Ukrinform .")}
	}
	tokens := 0
	for _, s := range sents {
		tokens += len(s)
	}
	cpu0 := cpuSeconds()
	b.ResetTimer()
	for b.Loop() {
		for _, s := range sents {
			m.Tag(s)
		}
	}
	b.ReportMetric(float64(tokens*b.N)/b.Elapsed().Seconds(), "tokens/s")
	// On a shared machine wall-clock speed depends on the neighbours; speed per
	// CPU second of this process (GC included) is what one free core would give.
	if cpu := cpuSeconds() - cpu0; cpu > 0 {
		b.ReportMetric(float64(tokens*b.N)/cpu, "tokens/cpu-s")
	}
}

// cpuSeconds is the user+system CPU time of this process so far.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}

func FuzzReadCoNLL(f *testing.F) {
	f.Add("De Art O\nNAVO N B-ORG\n\n-DOCSTART- O\n")
	f.Add("x\n")
	f.Fuzz(func(t *testing.T, in string) {
		sents, err := ReadCoNLL(strings.NewReader(in))
		if err != nil {
			return
		}
		for _, s := range sents {
			if len(s.Words) != len(s.Tags) || len(s.Words) == 0 {
				t.Fatalf("bad sentence %+v", s)
			}
			for _, c := range Chunks(s.Tags) {
				if c.Start < 0 || c.End > len(s.Tags) || c.Start >= c.End {
					t.Fatalf("bad chunk %+v", c)
				}
			}
		}
	})
}

func FuzzLoad(f *testing.F) {
	m := newModel(Labels, resources{gaz: newGazetteer(), clusters: map[string]uint32{"Kyiv": 1<<16 | 2}})
	m.index[feat1(fWord, "Kyiv")] = 0
	m.w = make([]float32, len(Labels))
	m.w[5] = 1
	m.scale = 0.5
	var buf bytes.Buffer
	if err := m.Encode(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte{0x1f, 0x8b})
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Load(bytes.NewReader(data))
		if err != nil {
			if !errors.Is(err, ErrBadModel) {
				t.Fatalf("error %v does not wrap ErrBadModel", err)
			}
			return
		}
		m.Tag([]string{"In", "Kyiv", "."})
	})
}

func TestDocFeatures(t *testing.T) {
	res := &resources{gaz: newGazetteer()}
	res.gaz.add("Bachmoet", gazLOC)
	doc := [][]string{
		{"Bachmoet", "valt", "bijna", "."},
		{"De", "strijd", "in", "Bachmoet", "duurt", "voort", "."},
		{"Zij", "wonen", "in", "de", "strijd", "."},
	}
	infos := make([][]tokInfo, len(doc))
	for i, s := range doc {
		infos[i] = res.info(s)
	}
	linkDoc(infos)
	first := features(nil, res, infos[0], 0)
	for _, tc := range []struct {
		name string
		feat uint32
		want bool
	}{
		{"context from the other mention", feat1(fDocPrev, "in"), true},
		{"next words of all mentions", feat1(fDocNext, "duurt"), true},
		{"capitalised mid-sentence elsewhere, first here", featN(fDocMidCap, 1<<1|1), true},
		{"gazetteer bits of the document", featN(fDocGaz, 0), true},
		{"no context from unrelated words", feat1(fDocPrev, "wonen"), false},
	} {
		if got := slices.Contains(first, tc.feat); got != tc.want {
			t.Errorf("%s: feature present = %v, want %v", tc.name, got, tc.want)
		}
	}
	// "De" opens a sentence and "de" is written in lower case elsewhere.
	de := features(nil, res, infos[1], 0)
	if !slices.Contains(de, featN(fDocMidCap, 1<<2|1)) {
		t.Error("De: lower-case use elsewhere in the document not seen")
	}
	if infos[2][1].doc != nil {
		t.Error("a lower-case word got document features")
	}
}

func BenchmarkLoadDefault(b *testing.B) {
	for b.Loop() {
		if _, err := DefaultModel(); err != nil {
			b.Fatal(err)
		}
	}
}

func TestTrainOptions(t *testing.T) {
	sents := readConllFile(t, filepath.Join("testdata", "tiny.conll"))
	res, err := BuildResources(context.Background(), "", "", DefaultTrainConfig())
	if err != nil {
		t.Fatal(err)
	}
	words := []string{"Minister", "Hendriks", "woont", "in", "Deventer", "."}
	want := []string{"O", "B-PER", "O", "O", "B-LOC", "O"}
	var full int
	for _, tc := range []struct {
		name string
		edit func(*TrainConfig)
	}{
		{"single stage", func(c *TrainConfig) { c.Stack = false }},
		{"rare features dropped", func(c *TrainConfig) { c.Stack = false; c.MinCount = 2 }},
		{"large margin", func(c *TrainConfig) { c.Stack = false; c.Margin = 1 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := DefaultTrainConfig()
			cfg.Epochs = 10
			tc.edit(&cfg)
			m, _, err := Train(context.Background(), sents, nil, res, cfg)
			if err != nil {
				t.Fatal(err)
			}
			if m.stage1 != nil {
				t.Error("single-stage config trained a first stage")
			}
			if got := m.Tag(words); !slices.Equal(got, want) {
				t.Errorf("Tag = %v, want %v", got, want)
			}
			switch {
			case cfg.MinCount == 1 && cfg.Margin == 0:
				full = len(m.index)
			case cfg.MinCount > 1 && full > 0 && len(m.index) >= full:
				t.Errorf("%d features with MinCount %d, %d without", len(m.index), cfg.MinCount, full)
			}
		})
	}
}

// TestStackedFastPath checks that TagDoc, which hashes the shared features once
// for both stages, tags like the plain path through features().
func TestStackedFastPath(t *testing.T) {
	m, err := DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	if m.stage1 == nil {
		t.Skip("embedded model is not stacked")
	}
	doc := [][]string{
		simpleTokens("Volgens de Oekraïense generaal Petrenko hebben Russische troepen Bachmoet verlaten ."),
		simpleTokens("Petrenko zei dat Bachmoet nog onder vuur ligt , meldt persbureau Ukrinform ."),
		simpleTokens("De NAVO en de Verenigde Naties roepen Moskou op de aanvallen te stoppen ."),
	}
	got := m.TagDoc(doc)
	infos := m.docInfos(doc)
	preds := make([][]int, len(doc))
	for si := range doc {
		preds[si] = m.stage1.decode(infos[si], nil)
	}
	applyStage1(infos, preds)
	for si := range doc {
		idx := m.decode(infos[si], nil)
		want := make([]string, len(idx))
		for i, x := range idx {
			want[i] = m.tags[x]
		}
		if !slices.Equal(got[si], want) {
			t.Errorf("sentence %d: TagDoc %v, plain path %v", si, got[si], want)
		}
	}
}
