package claim

import "testing"

// A militia denying its own country's army is a dispute between rivals, and a
// scornful word like "fantasie" after "noemde" is a denial.
func TestRivalsAndDismissals(t *testing.T) {
	e := newTestExtractor(t)
	for _, tc := range []struct {
		name, text, denialFrag, targetFrag string
	}{
		{"militia against own army",
			"Het Sudanese leger zegt dat het de haven van de stad weer in handen heeft. De RSF weerspreekt dat en stelt dat er nog wordt gevochten.",
			"RSF weerspreekt", "haven van de stad"},
		{"fantasie as dismissal",
			"De Georgische regering meldt dat zeshonderd soldaten de grens zijn overgestoken. Het Kremlin noemde dat cijfer pure fantasie.",
			"pure fantasie", "zeshonderd soldaten"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cs := e.Extract(input("r", "", tc.text))
			e.LinkDisputes([][]Claim{cs})
			d := findClaim(cs, want{frag: tc.denialFrag})
			target := findClaim(cs, want{frag: tc.targetFrag})
			if d == nil || target == nil {
				t.Fatalf("missing claims; got:\n%s", dump(cs))
			}
			if d.Stance != "deny" {
				t.Errorf("stance %q, want deny", d.Stance)
			}
			linked := false
			for _, id := range d.Disputes {
				linked = linked || id == target.ID
			}
			if !linked {
				t.Errorf("denial %q does not dispute %q; got:\n%s", d.Sentence, target.Sentence, dump(cs))
			}
		})
	}
}
