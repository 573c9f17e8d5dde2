package examples

import (
	"strings"
	"testing"
)

func TestNamesReadable(t *testing.T) {
	names := Names()
	if len(names) < 6 {
		t.Fatalf("Names() = %d pages, want at least 6", len(names))
	}
	for _, n := range names {
		if !strings.HasPrefix(n, Dir+"/") {
			t.Errorf("name %q not under %s/", n, Dir)
		}
		b, err := Read(n)
		if err != nil {
			t.Errorf("Read(%q): %v", n, err)
			continue
		}
		if len(b) == 0 {
			t.Errorf("%s is empty", n)
		}
	}
}
