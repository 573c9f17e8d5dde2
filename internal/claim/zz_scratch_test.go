package claim

import "testing"

func TestZZScratch(t *testing.T) {
	e, _ := NewExtractor()
	s := "Een arts van een van de laatste werkende ziekenhuizen zei tegen persbureau AFP dat er dagelijks gewonden komen."
	ts, _ := tokenize(s, 0, len(s), false, nil)
	p, ok := e.parseNP(ts, 0, 0)
	t.Logf("%+v %v", p, ok)
	ps, j, ok := e.subject(ts)
	t.Logf("%+v %d %v", ps, j, ok)
}
