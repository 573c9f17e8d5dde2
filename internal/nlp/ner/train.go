package ner

import (
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"path/filepath"
	"sort"
	"time"
)

// TrainConfig says how to train the tagger.
type TrainConfig struct {
	Epochs   int           // passes over the training data; the best epoch on dev is kept
	Seed     uint64        // sentence order per epoch
	Clusters ClusterConfig // word clusters from unlabelled news
	MinCount int           // features seen fewer times in training are dropped
	Stack    bool          // train a second stage on the first stage's tags
	Folds    int           // cross-validation folds (by document) for the first stage's tags on train
	Margin   float32       // loss added to wrong tags while training (a large-margin perceptron)
	Log      io.Writer     // progress (may be io.Discard)
}

// DefaultTrainConfig is what `wirewatch train-ner` uses.
func DefaultTrainConfig() TrainConfig {
	return TrainConfig{Epochs: 15, Seed: 2002, MinCount: 1, Margin: 0, Stack: true, Folds: 4, Clusters: DefaultClusterConfig(), Log: io.Discard}
}

// Resources are the lexical resources learned or read before training.
type Resources struct{ r resources }

// BuildResources reads the gazetteer (shared/data/gazetteer-nl) and learns word
// clusters and capitalisation statistics from the unlabelled news (shared/data/news-nl).
// Either directory may be "" to go without.
func BuildResources(ctx context.Context, gazDir, newsDir string, cfg TrainConfig) (Resources, error) {
	var res resources
	log := cfg.Log
	if log == nil {
		log = io.Discard
	}
	if gazDir != "" {
		g, err := loadGazetteer(gazDir)
		if err != nil {
			return Resources{}, err
		}
		res.gaz = g
		fmt.Fprintf(log, "gazetteer: %d names\n", len(g.names))
	} else {
		res.gaz = newGazetteer()
		addHandNames(res.gaz)
	}
	if newsDir != "" {
		t0 := time.Now()
		c, err := readNews(ctx, newsDir)
		if err != nil {
			return Resources{}, err
		}
		res.caps = c.capsTable()
		fmt.Fprintf(log, "news: %d tokens, %d types, read in %s\n", len(c.ids), len(c.words), time.Since(t0).Round(time.Millisecond))
		cl, err := learnClusters(ctx, c, cfg.Clusters, log)
		if err != nil {
			return Resources{}, fmt.Errorf("learn clusters from %s: %w", newsDir, err)
		}
		res.clusters = cl
		fmt.Fprintf(log, "clusters: done in %s\n", time.Since(t0).Round(time.Millisecond))
	}
	return Resources{r: res}, nil
}

// SharedResources is BuildResources on the standard layout of the shared data folder.
func SharedResources(ctx context.Context, shared string, cfg TrainConfig) (Resources, error) {
	return BuildResources(ctx, filepath.Join(shared, "data", "gazetteer-nl"), filepath.Join(shared, "data", "news-nl"), cfg)
}

// EpochScore is the dev-set entity F1 after one epoch.
type EpochScore struct {
	Epoch int
	F1    float64
}

// Train learns an averaged structured perceptron (Viterbi over tag bigrams) on
// train and keeps the epoch with the best entity F1 on dev (dev may be empty:
// then the last epoch is kept). Deterministic for a given config.
//
// With cfg.Stack, a second model is trained on top: the first stage's tags (of
// the token, its neighbours and the word's other occurrences in the document) are
// its features. On train those tags come from models trained on the other folds,
// so the second stage learns how far to trust them on unseen text.
func Train(ctx context.Context, train, dev []Sentence, res Resources, cfg TrainConfig) (*Model, []EpochScore, error) {
	log := cfg.Log
	if log == nil {
		log = io.Discard
	}
	s1, hist, err := trainStage(ctx, train, dev, res, cfg, nil, nil)
	if err != nil || !cfg.Stack {
		return s1, hist, err
	}
	folds := max(cfg.Folds, 2)
	docs := Docs(train)
	preds := make([][]int, len(train))
	for k := 0; k < folds; k++ {
		var in []Sentence
		var held [][]Sentence
		var heldAt []int
		off := 0
		for di, doc := range docs {
			if di%folds == k {
				held = append(held, doc)
				heldAt = append(heldAt, off)
			} else {
				in = append(in, doc...)
			}
			off += len(doc)
		}
		fmt.Fprintf(log, "stage 1, fold %d/%d\n", k+1, folds)
		mk, _, err := trainStage(ctx, in, dev, res, cfg, nil, nil)
		if err != nil {
			return nil, nil, err
		}
		for hi, doc := range held {
			words := make([][]string, len(doc))
			for i, s := range doc {
				words[i] = s.Words
			}
			infos := mk.docInfos(words)
			for i := range doc {
				preds[heldAt[hi]+i] = mk.decode(infos[i], nil)
			}
		}
	}
	fmt.Fprintf(log, "stage 2\n")
	return trainStage(ctx, train, dev, res, cfg, s1, preds)
}

