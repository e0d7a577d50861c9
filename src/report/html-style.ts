/** The HTML report's style sheet (inline: the report fetches nothing). */
export const HTML_STYLE = `
:root { --pass: #d9f2dc; --pass-ink: #14532d; --fail: #fbd5d5; --fail-ink: #8b1111; --inc: #fdf1c7; --inc-ink: #6b4e00; --unsent: #e6e8eb; --unsent-ink: #4b535d; --line: #d0d4da; --dim: #5b6470; }
* { box-sizing: border-box; }
body { font: 14px/1.4 system-ui, sans-serif; margin: 0 1.5rem 4rem; color: #1b1f24; }
header h1 { font-size: 1.4rem; margin: 1rem 0 0; }
.dim { color: var(--dim); }
#summary { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start; margin: 1rem 0; }
.counts { border-collapse: collapse; }
.counts td, .counts th { padding: 2px 8px; text-align: left; border-bottom: 1px solid var(--line); }
.badge { display: inline-block; min-width: 2.5em; padding: 0 6px; border-radius: 3px; text-align: right; font-variant-numeric: tabular-nums; }
.badge.pass { background: var(--pass); color: var(--pass-ink); }
.badge.fail { background: var(--fail); color: var(--fail-ink); font-weight: 600; }
.badge.inconclusive { background: var(--inc); color: var(--inc-ink); }
.badge.not-sent { background: var(--unsent); color: var(--unsent-ink); }
.chart svg { display: block; }
.chart rect { fill: #5b7db1; }
.chart text { font-size: 10px; fill: var(--dim); }
#filters { position: sticky; top: 0; background: #fff; padding: 6px 0; border-bottom: 1px solid var(--line); z-index: 1; }
#filters .row { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; margin-bottom: 4px; }
#verdict-filter label { padding: 0 6px; border-radius: 3px; margin-right: 4px; }
#verdict-filter .pass { background: var(--pass); } #verdict-filter .fail { background: var(--fail); }
#verdict-filter .inconclusive { background: var(--inc); } #verdict-filter .not-sent { background: var(--unsent); }
#not-passing summary h2, #findings summary h2 { display: inline; font-size: 1.05rem; }
#not-passing ol, #findings ol { margin: 0.3rem 0; padding-left: 1.5rem; max-width: 60rem; }
.fix { margin-top: 2px; }
.offscreen { position: fixed; left: -9999px; }
.scenario { margin-top: 1.5rem; }
.scenario h2 { font-size: 1.1rem; margin: 0; }
.step h3 { font-size: 0.95rem; font-weight: 500; margin: 0.8rem 0 0.3rem; }
table.matrix { border-collapse: collapse; font-family: ui-monospace, monospace; font-size: 13px; }
table.matrix th, table.matrix td { border: 1px solid var(--line); padding: 2px 6px; }
table.matrix thead th { font-weight: 500; text-align: left; vertical-align: bottom; max-width: 14em; overflow-wrap: anywhere; }
table.matrix tbody th { text-align: left; font-weight: 500; white-space: nowrap; }
button.cell { font: inherit; border: 1px solid transparent; border-radius: 3px; padding: 1px 6px; margin: 1px; cursor: pointer; }
button.cell.pass { background: var(--pass); color: var(--pass-ink); }
button.cell.fail { background: var(--fail); color: var(--fail-ink); font-weight: 700; border-color: var(--fail-ink); }
button.cell.inconclusive { background: var(--inc); color: var(--inc-ink); }
button.cell.not-sent { background: var(--unsent); color: var(--unsent-ink); }
button.cell.selected { outline: 3px solid #1f6feb; }
.legend { font-family: ui-monospace, monospace; font-size: 12px; }
#detail { position: fixed; top: 0; right: 0; bottom: 0; width: min(40rem, 50vw); overflow: auto; background: #fff; border-left: 2px solid var(--line); padding: 1rem 1.2rem; box-shadow: -4px 0 12px rgba(0,0,0,.08); z-index: 2; }
#detail h2 { font-size: 1.05rem; margin: 0 2rem 0.5rem 0; }
#detail dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 12px; margin: 0; }
#detail dt { color: var(--dim); }
#detail dd { margin: 0; overflow-wrap: anywhere; }
#detail pre, #detail code { font-family: ui-monospace, monospace; font-size: 12px; background: #f4f5f7; white-space: pre-wrap; overflow-wrap: anywhere; }
#detail pre { padding: 6px; margin: 0; max-height: 16rem; overflow: auto; }
#detail .close { position: absolute; top: 0.8rem; right: 1rem; }
.hidden { display: none; }
`;
