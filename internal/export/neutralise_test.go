package export

import "testing"

func TestNeutraliseFormulas(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"},
		{"+31 zegt", "'+31 zegt"},
		{"-1", "-1"},
		{"-2.5", "-2.5"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tcmd", "'\tcmd"},
		{"Kremlin ontkent", "Kremlin ontkent"},
		{"", ""},
	} {
		if got := neutralise([]string{tc.in})[0]; got != tc.want {
			t.Errorf("neutralise(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
