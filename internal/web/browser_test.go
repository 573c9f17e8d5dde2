package web

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"wirewatch/internal/store"
)

// chromiumPath finds Debian's chromium. Browser tests skip without it, except in
// CI (CI=true), where a missing browser must fail the run.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, p := range []string{os.Getenv("WIREWATCH_CHROMIUM"), "/usr/bin/chromium", "chromium", "chromium-browser"} {
		if p == "" {
			continue
		}
		if full, err := exec.LookPath(p); err == nil {
			return full
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium not found and CI=true: install it with `apt-get install -y chromium`")
	}
	t.Skip("chromium not found: install it with `apt-get install -y chromium` to run the browser tests")
	return ""
}

// browser is one headless chromium with the flags that work as root on Debian.
type browser struct {
	ctx      context.Context
	mu       sync.Mutex
	problems []string // uncaught exceptions and console errors (CSP violations land here)
}

func newBrowser(t *testing.T) *browser {
	t.Helper()
	exe := chromiumPath(t)
	// Not t.TempDir: chromium's helpers may still write into the profile for a
	// moment after exit, which would fail TempDir's cleanup.
	profile, err := os.MkdirTemp("", "wirewatch-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Headless,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancelB := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(bctx, 90*time.Second)
	t.Cleanup(func() {
		_ = chromedp.Cancel(bctx) // closes the browser and waits for it
		cancelT()
		cancelB()
		cancelA()
		for range 20 {
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Logf("could not remove chromium profile %s", profile)
	})
	b := &browser{ctx: ctx}
	chromedp.ListenTarget(ctx, func(ev any) {
		b.mu.Lock()
		defer b.mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventExceptionThrown:
			b.problems = append(b.problems, "exception: "+e.ExceptionDetails.Error())
		case *log.EventEntryAdded:
			if e.Entry.Level == log.LevelError {
				b.problems = append(b.problems, "console: "+e.Entry.Text+" "+e.Entry.URL)
			}
		}
	})
	if err := chromedp.Run(ctx, log.Enable(), runtime.Enable()); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return b
}

// run executes actions and fails with the step name on error.
func (b *browser) run(t *testing.T, step string, actions ...chromedp.Action) {
	t.Helper()
	if err := chromedp.Run(b.ctx, actions...); err != nil {
		b.shot(t, step+"-failed")
		t.Fatalf("%s: %v", step, err)
	}
}

// shot saves a full-page PNG into t.TempDir() (and WIREWATCH_SCREENSHOTS when set).
func (b *browser) shot(t *testing.T, name string) string {
	t.Helper()
	var png []byte
	if err := chromedp.Run(b.ctx, chromedp.FullScreenshot(&png, 100)); err != nil {
		t.Logf("screenshot %s: %v", name, err)
		return ""
	}
	p := filepath.Join(t.TempDir(), name+".png")
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", p)
	if dir := os.Getenv("WIREWATCH_SCREENSHOTS"); dir != "" {
		_ = os.MkdirAll(dir, 0o755)
		_ = os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644)
	}
	return p
}

func (b *browser) checkClean(t *testing.T) {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, p := range b.problems {
		t.Errorf("browser reported %s", p)
	}
	b.problems = nil
}

