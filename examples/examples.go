// Package examples holds example news pages written for wirewatch: wire pages
// in the shapes the parser reads (text with a "Meer uit" sidebar of briefs,
// CRLF, windows-1252, a page without dateline, HTML with a sidebar, RSS and
// Atom). The web demo ingests them and tests use them. The events, people and
// figures in them are made up.
package examples

import (
	"embed"
	"io/fs"
	"path"
	"sort"
)

// Pages holds the example pages under "pages/".
//
//go:embed pages
var Pages embed.FS

// Dir is the directory of the pages inside Pages.
const Dir = "pages"

// Names lists the example pages' paths inside Pages (e.g. "pages/01_kyiv_drone_attack.txt"), sorted.
func Names() []string {
	entries, err := fs.ReadDir(Pages, Dir)
	if err != nil {
		return nil // cannot happen: the directory is embedded at build time
	}
	out := make([]string, 0, len(entries))
	for _, e := range entries {
		if e.Type().IsRegular() {
			out = append(out, path.Join(Dir, e.Name()))
		}
	}
	sort.Strings(out)
	return out
}

// Read returns the bytes of one example page by the path Names gives.
func Read(name string) ([]byte, error) {
	return fs.ReadFile(Pages, name)
}