// trainStage trains one perceptron; with stage1 set it is a second stage whose
// training tokens carry the first-stage tags s1preds.
func trainStage(ctx context.Context, train, dev []Sentence, res Resources, cfg TrainConfig, stage1 *Model, s1preds [][]int) (*Model, []EpochScore, error) {
	log := cfg.Log
	if log == nil {
		log = io.Discard
	}
	m := newModel(append([]string(nil), Labels...), res.r)
	m.stage1 = stage1
	nt := len(m.tags)
	tagID := map[string]int{}
	for i, t := range m.tags {
		tagID[t] = i
	}
	// Count features first, to drop the rare ones.
	var buf []uint32
	seen := map[uint32]int32{}
	trainInfos := make([][]tokInfo, 0, len(train))
	for _, doc := range Docs(train) {
		words := make([][]string, len(doc))
		for i, s := range doc {
			words[i] = s.Words
		}
		trainInfos = append(trainInfos, m.docInfos(words)...)
	}
	if stage1 != nil {
		applyStage1(trainInfos, s1preds)
	}
	if cfg.MinCount > 1 {
		for si := range train {
			infos := trainInfos[si]
			for i := range infos {
				buf = features(buf[:0], &m.res, infos, i)
				for _, h := range buf {
					seen[h]++
				}
			}
		}
	}
	// Features of every training token, as row numbers.
	type sent struct {
		feats [][]int32
		gold  []int
	}
	data := make([]sent, 0, len(train))
	for si, s := range train {
		if len(s.Words) == 0 {
			continue
		}
		if len(s.Tags) != len(s.Words) {
			return nil, nil, fmt.Errorf("train sentence %d: %d words but %d tags", si, len(s.Words), len(s.Tags))
		}
		infos := trainInfos[si]
		st := sent{feats: make([][]int32, len(s.Words)), gold: make([]int, len(s.Words))}
		for i := range infos {
			buf = features(buf[:0], &m.res, infos, i)
			rows := make([]int32, 0, len(buf))
			for _, h := range buf {
				if cfg.MinCount > 1 && int(seen[h]) < cfg.MinCount {
					continue
				}
				r, ok := m.index[h]
				if !ok {
					r = int32(len(m.index))
					m.index[h] = r
				}
				rows = append(rows, r)
			}
			st.feats[i] = rows
			t, ok := tagID[normaliseTag(s.Tags[i])]
			if !ok {
				return nil, nil, fmt.Errorf("train sentence %d: unknown tag %q", si, s.Tags[i])
			}
			st.gold[i] = t
		}
		data = append(data, st)
	}
	rows := len(m.index)
	fmt.Fprintf(log, "train: %d sentences, %d features\n", len(data), rows)
	w := make([]float64, rows*nt)
	u := make([]float64, rows*nt)
	tw := make([]float64, len(m.trans))
	tu := make([]float64, len(m.trans))
	m.w = make([]float32, rows*nt)
	c := 1.0
	rng := rand.New(rand.NewPCG(cfg.Seed, cfg.Seed+1))
	order := make([]int, len(data))
	for i := range order {
		order[i] = i
	}
	var scores []float32
	trans32 := make([]float32, len(m.trans))
	var history []EpochScore
	best := -1.0
	var bestW, bestT []float32
	epochs := max(cfg.Epochs, 1)
	for ep := 1; ep <= epochs; ep++ {
		t0 := time.Now()
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		errs := 0
		for _, oi := range order {
			if err := ctx.Err(); err != nil {
				return nil, nil, err
			}
			s := &data[oi]
			n := len(s.gold)
			if cap(scores) < n*nt {
				scores = make([]float32, n*nt)
			}
			scores = scores[:n*nt]
			for i, fr := range s.feats {
				row := scores[i*nt : (i+1)*nt]
				for t := range row {
					row[t] = 0
				}
				for _, r := range fr {
					wr := w[int(r)*nt : int(r+1)*nt]
					for t := range row {
						row[t] += float32(wr[t])
					}
				}
			}
			for i, x := range tw {
				trans32[i] = float32(x)
			}
			if cfg.Margin > 0 {
				for i, g := range s.gold {
					row := scores[i*nt : (i+1)*nt]
					for t := range row {
						if t != g {
							row[t] += cfg.Margin
						}
					}
				}
			}
			pred := viterbi(scores, trans32, m.allowed, nt, n)
			wrong := false
			for i := range pred {
				if pred[i] != s.gold[i] {
					wrong = true
					break
				}
			}
			if wrong {
				errs++
				prevG, prevP := -1, -1
				for i := range pred {
					g, p := s.gold[i], pred[i]
					if g != p {
						for _, r := range s.feats[i] {
							w[int(r)*nt+g]++
							u[int(r)*nt+g] += c
							w[int(r)*nt+p]--
							u[int(r)*nt+p] -= c
						}
					}
					if g != p || prevG != prevP {
						tg, tp := (prevG+1)*nt+g, (prevP+1)*nt+p
						tw[tg]++
						tu[tg] += c
						tw[tp]--
						tu[tp] -= c
					}
					prevG, prevP = g, p
				}
			}
			c++
		}
		// Averaged weights: w - u/c.
		for i := range w {
			m.w[i] = float32(w[i] - u[i]/c)
		}
		for i := range tw {
			m.trans[i] = float32(tw[i] - tu[i]/c)
		}
		f1 := -1.0
		if len(dev) > 0 {
			f1 = m.score(dev).F1()
		}
		history = append(history, EpochScore{Epoch: ep, F1: f1})
		fmt.Fprintf(log, "epoch %d: %d/%d sentences wrong, dev F1 %.2f, %s\n", ep, errs, len(data), 100*f1, time.Since(t0).Round(time.Millisecond))
		if len(dev) == 0 || f1 > best {
			best = f1
			bestW = append(bestW[:0], m.w...)
			bestT = append(bestT[:0], m.trans...)
		}
	}
	copy(m.w, bestW)
	copy(m.trans, bestT)
	m.quantise()
	return m, history, nil
}