func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests are slow; run without -short")
	}
	b := newBrowser(t)
	fx := newFixture(t)
	base := fx.http.URL
	c := decode[store.ClaimRecord](t, mustGet(t, fx, "/api/v1/claims/"+fx.claimID))

	t.Run("front page", func(t *testing.T) {
		var title, claims string
		var latest int
		b.run(t, "open front page",
			chromedp.Navigate(base+"/"),
			chromedp.WaitVisible(`.counts dd`, chromedp.ByQuery),
			chromedp.Title(&title),
			chromedp.Text(`.counts div:nth-child(3) dd`, &claims, chromedp.ByQuery),
			chromedp.Evaluate(`document.querySelectorAll('ul.items li a').length`, &latest),
		)
		b.shot(t, "front")
		if !strings.Contains(title, "wirewatch") {
			t.Errorf("title %q", title)
		}
		if strings.TrimSpace(claims) == "0" || strings.TrimSpace(claims) == "" {
			t.Errorf("claims count shows %q", claims)
		}
		if latest == 0 {
			t.Error("no latest items listed")
		}
		b.checkClean(t)
	})

	t.Run("live search", func(t *testing.T) {
		var hits int
		var marked string
		b.run(t, "search",
			chromedp.Navigate(base+"/search"),
			chromedp.WaitVisible(`#q`, chromedp.ByID),
			// htmx searches as the reader types; no submit needed.
			chromedp.SendKeys(`#q`, "gevechten", chromedp.ByID),
			chromedp.WaitVisible(`.hit .snippet mark`, chromedp.ByQuery),
			chromedp.Evaluate(`document.querySelectorAll('.hit').length`, &hits),
			chromedp.Text(`.hit .snippet mark`, &marked, chromedp.ByQuery),
		)
		b.shot(t, "search")
		if hits == 0 {
			t.Error("no hits shown")
		}
		if !strings.Contains(strings.ToLower(marked), "gevecht") {
			t.Errorf("highlighted %q, want the search word", marked)
		}
		var url string
		b.run(t, "url", chromedp.Location(&url))
		if !strings.Contains(url, "q=gevechten") {
			t.Errorf("live search did not update the address: %s", url)
		}
		b.checkClean(t)
	})

	t.Run("item with highlighted claim", func(t *testing.T) {
		var bg, speaker, num string
		var marks int
		b.run(t, "open item",
			chromedp.Navigate(base+"/items/"+fx.itemID),
			chromedp.WaitVisible(`mark.claim[id]`, chromedp.ByQuery),
			chromedp.Evaluate(`document.querySelectorAll('.item-text mark.claim[id]').length`, &marks),
			chromedp.Evaluate(`getComputedStyle(document.querySelector('.item-text mark.claim')).backgroundColor`, &bg),
			chromedp.Text(`.item-text mark.claim strong.speaker`, &speaker, chromedp.ByQuery),
			chromedp.Text(`.item-text mark.claim span.num`, &num, chromedp.ByQuery),
		)
		b.shot(t, "item")
		if marks != 2 {
			t.Errorf("%d claims marked, want 2", marks)
		}
		if bg == "" || bg == "rgba(0, 0, 0, 0)" || bg == "transparent" {
			t.Errorf("claim mark has no visible background: %q", bg)
		}
		if speaker != "de Oekraïense generale staf" || num != "120 Russische militairen" {
			t.Errorf("speaker %q, number %q", speaker, num)
		}
		b.checkClean(t)
	})

	t.Run("actor chart", func(t *testing.T) {
		var size []int
		var ink int
		b.run(t, "open actor",
			chromedp.Navigate(base+"/actors/"+c.ActorID),
			chromedp.WaitVisible(`#timeline-chart canvas`, chromedp.ByQuery),
			chromedp.Evaluate(`(() => { const c = document.querySelector('#timeline-chart canvas'); return [c.width, c.height]; })()`, &size),
			// Count pixels that are not blank: axes, grid, lines and points.
			chromedp.Evaluate(`(() => {
				const c = document.querySelector('#timeline-chart canvas');
				const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
				let n = 0;
				for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
				return n;
			})()`, &ink),
		)
		b.shot(t, "actor")
		if len(size) != 2 || size[0] == 0 || size[1] == 0 {
			t.Fatalf("canvas size %v", size)
		}
		if ink < 500 {
			t.Errorf("chart canvas has only %d drawn pixels", ink)
		}
		b.checkClean(t)
	})

	t.Run("disputes", func(t *testing.T) {
		var sides int
		var claimText, denialText string
		b.run(t, "open disputes",
			chromedp.Navigate(base+"/disputes"),
			chromedp.WaitVisible(`.dispute`, chromedp.ByQuery),
			chromedp.Evaluate(`document.querySelectorAll('.dispute .side').length`, &sides),
			chromedp.Evaluate(`[...document.querySelectorAll('.dispute .side-claim h3')].map(e => e.textContent).join('|')`, &claimText),
			chromedp.Evaluate(`[...document.querySelectorAll('.dispute .side-deny h3')].map(e => e.textContent).join('|')`, &denialText),
		)
		b.shot(t, "disputes")
		if sides < 2 {
			t.Errorf("%d dispute sides", sides)
		}
		if !strings.Contains(claimText, "Oekraïense generale staf") || !strings.Contains(denialText, "Russisch ministerie van Defensie") {
			t.Errorf("claim side %q, denial side %q", claimText, denialText)
		}
		b.checkClean(t)
	})

	t.Run("phone layout", func(t *testing.T) {
		var overflow bool
		b.run(t, "phone",
			chromedp.EmulateViewport(390, 844),
			chromedp.Navigate(base+"/items/"+fx.itemID),
			chromedp.WaitVisible(`mark.claim`, chromedp.ByQuery),
			chromedp.Evaluate(`document.documentElement.scrollWidth > window.innerWidth + 1`, &overflow),
		)
		b.shot(t, "item-phone")
		if overflow {
			t.Error("the item page scrolls sideways on a phone")
		}
		b.checkClean(t)
	})

	t.Run("hostile page runs no script", func(t *testing.T) {
		var alerted bool
		b.run(t, "hostile",
			chromedp.EmulateViewport(1280, 900),
			chromedp.Navigate(base+"/items/"+fx.hostileItemID),
			chromedp.WaitVisible(`main`, chromedp.ByQuery),
			chromedp.Evaluate(`typeof window.__pwned !== 'undefined' || document.querySelectorAll('main script, main img, main iframe').length > 0`, &alerted),
		)
		if alerted {
			t.Error("hostile markup became live elements")
		}
		b.shot(t, "hostile")
	})
}
