package ner

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
)

// The model file is gzip over: magic, feature version, tags, the weights (scale,
// transition weights, feature rows: sorted hashes as deltas, a bit mask of
// non-zero tags, zig-zag varint weights in units of scale), a flag and the
// first-stage weights when the model is stacked, cluster table, caps table, gazetteer.
const modelMagic = "wirewatch-ner\x00"

// maxModelBytes bounds the decompressed size so a corrupt file cannot eat memory.
const maxModelBytes = 64 << 20

// Encode writes the model file (gzip, deterministic for a given model).
func (m *Model) Encode(w io.Writer) error {
	var b []byte
	b = append(b, modelMagic...)
	b = binary.AppendUvarint(b, featureVersion)
	b = binary.AppendUvarint(b, uint64(len(m.tags)))
	for _, t := range m.tags {
		b = appendString(b, t)
	}
	b = m.appendWeights(b)
	if m.stage1 != nil {
		b = append(b, 1)
		b = m.stage1.appendWeights(b)
	} else {
		b = append(b, 0)
	}
	words := make([]string, 0, len(m.res.clusters))
	for wd := range m.res.clusters {
		words = append(words, wd)
	}
	sort.Strings(words)
	b = binary.AppendUvarint(b, uint64(len(words)))
	for _, wd := range words {
		b = appendString(b, wd)
		b = binary.AppendUvarint(b, uint64(m.res.clusters[wd]))
	}
	words = words[:0]
	for wd := range m.res.caps {
		words = append(words, wd)
	}
	sort.Strings(words)
	b = binary.AppendUvarint(b, uint64(len(words)))
	for _, wd := range words {
		b = appendString(b, wd)
		b = append(b, m.res.caps[wd])
	}
	var names []string
	if m.res.gaz != nil {
		names = m.res.gaz.sortedNames()
	}
	b = binary.AppendUvarint(b, uint64(len(names)))
	for _, n := range names {
		b = appendString(b, n)
		b = append(b, m.res.gaz.names[n])
	}
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return fmt.Errorf("encode ner model: %w", err)
	}
	if _, err := zw.Write(b); err != nil {
		return fmt.Errorf("encode ner model: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("encode ner model: %w", err)
	}
	return nil
}

// appendWeights writes scale, transition weights and the non-zero feature rows.
func (m *Model) appendWeights(b []byte) []byte {
	b = binary.LittleEndian.AppendUint32(b, math.Float32bits(m.scale))
	q := func(x float32) int64 {
		if m.scale == 0 {
			return 0
		}
		return int64(math.Round(float64(x) / float64(m.scale)))
	}
	for _, x := range m.trans {
		b = binary.AppendVarint(b, q(x))
	}
	nt := len(m.tags)
	hashes := make([]uint32, 0, len(m.index))
	for h, r := range m.index {
		row := m.w[int(r)*nt : int(r+1)*nt]
		if slices.ContainsFunc(row, func(x float32) bool { return q(x) != 0 }) {
			hashes = append(hashes, h)
		}
	}
	slices.Sort(hashes)
	b = binary.AppendUvarint(b, uint64(len(hashes)))
	prev := uint32(0)
	for _, h := range hashes {
		b = binary.AppendUvarint(b, uint64(h-prev))
		prev = h
		r := m.index[h]
		row := m.w[int(r)*nt : int(r+1)*nt]
		mask := uint64(0)
		for t, x := range row {
			if q(x) != 0 {
				mask |= 1 << t
			}
		}
		b = binary.AppendUvarint(b, mask)
		for _, x := range row {
			if v := q(x); v != 0 {
				b = binary.AppendVarint(b, v)
			}
		}
	}
	return b
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// ErrBadModel is returned (wrapped) for a model file that cannot be read.
var ErrBadModel = errors.New("ner model file is missing or corrupt")

// Load reads a model file written by Encode.
func Load(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%w: gzip header: %v", ErrBadModel, err)
	}
	raw, err := io.ReadAll(io.LimitReader(zr, maxModelBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%w: gzip data: %v", ErrBadModel, err)
	}
	if len(raw) > maxModelBytes {
		return nil, fmt.Errorf("%w: larger than %d bytes", ErrBadModel, maxModelBytes)
	}
	m, err := decodeModel(raw)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadModel, err)
	}
	return m, nil
}

type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail(what string) {
	if d.err == nil {
		d.err = fmt.Errorf("truncated or invalid %s at %d bytes from the end", what, len(d.b))
	}
}

func (d *decoder) uvarint(what string) uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail(what)
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) varint(what string) int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail(what)
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) count(what string, minBytes int) int {
	n := d.uvarint(what)
	if d.err == nil && n > uint64(len(d.b)/max(minBytes, 1)) {
		d.fail(what + " count")
		return 0
	}
	return int(n)
}

