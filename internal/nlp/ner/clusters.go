package ner

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"unicode"
)

// ClusterConfig says how word clusters are learned from unlabelled text.
type ClusterConfig struct {
	Vocab    int    // most frequent surface words that get a cluster
	Contexts int    // most frequent words used as context features
	Dim      int    // random-projection dimension of the context vectors
	Fine     int    // number of fine clusters (k-means on word vectors)
	Coarse   int    // number of coarse clusters (k-means on the fine centroids)
	Iter     int    // k-means iterations
	Seed     uint64 // random projection and k-means start
}

// DefaultClusterConfig keeps clustering to a minute or so on one core.
func DefaultClusterConfig() ClusterConfig {
	return ClusterConfig{Vocab: 100000, Contexts: 2000, Dim: 96, Fine: 400, Coarse: 40, Iter: 12, Seed: 20021}
}

// leafSplit is how many leaves each fine cluster is split into.
const leafSplit = 4

// corpus is the unlabelled text as word ids, with sentence breaks marked by -1.
type corpus struct {
	ids    []int32
	words  []string
	freq   []int
	capMid map[string][2]int // lower form -> (capitalised, all) mid-sentence counts
}

// readNews reads every *.jsonl file under dir (recursively, in name order) and
// tokenises the "text" and "title" fields.
func readNews(ctx context.Context, dir string) (*corpus, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".jsonl") && !strings.Contains(filepath.Base(p), "labels") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list news in %s: %w", dir, err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no *.jsonl news files under %s", dir)
	}
	sort.Strings(files)
	c := &corpus{capMid: map[string][2]int{}}
	index := map[string]int32{}
	for _, p := range files {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if err := c.readFile(p, index); err != nil {
			return nil, err
		}
	}
	return c, nil
}

func (c *corpus) readFile(path string, index map[string]int32) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open news %s: %w", path, err)
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<20)
	for {
		line, err := r.ReadBytes('\n')
		if len(line) > 0 {
			var rec struct {
				Title string `json:"title"`
				Text  string `json:"text"`
			}
			if jerr := json.Unmarshal(line, &rec); jerr == nil {
				c.addText(rec.Title, index)
				c.addText(rec.Text, index)
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read news %s: %w", path, err)
		}
	}
}

func (c *corpus) addText(text string, index map[string]int32) {
	if text == "" {
		return
	}
	start := true
	for _, w := range simpleTokens(text) {
		id, ok := index[w]
		if !ok {
			id = int32(len(c.words))
			index[w] = id
			c.words = append(c.words, w)
			c.freq = append(c.freq, 0)
		}
		c.freq[id]++
		c.ids = append(c.ids, id)
		first, _ := firstRune(w)
		if !start && unicode.IsLetter(first) {
			lw := strings.ToLower(w)
			n := c.capMid[lw]
			if unicode.IsUpper(first) {
				n[0]++
			}
			n[1]++
			c.capMid[lw] = n
		}
		start = w == "." || w == "!" || w == "?" || w == ":"
		if start && w != ":" {
			c.ids = append(c.ids, -1)
		}
	}
	c.ids = append(c.ids, -1)
}

func firstRune(s string) (rune, bool) {
	for _, r := range s {
		return r, true
	}
	return 0, false
}

// topWords returns word ids by falling frequency (ties by spelling), at most n.
func (c *corpus) topWords(n int, keep func(string) bool) []int32 {
	ids := make([]int32, 0, len(c.words))
	for i, w := range c.words {
		if keep == nil || keep(w) {
			ids = append(ids, int32(i))
		}
	}
	slices.SortFunc(ids, func(a, b int32) int {
		if c.freq[a] != c.freq[b] {
			return c.freq[b] - c.freq[a]
		}
		return strings.Compare(c.words[a], c.words[b])
	})
	if len(ids) > n {
		ids = ids[:n]
	}
	return ids
}

// capsTable turns the mid-sentence capitalisation counts into buckets for words
// seen at least 3 times.
func (c *corpus) capsTable() map[string]uint8 {
	out := map[string]uint8{}
	for w, n := range c.capMid {
		if n[1] >= 3 {
			out[w] = capsBucket(n[0], n[1])
		}
	}
	return out
}