// quantise rounds the weights to multiples of a scale so that the file stores
// small integers; the in-memory model then equals the loaded one exactly.
func (m *Model) quantise() {
	maxAbs := float32(0)
	for _, x := range m.w {
		maxAbs = max(maxAbs, float32(math.Abs(float64(x))))
	}
	for _, x := range m.trans {
		maxAbs = max(maxAbs, float32(math.Abs(float64(x))))
	}
	if maxAbs == 0 {
		m.scale = 0
		return
	}
	// 2^-10 of the largest weight: finer steps only add file size.
	m.scale = maxAbs / 1024
	q := func(x float32) float32 { return float32(math.Round(float64(x/m.scale))) * m.scale }
	for i, x := range m.w {
		m.w[i] = q(x)
	}
	for i, x := range m.trans {
		m.trans[i] = q(x)
	}
}

// normaliseTag maps IOB1 data and odd tags onto the label set.
func normaliseTag(t string) string {
	p, typ := splitTag(t)
	if p == 'O' {
		return "O"
	}
	return string(p) + "-" + typ
}

// Counts are entity-level true positives, false positives and false negatives.
type Counts struct{ TP, FP, FN int }

// Precision is TP/(TP+FP).
func (c Counts) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall is TP/(TP+FN).
func (c Counts) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// F1 is the harmonic mean of precision and recall.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Evaluation holds entity counts overall and per type (conlleval rules:
// a predicted chunk is right when its span and type equal a gold chunk).
type Evaluation struct {
	All    Counts
	ByType map[string]Counts
	Tokens int
}

// F1 is the overall entity F1.
func (e Evaluation) F1() float64 { return e.All.F1() }

// Types lists the entity types seen, sorted.
func (e Evaluation) Types() []string {
	out := make([]string, 0, len(e.ByType))
	for t := range e.ByType {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// Add counts one sentence's gold and predicted tags.
func (e *Evaluation) Add(gold, pred []string) {
	if e.ByType == nil {
		e.ByType = map[string]Counts{}
	}
	e.Tokens += len(gold)
	g, p := Chunks(gold), Chunks(pred)
	gs := make(map[Chunk]bool, len(g))
	for _, c := range g {
		gs[c] = true
	}
	ps := make(map[Chunk]bool, len(p))
	for _, c := range p {
		ps[c] = true
		ct := e.ByType[c.Type]
		if gs[c] {
			e.All.TP++
			ct.TP++
		} else {
			e.All.FP++
			ct.FP++
		}
		e.ByType[c.Type] = ct
	}
	for _, c := range g {
		if !ps[c] {
			e.All.FN++
			ct := e.ByType[c.Type]
			ct.FN++
			e.ByType[c.Type] = ct
		}
	}
}

func (m *Model) score(sents []Sentence) Evaluation {
	var ev Evaluation
	for _, doc := range Docs(sents) {
		words := make([][]string, len(doc))
		for i, s := range doc {
			words[i] = s.Words
		}
		for i, tags := range m.TagDoc(words) {
			ev.Add(doc[i].Tags, tags)
		}
	}
	return ev
}

// Evaluate tags the sentences and scores them against their tags.
func (m *Model) Evaluate(sents []Sentence) Evaluation { return m.score(sents) }