func (d *decoder) bytes(n int, what string) []byte {
	if d.err != nil {
		return nil
	}
	if n > len(d.b) {
		d.fail(what)
		return nil
	}
	out := d.b[:n]
	d.b = d.b[n:]
	return out
}

func (d *decoder) string(what string) string {
	n := d.count(what, 1)
	return string(d.bytes(n, what))
}

func decodeModel(raw []byte) (*Model, error) {
	if !bytes.HasPrefix(raw, []byte(modelMagic)) {
		return nil, errors.New("not a wirewatch NER model (bad magic)")
	}
	d := &decoder{b: raw[len(modelMagic):]}
	if v := d.uvarint("version"); d.err == nil && v != featureVersion {
		return nil, fmt.Errorf("model has feature version %d, this build needs %d: rebuild it with `wirewatch train-ner`", v, featureVersion)
	}
	nt := d.count("tags", 1)
	if d.err == nil && (nt < 1 || nt > 16) {
		return nil, fmt.Errorf("bad tag count %d", nt)
	}
	tags := make([]string, nt)
	for i := range tags {
		tags[i] = d.string("tag")
	}
	if d.err != nil {
		return nil, d.err
	}
	m := newModel(tags, resources{})
	if err := m.decodeWeights(d); err != nil {
		return nil, err
	}
	if st := d.bytes(1, "stage flag"); st != nil && st[0] == 1 {
		m.stage1 = newModel(tags, resources{})
		if err := m.stage1.decodeWeights(d); err != nil {
			return nil, err
		}
	} else if st != nil && st[0] != 0 {
		return nil, fmt.Errorf("bad stage flag %d", st[0])
	}
	nc := d.count("cluster words", 2)
	m.res.clusters = make(map[string]uint32, nc)
	for i := 0; i < nc && d.err == nil; i++ {
		w := d.string("cluster word")
		m.res.clusters[w] = uint32(d.uvarint("cluster id"))
	}
	ncaps := d.count("caps words", 2)
	m.res.caps = make(map[string]uint8, ncaps)
	for i := 0; i < ncaps && d.err == nil; i++ {
		w := d.string("caps word")
		if b := d.bytes(1, "caps bucket"); b != nil {
			m.res.caps[w] = b[0]
		}
	}
	ng := d.count("gazetteer names", 2)
	m.res.gaz = newGazetteer()
	for i := 0; i < ng && d.err == nil; i++ {
		n := d.string("gazetteer name")
		if b := d.bytes(1, "gazetteer type"); b != nil {
			m.res.gaz.names[n] = b[0]
		}
	}
	if d.err != nil {
		return nil, d.err
	}
	if m.stage1 != nil {
		m.stage1.res = m.res
	}
	if len(d.b) != 0 {
		return nil, fmt.Errorf("%d trailing bytes", len(d.b))
	}
	return m, nil
}

// decodeWeights reads what appendWeights wrote.
func (m *Model) decodeWeights(d *decoder) error {
	nt := len(m.tags)
	sb := d.bytes(4, "scale")
	if d.err != nil {
		return d.err
	}
	m.scale = math.Float32frombits(binary.LittleEndian.Uint32(sb))
	if math.IsNaN(float64(m.scale)) || math.IsInf(float64(m.scale), 0) || m.scale < 0 {
		return errors.New("bad weight scale")
	}
	for i := range m.trans {
		m.trans[i] = float32(d.varint("transition")) * m.scale
	}
	// Every row takes at least 3 bytes (hash delta, mask, a weight); memory grows
	// with the rows actually read, so a corrupt count cannot allocate much.
	rows := d.count("feature rows", 3)
	m.index = make(map[uint32]int32, min(rows, 1<<20))
	m.w = make([]float32, 0, min(rows, 1<<20)*nt)
	h := uint64(0)
	for r := 0; r < rows && d.err == nil; r++ {
		h += d.uvarint("feature hash")
		if h > math.MaxUint32 {
			return errors.New("feature hash out of range")
		}
		mask := d.uvarint("tag mask")
		if d.err == nil && (mask>>nt != 0 || mask == 0) {
			return fmt.Errorf("bad tag mask %#x", mask)
		}
		m.w = append(m.w, make([]float32, nt)...)
		row := m.w[r*nt : (r+1)*nt]
		for t := 0; t < nt; t++ {
			if mask&(1<<t) != 0 {
				row[t] = float32(d.varint("weight")) * m.scale
			}
		}
		if _, dup := m.index[uint32(h)]; dup {
			return errors.New("feature hashes not strictly increasing")
		}
		m.index[uint32(h)] = int32(r)
	}
	return d.err
}