// learnClusters gives each of the cfg.Vocab most frequent words a fine and a
// coarse cluster id: PPMI-weighted neighbour counts (positions -2..+2), reduced by a
// fixed random projection, then spherical k-means. Deterministic for a seed.
func learnClusters(ctx context.Context, c *corpus, cfg ClusterConfig, logw io.Writer) (map[string]uint32, error) {
	vocab := c.topWords(cfg.Vocab, nil)
	ctxWords := c.topWords(cfg.Contexts, nil)
	vIdx := make([]int32, len(c.words))
	cIdx := make([]int32, len(c.words))
	for i := range vIdx {
		vIdx[i], cIdx[i] = -1, -1
	}
	for i, id := range vocab {
		vIdx[id] = int32(i)
	}
	for i, id := range ctxWords {
		cIdx[id] = int32(i)
	}
	const positions = 4 // -2, -1, +1, +2
	C := int32(len(ctxWords))
	counts := map[uint64]uint32{}
	wordTotal := make([]float64, len(vocab))
	ctxTotal := make([]float64, positions*int(C))
	total := 0.0
	ids := c.ids
	for i, id := range ids {
		if id < 0 || vIdx[id] < 0 {
			continue
		}
		v := uint64(vIdx[id])
		for p, off := range [positions]int{-2, -1, 1, 2} {
			j := i + off
			var ctxID int32 = -1
			if j >= 0 && j < len(ids) && ids[j] >= 0 {
				ctxID = cIdx[ids[j]]
			}
			// a sentence break inside the window cuts it
			if off == -2 && i-1 >= 0 && ids[i-1] < 0 || off == 2 && i+1 < len(ids) && ids[i+1] < 0 {
				ctxID = -1
			}
			if ctxID < 0 {
				continue
			}
			k := int32(p)*C + ctxID
			counts[v<<32|uint64(k)]++
			wordTotal[v]++
			ctxTotal[k]++
			total++
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	fmt.Fprintf(logw, "clusters: %d tokens, %d vocab, %d context pairs\n", len(ids), len(vocab), len(counts))
	keys := make([]uint64, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	rng := rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x9e3779b97f4a7c15))
	D := cfg.Dim
	proj := make([]float32, positions*int(C)*D)
	scale := float32(1 / math.Sqrt(float64(D)))
	for i := range proj {
		if rng.IntN(2) == 0 {
			proj[i] = scale
		} else {
			proj[i] = -scale
		}
	}
	vecs := make([]float32, len(vocab)*D)
	for _, key := range keys {
		w, k := int(key>>32), int(key&0xffffffff)
		pmi := math.Log(float64(counts[key]) * total / (wordTotal[w] * ctxTotal[k]))
		if pmi <= 0 {
			continue
		}
		row := vecs[w*D : (w+1)*D]
		pr := proj[k*D : (k+1)*D]
		for d := range row {
			row[d] += float32(pmi) * pr[d]
		}
	}
	normalize(vecs, D)
	fine := kmeans(ctx, vecs, D, cfg.Fine, cfg.Iter, rng)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// Coarse clusters group the fine centroids, so they nest.
	cent := centroids(vecs, D, fine, cfg.Fine)
	coarseOfFine := kmeans(ctx, cent, D, cfg.Coarse, cfg.Iter*2, rng)
	// Leaves split each fine cluster in leafSplit, a third, finer level.
	members := make([][]int, cfg.Fine)
	for i, f := range fine {
		members[f] = append(members[f], i)
	}
	sub := make([]int, len(vocab))
	for _, ms := range members {
		if len(ms) <= leafSplit {
			for j, i := range ms {
				sub[i] = j
			}
			continue
		}
		mv := make([]float32, 0, len(ms)*D)
		for _, i := range ms {
			mv = append(mv, vecs[i*D:(i+1)*D]...)
		}
		for j, a := range kmeans(ctx, mv, D, leafSplit, cfg.Iter, rng) {
			sub[ms[j]] = a
		}
	}
	out := make(map[string]uint32, len(vocab))
	for i, id := range vocab {
		f := fine[i]
		out[c.words[id]] = uint32(coarseOfFine[f]+1)<<16 | uint32(f*leafSplit+sub[i]+1)
	}
	return out, ctx.Err()
}

func normalize(vecs []float32, D int) {
	for i := 0; i+D <= len(vecs); i += D {
		var s float64
		for _, x := range vecs[i : i+D] {
			s += float64(x) * float64(x)
		}
		if s == 0 {
			continue
		}
		inv := float32(1 / math.Sqrt(s))
		for d := i; d < i+D; d++ {
			vecs[d] *= inv
		}
	}
}

// kmeans is spherical k-means (cosine) with a seeded random start.
func kmeans(ctx context.Context, vecs []float32, D, K, iter int, rng *rand.Rand) []int {
	n := len(vecs) / D
	if K > n {
		K = n
	}
	cent := make([]float32, K*D)
	perm := rng.Perm(n)
	for k := 0; k < K; k++ {
		copy(cent[k*D:(k+1)*D], vecs[perm[k]*D:(perm[k]+1)*D])
	}
	assign := make([]int, n)
	for it := 0; it < iter && ctx.Err() == nil; it++ {
		for i := 0; i < n; i++ {
			v := vecs[i*D : (i+1)*D]
			best, bestS := 0, float32(-2)
			for k := 0; k < K; k++ {
				c := cent[k*D : (k+1)*D]
				var s float32
				for d := range v {
					s += v[d] * c[d]
				}
				if s > bestS {
					best, bestS = k, s
				}
			}
			assign[i] = best
		}
		newCent := centroids(vecs, D, assign, K)
		// An empty cluster keeps its old centre.
		for k := 0; k < K; k++ {
			empty := true
			for _, x := range newCent[k*D : (k+1)*D] {
				if x != 0 {
					empty = false
					break
				}
			}
			if empty {
				copy(newCent[k*D:(k+1)*D], cent[k*D:(k+1)*D])
			}
		}
		cent = newCent
	}
	return assign
}

func centroids(vecs []float32, D int, assign []int, K int) []float32 {
	cent := make([]float32, K*D)
	for i, k := range assign {
		c := cent[k*D : (k+1)*D]
		for d, x := range vecs[i*D : (i+1)*D] {
			c[d] += x
		}
	}
	normalize(cent, D)
	return cent
}
