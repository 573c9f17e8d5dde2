package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/temoto/robotstxt"
	"golang.org/x/time/rate"
)

// robotsMaxBody is the most of a robots.txt we read (Google reads 500 KiB).
const robotsMaxBody = 500 << 10

// robotsRetry is how soon a failed robots.txt fetch is tried again.
const robotsRetry = 5 * time.Minute

// robotsRules is one origin's parsed robots.txt, reduced to our group.
type robotsRules struct {
	group       *robotstxt.Group // nil: allow all
	disallowAll bool             // robots.txt unreachable (5xx, network): stay away for now
	why         string           // for disallowAll: what went wrong
	crawlDelay  time.Duration
}

func (r *robotsRules) allowed(u *url.URL) bool {
	if r.disallowAll {
		return false
	}
	if r.group == nil {
		return true
	}
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	return r.group.Test(p)
}

// robotsAllowed reports whether u may be fetched, fetching robots.txt for its origin
// when not cached or expired. It also applies Crawl-delay to the origin's limiter.
func (c *Client) robotsAllowed(ctx context.Context, u *url.URL) (bool, error) {
	if isRobots(u) {
		return true, nil
	}
	rules, err := c.robotsFor(ctx, u)
	if err != nil {
		return false, err
	}
	if rules.disallowAll {
		return false, fmt.Errorf("%w: %w: %s", ErrDisallowed, ErrRobotsUnavailable, rules.why)
	}
	return rules.allowed(u), nil
}

// robotsFor returns the origin's rules, fetching them when not cached or expired.
func (c *Client) robotsFor(ctx context.Context, u *url.URL) (*robotsRules, error) {
	h := c.host(u)
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.robots == nil || time.Now().After(h.robotsUntil) {
		rules, ttl, err := c.fetchRobots(ctx, u, h)
		if err != nil {
			return nil, err
		}
		h.robots, h.robotsUntil = rules, time.Now().Add(ttl)
		if d := rules.crawlDelay; d > 0 && rate.Every(d) < rate.Limit(c.cfg.Rate) {
			h.lim.SetLimit(rate.Every(d))
		} else {
			h.lim.SetLimit(rate.Limit(c.cfg.Rate))
		}
	}
	return h.robots, nil
}

// fetchRobots gets and parses robots.txt. A 4xx means no rules (allow all); a 5xx or
// network failure means disallow all until robotsRetry has passed. Only a cancelled
// context is returned as an error.
func (c *Client) fetchRobots(ctx context.Context, u *url.URL, h *hostState) (*robotsRules, time.Duration, error) {
	ru := &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}
	if err := h.lim.Wait(ctx); err != nil {
		return nil, 0, fmt.Errorf("robots.txt: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, ru.String(), nil)
	if err != nil {
		return nil, 0, fmt.Errorf("robots.txt: %w", err)
	}
	req.Header.Set("User-Agent", c.ua)
	resp, err := c.http.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, 0, fmt.Errorf("robots.txt: %w", ctx.Err())
		}
		if errors.Is(err, ErrPrivateAddress) || errors.Is(err, ErrScheme) {
			return nil, 0, fmt.Errorf("robots.txt: %w", err)
		}
		return &robotsRules{disallowAll: true, why: "robots.txt unreachable: " + err.Error()}, robotsRetry, nil
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode >= 500:
		return &robotsRules{disallowAll: true, why: fmt.Sprintf("robots.txt answered HTTP %d", resp.StatusCode)}, robotsRetry, nil
	case resp.StatusCode >= 400:
		return &robotsRules{}, c.cfg.RobotsTTL, nil
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return &robotsRules{}, robotsRetry, nil
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, robotsMaxBody))
	if err != nil {
		if ctx.Err() != nil {
			return nil, 0, fmt.Errorf("robots.txt: %w", ctx.Err())
		}
		return &robotsRules{disallowAll: true, why: "robots.txt unreadable: " + err.Error()}, robotsRetry, nil
	}
	return parseRobots(body), c.cfg.RobotsTTL, nil
}

// parseRobots reduces a robots.txt to the group that applies to us.
func parseRobots(body []byte) *robotsRules {
	data, err := robotstxt.FromBytes(body)
	if err != nil {
		// The parser rejects a whole file for one bad line; drop such lines, as
		// other crawlers do, rather than lose the valid rules.
		data, err = robotstxt.FromBytes(sanitiseRobots(body))
	}
	if err != nil || data == nil {
		return &robotsRules{}
	}
	g := data.FindGroup(robotsAgent)
	r := &robotsRules{group: g}
	if g != nil {
		r.crawlDelay = g.CrawlDelay
	}
	return r
}

// sanitiseRobots drops the lines robotstxt rejects: a line is dropped when it fails
// to parse on its own inside a group (e.g. a bad Crawl-delay), or when it holds a
// rule before the first User-agent line.
func sanitiseRobots(body []byte) []byte {
	text := strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(string(body))
	var out strings.Builder
	sawAgent := false
	for _, line := range strings.Split(text, "\n") {
		if _, err := robotstxt.FromBytes([]byte("User-agent: x\n" + line + "\n")); err != nil {
			continue
		}
		key := strings.ToLower(firstToken(line))
		if key == "user-agent" || key == "useragent" {
			sawAgent = true
		} else if !sawAgent {
			if _, err := robotstxt.FromBytes([]byte(line + "\n")); err != nil {
				continue
			}
		}
		out.WriteString(line)
		out.WriteByte('\n')
	}
	return []byte(out.String())
}

// firstToken is a robots.txt line's key: up to the first colon or white space.
func firstToken(line string) string {
	line = strings.TrimLeft(line, " \t")
	if i := strings.IndexAny(line, ": \t"); i >= 0 {
		return line[:i]
	}
	return line
}
