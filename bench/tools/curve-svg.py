#!/usr/bin/env python3
"""Draws docs/benchmarks-curve.svg (seconds and peak MiB against units) from the bench's JSON: python3 curve-svg.py results.json out.svg [title]"""
import json, sys

report = json.load(open(sys.argv[1]))
runs = [r for r in report.get("Consolidation") or [] if r["Variant"] == "after-merger"]
runs.sort(key=lambda r: r["Units"])
if not runs:
    sys.exit("no after-merger runs in " + sys.argv[1])
W, H, L, R, T, B = 640, 320, 60, 60, 30, 50
TITLE = sys.argv[3] if len(sys.argv) > 3 else "Consolidation of one quarter: time and peak memory against units"
xs = [r["Units"] for r in runs]
secs = [r["Seconds"] for r in runs]
mibs = [r["PeakWorkingSetMiB"] for r in runs]
xmax, smax, mmax = max(xs) * 1.05, max(secs) * 1.2, max(mibs) * 1.2
def x(u): return L + (W - L - R) * u / xmax
def ys(s): return H - B - (H - T - B) * s / smax
def ym(m): return H - B - (H - T - B) * m / mmax
out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="11">',
       f'<rect width="{W}" height="{H}" fill="white"/>',
       f'<text x="{W/2}" y="16" text-anchor="middle" font-size="13">{TITLE}</text>',
       f'<line x1="{L}" y1="{H-B}" x2="{W-R}" y2="{H-B}" stroke="black"/>',
       f'<line x1="{L}" y1="{T}" x2="{L}" y2="{H-B}" stroke="#1f77b4"/>',
       f'<line x1="{W-R}" y1="{T}" x2="{W-R}" y2="{H-B}" stroke="#d62728"/>',
       f'<text x="{W/2}" y="{H-12}" text-anchor="middle">units</text>',
       f'<text x="14" y="{H/2}" transform="rotate(-90 14 {H/2})" text-anchor="middle" fill="#1f77b4">seconds</text>',
       f'<text x="{W-14}" y="{H/2}" transform="rotate(90 {W-14} {H/2})" text-anchor="middle" fill="#d62728">peak MiB</text>']
for u in xs:
    out.append(f'<text x="{x(u):.1f}" y="{H-B+15}" text-anchor="middle">{u:,}</text>')
for i in range(5):
    s, m = smax * i / 4, mmax * i / 4
    out.append(f'<text x="{L-5}" y="{ys(s)+4:.1f}" text-anchor="end" fill="#1f77b4">{s:.0f}</text>')
    out.append(f'<text x="{W-R+5}" y="{ym(m)+4:.1f}" fill="#d62728">{m:.0f}</text>')
    out.append(f'<line x1="{L}" y1="{ys(s):.1f}" x2="{W-R}" y2="{ys(s):.1f}" stroke="#eee"/>')
for vals, f, colour in ((secs, ys, "#1f77b4"), (mibs, ym, "#d62728")):
    pts = " ".join(f"{x(u):.1f},{f(v):.1f}" for u, v in zip(xs, vals))
    out.append(f'<polyline points="{pts}" fill="none" stroke="{colour}" stroke-width="2"/>')
    for u, v in zip(xs, vals):
        out.append(f'<circle cx="{x(u):.1f}" cy="{f(v):.1f}" r="3" fill="{colour}"/>')
        out.append(f'<text x="{x(u):.1f}" y="{f(v)-7:.1f}" text-anchor="middle" fill="{colour}">{v:g}</text>')
out.append("</svg>")
open(sys.argv[2], "w").write("\n".join(out))
